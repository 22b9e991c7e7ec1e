/**
 * Paging of the staff lists of a cohort's people with their attendance or completion. Both lists
 * need every member's record anyway — the per-session rates, the cohort rate and the completion
 * totals count everyone — so the rows are computed once for the cohort, then filtered and cut to
 * one page here, and only that page leaves the server (and goes to the access log).
 */
import { offsetOf } from '../../shared/contracts/paging.js';

/** Whether `q` (already trimmed; empty or undefined: no filter) is a part of the name or the address, ignoring case. */
export function matchesText(q: string | undefined, person: { name: string; email: string }): boolean {
  if (!q) return true;
  const needle = q.toLocaleLowerCase('ko');
  return person.name.toLocaleLowerCase('ko').includes(needle) || person.email.toLocaleLowerCase('ko').includes(needle);
}

/** By name, then by id, so pages never overlap or skip a person with the same name. */
export function byName<T extends { name: string; userId: string }>(a: T, b: T): number {
  if (a.name !== b.name) return a.name < b.name ? -1 : 1;
  return a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0;
}

/** One page of the rows that match, in name order, with how many match. */
export function pageOfMembers<T extends { name: string; userId: string }>(rows: readonly T[], matches: (row: T) => boolean, query: { page: number; pageSize: number }): { items: T[]; total: number } {
  const matching = rows.filter(matches).sort(byName);
  const from = offsetOf(query);
  return { items: matching.slice(from, from + query.pageSize), total: matching.length };
}
