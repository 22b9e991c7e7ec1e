/**
 * Calendar arithmetic for the timetable without Date: a course's days are whole-number indexes
 * from its first day (day 0), and dates cross the boundary as 'YYYY-MM-DD' strings converted with
 * the proleptic Gregorian civil-day formulas (Howard Hinnant's days_from_civil / civil_from_days).
 * Korea has no daylight saving time, so a day index and a wall-clock minute are enough to place a
 * session in Asia/Seoul.
 */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a civil date. */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The civil date of a count of days since 1970-01-01. */
export function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** Days since 1970-01-01 of a 'YYYY-MM-DD' date, or null when it is not a real date. */
export function epochDay(date: string): number | null {
  const m = DATE.exec(date);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1) return null;
  const days = daysFromCivil(year, month, day);
  const back = civilFromDays(days);
  return back.month === month && back.day === day ? days : null;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** 'YYYY-MM-DD' of a count of days since 1970-01-01. */
export function dateOfEpochDay(days: number): string {
  const c = civilFromDays(days);
  return `${pad(c.year, 4)}-${pad(c.month, 2)}-${pad(c.day, 2)}`;
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a count of days since 1970-01-01 (a Thursday). */
export function isoWeekdayOfEpochDay(days: number): number {
  return ((((days + 3) % 7) + 7) % 7) + 1;
}

/** Day index of `date` in a calendar that starts on `startDate` (may be negative); null for a malformed date. */
export function dayIndexOf(startDate: string, date: string): number | null {
  const a = epochDay(startDate);
  const b = epochDay(date);
  return a === null || b === null ? null : b - a;
}

/** 'YYYY-MM-DD' of day `day` of a calendar that starts on `startDate`; throws on a malformed start. */
export function dateOfDay(startDate: string, day: number): string {
  const a = epochDay(startDate);
  if (a === null) throw new RangeError(`not a date: ${startDate}`);
  return dateOfEpochDay(a + day);
}

/** 'HH:MM' of minutes from midnight. */
export function clockTime(minutes: number): string {
  return `${pad(Math.floor(minutes / 60), 2)}:${pad(minutes % 60, 2)}`;
}
