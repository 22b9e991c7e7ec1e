/**
 * Pure helpers of the staff course pages: Seoul days and times (the campus states every time in
 * Asia/Seoul whatever the browser's zone), a session's week in its cohort, moving a session by a day
 * or a slot, rates as percentages and the check-in code's countdown. No I/O, so unit-tested in Node.
 */
import type { Lang } from '../../../../src/core/shared/localized';
import { formatDate, formatNumber, formatPercent as sharePercent, weekdayName } from '../../lib/format';

/** A correction or revocation needs a reason of this length (the attendance contract's bounds). */
export const REASON_MIN = 5;
export const REASON_MAX = 500;

const SEOUL_OFFSET_MS = 9 * 3_600_000;
const DAY_MS = 86_400_000;
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** The Seoul wall clock of an instant as its parts (UTC fields of a shifted date). */
function seoulParts(iso: string): Date | null {
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? new Date(ms + SEOUL_OFFSET_MS) : null;
}

/** 'YYYY-MM-DD' of an instant in Seoul, or '' when it is not a time. */
export function seoulDay(iso: string): string {
  const s = seoulParts(iso);
  return s ? `${pad(s.getUTCFullYear(), 4)}-${pad(s.getUTCMonth() + 1)}-${pad(s.getUTCDate())}` : '';
}

/** 'HH:mm' of an instant in Seoul, or ''. */
export function seoulTime(iso: string): string {
  const s = seoulParts(iso);
  return s ? `${pad(s.getUTCHours())}:${pad(s.getUTCMinutes())}` : '';
}

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Whether 'YYYY-MM-DD' names a real calendar day (2026-02-30 does not). */
export function isRealDay(day: string): boolean {
  const m = DAY_RE.exec(day.trim());
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(Date.UTC(y, mo - 1, d));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === mo - 1 && probe.getUTCDate() === d;
}

export function isTime(time: string): boolean {
  return TIME_RE.test(time.trim());
}

/** A Seoul day and time → ISO 8601 with +09:00, or null when either is not real. */
export function seoulInstant(day: string, time: string): string | null {
  if (!isRealDay(day) || !isTime(time)) return null;
  return `${day.trim()}T${time.trim()}:00+09:00`;
}

/** An epoch time → ISO 8601 in Seoul with +09:00 (what the server is sent). */
export function isoSeoul(ms: number): string {
  const s = new Date(ms + SEOUL_OFFSET_MS);
  return `${pad(s.getUTCFullYear(), 4)}-${pad(s.getUTCMonth() + 1)}-${pad(s.getUTCDate())}T${pad(s.getUTCHours())}:${pad(s.getUTCMinutes())}:${pad(s.getUTCSeconds())}+09:00`;
}

/**
 * A session's end from its start: the last of its `days` consecutive days, `durationMinutes` after
 * the start time of that day (a 3-day field study of 480 minutes ends on day 3 at start + 8 h).
 */
export function sessionEnd(startIso: string, durationMinutes: number, days: number): string | null {
  const start = Date.parse(startIso);
  if (!Number.isFinite(start)) return null;
  return isoSeoul(start + (Math.max(1, days) - 1) * DAY_MS + durationMinutes * 60_000);
}

/** Moves a start by whole days and minutes, keeping it in Seoul time. */
export function shiftStart(startIso: string, byDays: number, byMinutes = 0): string | null {
  const start = Date.parse(startIso);
  if (!Number.isFinite(start)) return null;
  return isoSeoul(start + byDays * DAY_MS + byMinutes * 60_000);
}

/** Days between two 'YYYY-MM-DD' (b − a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}

/** The week of the cohort an instant falls in: 0 for the seven days from `startsOn`, then 1, 2… (negative before). */
export function cohortWeek(startsOn: string, iso: string): number {
  const day = seoulDay(iso);
  if (!day) return 0;
  return Math.floor(daysBetween(startsOn, day) / 7);
}

/** 'YYYY-MM-DD' plus n days. */
export function addDays(day: string, n: number): string {
  const d = new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** The first day of week `week` of a cohort ('YYYY-MM-DD'). */
export function weekStart(startsOn: string, week: number): string {
  return addDays(startsOn, week * 7);
}

export interface Timed {
  id: string;
  startsAt: string | null;
  position: number;
}

export interface WeekGroup<T> {
  week: number;
  /** First day of the week, 'YYYY-MM-DD'. */
  from: string;
  /** Last day of the week. */
  to: string;
  sessions: T[];
}

/**
 * Sessions by the cohort's weeks in time order (weeks without sessions are left out, so the list
 * stays short); sessions without a time come back apart, in curriculum order.
 */
export function groupByWeek<T extends Timed>(sessions: readonly T[], startsOn: string): { weeks: WeekGroup<T>[]; untimed: T[] } {
  const timed = sessions.filter((s) => s.startsAt !== null).sort((a, b) => Date.parse(a.startsAt!) - Date.parse(b.startsAt!) || a.position - b.position);
  const untimed = sessions.filter((s) => s.startsAt === null).sort((a, b) => a.position - b.position);
  const weeks: WeekGroup<T>[] = [];
  for (const s of timed) {
    const week = cohortWeek(startsOn, s.startsAt!);
    let group = weeks.find((w) => w.week === week);
    if (!group) {
      const from = weekStart(startsOn, week);
      group = { week, from, to: addDays(from, 6), sessions: [] };
      weeks.push(group);
    }
    group.sessions.push(s);
  }
  return { weeks, untimed };
}

/** A rate 0..1 as "85%" (no decimals; "83.3%" under 10 sessions would claim too much); null → null. */
export function formatPercent(rate: number | null | undefined, lang: Lang): string | null {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return null;
  return sharePercent(rate, lang);
}

/** Won with grouped digits: "300,000" (the message around it names the unit). */
export function formatWon(amount: number, lang: Lang): string {
  return formatNumber(amount, lang);
}

/** A day for reading ('2020-08-03' → "2020년 8월 3일 (월)" / "Mon 3 Aug 2020"), in the reader's language. */
export function formatDay(day: string, lang: Lang): string {
  if (!isRealDay(day)) return day;
  return formatDate(day, lang);
}

/** "09:00–12:00" for one day's part of a session. */
export function formatTimeRange(startIso: string, durationMinutes: number): string {
  const end = isoSeoul(Date.parse(startIso) + durationMinutes * 60_000);
  return `${seoulTime(startIso)}\u2013${seoulTime(end)}`;
}

/** Whole seconds from `nowMs` until `untilIso`, never below 0 (the countdown of a check-in code). */
export function secondsLeft(untilIso: string, nowMs: number): number {
  const until = Date.parse(untilIso);
  if (!Number.isFinite(until)) return 0;
  return Math.max(0, Math.ceil((until - nowMs) / 1000));
}

/**
 * When to ask for the next code: a little before the current one expires (so the screen never shows
 * a dead code), but not sooner than a second from now. In milliseconds from `nowMs`.
 */
export function refreshDelay(untilIso: string, nowMs: number, leadMs = 1500): number {
  const until = Date.parse(untilIso);
  if (!Number.isFinite(until)) return 5000;
  return Math.max(1000, until - nowMs - leadMs);
}

/** A code spaced in groups of three for reading aloud and from afar ("123 456"). */
export function spacedCode(code: string): string {
  return code.replace(/(\d{3})(?=\d)/g, '$1 ');
}

/** Parses a non-negative whole number of won ("300,000" or "300000"); null when it is not one. */
export function parseWon(text: string): number | null {
  const clean = text.replace(/[,\s]/g, '');
  if (!/^\d{1,9}$/.test(clean)) return null;
  return Number(clean);
}

/** Parses a whole number within [min, max]; null otherwise. */
export function parseIntIn(text: string, min: number, max: number): number | null {
  const clean = text.trim();
  if (!/^-?\d+$/.test(clean)) return null;
  const n = Number(clean);
  return n >= min && n <= max ? n : null;
}

/** "1, 3, 5-7" → [1, 3, 5, 6, 7] (week numbers as people count them, from 1); null when malformed. */
export function parseWeekList(text: string, max = 105): number[] | null {
  const clean = text.trim();
  if (clean === '') return [];
  const out = new Set<number>();
  for (const part of clean.split(/[,\s]+/).filter(Boolean)) {
    const m = /^(\d+)(?:[-\u2013~](\d+))?$/.exec(part);
    if (!m) return null;
    const a = Number(m[1]);
    const b = m[2] === undefined ? a : Number(m[2]);
    if (a < 1 || b < a || b > max) return null;
    for (let w = a; w <= b; w += 1) out.add(w);
  }
  return [...out].sort((x, y) => x - y);
}

/** [0, 1, 2, 4] (weeks from 0) → "1–3, 5" (from 1, as people count them). */
export function formatWeekList(weeks: readonly number[]): string {
  const sorted = [...new Set(weeks)].sort((a, b) => a - b).map((w) => w + 1);
  const parts: string[] = [];
  let i = 0;
  while (i < sorted.length) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j += 1;
    parts.push(j > i ? `${sorted[i]}\u2013${sorted[j]}` : String(sorted[i]));
    i = j + 1;
  }
  return parts.join(', ');
}

/** Minutes from midnight as "HH:mm". */
export function clock(minutes: number): string {
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

/**
 * A room's weekly availability as a line ("Mon 09:00–21:00; Tue 09:00–12:00, 13:00–21:00"), ISO
 * weekdays in order; null when the room is always open (an empty record).
 */
export function formatAvailability(availability: Record<string, readonly (readonly [number, number])[]>, lang: Lang): string | null {
  const days = Object.keys(availability)
    .filter((d) => /^[1-7]$/.test(d))
    .sort();
  if (days.length === 0) return null;
  const name = (d: number) => weekdayName(d, lang);
  return days
    .map((d) => {
      const ranges = availability[d] ?? [];
      return `${name(Number(d))} ${ranges.length === 0 ? '\u2014' : ranges.map(([a, b]) => `${clock(a)}\u2013${clock(b)}`).join(', ')}`;
    })
    .join('; ');
}
