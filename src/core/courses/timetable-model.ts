/**
 * The timetabling problem (docs/timetabling.md) as plain data: a calendar of course days and daily
 * time slots, rooms, lecturers and cohorts with their availability, and the sessions to place with
 * their constraints. Days and weeks are whole-number indexes from the calendar's first day (day 0,
 * week 0 = days 0–6), never Date objects; docs/timetabling.md describes the model.
 */

export type SessionType = 'lecture' | 'workshop' | 'field_study' | 'experiment_lab' | 'mentoring' | 'results_presentation';

export const SESSION_TYPES: readonly SessionType[] = ['lecture', 'workshop', 'field_study', 'experiment_lab', 'mentoring', 'results_presentation'];

/** A teaching slot of every day, in minutes from midnight (e.g. 540–720 is 09:00–12:00). */
export interface TimeSlot {
  readonly id: string;
  readonly start: number;
  readonly end: number;
}

export interface TimetableCalendar {
  /** The date of day 0 ('YYYY-MM-DD'); only used to find weekdays and to print dates. */
  readonly startDate: string;
  /** Number of days in the horizon (16 weeks = 112). */
  readonly days: number;
  /** ISO weekdays (1 = Monday … 7 = Sunday) on which anything may be taught; default Monday–Friday. */
  readonly weekdays?: readonly number[];
  /** Day indexes with no teaching at all (public holidays such as Chuseok). */
  readonly closedDays?: readonly number[];
  /** The slots of a day in time order; a session of n slots takes n consecutive ones. */
  readonly slots: readonly TimeSlot[];
}

/** Open every week on a weekday, in all slots or only the listed ones. */
export interface WeeklyWindow {
  readonly weekday: number;
  readonly slotIds?: readonly string[];
}

/** Closed from day `fromDay` to day `toDay` (inclusive), in all slots or only the listed ones. */
export interface DayRange {
  readonly fromDay: number;
  readonly toDay: number;
  readonly slotIds?: readonly string[];
}

/** When a person or room can be used: the weekly pattern (omitted = always) minus the closed ranges. */
export interface Availability {
  readonly weekly?: readonly WeeklyWindow[];
  readonly unavailable?: readonly DayRange[];
}

/** Matches a slot on a weekday; an omitted field matches anything. */
export interface SlotPattern {
  readonly weekday?: number;
  readonly slotId?: string;
}

export interface Room {
  readonly id: string;
  readonly capacity: number;
  readonly availability?: Availability;
}

export interface Lecturer {
  readonly id: string;
  readonly availability?: Availability;
  /** Soft: slots the lecturer would like to teach in (a session outside all of them costs). */
  readonly prefer?: readonly SlotPattern[];
  /** Soft: slots the lecturer would rather not teach in. */
  readonly avoid?: readonly SlotPattern[];
}

export interface Cohort {
  readonly id: string;
  /** Participants; the default room capacity a session of the cohort needs. */
  readonly size: number;
  /** The cohort's weeks (inclusive week indexes); default the whole calendar. */
  readonly firstWeek?: number;
  readonly lastWeek?: number;
  /** ISO weekdays the cohort meets on; default the calendar's. */
  readonly weekdays?: readonly number[];
  /** Slots the cohort meets in (e.g. evenings only for working citizens); default all. */
  readonly slotIds?: readonly string[];
  /** Rooms of the cohort's venue; default every room. */
  readonly roomIds?: readonly string[];
  /** Soft: more sessions than this on one day cost (default TimetableProblem.soft.maxSessionsPerDay). */
  readonly maxSessionsPerDay?: number;
}

/** A weekly cadence: series members, in `position` order, between min and max weeks apart (default exactly 1). */
export interface SeriesRule {
  readonly id: string;
  readonly minWeeksApart?: number;
  readonly maxWeeksApart?: number;
}

export interface TimetableSession {
  readonly id: string;
  readonly type: SessionType;
  readonly cohortId: string;
  /** Every listed lecturer teaches the whole session (none for, e.g., a self-run lab). */
  readonly lecturerIds: readonly string[];
  /** Consecutive slots of one day (default 1). */
  readonly durationSlots?: number;
  /** Consecutive calendar days, the same slots each day (default 1; 3 for the field study). */
  readonly days?: number;
  /** Week indexes the session may start in; default every week of the cohort. */
  readonly weeks?: readonly number[];
  /** false for sessions held off site (the field study); default true. */
  readonly needsRoom?: boolean;
  /** Rooms allowed; default the cohort's rooms. */
  readonly roomIds?: readonly string[];
  /** Seats needed; default the cohort size. */
  readonly capacity?: number;
  /** Sessions that must have ended before this one starts (order and prerequisites). */
  readonly after?: readonly string[];
  /** Membership of a weekly series (cadence); `position` orders the members. */
  readonly series?: { readonly id: string; readonly position: number };
}

export interface SoftSettings {
  /** A cohort with more sessions than this on one day costs, per session above (default 2). */
  readonly maxSessionsPerDay?: number;
  readonly weights?: Partial<SoftWeights>;
}

export interface SoftWeights {
  /** Per session above a cohort's even share of sessions per week. */
  readonly spread: number;
  /** Per session above maxSessionsPerDay on a cohort's day. */
  readonly daily: number;
  /** Per lecturer teaching in a slot they asked to avoid. */
  readonly avoid: number;
  /** Per lecturer with preferences teaching outside all of them. */
  readonly prefer: number;
}

export const DEFAULT_SOFT_WEIGHTS: SoftWeights = { spread: 3, daily: 5, avoid: 4, prefer: 1 };

export interface TimetableProblem {
  readonly calendar: TimetableCalendar;
  readonly rooms: readonly Room[];
  readonly lecturers: readonly Lecturer[];
  readonly cohorts: readonly Cohort[];
  readonly sessions: readonly TimetableSession[];
  readonly series?: readonly SeriesRule[];
  readonly soft?: SoftSettings;
}

/** A session placed: its first day and first slot, and its room (null when it needs none). */
export interface Placement {
  readonly sessionId: string;
  readonly day: number;
  readonly slotId: string;
  readonly roomId: string | null;
}

export type HardConflictKind =
  | 'unknown_session'
  | 'duplicate_placement'
  | 'unknown_slot'
  | 'unknown_room'
  | 'room_missing'
  | 'outside_calendar'
  | 'not_a_teaching_day'
  | 'outside_allowed_weeks'
  | 'slot_not_allowed'
  | 'beyond_day_end'
  | 'room_not_allowed'
  | 'room_too_small'
  | 'room_unavailable'
  | 'lecturer_unavailable'
  | 'lecturer_clash'
  | 'room_clash'
  | 'cohort_clash'
  | 'prerequisite_order'
  | 'cadence';

export type ConflictResource = { readonly type: 'lecturer' | 'room' | 'cohort' | 'series'; readonly id: string };

/** A broken hard constraint, for live warnings while staff edit: what, which sessions, which resource, when. */
export interface TimetableConflict {
  readonly kind: HardConflictKind;
  readonly sessionIds: readonly string[];
  readonly resource?: ConflictResource;
  /** The first day and slot where it happens, when it happens at a time. */
  readonly day?: number;
  readonly slotId?: string;
  readonly params?: Readonly<Record<string, string | number>>;
}

export type UnplacedCode =
  | 'invalid_session'
  | 'duplicate_session'
  | 'unknown_cohort'
  | 'unknown_lecturer'
  | 'unknown_room'
  | 'unknown_series'
  | 'duration_exceeds_day'
  | 'no_allowed_week'
  | 'no_teaching_day'
  | 'no_consecutive_days'
  | 'no_allowed_slot'
  | 'no_room_with_capacity'
  | 'lecturer_unavailable_all_allowed_weeks'
  | 'lecturers_never_free_together'
  | 'room_unavailable_all_allowed_weeks'
  | 'unknown_prerequisite'
  | 'prerequisite_cycle'
  | 'prerequisite_unplaceable'
  | 'no_time_after_prerequisites'
  | 'no_time_before_dependents'
  | 'series_unplaceable'
  | 'unresolved_conflict';

/** Why a session is not in the timetable; the edge turns code + params into words. */
export interface UnplacedReason {
  readonly code: UnplacedCode;
  readonly params: Readonly<Record<string, string | number>>;
}

export interface UnplacedSession {
  readonly sessionId: string;
  readonly reason: UnplacedReason;
}

/** Soft quality of a set of placements: lower `score` is better; the parts say where it comes from. */
export interface TimetableQuality {
  readonly score: number;
  /** Sessions above a cohort's even share per week (ceil(sessions / weeks)), summed over cohort-weeks. */
  readonly spreadExcess: number;
  /** Sessions above maxSessionsPerDay, summed over cohort-days. */
  readonly dailyExcess: number;
  /** Lecturer-sessions in a slot the lecturer asked to avoid. */
  readonly avoidedSlotsUsed: number;
  /** Lecturer-sessions outside every slot a lecturer with preferences prefers. */
  readonly preferenceMisses: number;
  /** Lecturer-sessions in a preferred slot. */
  readonly preferenceHits: number;
}

/** One lecturer with stated wishes in a set of placements (lecturer-sessions, as in TimetableQuality). */
export interface LecturerPreferenceFigures {
  readonly lecturerId: string;
  /** Placed sessions the lecturer teaches. */
  readonly sessions: number;
  /** Of those, in a preferred slot / outside every preferred slot (both 0 without preferences) / touching an avoided slot. */
  readonly hits: number;
  readonly misses: number;
  readonly avoided: number;
}
