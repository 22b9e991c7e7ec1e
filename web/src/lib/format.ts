/**
 * How every page writes dates, times, money and numbers. The campus states all times in Seoul
 * (Asia/Seoul) whatever the reader's own zone, and writes them as people do, never as ISO strings
 * or with "GMT+9":
 *   ko  2026년 12월 7일 (월) 14:11      en  Mon 7 Dec 2026, 14:11
 * The 24-hour clock is the same in both languages, so nobody misreads 오전/오후 or am/pm.
 * Dates are built from their parts rather than by Intl.DateTimeFormat, whose output differs between
 * ICU versions (Node and Chromium disagree on spaces and on "Sept"). Korea has kept UTC+9 without
 * daylight saving since 1988, so a fixed offset is exact for any time this software holds.
 */
import type { Lang } from '../../../src/core/shared/localized';

const SEOUL_OFFSET_MS = 9 * 3_600_000;
const KO_WEEKDAYS = ['일', '월', '화', '수', '목', '금', '토'] as const;
const EN_WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

const pad = (n: number) => String(n).padStart(2, '0');

/** A calendar day and, for an instant, its Seoul wall-clock time. */
export interface SeoulParts {
  year: number;
  /** 1–12. */
  month: number;
  day: number;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
  hour: number;
  minute: number;
}

/**
 * The parts of an instant (any ISO 8601 time, a Date or epoch milliseconds) in Seoul; a bare
 * calendar day 'YYYY-MM-DD' is that day as it is. Null when it is neither.
 */
export function seoulParts(value: string | Date | number): SeoulParts | null {
  if (typeof value === 'string') {
    const m = DAY_RE.exec(value);
    if (m) {
      const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
      const probe = new Date(Date.UTC(y, mo - 1, d));
      if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== mo - 1 || probe.getUTCDate() !== d) return null;
      return { year: y, month: mo, day: d, weekday: probe.getUTCDay(), hour: 0, minute: 0 };
    }
  }
  const ms = typeof value === 'number' ? value : typeof value === 'string' ? Date.parse(value) : value.getTime();
  if (!Number.isFinite(ms)) return null;
  const s = new Date(ms + SEOUL_OFFSET_MS);
  return { year: s.getUTCFullYear(), month: s.getUTCMonth() + 1, day: s.getUTCDate(), weekday: s.getUTCDay(), hour: s.getUTCHours(), minute: s.getUTCMinutes() };
}

/** 'YYYY-MM-DD' of an instant in Seoul, for input values and grouping keys (never shown as text). '' when not a time. */
export function seoulDayKey(value: string | Date | number): string {
  const p = seoulParts(value);
  return p ? `${p.year}-${pad(p.month)}-${pad(p.day)}` : '';
}

function dateOf(p: SeoulParts, lang: Lang, weekday: boolean): string {
  if (lang === 'ko') return `${p.year}년 ${p.month}월 ${p.day}일${weekday ? ` (${KO_WEEKDAYS[p.weekday]})` : ''}`;
  return `${weekday ? `${EN_WEEKDAYS[p.weekday]} ` : ''}${p.day} ${EN_MONTHS[p.month - 1]} ${p.year}`;
}

/** The short name of an ISO weekday (1 = Monday … 7 = Sunday): "월" / "Mon". */
export function weekdayName(isoWeekday: number, lang: Lang): string {
  const i = isoWeekday % 7;
  return lang === 'ko' ? (KO_WEEKDAYS[i] ?? '') : (EN_WEEKDAYS[i] ?? '');
}

const clockOf = (p: SeoulParts) => `${pad(p.hour)}:${pad(p.minute)}`;

/** "2026년 12월 7일 (월)" / "Mon 7 Dec 2026": the Seoul day of an instant, or a 'YYYY-MM-DD' day. '' when not a date. */
export function formatDate(value: string | Date | number, lang: Lang): string {
  const p = seoulParts(value);
  return p ? dateOf(p, lang, true) : '';
}

/** "2026년 12월 7일" / "7 Dec 2026": the same without the weekday, for dense tables and sentences of history. */
export function formatDateShort(value: string | Date | number, lang: Lang): string {
  const p = seoulParts(value);
  return p ? dateOf(p, lang, false) : '';
}

/** "14:11": the Seoul time of an instant on the 24-hour clock. '' when not a time. */
export function formatTime(value: string | Date | number): string {
  const p = seoulParts(value);
  return p ? clockOf(p) : '';
}

/** "2026년 12월 7일 (월) 14:11" / "Mon 7 Dec 2026, 14:11". '' when not a time. */
export function formatDateTime(value: string | Date | number, lang: Lang): string {
  const p = seoulParts(value);
  if (!p) return '';
  return lang === 'ko' ? `${dateOf(p, 'ko', true)} ${clockOf(p)}` : `${dateOf(p, 'en', true)}, ${clockOf(p)}`;
}

/**
 * From one instant to another: on one day "2026년 12월 7일 (월) 14:00–17:00" / "Mon 7 Dec 2026,
 * 14:00–17:00"; over several days "… 09:00 – 2026년 12월 9일 (수) 17:00". Without an end, the start.
 */
export function formatRange(start: string | Date | number, end: string | Date | number | null | undefined, lang: Lang): string {
  const from = formatDateTime(start, lang);
  if (end === null || end === undefined || !from) return from;
  const s = seoulParts(start)!;
  const e = seoulParts(end);
  if (!e) return from;
  if (s.year === e.year && s.month === e.month && s.day === e.day) return `${from}\u2013${clockOf(e)}`;
  return `${from} \u2013 ${formatDateTime(end, lang)}`;
}

/** From one calendar day to another, both written whole: "2026년 12월 7일 (월) – 2026년 12월 9일 (수)". */
export function formatDayRange(from: string, to: string, lang: Lang): string {
  if (from === to) return formatDate(from, lang);
  return `${formatDate(from, lang)} \u2013 ${formatDate(to, lang)}`;
}

const numberLocale = (lang: Lang) => (lang === 'ko' ? 'ko-KR' : 'en-GB');

/** "1,234" or, with digits, "72.4": grouped digits, fixed decimals; −0 is written 0. */
export function formatNumber(value: number, lang: Lang, digits = 0): string {
  const rounded = Number(value.toFixed(digits));
  return new Intl.NumberFormat(numberLocale(lang), { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(Object.is(rounded, -0) ? 0 : rounded);
}

/** Won as the campus writes money: "300,000원" / "KRW 300,000". */
export function formatWon(amount: number, lang: Lang): string {
  const n = formatNumber(amount, lang);
  return lang === 'ko' ? `${n}원` : `KRW ${n}`;
}

/** A share 0..1 as a percentage, "85%" (or "57.35%" with digits). */
export function formatPercent(share: number, lang: Lang, digits = 0): string {
  return new Intl.NumberFormat(numberLocale(lang), { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(share);
}
