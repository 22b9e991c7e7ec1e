/**
 * Contracts of the timetabling routes (docs/timetabling.md). Plain zod that imports nothing from the
 * server, like src/shared/contracts/*, so it can move there unchanged (the web app reads the types).
 */
import { z } from 'zod';
import { Id } from './common.js';

const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export const TimetableRunRequest = z.strictObject({
  /** The cohorts timetabled together (they share lecturers and rooms); 1–60. */
  cohortIds: z
    .array(Id, { message: 'oc:errors.timetable.cohort_ids' })
    .min(1, { message: 'oc:errors.timetable.cohort_ids' })
    .max(60, { message: 'oc:errors.timetable.cohort_ids' })
    .refine((ids) => new Set(ids).size === ids.length, { message: 'oc:errors.timetable.cohort_ids_duplicate' }),
  /** Same seed, same inputs → same timetable (when the search finishes before the limit); drawn when absent. */
  seed: z
    .number({ message: 'oc:errors.timetable.seed_range' })
    .int({ message: 'oc:errors.timetable.seed_range' })
    .min(0, { message: 'oc:errors.timetable.seed_range' })
    .max(2_147_483_647, { message: 'oc:errors.timetable.seed_range' })
    .optional(),
  timeLimitSeconds: z
    .number({ message: 'oc:errors.timetable.time_limit_range' })
    .int({ message: 'oc:errors.timetable.time_limit_range' })
    .min(1, { message: 'oc:errors.timetable.time_limit_range' })
    .max(300, { message: 'oc:errors.timetable.time_limit_range' })
    .optional(),
  /** Days with no teaching at all (public holidays), 'YYYY-MM-DD'. */
  closedDates: z
    .array(z.string({ message: 'oc:errors.timetable.closed_date' }).regex(DAY, { message: 'oc:errors.timetable.closed_date' }), { message: 'oc:errors.timetable.closed_date' })
    .max(366, { message: 'oc:errors.timetable.closed_date' })
    .optional(),
});
export type TimetableRunRequestT = z.infer<typeof TimetableRunRequest>;

export const BilingualText = z.object({ ko: z.string(), en: z.string() });
export const TitleText = z.object({ ko: z.string(), en: z.string().optional() });

export const TimetableRunStatus = z.enum(['queued', 'running', 'done', 'failed']);
/** 'loading' and 'saving' wrap the solver's phases (TimetablePhase in src/core/courses/timetable-solver.ts). */
export const TimetableRunPhase = z.enum(['loading', 'checking', 'constructing', 'repairing', 'improving', 'finishing', 'saving', 'done']);

export const TimetableProgressView = z.object({
  phase: z.string(),
  /** Sessions with a place (conflicting or not) out of those the solver works on. */
  placed: z.number(),
  placeable: z.number(),
  hardConflicts: z.number(),
  softScore: z.number(),
  iteration: z.number(),
});

export const ProposedPlacement = z.object({
  sessionId: z.string(),
  cohortId: z.string(),
  title: TitleText,
  type: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  days: z.number(),
  roomId: z.string().nullable(),
  roomName: TitleText.nullable(),
  lecturers: z.array(z.string()),
  /** Differs from the stored time or room (apply bumps its SEQUENCE). */
  changed: z.boolean(),
  /** The session's SEQUENCE when the run read it; apply refuses if it moved since. */
  sequence: z.number(),
});

export const UnplacedView = z.object({
  sessionId: z.string(),
  cohortId: z.string(),
  title: TitleText,
  /** UnplacedCode of the core, and its raw parameters (ids, numbers). */
  code: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  /** What is wrong and what to change, in words. */
  reason: BilingualText,
});

/**
 * Soft quality of the proposal (TimetableQuality of the core; lower `score` is better). The
 * preference figures count lecturer-sessions: a session with two lecturers who stated wishes
 * counts for each. docs/timetabling.md gives the weights.
 */
export const TimetableQualityView = z.object({
  score: z.number(),
  /** Sessions above a cohort's even share per week, and above the cap per day. */
  spreadExcess: z.number(),
  dailyExcess: z.number(),
  /** Lecturer-sessions touching a slot the lecturer would rather not teach in. */
  avoidedSlotsUsed: z.number(),
  /** Lecturer-sessions of lecturers with preferred slots: outside all of them / in one of them. */
  preferenceMisses: z.number(),
  preferenceHits: z.number(),
});
export type TimetableQualityViewT = z.infer<typeof TimetableQualityView>;

/** How one lecturer's stated wishes (preferred / avoided slots) fare in the proposal. */
export const LecturerPreferenceView = z.object({
  /** The lecturer's account (only accounts state wishes). */
  userId: z.string(),
  name: z.string(),
  /** Proposed sessions the lecturer teaches; of those, in a preferred slot, outside every preferred slot (0 and 0 with none stated), touching an avoided slot. */
  sessions: z.number(),
  hits: z.number(),
  misses: z.number(),
  avoided: z.number(),
});
export type LecturerPreferenceViewT = z.infer<typeof LecturerPreferenceView>;

export const TimetableRunResult = z.object({
  status: z.enum(['complete', 'partial']).optional(),
  placements: z.array(ProposedPlacement).optional(),
  unplaced: z.array(UnplacedView).optional(),
  quality: TimetableQualityView.optional(),
  /** Lecturers of the run who stated slot wishes, by name (absent in runs made before wishes were counted). */
  lecturerPreferences: z.array(LecturerPreferenceView).optional(),
  stats: z.record(z.string(), z.union([z.number(), z.string(), z.null()])).optional(),
  /** Sessions already held, or of other cohorts, whose times blocked lecturers and rooms. */
  fixedSessions: z.number().optional(),
  changed: z.number().optional(),
  durationMs: z.number().optional(),
  /** When the run failed. */
  error: z.string().optional(),
  message: BilingualText.optional(),
});
export type TimetableRunResultT = z.infer<typeof TimetableRunResult>;

export const TimetableRunView = z.object({
  id: z.string(),
  cohortIds: z.array(z.string()),
  status: TimetableRunStatus,
  phase: z.string().nullable(),
  progress: TimetableProgressView.nullable(),
  params: z.object({ seed: z.number(), timeLimitSeconds: z.number(), closedDates: z.array(z.string()) }),
  result: TimetableRunResult.nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  appliedAt: z.string().nullable(),
  appliedBy: z.string().nullable(),
});
export type TimetableRunViewT = z.infer<typeof TimetableRunView>;

export const TimetableRunParams = z.strictObject({ runId: Id });

export const TimetableApplyView = z.object({
  run: TimetableRunView,
  /** Sessions whose time or room was written (SEQUENCE bumped). */
  changed: z.number(),
  unchanged: z.number(),
});
export type TimetableApplyViewT = z.infer<typeof TimetableApplyView>;

export const ConflictWarning = z.object({
  /** HardConflictKind of the core, or 'lecturer_clash' / 'room_clash' with a session of another cohort. */
  kind: z.string(),
  sessionIds: z.array(z.string()),
  /** Sessions of other cohorts in the clash (same lecturer or room at the same time). */
  otherSessionIds: z.array(z.string()),
  resource: z.object({ type: z.string(), id: z.string(), name: z.string() }).nullable(),
  /** Asia/Seoul date and time where it happens, when it happens at a time. */
  date: z.string().nullable(),
  time: z.string().nullable(),
  text: BilingualText,
});

export const CohortConflicts = z.object({
  cohortId: z.string(),
  /** Sessions with a stored time that were checked, and those still without a time. */
  checked: z.number(),
  untimed: z.number(),
  warnings: z.array(ConflictWarning),
});
export type CohortConflictsT = z.infer<typeof CohortConflicts>;
