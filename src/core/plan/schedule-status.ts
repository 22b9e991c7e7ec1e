/**
 * Where a plan item (work package or milestone) stands on a given Seoul day, in words a citizen can
 * read: done, running, upcoming, late or ended. Plan dates come at the plan's own precision, a month
 * ('2020-06') or a day ('2020-06-15'); a month period runs from the first day of its first month to
 * the last day of its last month, so "2020-06 to 2020-11" is running on 1 June and on 30 November.
 *
 * "Late" needs a record that the item is not done. The plan's tables hold no completion flag yet, so
 * callers pass `done: undefined` (unknown) and a past item reads "ended" rather than "late": calling
 * every item of a finished 2020 plan late would tell citizens something nobody recorded.
 */

export type ScheduleStatus = 'done' | 'running' | 'late' | 'upcoming' | 'ended';

/** A calendar day 'YYYY-MM-DD'. */
export type DayKey = string;

const MONTH_RE = /^(\d{4})-(\d{2})$/;
const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The first (or last) day a plan date covers, as 'YYYY-MM-DD'; null when it is not a plan date. */
export function planDateBound(value: string, edge: 'first' | 'last'): DayKey | null {
  const d = DAY_RE.exec(value);
  if (d) {
    const [y, m, day] = [Number(d[1]), Number(d[2]), Number(d[3])];
    if (m < 1 || m > 12 || day < 1 || day > daysInMonth(y, m)) return null;
    return value;
  }
  const mo = MONTH_RE.exec(value);
  if (!mo) return null;
  const [y, m] = [Number(mo[1]), Number(mo[2])];
  if (m < 1 || m > 12) return null;
  return `${y}-${pad(m)}-${edge === 'first' ? '01' : pad(daysInMonth(y, m))}`;
}

/** Today's calendar day in Seoul (UTC+9, no daylight saving since 1988) for an instant. */
export function seoulToday(now: Date | number): DayKey {
  const ms = typeof now === 'number' ? now : now.getTime();
  const s = new Date(ms + 9 * 3_600_000);
  return `${s.getUTCFullYear()}-${pad(s.getUTCMonth() + 1)}-${pad(s.getUTCDate())}`;
}

export interface StatusInput {
  start: string;
  end: string;
  /** true: staff marked it done; false: staff marked it not done; undefined: nothing recorded. */
  done?: boolean | undefined;
}

/** The item's status on `today` (a Seoul 'YYYY-MM-DD'); null when its dates do not parse. */
export function scheduleStatus(item: StatusInput, today: DayKey): ScheduleStatus | null {
  const first = planDateBound(item.start, 'first');
  const last = planDateBound(item.end, 'last');
  if (!first || !last || !DAY_RE.test(today)) return null;
  if (item.done === true) return 'done';
  if (today < first) return 'upcoming';
  if (today <= last) return 'running';
  return item.done === false ? 'late' : 'ended';
}

/**
 * Where today falls relative to a set of periods: before all of them, after all of them, or inside
 * the span, so a page can place one "today" marker.
 */
export function todayPosition(periods: readonly { start: string; end: string }[], today: DayKey): 'before' | 'within' | 'after' | null {
  let first: DayKey | null = null;
  let last: DayKey | null = null;
  for (const p of periods) {
    const f = planDateBound(p.start, 'first');
    const l = planDateBound(p.end, 'last');
    if (f && (!first || f < first)) first = f;
    if (l && (!last || l > last)) last = l;
  }
  if (!first || !last) return null;
  if (today < first) return 'before';
  if (today > last) return 'after';
  return 'within';
}
