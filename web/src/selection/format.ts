/**
 * How the review and selection pages read numbers and order rows: scores with one decimal, offsets
 * with their sign, the solver's gap as a percentage, the progress of an assignment run, and a
 * stable sort with missing values last. Pure, so it is unit-tested in Node.
 */
import type { Lang } from '../../../src/core/shared/localized';

const locale = (lang: Lang) => (lang === 'ko' ? 'ko-KR' : 'en-GB');

/** A score or mean as "72.4" (grouped digits, fixed decimals); null when there is no number. */
export function formatNumber(value: number | null | undefined, lang: Lang, digits = 1): string | null {
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  // -0.04 rounds to "-0.0": show it as 0 rather than as a negative zero.
  const rounded = Number(value.toFixed(digits));
  return new Intl.NumberFormat(locale(lang), { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(Object.is(rounded, -0) ? 0 : rounded);
}

/**
 * A signed difference, "+3.2" or "−3.2" (a true minus sign, which screen readers read as minus);
 * zero after rounding has no sign.
 */
export function formatSigned(value: number | null | undefined, lang: Lang, digits = 1): string | null {
  const text = formatNumber(value === null || value === undefined ? value : Math.abs(value), lang, digits);
  if (text === null || value === null || value === undefined) return null;
  if (Number(Math.abs(value).toFixed(digits)) === 0) return text;
  return value > 0 ? `+${text}` : `\u2212${text}`;
}

/** The solver's relative gap (0.0012) as "0.12%"; null when the solver reported none. */
export function formatGap(gap: number | null | undefined, lang: Lang): string | null {
  if (gap === null || gap === undefined || !Number.isFinite(gap)) return null;
  return new Intl.NumberFormat(locale(lang), { style: 'percent', minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(gap);
}

/** Whole numbers with grouped digits: "1,234". */
export function formatCount(value: number, lang: Lang): string {
  return new Intl.NumberFormat(locale(lang), { maximumFractionDigits: 0 }).format(value);
}

export type OffsetKind = 'harsh' | 'lenient' | 'neutral';

/**
 * How a reviewer's offset reads: below the consensus is harsh, above is lenient. Offsets within
 * `threshold` points (on the 0..100 scale) are called close to average: with a few reviews each,
 * a point or two is noise, not a habit.
 */
export function offsetKind(offset: number, threshold = 2): OffsetKind {
  if (offset <= -threshold) return 'harsh';
  if (offset >= threshold) return 'lenient';
  return 'neutral';
}

/** The steps of an assignment run as the server reports them (AssignmentRunPhase in the review contract). */
export const ASSIGNMENT_PHASES = ['loading', 'diagnosing', 'building', 'solving', 'verifying', 'resolving_integer', 'saving', 'done'] as const;
export type AssignmentPhaseName = (typeof ASSIGNMENT_PHASES)[number];

export const FINISHED_RUN_STATUSES = ['assigned', 'infeasible', 'failed'] as const;

export function isFinishedRun(status: string): boolean {
  return (FINISHED_RUN_STATUSES as readonly string[]).includes(status);
}

/**
 * How far a run has come, 0..100, for the progress bar. A queued run is at 0, a finished one at
 * 100; in between each phase counts as one step (re-solving with integers is the rare extra step,
 * so it shares the place of verifying).
 */
export function runProgress(status: string, phase: string | null | undefined): number {
  if (isFinishedRun(status)) return 100;
  if (status === 'queued' || !phase) return 0;
  const steps: Record<string, number> = { loading: 1, diagnosing: 2, building: 3, solving: 4, verifying: 5, resolving_integer: 5, saving: 6, done: 7 };
  const step = steps[phase];
  if (step === undefined) return 0;
  return Math.round((step / 7) * 100);
}

/** The phase's message key, or null for an unknown phase name (shown without a phase then). */
export function phaseKey(phase: string | null | undefined): AssignmentPhaseName | null {
  return phase && (ASSIGNMENT_PHASES as readonly string[]).includes(phase) ? (phase as AssignmentPhaseName) : null;
}

export type SortDirection = 'ascending' | 'descending';

/**
 * Rows ordered by `value`; rows without a value go last whatever the direction, and equal values
 * keep their given order (a stable sort), so the table does not jump when re-sorted.
 */
export function sortRows<T>(rows: readonly T[], value: (row: T) => number | string | null | undefined, direction: SortDirection): T[] {
  const sign = direction === 'ascending' ? 1 : -1;
  return rows
    .map((row, i) => ({ row, i, v: value(row) }))
    .sort((a, b) => {
      const aMissing = a.v === null || a.v === undefined || (typeof a.v === 'number' && Number.isNaN(a.v));
      const bMissing = b.v === null || b.v === undefined || (typeof b.v === 'number' && Number.isNaN(b.v));
      if (aMissing || bMissing) return aMissing === bMissing ? a.i - b.i : aMissing ? 1 : -1;
      const cmp = typeof a.v === 'number' && typeof b.v === 'number' ? a.v - b.v : String(a.v).localeCompare(String(b.v));
      return cmp === 0 ? a.i - b.i : sign * cmp;
    })
    .map((x) => x.row);
}

/** Clicking a sorted header turns its order round; an unsorted column starts with the highest first. */
export function nextSort(current: SortDirection | null): SortDirection {
  return current === 'descending' ? 'ascending' : 'descending';
}

/** Locks before a selection run: an applicant is locked in, locked out, or neither — never both. */
export interface LockSet {
  in: string[];
  out: string[];
}

export function setLock(locks: LockSet, id: string, direction: 'in' | 'out' | null): LockSet {
  const without = { in: locks.in.filter((x) => x !== id), out: locks.out.filter((x) => x !== id) };
  if (direction === null) return without;
  return { ...without, [direction]: [...without[direction], id] };
}

export function lockOf(locks: LockSet, id: string): 'in' | 'out' | null {
  if (locks.in.includes(id)) return 'in';
  if (locks.out.includes(id)) return 'out';
  return null;
}

/** A seed as the server takes it: trimmed, or left out when empty so the server picks one. */
export function seedToSend(seed: string): string | undefined {
  const trimmed = seed.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** Positive whole numbers for the run parameters; empty means "use the default". */
export function parsePositiveInt(text: string, max: number): number | null | 'invalid' {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  if (!/^\d+$/.test(trimmed)) return 'invalid';
  const n = Number(trimmed);
  return n >= 1 && n <= max ? n : 'invalid';
}
