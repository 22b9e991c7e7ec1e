/**
 * How the course pages word times, dates and places: every session time in Asia/Seoul whatever the
 * reader's own time zone (the campus states times there), cohort days as plan dates, and whether an
 * open cohort takes enrolments now. Pure, so it is tested on its own; the server still decides.
 */
import type { Lang, LocalizedText } from '../../../../src/core/shared/localized';
import { formatDate, formatDateTime, formatRange, formatTime, seoulDayKey } from '../../lib/format';
import { formatPeriod } from '../../lib/period';

/** The calendar day of an instant in Seoul, 'YYYY-MM-DD' (a key for grouping, never shown). */
export function seoulDay(iso: string): string {
  return seoulDayKey(iso);
}

/** "2020년 8월 4일 (화)" / "Tue 4 Aug 2020": the Seoul day of an instant, with its weekday. */
export function seoulDate(iso: string, lang: Lang): string {
  return formatDate(iso, lang);
}

/** "14:00": 24-hour clock in Seoul, the same in both languages so nobody misreads 오전/오후 or am/pm. */
export function seoulClock(iso: string): string {
  return formatTime(iso);
}

/**
 * When a session meets, in Seoul: "2020년 8월 4일 (화) 14:00–17:00"; a session over several days
 * (the field study) "2020년 9월 7일 (월) 09:00 – 2020년 9월 9일 (수) 17:00". Null when not timetabled yet.
 */
export function sessionWhen(startsAt: string | null, endsAt: string | null, lang: Lang): string | null {
  if (!startsAt) return null;
  return formatRange(startsAt, endsAt, lang);
}

/** A cohort's days ('2020-08-04' … '2020-11-24') as "2020년 8월 4일 – 11월 24일" / "4 Aug – 24 Nov 2020". */
export function cohortDates(startsOn: string, endsOn: string, lang: Lang): string {
  return formatPeriod(startsOn, endsOn, lang);
}

/** An instant as a date and time in Seoul: "2020년 7월 1일 (수) 09:00" / "Wed 1 Jul 2020, 09:00". */
export function seoulDateTime(iso: string, lang: Lang): string {
  return formatDateTime(iso, lang);
}

export type EnrolmentWindow = 'upcoming' | 'open' | 'closed';

/**
 * Whether an open cohort takes enrolments at `now`: between its opening and closing times (either may
 * be unset: open from publication, or until the cohort starts) and never once it has finished.
 */
export function enrolmentWindow(
  cohort: { enrolmentOpensAt: string | null; enrolmentClosesAt: string | null; status: string; startsOn: string },
  now: Date,
): EnrolmentWindow {
  if (cohort.status !== 'published') return 'closed';
  const t = now.getTime();
  if (cohort.enrolmentOpensAt && t < Date.parse(cohort.enrolmentOpensAt)) return 'upcoming';
  if (cohort.enrolmentClosesAt && t >= Date.parse(cohort.enrolmentClosesAt)) return 'closed';
  return 'open';
}

/** Minutes as "3시간 30분" / "3 h 30 min". */
export function durationText(minutes: number, lang: Lang): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (lang === 'ko') return [h > 0 ? `${h}시간` : '', m > 0 ? `${m}분` : ''].filter(Boolean).join(' ');
  return [h > 0 ? `${h} h` : '', m > 0 ? `${m} min` : ''].filter(Boolean).join(' ');
}

/** Sessions in the order they meet; untimed ones last, in curriculum order. */
export function byTime<T extends { startsAt: string | null }>(sessions: readonly T[]): T[] {
  return sessions
    .map((s, i) => ({ s, i }))
    .sort((a, b) => {
      if (a.s.startsAt && b.s.startsAt) return Date.parse(a.s.startsAt) - Date.parse(b.s.startsAt) || a.i - b.i;
      if (a.s.startsAt) return -1;
      if (b.s.startsAt) return 1;
      return a.i - b.i;
    })
    .map(({ s }) => s);
}

/**
 * Seats still free in a cohort, when the server says (a `seatsLeft` number next to the cohort);
 * null when it does not, and the page then states only the capacity.
 */
export function seatsLeftOf(cohort: object): number | null {
  const value = (cohort as { seatsLeft?: unknown }).seatsLeft;
  return typeof value === 'number' && Number.isFinite(value) ? Math.max(0, value) : null;
}

/** A fresh Idempotency-Key: a random UUID (crypto.randomUUID exists only on https and localhost). */
export function newAttemptKey(cryptoApi: Pick<Crypto, 'getRandomValues'> & { randomUUID?: () => string }): string {
  if (typeof cryptoApi.randomUUID === 'function') return cryptoApi.randomUUID();
  const b = cryptoApi.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Sessions grouped by module in curriculum order; sessions outside any module come last. */
export function groupByModule<S extends { moduleId: string | null }>(
  modules: readonly { id: string; title: LocalizedText; goals: LocalizedText | null; position: number }[],
  sessions: readonly S[],
): { module: { id: string; title: LocalizedText; goals: LocalizedText | null } | null; sessions: S[] }[] {
  const ordered = [...modules].sort((a, b) => a.position - b.position);
  const groups = ordered.map((m) => ({ module: m, sessions: sessions.filter((s) => s.moduleId === m.id) }));
  const known = new Set(ordered.map((m) => m.id));
  const rest = sessions.filter((s) => s.moduleId === null || !known.has(s.moduleId));
  return [...groups.filter((g) => g.sessions.length > 0), ...(rest.length > 0 ? [{ module: null, sessions: rest }] : [])];
}
