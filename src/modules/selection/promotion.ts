/**
 * Who takes a place freed by a decline (pure). The waitlist is in rank order, but admitting from it
 * must still respect the quotas (docs/selection.md): the first waitlisted person whose admission
 * keeps every quota met; if nobody can (say a sector minimum and nobody of that sector waits),
 * the first whose admission breaks no maximum; otherwise nobody, and the seat stays free.
 */
import type { Quota } from '../../core/recruitment/selection.js';

export interface Holder {
  readonly id: string;
  readonly attributes: Readonly<Record<string, string>>;
}

const matches = (h: Holder, q: Quota): boolean => h.attributes[q.attribute] === q.value;

/** `selected`: who holds a place now (the decliner already removed); `waitlist`: in waitlist order. */
export function pickPromotion(quotas: readonly Quota[], selected: readonly Holder[], waitlist: readonly Holder[]): string | null {
  const counts = quotas.map((q) => selected.filter((h) => matches(h, q)).length);
  const after = (c: Holder) => quotas.map((q, i) => counts[i]! + (matches(c, q) ? 1 : 0));
  const withinMax = (c: Holder) => after(c).every((n, i) => quotas[i]!.max === undefined || n <= quotas[i]!.max!);
  const meetsMin = (c: Holder) => after(c).every((n, i) => quotas[i]!.min === undefined || n >= quotas[i]!.min!);
  const allowed = waitlist.filter(withinMax);
  return (allowed.find(meetsMin) ?? allowed[0])?.id ?? null;
}
