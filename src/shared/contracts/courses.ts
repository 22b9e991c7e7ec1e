/**
 * Contracts of courses (docs/courses.md): programmes, cohorts, rooms, the curriculum
 * (modules, sessions, lecturers, materials), the public and participant views, and "session held"
 * which books lecturer fees into the budget.
 *
 * Inputs are strict: ids, slugs, sequence, heldAt and timestamps are the server's to set, so a
 * client sending them gets 400 (mass assignment). Cross-field rules that need stored values (a
 * patch's end against the stored start) are checked in the use cases with the same field names.
 */
import { z } from 'zod';
import { Id, LocalizedText, RequiredText, TEXT_MAX } from './common.js';
import { Paged, PageQueryFields, TextFilter } from './paging.js';

const Text = LocalizedText();
const LongText = LocalizedText(TEXT_MAX);
const DESCRIPTION_MAX = 10_000;

export const PROGRAMME_KINDS = ['top_innovator', 'citizen'] as const;
export const SESSION_TYPES = ['lecture', 'workshop', 'field_study', 'experiment_lab', 'mentoring', 'results_presentation'] as const;
export const COHORT_STATUSES = ['draft', 'published', 'finished'] as const;
export const ENROLMENT_MODES = ['selection', 'open'] as const;

export const ProgrammeKind = z.enum(PROGRAMME_KINDS);
export const SessionType = z.enum(SESSION_TYPES);
export const CohortStatus = z.enum(COHORT_STATUSES);
export const EnrolmentMode = z.enum(ENROLMENT_MODES);

/** ISO 8601 with an offset; the campus states times in Asia/Seoul (+09:00). */
const Instant = z.iso.datetime({ offset: true, message: 'oc:errors.courses.instant' });
/** A calendar day in Asia/Seoul. */
const Day = z.iso.date({ message: 'oc:errors.courses.day' });
/** Won, whole numbers; 100 million per session is far above any lecture fee. */
const FeeRate = z.number().int({ message: 'oc:errors.courses.fee_rate' }).min(0, { message: 'oc:errors.courses.fee_rate' }).max(100_000_000, { message: 'oc:errors.courses.fee_rate' });
const Capacity = z.number().int().min(1).max(100_000);
const Position = z.number().int().min(0).max(10_000);
/** http(s) only: a material link is opened by participants, so no javascript: or data: URLs. */
const LinkUrl = z
  .string({ message: 'oc:errors.courses.url' })
  .trim()
  .max(2000, { message: 'oc:errors.field.too_long' })
  .regex(/^https?:\/\/[^\s/$.?#][^\s]*$/i, { message: 'oc:errors.courses.url' });

// ---------- programmes ----------

/** What completing a cohort takes; the attendance module checks it (docs/attendance.md). */
export const CompletionRule = z.strictObject({
  /** Share of the cohort's sessions attended, 0..1 (e.g. 0.8). */
  minAttendanceRate: z.number().min(0, { message: 'oc:errors.courses.rate' }).max(1, { message: 'oc:errors.courses.rate' }),
  /** Every session of these types must be attended (e.g. the field study). */
  requiredSessionTypes: z.array(SessionType).max(SESSION_TYPES.length),
  requireExperimentReport: z.boolean(),
});
export type CompletionRuleT = z.infer<typeof CompletionRule>;

export const ProgrammeInput = z.strictObject({
  kind: ProgrammeKind,
  title: Text,
  description: LocalizedText(DESCRIPTION_MAX),
  completionRule: CompletionRule,
});
export type ProgrammeInputT = z.infer<typeof ProgrammeInput>;

export const ProgrammePatch = z.strictObject({
  kind: ProgrammeKind.optional(),
  title: Text.optional(),
  description: LocalizedText(DESCRIPTION_MAX).optional(),
  completionRule: CompletionRule.optional(),
});
export type ProgrammePatchT = z.infer<typeof ProgrammePatch>;

export const ProgrammeView = z.object({
  id: Id,
  /** Stable key of a seeded programme ('top-innovator', 'citizen-innovator'); null for ones staff create. */
  slug: z.string().nullable(),
  kind: ProgrammeKind,
  title: Text,
  description: LocalizedText(DESCRIPTION_MAX),
  completionRule: CompletionRule,
  cohortCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ProgrammeViewT = z.infer<typeof ProgrammeView>;
/** The staff list of programmes, by creation: `?q` matches a part of the title in either language, `?kind` one kind. */
export const ProgrammeQuery = z.strictObject({ ...PageQueryFields, q: TextFilter, kind: ProgrammeKind.optional() });
export type ProgrammeQueryT = z.infer<typeof ProgrammeQuery>;
export const ProgrammeList = Paged(ProgrammeView);
export type ProgrammeListT = z.infer<typeof ProgrammeList>;

// ---------- rooms ----------

/** Minutes from midnight, [start, end), Asia/Seoul. */
const MinuteRange = z
  .tuple([z.number().int().min(0).max(1440), z.number().int().min(0).max(1440)])
  .refine(([a, b]) => a < b, { message: 'oc:errors.courses.minute_range' });
/** Weekly availability: ISO weekday '1' (Monday) … '7' → open ranges. Empty object = always open. */
export const RoomAvailability = z.partialRecord(z.enum(['1', '2', '3', '4', '5', '6', '7'], { message: 'oc:errors.courses.weekday' }), z.array(MinuteRange).max(24));
export type RoomAvailabilityT = z.infer<typeof RoomAvailability>;

export const RoomInput = z.strictObject({
  name: Text,
  place: Text,
  capacity: Capacity,
  availability: RoomAvailability.default({}),
});
export type RoomInputT = z.infer<typeof RoomInput>;

export const RoomPatch = z.strictObject({
  name: Text.optional(),
  place: Text.optional(),
  capacity: Capacity.optional(),
  availability: RoomAvailability.optional(),
});
export type RoomPatchT = z.infer<typeof RoomPatch>;

export const RoomView = z.object({
  id: Id,
  name: Text,
  place: Text,
  capacity: z.number().int(),
  availability: z.record(z.string(), z.array(z.tuple([z.number(), z.number()]))),
  createdAt: z.string(),
});
export type RoomViewT = z.infer<typeof RoomView>;
/** The staff list of rooms, by creation: `?q` matches a part of the name or the place in either language. */
export const RoomQuery = z.strictObject({ ...PageQueryFields, q: TextFilter });
export type RoomQueryT = z.infer<typeof RoomQuery>;
export const RoomList = Paged(RoomView);
export type RoomListT = z.infer<typeof RoomList>;

// ---------- cohorts ----------

const CohortFields = {
  title: Text,
  place: Text,
  startsOn: Day,
  endsOn: Day,
  capacity: Capacity,
  enrolmentMode: EnrolmentMode,
  /** The selection call whose selected applicants become this cohort's people ('selection' cohorts only). */
  callId: Id.nullable(),
  enrolmentOpensAt: Instant.nullable(),
  enrolmentClosesAt: Instant.nullable(),
  status: CohortStatus,
};

export const CohortInput = z
  .strictObject({
    programmeId: Id,
    title: CohortFields.title,
    place: CohortFields.place,
    startsOn: CohortFields.startsOn,
    endsOn: CohortFields.endsOn,
    capacity: CohortFields.capacity,
    enrolmentMode: CohortFields.enrolmentMode,
    callId: CohortFields.callId.default(null),
    enrolmentOpensAt: CohortFields.enrolmentOpensAt.default(null),
    enrolmentClosesAt: CohortFields.enrolmentClosesAt.default(null),
    status: CohortFields.status.default('draft'),
  })
  .refine((c) => c.endsOn >= c.startsOn, { message: 'oc:errors.field.end_before_start', path: ['endsOn'] })
  .refine((c) => !c.enrolmentOpensAt || !c.enrolmentClosesAt || Date.parse(c.enrolmentClosesAt) > Date.parse(c.enrolmentOpensAt), {
    message: 'oc:errors.field.end_before_start',
    path: ['enrolmentClosesAt'],
  })
  .refine((c) => c.enrolmentMode === 'selection' || c.callId === null, { message: 'oc:errors.courses.call_only_for_selection', path: ['callId'] });
export type CohortInputT = z.infer<typeof CohortInput>;

export const CohortPatch = z.strictObject({
  title: CohortFields.title.optional(),
  place: CohortFields.place.optional(),
  startsOn: CohortFields.startsOn.optional(),
  endsOn: CohortFields.endsOn.optional(),
  capacity: CohortFields.capacity.optional(),
  enrolmentMode: CohortFields.enrolmentMode.optional(),
  callId: CohortFields.callId.optional(),
  enrolmentOpensAt: CohortFields.enrolmentOpensAt.optional(),
  enrolmentClosesAt: CohortFields.enrolmentClosesAt.optional(),
  status: CohortFields.status.optional(),
});
export type CohortPatchT = z.infer<typeof CohortPatch>;

export const CohortQuery = z.strictObject({ programmeId: Id.optional() });

export const CohortView = z.object({
  id: Id,
  programmeId: Id,
  slug: z.string().nullable(),
  title: Text,
  place: Text,
  startsOn: z.string(),
  endsOn: z.string(),
  capacity: z.number().int(),
  enrolmentMode: EnrolmentMode,
  callId: Id.nullable(),
  enrolmentOpensAt: z.string().nullable(),
  enrolmentClosesAt: z.string().nullable(),
  status: CohortStatus,
  sessionCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CohortViewT = z.infer<typeof CohortView>;
export const CohortList = z.object({ cohorts: z.array(CohortView) });
export type CohortListT = z.infer<typeof CohortList>;

// ---------- modules ----------

export const ModuleInput = z.strictObject({
  title: Text,
  goals: LongText.nullable().optional(),
  position: Position.optional(),
});
export type ModuleInputT = z.infer<typeof ModuleInput>;
export const ModulePatch = ModuleInput.partial();
export type ModulePatchT = z.infer<typeof ModulePatch>;

export const ModuleView = z.object({ id: Id, cohortId: Id, title: Text, goals: LongText.nullable(), position: z.number().int() });
export type ModuleViewT = z.infer<typeof ModuleView>;
export const ModuleList = z.object({ modules: z.array(ModuleView) });

// ---------- sessions ----------

/**
 * What the timetabler must respect besides resources (docs/courses.md): sessions of the same cohort
 * that must have ended first, the weeks it may start in (0 = the cohort's first week, counted from
 * startsOn), and a cadence group (sessions of one group meet a week apart, in curriculum order).
 */
export const SessionConstraints = z.strictObject({
  prerequisites: z.array(Id).max(100).optional(),
  allowedWeeks: z.array(z.number().int().min(0).max(104)).max(105).optional(),
  cadenceGroup: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, { message: 'oc:errors.courses.cadence_group' })
    .optional(),
});
export type SessionConstraintsT = z.infer<typeof SessionConstraints>;

const SessionFields = {
  moduleId: Id.nullable(),
  type: SessionType,
  title: Text,
  goals: LongText.nullable(),
  /** Minutes per day (a 3-day field study of 8 hours a day is 480 with days 3). */
  durationMinutes: z.number().int().min(15).max(1440),
  days: z.number().int().min(1).max(14),
  startsAt: Instant.nullable(),
  endsAt: Instant.nullable(),
  roomId: Id.nullable(),
  placeText: Text.nullable(),
  constraints: SessionConstraints,
  position: Position,
};

/** A new session; left untimed (startsAt null) it waits for the timetable. endsAt defaults to startsAt + (days − 1) days + duration. */
export const SessionInput = z.strictObject({
  moduleId: SessionFields.moduleId.optional(),
  type: SessionFields.type,
  title: SessionFields.title,
  goals: SessionFields.goals.optional(),
  durationMinutes: SessionFields.durationMinutes,
  days: SessionFields.days.default(1),
  startsAt: SessionFields.startsAt.optional(),
  endsAt: SessionFields.endsAt.optional(),
  roomId: SessionFields.roomId.optional(),
  placeText: SessionFields.placeText.optional(),
  constraints: SessionFields.constraints.default({}),
  position: SessionFields.position.optional(),
});
export type SessionInputT = z.infer<typeof SessionInput>;

export const SessionPatch = z.strictObject({
  moduleId: SessionFields.moduleId.optional(),
  type: SessionFields.type.optional(),
  title: SessionFields.title.optional(),
  goals: SessionFields.goals.optional(),
  durationMinutes: SessionFields.durationMinutes.optional(),
  days: SessionFields.days.optional(),
  startsAt: SessionFields.startsAt.optional(),
  endsAt: SessionFields.endsAt.optional(),
  roomId: SessionFields.roomId.optional(),
  placeText: SessionFields.placeText.optional(),
  constraints: SessionFields.constraints.optional(),
  position: SessionFields.position.optional(),
});
export type SessionPatchT = z.infer<typeof SessionPatch>;

export const LecturerInput = z
  .strictObject({
    /** A user holding the 'mentor' role (the network's lecturer pool)… */
    userId: Id.optional(),
    /** …or someone outside it, by name. */
    externalName: RequiredText(200).optional(),
    /** KRW per session taught (the plan: 300,000 KRW for domestic faculty). */
    feeRate: FeeRate.default(0),
  })
  .refine((l) => (l.userId === undefined) !== (l.externalName === undefined), { message: 'oc:errors.courses.lecturer_one_of', path: ['userId'] });
export type LecturerInputT = z.infer<typeof LecturerInput>;

export const LecturerPatch = z.strictObject({ externalName: RequiredText(200).optional(), feeRate: FeeRate.optional() });
export type LecturerPatchT = z.infer<typeof LecturerPatch>;

export const LecturerParams = z.strictObject({ id: Id, lecturerId: Id });

export const LecturerView = z.object({
  id: Id,
  sessionId: Id,
  kind: z.enum(['network', 'external']),
  userId: Id.nullable(),
  externalName: z.string().nullable(),
  displayName: z.string(),
  feeRate: z.number().int(),
});
export type LecturerViewT = z.infer<typeof LecturerView>;

// ---------- materials ----------

export const MaterialLinkInput = z.strictObject({
  title: Text,
  url: LinkUrl,
  /** Null or omitted: a material of the whole cohort. */
  sessionId: Id.nullable().default(null),
});
export type MaterialLinkInputT = z.infer<typeof MaterialLinkInput>;

/** The file itself is the raw body; the name is in the x-file-name header (URI-encoded). */
export const MaterialFileQuery = z.strictObject({
  sessionId: Id.optional(),
  /** Titles default to the file's name. */
  titleKo: RequiredText(300).optional(),
  titleEn: z.string().trim().max(300, { message: 'oc:errors.field.too_long' }).optional(),
});
export type MaterialFileQueryT = z.infer<typeof MaterialFileQuery>;

export const MaterialPatch = z.strictObject({
  title: Text.optional(),
  /** Links only. */
  url: LinkUrl.optional(),
  sessionId: Id.nullable().optional(),
});
export type MaterialPatchT = z.infer<typeof MaterialPatch>;

const MaterialFile = z.object({ name: z.string(), size: z.number().int(), mediaType: z.string() });

export const MaterialView = z.object({
  id: Id,
  cohortId: Id,
  sessionId: Id.nullable(),
  title: Text,
  kind: z.enum(['file', 'link']),
  /** The link for a link; for a file, the download address (members, the session's lecturers and staff). */
  url: z.string(),
  file: MaterialFile.nullable(),
  createdAt: z.string(),
});
export type MaterialViewT = z.infer<typeof MaterialView>;

export const SessionView = z.object({
  id: Id,
  cohortId: Id,
  moduleId: Id.nullable(),
  type: SessionType,
  title: Text,
  goals: LongText.nullable(),
  durationMinutes: z.number().int(),
  days: z.number().int(),
  startsAt: z.string().nullable(),
  endsAt: z.string().nullable(),
  roomId: Id.nullable(),
  placeText: Text.nullable(),
  constraints: SessionConstraints,
  position: z.number().int(),
  /** iCalendar SEQUENCE: grows whenever the time or the place changes. */
  sequence: z.number().int(),
  heldAt: z.string().nullable(),
  lecturers: z.array(LecturerView),
  materials: z.array(MaterialView),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SessionViewT = z.infer<typeof SessionView>;
export const SessionList = z.object({ sessions: z.array(SessionView) });
export type SessionListT = z.infer<typeof SessionList>;

/** A cohort for staff with everything in it: the curriculum editor's one read. */
export const CohortDetail = z.object({
  cohort: CohortView,
  programme: ProgrammeView,
  modules: z.array(ModuleView),
  sessions: z.array(SessionView),
  /** Materials of the whole cohort (per-session ones are on their sessions). */
  materials: z.array(MaterialView),
  rooms: z.array(RoomView),
});
export type CohortDetailT = z.infer<typeof CohortDetail>;

/** How a person came to be in a cohort: selected through a call, or enrolled in an open course. */
export const CohortMemberVia = z.enum(['selection', 'enrolment']);
export const CohortMemberView = z.object({ userId: Id, name: z.string(), email: z.string(), via: CohortMemberVia });
/** One page of a cohort's people, by name; `?q` matches a part of the name or the address. */
export const CohortMemberQuery = z.strictObject({ ...PageQueryFields, q: TextFilter });
export type CohortMemberQueryT = z.infer<typeof CohortMemberQuery>;
export const CohortMemberList = Paged(CohortMemberView);
export type CohortMemberListT = z.infer<typeof CohortMemberList>;

/** Accounts holding 'mentor': the network's lecturer pool, by name; `?q` matches a part of the name or the address. */
export const LecturerPoolItem = z.object({ userId: Id, name: z.string(), email: z.string() });
export type LecturerPoolItemT = z.infer<typeof LecturerPoolItem>;
export const LecturerPoolQuery = z.strictObject({ ...PageQueryFields, q: TextFilter });
export type LecturerPoolQueryT = z.infer<typeof LecturerPoolQuery>;
export const LecturerPool = Paged(LecturerPoolItem);
export type LecturerPoolT = z.infer<typeof LecturerPool>;

// ---------- held sessions and lecturer fees ----------

export const FeeBooking = z.object({
  lecturerId: Id,
  displayName: z.string(),
  amount: z.number().int(),
  /** The budget_spending row; null when it was not booked (no fee line in the plan, or a fee of 0). */
  spendingId: Id.nullable(),
});

export const HeldView = z.object({
  session: SessionView,
  /** The plan's "domestic faculty lecture fees" line the fees go to; null when the plan has none. */
  budgetLineId: Id.nullable(),
  bookings: z.array(FeeBooking),
});
export type HeldViewT = z.infer<typeof HeldView>;

// ---------- public and participant views ----------

/** A lecturer as the public sees them: a display name, nothing else. */
const PublicLecturer = z.object({ displayName: z.string() });
const PublicRoom = z.object({ id: Id, name: Text, place: Text });

export const PublicSessionView = z.object({
  id: Id,
  moduleId: Id.nullable(),
  type: SessionType,
  title: Text,
  goals: LongText.nullable(),
  durationMinutes: z.number().int(),
  days: z.number().int(),
  startsAt: z.string().nullable(),
  endsAt: z.string().nullable(),
  room: PublicRoom.nullable(),
  placeText: Text.nullable(),
  lecturers: z.array(PublicLecturer),
});
export type PublicSessionViewT = z.infer<typeof PublicSessionView>;

export const PublicCohortSummary = z.object({
  id: Id,
  programmeId: Id,
  title: Text,
  place: Text,
  startsOn: z.string(),
  endsOn: z.string(),
  capacity: z.number().int(),
  enrolmentMode: EnrolmentMode,
  enrolmentOpensAt: z.string().nullable(),
  enrolmentClosesAt: z.string().nullable(),
  status: z.enum(['published', 'finished']),
  /** Open cohorts: seats not yet taken (0 = new enrolments join the waitlist). Null for selection cohorts. */
  seatsLeft: z.number().int().nullable(),
  /** Open cohorts: people on the waitlist. Null for selection cohorts. */
  waitlisted: z.number().int().nullable(),
});
export type PublicCohortSummaryT = z.infer<typeof PublicCohortSummary>;

export const PublicProgrammeView = z.object({
  id: Id,
  kind: ProgrammeKind,
  title: Text,
  description: LocalizedText(DESCRIPTION_MAX),
  completionRule: CompletionRule,
  cohorts: z.array(PublicCohortSummary),
});
export const PublicProgrammeList = z.object({ programmes: z.array(PublicProgrammeView) });
export type PublicProgrammeListT = z.infer<typeof PublicProgrammeList>;

export const PublicCohortView = z.object({
  cohort: PublicCohortSummary,
  programme: PublicProgrammeView.omit({ cohorts: true }),
  modules: z.array(ModuleView),
  sessions: z.array(PublicSessionView),
  timeZone: z.literal('Asia/Seoul'),
});
export type PublicCohortViewT = z.infer<typeof PublicCohortView>;

/** A member's own view: the public view plus materials (per session and for the whole cohort). */
export const MyCohortView = PublicCohortView.extend({
  via: z.enum(['selection', 'enrolment']),
  sessions: z.array(PublicSessionView.extend({ materials: z.array(MaterialView) })),
  materials: z.array(MaterialView),
});
export type MyCohortViewT = z.infer<typeof MyCohortView>;

export const MyCohortList = z.object({
  cohorts: z.array(PublicCohortSummary.extend({ programme: z.object({ id: Id, kind: ProgrammeKind, title: Text }), via: z.enum(['selection', 'enrolment']) })),
});
export type MyCohortListT = z.infer<typeof MyCohortList>;

/** The timetable's fixed slots (src/modules/courses/timetable-problem.ts COURSE_SLOTS): 09–12, 13–16, 16–19, 19–21. */
export const CourseSlotId = z.enum(['am', 'pm', 'late', 'eve'], { message: 'oc:errors.courses.slot' });
export type CourseSlotIdT = z.infer<typeof CourseSlotId>;
/**
 * A slot a lecturer would like (or would rather not) teach in: a weekday (1 = Monday … 7), a slot,
 * or both; an omitted part matches any. A soft wish: the timetable weighs it, never refuses for it.
 */
export const SlotPreference = z
  .strictObject({
    weekday: z
      .int({ message: 'oc:errors.courses.weekday' })
      .min(1, { message: 'oc:errors.courses.weekday' })
      .max(7, { message: 'oc:errors.courses.weekday' })
      .optional(),
    slot: CourseSlotId.optional(),
  })
  .refine((p) => p.weekday !== undefined || p.slot !== undefined, { message: 'oc:errors.courses.preference_empty' });
export type SlotPreferenceT = z.infer<typeof SlotPreference>;
const samePreference = (a: SlotPreferenceT, b: SlotPreferenceT) => a.weekday === b.weekday && a.slot === b.slot;

/** When a lecturer can teach: weekly open hours (as a room's), dates they cannot come, and soft slot wishes. */
export const LecturerAvailabilityInput = z
  .strictObject({
    weekly: RoomAvailability,
    unavailableDates: z.array(Day).max(366),
    preferred: z.array(SlotPreference).max(35).default([]),
    avoided: z.array(SlotPreference).max(35).default([]),
  })
  .superRefine((v, ctx) => {
    // Preferring and avoiding the same slot says nothing; ask which one was meant.
    v.avoided.forEach((a, i) => {
      if (v.preferred.some((p) => samePreference(p, a))) ctx.addIssue({ code: 'custom', path: ['avoided', i], message: 'oc:errors.courses.preference_both' });
    });
  });
export type LecturerAvailabilityInputT = z.infer<typeof LecturerAvailabilityInput>;
export const LecturerAvailabilityView = z.object({
  userId: Id,
  weekly: RoomAvailability,
  unavailableDates: z.array(z.string()),
  preferred: z.array(z.object({ weekday: z.int().optional(), slot: CourseSlotId.optional() })),
  avoided: z.array(z.object({ weekday: z.int().optional(), slot: CourseSlotId.optional() })),
  updatedAt: z.string().nullable(),
});
export type LecturerAvailabilityViewT = z.infer<typeof LecturerAvailabilityView>;
