/**
 * Plan dates at the precision the plan gives them ('2020-02' or '2020-02-15') and their display:
 * "2020년 2월 – 7월" / "Feb – Jul 2020". Pure, so the schedule and plan pages share one wording.
 */
import type { Lang } from '../../../src/core/shared/localized';

export interface PlanDateParts {
  year: number;
  /** 1–12. */
  month: number;
  /** 1–31, or null when the plan gives only the month. */
  day: number | null;
}

const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** '2020-02' → {2020, 2, null}; '2020-02-15' → {2020, 2, 15}; anything else → null. */
export function parsePlanDate(value: string): PlanDateParts | null {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(value);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = m[3] === undefined ? null : Number(m[3]);
  if (month < 1 || month > 12) return null;
  if (day !== null && (day < 1 || day > 31)) return null;
  return { year, month, day };
}

/** Short English month name, 1 → "Jan". */
export function enMonth(month: number): string {
  return EN_MONTHS[month - 1] ?? String(month);
}

/** A month on the timeline's axis: long "2월" / "Feb", narrow "2" / "F". */
export function monthLabel(month: number, lang: Lang, width: 'long' | 'narrow'): string {
  if (lang === 'ko') return width === 'long' ? `${month}월` : String(month);
  return width === 'long' ? enMonth(month) : enMonth(month).charAt(0);
}

function koPart(p: PlanDateParts, withYear: boolean): string {
  const parts = withYear ? [`${p.year}년`, `${p.month}월`] : [`${p.month}월`];
  if (p.day !== null) parts.push(`${p.day}일`);
  return parts.join(' ');
}

function enPart(p: PlanDateParts, withYear: boolean): string {
  const parts = p.day !== null ? [String(p.day), enMonth(p.month)] : [enMonth(p.month)];
  if (withYear) parts.push(String(p.year));
  return parts.join(' ');
}

/** One date: "2019년 10월 22일" / "22 Oct 2019"; "2020년 12월" / "Dec 2020". Unparsable input is returned as is. */
export function formatPlanDate(value: string, lang: Lang): string {
  const p = parsePlanDate(value);
  if (!p) return value;
  return lang === 'ko' ? koPart(p, true) : enPart(p, true);
}

/**
 * A period without repeating the shared year: "2020년 2월 – 7월" / "Feb – Jul 2020";
 * across years "2020년 11월 – 2021년 2월" / "Nov 2020 – Feb 2021"; a single month "2020년 10월" / "Oct 2020".
 */
export function formatPeriod(start: string, end: string, lang: Lang): string {
  const s = parsePlanDate(start);
  const e = parsePlanDate(end);
  if (!s || !e) return start === end ? start : `${start} – ${end}`;
  if (start === end) return formatPlanDate(start, lang);
  const sameYear = s.year === e.year;
  if (lang === 'ko') return `${koPart(s, true)} – ${koPart(e, !sameYear)}`;
  return `${enPart(s, !sameYear)} – ${enPart(e, true)}`;
}

export interface YearMonth {
  year: number;
  month: number;
}

/** Months elapsed from `from` to `to` (0 when equal, negative when `to` is earlier). */
export function monthOffset(from: YearMonth, to: YearMonth): number {
  return (to.year - from.year) * 12 + (to.month - from.month);
}

/**
 * Every month from the earliest start to the latest end of the given periods, inclusive, so the
 * timeline's grid follows the data (2020-01 … 2020-12 for the 2019 plan). Empty when nothing parses.
 */
export function monthSpan(periods: readonly { start: string; end: string }[]): YearMonth[] {
  let first: YearMonth | null = null;
  let last: YearMonth | null = null;
  for (const p of periods) {
    const s = parsePlanDate(p.start);
    const e = parsePlanDate(p.end);
    if (s && (!first || monthOffset(s, first) > 0)) first = { year: s.year, month: s.month };
    if (e && (!last || monthOffset(last, e) > 0)) last = { year: e.year, month: e.month };
  }
  if (!first || !last || monthOffset(first, last) < 0) return [];
  const out: YearMonth[] = [];
  for (let i = 0; i <= monthOffset(first, last); i++) {
    const index = first.month - 1 + i;
    out.push({ year: first.year + Math.floor(index / 12), month: (index % 12) + 1 });
  }
  return out;
}

/**
 * Where a period sits on a month grid that starts at `gridStart`: the first column (1-based, as CSS
 * grid lines count) and how many month columns it covers. A period given in days still fills whole months.
 */
export function gridPlacement(gridStart: YearMonth, start: string, end: string): { column: number; span: number } | null {
  const s = parsePlanDate(start);
  const e = parsePlanDate(end);
  if (!s || !e) return null;
  const from = monthOffset(gridStart, s);
  const to = monthOffset(gridStart, e);
  if (to < from) return null;
  return { column: from + 1, span: to - from + 1 };
}

/** Sort key that orders periods by start, then end, at any precision ('2020-02' sorts before '2020-02-15'). */
export function comparePeriods(a: { start: string; end: string }, b: { start: string; end: string }): number {
  return a.start.localeCompare(b.start) || a.end.localeCompare(b.end);
}
