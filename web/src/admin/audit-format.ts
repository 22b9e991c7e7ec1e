/** How the audit log reads: times in Seoul, who did it, and the before/after record as plain text. */
import type { Lang } from '../../../src/core/shared/localized';
import type { AuditEntryT } from '../../../src/shared/contracts/accounts';
import { formatDateShort, formatDateTime } from '../lib/format';

/** Entity types the server records, in the order the filter lists them. */
export const AUDIT_ENTITY_TYPES = ['work_package', 'milestone', 'budget_line', 'budget_spending', 'user'] as const;

/** When an entry was made, in Seoul whatever the browser's zone: "2026년 12월 7일 (월) 14:11". */
export function formatAuditTime(iso: string, lang: Lang): string {
  return formatDateTime(iso, lang) || iso;
}

/** The calendar day in Seoul, e.g. for when an account was created: "2020년 3월 2일" / "2 Mar 2020". */
export function formatSeoulDate(iso: string, lang: Lang): string {
  return formatDateShort(iso, lang) || iso;
}

export type Actor = { kind: 'name'; text: string } | { kind: 'label'; text: string } | { kind: 'id'; text: string } | { kind: 'system' };

/**
 * Who made the change: the account's name when the viewer may list accounts, otherwise the label
 * kept with the entry (e.g. 'cli') or the account id. Entries without either were made by the system.
 */
export function actorOf(entry: Pick<AuditEntryT, 'actorId' | 'actorLabel'>, names: ReadonlyMap<string, string>): Actor {
  if (entry.actorId) {
    const name = names.get(entry.actorId);
    if (name) return { kind: 'name', text: name };
  }
  if (entry.actorLabel) return { kind: 'label', text: entry.actorLabel };
  if (entry.actorId) return { kind: 'id', text: entry.actorId };
  return { kind: 'system' };
}

/** The stored record as indented JSON text, for a <pre>; empty when there is none. */
export function recordText(value: unknown): string {
  if (value === null || value === undefined) return '';
  // Records come from JSON columns, so they always serialise back to JSON.
  return JSON.stringify(value, null, 2);
}

/** Adds a page to the entries already shown, skipping any entry seen before. */
export function appendPage<T extends { id: string }>(shown: readonly T[], page: readonly T[]): T[] {
  const seen = new Set(shown.map((e) => e.id));
  return [...shown, ...page.filter((e) => !seen.has(e.id))];
}
