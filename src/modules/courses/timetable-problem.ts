/**
 * From the database to the timetabling core's problem (docs/timetabling.md), and back to times:
 * cohorts become the calendar's weeks (Asia/Seoul dates), sessions keep their constraints, rooms
 * their weekly availability, and what cannot move — sessions already held, and sessions of other
 * cohorts that share a lecturer or a room — closes those lecturers' and rooms' times. The mapping
 * rules (slots, weeks, rooms of a cohort, the `constraints` fields read) are in docs/timetabling.md.
 */
import { and, asc, eq, inArray, isNotNull, notInArray } from 'drizzle-orm';
import { dateOfDay, dayIndexOf, epochDay, isoWeekdayOfEpochDay, dateOfEpochDay, clockTime } from '../../core/courses/calendar.js';
import type { Availability, Cohort, DayRange, Lecturer, Placement, Room, SeriesRule, SlotPattern, TimeSlot, TimetableProblem, TimetableSession, WeeklyWindow } from '../../core/courses/timetable-model.js';
import { DomainError } from '../../core/shared/domain-error.js';
import type { LocalizedText } from '../../core/shared/localized.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { cohorts, courseSessions, lecturerAvailability, programmes, rooms, sessionLecturers, users } from '../../platform/db/schema/index.js';

/**
 * The teaching slots of every day, in Asia/Seoul minutes, in time order and not overlapping: three
 * daytime slots of three hours (the top-innovator course) and the evening (citizens after work,
 * 19:00–21:00, when the seeded rooms close).
 */
export const COURSE_SLOTS: readonly TimeSlot[] = [
  { id: 'am', start: 540, end: 720 },
  { id: 'pm', start: 780, end: 960 },
  { id: 'late', start: 960, end: 1140 },
  { id: 'eve', start: 1140, end: 1260 },
];
/** Daytime for the top-innovator course, evenings for working citizens. */
const DAY_SLOTS = ['am', 'pm', 'late'];
const EVENING_SLOTS = ['eve'];
const WEEKDAYS = [1, 2, 3, 4, 5];
const SEOUL_OFFSET_MS = 9 * 3_600_000;
const DAY_MS = 86_400_000;

/** The instant of a wall-clock time in Asia/Seoul (no daylight saving: a fixed +09:00). */
export function seoulInstant(date: string, minutes: number): Date {
  const day = epochDay(date);
  if (day === null) throw new RangeError(`not a date: ${date}`);
  return new Date(day * DAY_MS + minutes * 60_000 - SEOUL_OFFSET_MS);
}

/** Asia/Seoul date and minutes from midnight of an instant. */
export function seoulParts(at: Date): { date: string; minutes: number } {
  const local = at.getTime() + SEOUL_OFFSET_MS;
  const day = Math.floor(local / DAY_MS);
  return { date: dateOfEpochDay(day), minutes: Math.floor((local - day * DAY_MS) / 60_000) };
}

/**
 * Slots a session of `minutes` takes: the fewest n such that every run of n consecutive slots the
 * cohort meets in spans at least that long (so the session ends inside its block wherever it
 * starts). When no run is long enough, one more than the day has: the core names it
 * `duration_exceeds_day`.
 */
export function durationSlotsOf(minutes: number, slotIds: readonly string[]): number {
  const S = COURSE_SLOTS.length;
  for (let n = 1; n <= S; n++) {
    const spans: number[] = [];
    for (let i = 0; i + n <= S; i++) {
      const run = COURSE_SLOTS.slice(i, i + n);
      if (run.every((x) => slotIds.includes(x.id))) spans.push(run[n - 1]!.end - run[0]!.start);
    }
    if (spans.length > 0 && spans.every((span) => span >= minutes)) return n;
  }
  return S + 1;
}

export interface CohortInfo {
  id: string;
  title: LocalizedText;
  place: LocalizedText;
  startsOn: string;
  endsOn: string;
  capacity: number;
  status: string;
  kind: string;
}

export interface SessionInfo {
  id: string;
  cohortId: string;
  title: LocalizedText;
  type: string;
  durationMinutes: number;
  days: number;
  startsAt: Date | null;
  endsAt: Date | null;
  roomId: string | null;
  placeText: LocalizedText | null;
  sequence: number;
  heldAt: Date | null;
  constraints: Record<string, unknown>;
  /** Problem lecturer ids ('u:<userId>' or 'x:<external name>') and display names. */
  lecturerIds: string[];
  lecturerNames: string[];
}

export interface RoomInfo {
  id: string;
  name: LocalizedText;
  place: LocalizedText;
  capacity: number;
}

export interface TimetableInput {
  problem: TimetableProblem;
  cohorts: Map<string, CohortInfo>;
  /** Every session read: those in the problem, and the fixed ones. */
  sessions: Map<string, SessionInfo>;
  rooms: Map<string, RoomInfo>;
  lecturerNames: Map<string, string>;
  /** Sessions whose stored times close lecturers and rooms instead of being placed. */
  fixed: SessionInfo[];
}

const lecturerKey = (userId: string | null, externalName: string | null): string | null => {
  if (userId) return `u:${userId}`;
  const name = externalName?.trim().replace(/\s+/g, ' ').toLowerCase();
  return name ? `x:${name}` : null;
};

async function loadCohorts(db: DbOrTx, cohortIds: readonly string[]): Promise<CohortInfo[]> {
  const rows = await db
    .select({ c: cohorts, kind: programmes.kind })
    .from(cohorts)
    .innerJoin(programmes, eq(programmes.id, cohorts.programmeId))
    .where(inArray(cohorts.id, [...cohortIds]));
  const byId = new Map(rows.map((r) => [r.c.id, r] as const));
  return cohortIds.map((id) => {
    const r = byId.get(id);
    if (!r) throw new DomainError('timetable.cohort_not_found');
    return { id, title: r.c.title, place: r.c.place, startsOn: r.c.startsOn, endsOn: r.c.endsOn, capacity: r.c.capacity, status: r.c.status, kind: r.kind };
  });
}

type SessionRow = typeof courseSessions.$inferSelect;

/** Sessions with their lecturers (names from the account, or the external name). */
export async function withLecturers(db: DbOrTx, rows: readonly SessionRow[]): Promise<SessionInfo[]> {
  if (rows.length === 0) return [];
  const lecturers = await db
    .select({ sessionId: sessionLecturers.sessionId, userId: sessionLecturers.userId, externalName: sessionLecturers.externalName, name: users.name })
    .from(sessionLecturers)
    .leftJoin(users, eq(users.id, sessionLecturers.userId))
    .where(
      inArray(
        sessionLecturers.sessionId,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(asc(sessionLecturers.id));
  const bySession = new Map<string, { key: string; name: string }[]>();
  for (const l of lecturers) {
    const key = lecturerKey(l.userId, l.externalName);
    if (!key) continue;
    const list = bySession.get(l.sessionId) ?? [];
    if (!list.some((x) => x.key === key)) list.push({ key, name: l.name ?? l.externalName ?? '' });
    bySession.set(l.sessionId, list);
  }
  return rows.map((r) => {
    const ls = bySession.get(r.id) ?? [];
    return {
      id: r.id,
      cohortId: r.cohortId,
      title: r.title,
      type: r.type,
      durationMinutes: r.durationMinutes,
      days: r.days,
      startsAt: r.startsAt,
      endsAt: r.endsAt,
      roomId: r.roomId,
      placeText: r.placeText,
      sequence: r.sequence,
      heldAt: r.heldAt,
      constraints: r.constraints,
      lecturerIds: ls.map((l) => l.key),
      lecturerNames: ls.map((l) => l.name),
    };
  });
}

/** Weekly room availability as stored (weekday → open [start, end) minutes; empty = always) in slots. */
function roomAvailability(stored: Record<string, [number, number][]>): Availability | undefined {
  const entries = Object.entries(stored ?? {});
  if (entries.length === 0) return undefined;
  const weekly: WeeklyWindow[] = [];
  for (const [key, ranges] of entries) {
    const weekday = Number(key);
    if (!Number.isInteger(weekday) || weekday < 1 || weekday > 7 || !Array.isArray(ranges)) continue;
    // A slot is usable when one open range covers it whole.
    const slotIds = COURSE_SLOTS.filter((s) => ranges.some((r) => Array.isArray(r) && r[0] <= s.start && r[1] >= s.end)).map((s) => s.id);
    if (slotIds.length > 0) weekly.push({ weekday, slotIds });
  }
  return { weekly };
}

/** The slots a stored time range touches on one day (minutes from midnight, end exclusive). */
function slotsTouched(start: number, end: number): string[] {
  return COURSE_SLOTS.filter((s) => s.start < end && s.end > start).map((s) => s.id);
}

/** Each day of a stored session: its date and clock range (the same hours on every day of a block). */
export function storedMeetings(s: Pick<SessionInfo, 'startsAt' | 'endsAt' | 'days'>): { date: string; start: number; end: number }[] {
  if (!s.startsAt || !s.endsAt) return [];
  const from = seoulParts(s.startsAt);
  const to = seoulParts(s.endsAt);
  const days = Math.max(1, s.days);
  const first = epochDay(from.date)!;
  // The clock range of one day: start to end time; an end on a later day than the block's last runs to midnight.
  const lastDay = first + days - 1;
  const endMinutes = epochDay(to.date)! > lastDay ? 24 * 60 : to.minutes;
  const end = endMinutes > from.minutes ? endMinutes : 24 * 60;
  return Array.from({ length: days }, (_, k) => ({ date: dateOfEpochDay(first + k), start: from.minutes, end }));
}

/**
 * A lecturer's stored slot wishes ({ weekday?, slot? }, see SlotPreference in the courses contract)
 * as the core's patterns. Anything that is not a weekday 1–7 or one of COURSE_SLOTS is left out, and
 * so is a pattern left with neither: it would match every slot, which no one asked for.
 */
export function slotPatterns(stored: unknown): SlotPattern[] {
  if (!Array.isArray(stored)) return [];
  const out: SlotPattern[] = [];
  for (const p of stored as unknown[]) {
    if (typeof p !== 'object' || p === null) continue;
    const { weekday, slot } = p as { weekday?: unknown; slot?: unknown };
    const day = Number.isInteger(weekday) && (weekday as number) >= 1 && (weekday as number) <= 7 ? (weekday as number) : undefined;
    const slotId = typeof slot === 'string' && COURSE_SLOTS.some((x) => x.id === slot) ? slot : undefined;
    if ((weekday !== undefined && day === undefined) || (slot !== undefined && slotId === undefined)) continue;
    if (day === undefined && slotId === undefined) continue;
    out.push({ ...(day !== undefined ? { weekday: day } : {}), ...(slotId !== undefined ? { slotId } : {}) });
  }
  return out;
}

const stringArray = (v: unknown): string[] | null => (Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : null);
const intArray = (v: unknown): number[] | null => (Array.isArray(v) && v.every((x) => Number.isInteger(x)) ? (v as number[]) : null);

/** The first and last whole weeks of a cohort inside the calendar (a part week with teaching days outside its dates is left out). */
function cohortWeeks(calendarStart: number, c: CohortInfo, weekdays: readonly number[]): { firstWeek: number; lastWeek: number } {
  const s = epochDay(c.startsOn)! - calendarStart;
  const e = epochDay(c.endsOn)! - calendarStart;
  const teaches = (d: number) => weekdays.includes(isoWeekdayOfEpochDay(calendarStart + d));
  let firstWeek = Math.floor(s / 7);
  let partial = false;
  for (let d = firstWeek * 7; d < s; d++) if (teaches(d)) partial = true;
  if (partial) firstWeek += 1;
  let lastWeek = Math.floor(e / 7);
  let cut = false;
  for (let d = e + 1; d <= lastWeek * 7 + 6; d++) if (teaches(d)) cut = true;
  if (cut) lastWeek -= 1;
  return { firstWeek, lastWeek };
}

/** Rooms whose place names the cohort's place (or the other way round); every room when none does. */
function cohortRooms(c: CohortInfo, all: readonly RoomInfo[]): string[] | undefined {
  const norm = (s: string) => s.replace(/\s+/g, '').toLowerCase();
  const place = norm(c.place.ko);
  if (!place) return undefined;
  const matching = all.filter((r) => {
    const rp = norm(r.place.ko);
    return rp !== '' && (rp.includes(place) || place.includes(rp));
  });
  return matching.length > 0 ? matching.map((r) => r.id) : undefined;
}

export interface LoadOptions {
  /** Extra days with no teaching ('YYYY-MM-DD'). */
  closedDates?: readonly string[];
  /**
   * 'solve': held sessions and timetabled sessions of other cohorts are fixed (they close times);
   * 'check': every session of the cohorts is in the problem (stored times are checked), nothing fixed.
   */
  mode: 'solve' | 'check';
}

/** Reads the cohorts, their sessions, lecturers and rooms, and builds the core's problem. */
export async function loadTimetableInput(db: DbOrTx, cohortIds: readonly string[], options: LoadOptions): Promise<TimetableInput> {
  const cohortList = await loadCohorts(db, cohortIds);
  const roomRows = await db.select().from(rooms).orderBy(asc(rooms.id));
  const roomInfos: RoomInfo[] = roomRows.map((r) => ({ id: r.id, name: r.name, place: r.place, capacity: r.capacity }));
  const sessionRows = await db
    .select()
    .from(courseSessions)
    .where(inArray(courseSessions.cohortId, [...cohortIds]))
    .orderBy(asc(courseSessions.cohortId), asc(courseSessions.position), asc(courseSessions.id));
  const own = await withLecturers(db, sessionRows);

  // The calendar: from the Monday of the earliest start to the latest end; days before the earliest start are closed.
  const starts = cohortList.map((c) => epochDay(c.startsOn)!);
  const ends = cohortList.map((c) => epochDay(c.endsOn)!);
  const earliest = Math.min(...starts);
  const monday = earliest - (isoWeekdayOfEpochDay(earliest) - 1);
  const last = Math.max(...ends, earliest);
  const horizon = last - monday + 1;
  const startDate = dateOfEpochDay(monday);
  const closed = new Set<number>();
  for (let d = 0; d < earliest - monday; d++) closed.add(d);
  for (const date of options.closedDates ?? []) {
    const d = dayIndexOf(startDate, date);
    if (d !== null && d >= 0 && d < horizon) closed.add(d);
  }

  const slotsOf = new Map(cohortList.map((c) => [c.id, c.kind === 'citizen' ? EVENING_SLOTS : DAY_SLOTS] as const));
  const problemCohorts: Cohort[] = cohortList.map((c) => {
    const slotIds = slotsOf.get(c.id)!;
    const roomIds = cohortRooms(c, roomInfos);
    return { id: c.id, size: c.capacity, ...cohortWeeks(monday, c, WEEKDAYS), weekdays: WEEKDAYS, slotIds, ...(roomIds ? { roomIds } : {}) };
  });

  const allSessions = new Map<string, SessionInfo>(own.map((s) => [s.id, s] as const));
  const inProblem = options.mode === 'check' ? own : own.filter((s) => s.heldAt === null);
  const fixed: SessionInfo[] = options.mode === 'check' ? [] : own.filter((s) => s.heldAt !== null && s.startsAt !== null);
  const lecturerNames = new Map<string, string>();
  for (const s of own) s.lecturerIds.forEach((id, i) => lecturerNames.set(id, s.lecturerNames[i]!));

  if (options.mode === 'solve') {
    // Sessions of other cohorts already timetabled inside the horizon: their lecturers and rooms are taken then.
    const from = seoulInstant(startDate, 0);
    const to = seoulInstant(dateOfDay(startDate, horizon), 0);
    const others = await db
      .select()
      .from(courseSessions)
      .where(and(notInArray(courseSessions.cohortId, [...cohortIds]), isNotNull(courseSessions.startsAt), isNotNull(courseSessions.endsAt)));
    const overlapping = others.filter((s) => s.startsAt! < to && s.endsAt! >= from);
    for (const s of await withLecturers(db, overlapping)) {
      if (s.roomId !== null || s.lecturerIds.some((id) => lecturerNames.has(id))) {
        fixed.push(s);
        allSessions.set(s.id, s);
      }
    }
  }

  // Closed times of lecturers and rooms from the fixed sessions.
  const closedFor = new Map<string, DayRange[]>();
  const close = (key: string, range: DayRange) => closedFor.set(key, [...(closedFor.get(key) ?? []), range]);
  for (const s of fixed) {
    for (const m of storedMeetings(s)) {
      const day = dayIndexOf(startDate, m.date)!;
      if (day < 0 || day >= horizon) continue;
      const slotIds = slotsTouched(m.start, m.end);
      if (slotIds.length === 0) continue;
      for (const l of s.lecturerIds) if (lecturerNames.has(l)) close(`l:${l}`, { fromDay: day, toDay: day, slotIds });
      if (s.roomId) close(`r:${s.roomId}`, { fromDay: day, toDay: day, slotIds });
    }
  }

  const problemRooms: Room[] = roomRows.map((r) => {
    const weekly = roomAvailability(r.availability);
    const unavailable = closedFor.get(`r:${r.id}`);
    const availability: Availability | undefined = weekly || unavailable ? { ...weekly, ...(unavailable ? { unavailable } : {}) } : undefined;
    return { id: r.id, capacity: r.capacity, ...(availability ? { availability } : {}) };
  });
  // What lecturers of the network said about themselves: weekly open hours and dates they cannot come
  // (hard), and slots they would like or would rather not teach in (soft, weighed by the core).
  const accountIds = [...lecturerNames.keys()].filter((id) => id.startsWith('u:')).map((id) => id.slice(2));
  const stated = new Map(
    (accountIds.length > 0 ? await db.select().from(lecturerAvailability).where(inArray(lecturerAvailability.userId, accountIds)) : []).map((r) => [`u:${r.userId}`, r]),
  );
  const lecturers = [...lecturerNames.keys()].sort().map((id): Lecturer => {
    const own = stated.get(id);
    const weekly = own ? roomAvailability(own.weekly) : undefined;
    const away: DayRange[] = (own?.unavailableDates ?? [])
      .map((d) => epochDay(d))
      .filter((d): d is number => d !== null && d !== undefined && d >= monday && d < monday + horizon)
      .map((d) => ({ fromDay: d - monday, toDay: d - monday }));
    const unavailable = [...(closedFor.get(`l:${id}`) ?? []), ...away];
    const availability: Availability | undefined = weekly || unavailable.length > 0 ? { ...weekly, ...(unavailable.length > 0 ? { unavailable } : {}) } : undefined;
    const prefer = slotPatterns(own?.preferred);
    const avoid = slotPatterns(own?.avoided);
    return { id, ...(availability ? { availability } : {}), ...(prefer.length > 0 ? { prefer } : {}), ...(avoid.length > 0 ? { avoid } : {}) };
  });

  const series = new Map<string, SeriesRule>();
  const problemIds = new Set(inProblem.map((s) => s.id));
  const positionInGroup = new Map<string, number>();
  const sessions: TimetableSession[] = inProblem.map((s) => {
    // The constraints as the courses contract writes them (SessionConstraints in src/shared/contracts/courses.ts).
    const c = s.constraints ?? {};
    const cohortStart = epochDay(cohortList.find((x) => x.id === s.cohortId)!.startsOn)! - monday;
    // Prerequisites: sessions timetabled here; a held one (or one elsewhere) is already over. Unknown ids stay, so the core names them.
    const after = (stringArray(c.prerequisites) ?? []).filter((id) => problemIds.has(id) || !allSessions.has(id));
    // allowedWeeks counts from the cohort's start (0 = the week starting on startsOn): the calendar week it falls in.
    const weeks = intArray(c.allowedWeeks)?.map((w) => Math.floor((cohortStart + 7 * w) / 7));
    let seriesRef: TimetableSession['series'];
    if (typeof c.cadenceGroup === 'string' && c.cadenceGroup !== '') {
      // A cadence group meets a week apart in curriculum order (the sessions are read by position).
      const id = `${s.cohortId}/${c.cadenceGroup}`;
      const position = positionInGroup.get(id) ?? 0;
      positionInGroup.set(id, position + 1);
      seriesRef = { id, position };
      if (!series.has(id)) series.set(id, { id, minWeeksApart: 1, maxWeeksApart: 1 });
    }
    // Held off site (the field study's place, and no room): no room is booked for it.
    const offSite = s.placeText !== null && s.roomId === null;
    return {
      id: s.id,
      type: s.type as TimetableSession['type'],
      cohortId: s.cohortId,
      lecturerIds: s.lecturerIds,
      durationSlots: durationSlotsOf(s.durationMinutes, slotsOf.get(s.cohortId) ?? DAY_SLOTS),
      days: s.days,
      ...(weeks ? { weeks } : {}),
      ...(offSite ? { needsRoom: false } : {}),
      ...(after.length > 0 ? { after } : {}),
      ...(seriesRef ? { series: seriesRef } : {}),
    };
  });

  const problem: TimetableProblem = {
    calendar: { startDate, days: horizon, weekdays: WEEKDAYS, closedDays: [...closed].sort((a, b) => a - b), slots: COURSE_SLOTS },
    rooms: problemRooms,
    lecturers,
    cohorts: problemCohorts,
    sessions,
    series: [...series.values()],
  };
  return {
    problem,
    cohorts: new Map(cohortList.map((c) => [c.id, c] as const)),
    sessions: allSessions,
    rooms: new Map(roomInfos.map((r) => [r.id, r] as const)),
    lecturerNames,
    fixed,
  };
}

/** The stored time and room of a session as a core placement (for checking hand edits); null when untimed. */
export function storedPlacement(problem: TimetableProblem, s: SessionInfo): Placement | null {
  if (!s.startsAt) return null;
  const { date, minutes } = seoulParts(s.startsAt);
  const day = dayIndexOf(problem.calendar.startDate, date)!;
  // The slot the start falls in, else the next one that day; a time after the last slot is no slot at all.
  const slot = COURSE_SLOTS.find((x) => x.start <= minutes && minutes < x.end) ?? COURSE_SLOTS.find((x) => x.start >= minutes);
  return { sessionId: s.id, day, slotId: slot?.id ?? `@${clockTime(minutes)}`, roomId: s.roomId };
}

/** The times a placement writes: start of its first slot; end = start + duration on its last day. */
export function placementTimes(problem: TimetableProblem, s: SessionInfo, p: Placement): { startsAt: Date; endsAt: Date } {
  const slot = COURSE_SLOTS.find((x) => x.id === p.slotId)!;
  const startsAt = seoulInstant(dateOfDay(problem.calendar.startDate, p.day), slot.start);
  const endsAt = seoulInstant(dateOfDay(problem.calendar.startDate, p.day + Math.max(1, s.days) - 1), slot.start + s.durationMinutes);
  return { startsAt, endsAt };
}
