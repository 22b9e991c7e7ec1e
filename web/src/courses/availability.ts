/**
 * Pure helpers of the availability editors (docs/timetabling.md): weekly open hours of a lecturer or a
 * room, dates a lecturer cannot come, and soft slot wishes. The editors keep what people type (text
 * such as "9:00"); these functions turn it into the contract's shape and back, and name each problem
 * by the same path the server uses ('weekly.1.0', 'unavailableDates.2', 'avoided.0'), so a quick
 * check here and the server's answer land next to the same input. No I/O, so unit-tested in Node.
 */
import type { CourseSlotIdT, LecturerAvailabilityInputT, SlotPreferenceT } from '../../../src/shared/contracts/courses';
import type { Issues } from '../admin/form-errors';
import { isRealDay } from './staff/format';

export const WEEKDAYS = ['1', '2', '3', '4', '5', '6', '7'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const SLOTS = ['am', 'pm', 'late', 'eve'] as const satisfies readonly CourseSlotIdT[];
/** The timetable's slots in minutes from midnight (src/modules/courses/timetable-problem.ts COURSE_SLOTS). */
export const SLOT_HOURS: Record<CourseSlotIdT, readonly [number, number]> = { am: [540, 720], pm: [780, 960], late: [960, 1140], eve: [1140, 1260] };

/** The contract's limits (LecturerAvailabilityInput, RoomAvailability). */
export const MAX_RANGES_PER_DAY = 24;
export const MAX_DATES = 366;
export const MAX_WISHES = 35;

const DAY_MINUTES = 1440;
const pad = (n: number) => String(n).padStart(2, '0');

/** Minutes from midnight as "HH:MM"; 1440 (the end of the day) is "24:00". */
export function minutesToClock(minutes: number): string {
  const m = Math.max(0, Math.min(DAY_MINUTES, Math.round(minutes)));
  return `${pad(Math.floor(m / 60))}:${pad(m % 60)}`;
}

/**
 * What a person typed as a time → minutes from midnight, or null. Takes "09:30", "9:30", "0930",
 * "9" and "24:00" (only as the end of a day); 24-hour clock.
 */
export function parseClock(text: string): number | null {
  const clean = text.trim().replace(/\s+/g, '');
  const m = /^(\d{1,2})(?::?(\d{2}))?$/.exec(clean);
  if (!m) return null;
  const hours = Number(m[1]);
  const minutes = m[2] === undefined ? 0 : Number(m[2]);
  if (minutes > 59) return null;
  if (hours === 24 && minutes === 0) return DAY_MINUTES;
  if (hours > 23) return null;
  return hours * 60 + minutes;
}

/** A typed time in its usual form ("9" → "09:00"); text that is not a time stays as it is. */
export function normaliseClock(text: string): string {
  const m = parseClock(text);
  return m === null ? text : minutesToClock(m);
}

// ---------- weekly hours ----------

export interface RangeDraft {
  /** Stable React key: rows keep their inputs while others are added or removed. */
  key: string;
  from: string;
  to: string;
}
export type WeeklyDraft = Record<Weekday, RangeDraft[]>;
export type WeeklyHours = Partial<Record<Weekday, [number, number][]>>;

export function emptyWeekly(): WeeklyDraft {
  return { '1': [], '2': [], '3': [], '4': [], '5': [], '6': [], '7': [] };
}

/** Stored hours → editor rows, each day's ranges in time order. Keys not naming a weekday are dropped. */
export function weeklyToDraft(weekly: Readonly<Record<string, readonly (readonly [number, number])[] | undefined>>): WeeklyDraft {
  const draft = emptyWeekly();
  for (const day of WEEKDAYS) {
    const ranges = [...(weekly[day] ?? [])].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    draft[day] = ranges.map(([a, b], i) => ({ key: `${day}.${i}`, from: minutesToClock(a), to: minutesToClock(b) }));
  }
  return draft;
}

/** Whether no day has hours: the contract's empty object, "open at any time". */
export function isAnyTime(draft: WeeklyDraft): boolean {
  return WEEKDAYS.every((d) => draft[d].length === 0);
}

/**
 * Editor rows → the contract's weekly record under `root` ('weekly' for a lecturer, 'availability'
 * for a room). Days without rows are left out (closed, unless no day has rows: then open at any
 * time). Rows keep the order they were entered in, so a server path 'weekly.1.0' names the row the
 * person sees first on Monday.
 */
export function draftToWeekly(draft: WeeklyDraft, root: string): { weekly: WeeklyHours; issues: Issues } {
  const weekly: WeeklyHours = {};
  const issues: Issues = {};
  for (const day of WEEKDAYS) {
    const rows = draft[day];
    if (rows.length === 0) continue;
    if (rows.length > MAX_RANGES_PER_DAY) issues[`${root}.${day}`] = { key: 'courses:availability.error.tooManyRanges', params: { max: MAX_RANGES_PER_DAY } };
    const ranges: [number, number][] = [];
    rows.forEach((row, i) => {
      const path = `${root}.${day}.${i}`;
      const from = parseClock(row.from);
      const to = parseClock(row.to);
      if (from === null) issues[`${path}.from`] = { key: 'courses:availability.error.time' };
      if (to === null) issues[`${path}.to`] = { key: 'courses:availability.error.time' };
      if (from === null || to === null) return;
      if (from >= to) {
        issues[path] = { key: 'courses:availability.error.endBeforeStart' };
        return;
      }
      // Overlaps are harmless to the timetable but almost always a typing slip; the later row is flagged.
      if (ranges.some(([a, b]) => from < b && to > a)) issues[path] = { key: 'courses:availability.error.overlap' };
      ranges.push([from, to]);
    });
    weekly[day] = ranges;
  }
  return { weekly, issues };
}

/** Copies one day's rows onto other days (e.g. Monday's hours onto Tuesday to Friday), with fresh keys. */
export function copyDay(draft: WeeklyDraft, from: Weekday, to: readonly Weekday[], keyOf: (day: Weekday, i: number) => string): WeeklyDraft {
  const next = { ...draft };
  for (const day of to) next[day] = draft[from].map((r, i) => ({ key: keyOf(day, i), from: r.from, to: r.to }));
  return next;
}

/** Where an error path of the weekly record points: a row's start, its end, the whole row, a day, or the record. */
export type WeeklyTarget = { day: Weekday; index: number; part: 'from' | 'to' } | { day: Weekday; index?: undefined; part?: undefined } | { day?: undefined };

/**
 * Reads 'weekly.1.0.from' (a quick check), 'weekly.1.0' (the server: start not before end),
 * 'weekly.1.0.0' / '.1' (the server: a bad start or end minute), 'weekly.1' and 'weekly'. A whole
 * row's problem is shown at its end, the input people change to fix "end before start".
 */
export function weeklyTarget(path: string, root: string): WeeklyTarget | null {
  if (path === root) return {};
  if (!path.startsWith(`${root}.`)) return null;
  const [day, index, part] = path.slice(root.length + 1).split('.');
  if (!(WEEKDAYS as readonly string[]).includes(day ?? '')) return {};
  const d = day as Weekday;
  if (index === undefined || !/^\d+$/.test(index)) return { day: d };
  return { day: d, index: Number(index), part: part === 'from' || part === '0' ? 'from' : 'to' };
}

/** The messages for one row's inputs out of all field messages (quick checks and the server's). */
export function rowErrors(errors: Readonly<Record<string, string>>, root: string, day: Weekday, index: number): { from?: string; to?: string } {
  const path = `${root}.${day}.${index}`;
  const from = errors[`${path}.from`] ?? errors[`${path}.0`];
  const to = errors[`${path}.to`] ?? errors[`${path}.1`] ?? errors[path];
  return { ...(from ? { from } : {}), ...(to ? { to } : {}) };
}

// ---------- dates away ----------

/** "2030-3-5", "2030.03.05" and "2030/03/05" → "2030-03-05"; null unless it is a real day. */
export function parseDay(text: string): string | null {
  const m = /^(\d{4})[-./](\d{1,2})[-./](\d{1,2})\.?$/.exec(text.trim().replace(/\s+/g, ''));
  if (!m) return null;
  const day = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  return isRealDay(day) ? day : null;
}

export type AddDayResult = { ok: true; dates: string[]; day: string } | { ok: false; problem: 'day' | 'duplicate' | 'tooMany' };

/** Adds a typed day to a sorted list of days, or says why not. */
export function addDay(dates: readonly string[], text: string): AddDayResult {
  const day = parseDay(text);
  if (!day) return { ok: false, problem: 'day' };
  if (dates.includes(day)) return { ok: false, problem: 'duplicate' };
  if (dates.length >= MAX_DATES) return { ok: false, problem: 'tooMany' };
  return { ok: true, day, dates: [...dates, day].sort() };
}

// ---------- slot wishes ----------

export type Wish = 'prefer' | 'avoid';
/** A row of the wish table: a weekday or every day. */
export type WishRow = Weekday | 'any';
/** A column: a slot or the whole day. */
export type WishColumn = CourseSlotIdT | 'day';
export type WishCell = `${WishRow}:${WishColumn}`;
export type WishGrid = Partial<Record<WishCell, Wish>>;

export const WISH_ROWS: readonly WishRow[] = [...WEEKDAYS, 'any'];
export const WISH_COLUMNS: readonly WishColumn[] = [...SLOTS, 'day'];

/** The cell of a wish: weekday only → that day's "whole day", slot only → "every day" of that slot. */
export function cellOf(p: { weekday?: number | undefined; slot?: string | undefined }): WishCell | null {
  const row = p.weekday === undefined ? 'any' : String(p.weekday);
  const column = p.slot === undefined ? 'day' : p.slot;
  if (row !== 'any' && !(WEEKDAYS as readonly string[]).includes(row)) return null;
  if (!(WISH_COLUMNS as readonly string[]).includes(column)) return null;
  if (row === 'any' && column === 'day') return null;
  return `${row}:${column}` as WishCell;
}

/** Whether a cell can hold a wish ("every day, whole day" says nothing, and the contract refuses it). */
export function isWishCell(row: WishRow, column: WishColumn): boolean {
  return !(row === 'any' && column === 'day');
}

export function wishesToGrid(preferred: readonly SlotPreferenceT[], avoided: readonly SlotPreferenceT[]): WishGrid {
  const grid: WishGrid = {};
  for (const [list, wish] of [
    [preferred, 'prefer'],
    [avoided, 'avoid'],
  ] as const) {
    for (const p of list) {
      const cell = cellOf(p);
      if (cell) grid[cell] = wish;
    }
  }
  return grid;
}

function preferenceOf(cell: WishCell): SlotPreferenceT {
  const [row, column] = cell.split(':') as [WishRow, WishColumn];
  return { ...(row === 'any' ? {} : { weekday: Number(row) }), ...(column === 'day' ? {} : { slot: column }) };
}

/**
 * The grid → the contract's two lists in table order (Monday's morning first, every day last), and
 * the cell of each entry, so the server's 'avoided.2' finds its select.
 */
export function gridToWishes(grid: WishGrid): { preferred: SlotPreferenceT[]; avoided: SlotPreferenceT[]; cells: { preferred: WishCell[]; avoided: WishCell[] }; issues: Issues } {
  const cells = { preferred: [] as WishCell[], avoided: [] as WishCell[] };
  for (const row of WISH_ROWS) {
    for (const column of WISH_COLUMNS) {
      if (!isWishCell(row, column)) continue;
      const cell: WishCell = `${row}:${column}`;
      const wish = grid[cell];
      if (wish === 'prefer') cells.preferred.push(cell);
      else if (wish === 'avoid') cells.avoided.push(cell);
    }
  }
  const issues: Issues = {};
  if (cells.preferred.length > MAX_WISHES) issues.preferred = { key: 'courses:availability.error.tooManyWishes', params: { max: MAX_WISHES } };
  if (cells.avoided.length > MAX_WISHES) issues.avoided = { key: 'courses:availability.error.tooManyWishes', params: { max: MAX_WISHES } };
  return { preferred: cells.preferred.map(preferenceOf), avoided: cells.avoided.map(preferenceOf), cells, issues };
}

/** The cell a server path such as 'preferred.3' is about, given the cells that were sent. */
export function wishTarget(path: string, cells: { preferred: readonly WishCell[]; avoided: readonly WishCell[] }): WishCell | null {
  const m = /^(preferred|avoided)\.(\d+)(?:\.|$)/.exec(path);
  if (!m) return null;
  return cells[m[1] as 'preferred' | 'avoided'][Number(m[2])] ?? null;
}

// ---------- the whole lecturer form ----------

export interface LecturerDraft {
  weekly: WeeklyDraft;
  dates: string[];
  wishes: WishGrid;
}

export function lecturerDraft(view: { weekly: Readonly<Record<string, readonly (readonly [number, number])[] | undefined>>; unavailableDates: readonly string[]; preferred: readonly SlotPreferenceT[]; avoided: readonly SlotPreferenceT[] }): LecturerDraft {
  return { weekly: weeklyToDraft(view.weekly), dates: [...view.unavailableDates].sort(), wishes: wishesToGrid(view.preferred, view.avoided) };
}

/**
 * The PUT body of a lecturer's availability, the quick checks' problems, and the cell of each sent
 * wish. A date still typed in the date field (`pendingDate`) is added, or named as the problem.
 */
export function lecturerBody(
  draft: LecturerDraft,
  pendingDate = '',
): { body: LecturerAvailabilityInputT; issues: Issues; cells: { preferred: WishCell[]; avoided: WishCell[] }; dates: string[] } {
  const weekly = draftToWeekly(draft.weekly, 'weekly');
  const wishes = gridToWishes(draft.wishes);
  const issues: Issues = { ...weekly.issues, ...wishes.issues };
  let dates = [...draft.dates];
  if (pendingDate.trim() !== '') {
    const added = addDay(dates, pendingDate);
    if (added.ok) dates = added.dates;
    else if (added.problem !== 'duplicate') issues.unavailableDates = { key: `courses:availability.away.error.${added.problem}`, params: { max: MAX_DATES } };
  }
  if (dates.length > MAX_DATES) issues.unavailableDates = { key: 'courses:availability.away.error.tooMany', params: { max: MAX_DATES } };
  return { body: { weekly: weekly.weekly, unavailableDates: dates, preferred: wishes.preferred, avoided: wishes.avoided }, issues, cells: wishes.cells, dates };
}
