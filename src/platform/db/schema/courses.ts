/**
 * Courses (docs/courses.md): programmes (the plan's two course types), cohorts (one run of a programme in
 * one place), rooms, the curriculum (modules and sessions with lecturers and materials), enrolment
 * for open courses, attendance, completion and certificates, and calendar feed tokens.
 *
 * A cohort filled by a selection call takes its people from `participant` (recruitment); an open
 * cohort takes them from `enrolment`. Both read as "the cohort's people" through the courses module.
 */
import { sql } from 'drizzle-orm';
import { bigint, boolean, check, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { LocalizedText } from '../../../core/shared/localized.js';
import { users } from './auth.js';
import { calls, storedFiles } from './recruitment.js';

export type ProgrammeKind = 'top_innovator' | 'citizen';
export type SessionType = 'lecture' | 'workshop' | 'field_study' | 'experiment_lab' | 'mentoring' | 'results_presentation';

/** What completing a cohort of a programme takes; checked by the pure completion core. */
export interface CompletionRule {
  /** Share of the cohort's sessions attended, 0..1 (e.g. 0.8). */
  minAttendanceRate: number;
  /** Session types of which every session must be attended (e.g. ['field_study']). */
  requiredSessionTypes: SessionType[];
  /** An experiment report must be submitted. */
  requireExperimentReport: boolean;
}

export const programmes = pgTable('programme', {
  id: uuid('id').primaryKey(),
  /** Stable key for seeded programmes ('top-innovator-2020'), null for ones staff create. */
  slug: text('slug').unique('programme_slug_uq'),
  kind: text('kind').$type<ProgrammeKind>().notNull(),
  title: jsonb('title').$type<LocalizedText>().notNull(),
  description: jsonb('description').$type<LocalizedText>().notNull(),
  completionRule: jsonb('completion_rule').$type<CompletionRule>().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const rooms = pgTable('room', {
  id: uuid('id').primaryKey(),
  name: jsonb('name').$type<LocalizedText>().notNull(),
  /** Where the room is (e.g. 서울혁신파크 미래청 2층). */
  place: jsonb('place').$type<LocalizedText>().notNull(),
  capacity: integer('capacity').notNull(),
  /** Weekly availability: day of week (1 = Monday … 7) → list of [startMinute, endMinute) in Asia/Seoul. Empty = always. */
  availability: jsonb('availability').$type<Record<string, [number, number][]>>().notNull().default({}),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const cohorts = pgTable(
  'cohort',
  {
    id: uuid('id').primaryKey(),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => programmes.id, { onDelete: 'cascade' }),
    slug: text('slug').unique('cohort_slug_uq'),
    title: jsonb('title').$type<LocalizedText>().notNull(),
    place: jsonb('place').$type<LocalizedText>().notNull(),
    /** Month-precise plan dates become exact days here (Asia/Seoul). */
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }).notNull(),
    capacity: integer('capacity').notNull(),
    /** 'selection': people come from the call's selected applicants; 'open': citizens enrol themselves. */
    enrolmentMode: text('enrolment_mode').$type<'selection' | 'open'>().notNull(),
    callId: uuid('call_id').references(() => calls.id, { onDelete: 'set null' }),
    enrolmentOpensAt: timestamp('enrolment_opens_at', { withTimezone: true }),
    enrolmentClosesAt: timestamp('enrolment_closes_at', { withTimezone: true }),
    status: text('status').$type<'draft' | 'published' | 'finished'>().notNull().default('draft'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('cohort_programme_idx').on(t.programmeId),
    check('cohort_capacity_chk', sql`${t.capacity} > 0`),
    // A call fills at most one cohort; the database holds it when two staff link at once.
    uniqueIndex('cohort_call_uq').on(t.callId).where(sql`${t.callId} is not null`),
  ],
);

export const courseModules = pgTable(
  'course_module',
  {
    id: uuid('id').primaryKey(),
    cohortId: uuid('cohort_id')
      .notNull()
      .references(() => cohorts.id, { onDelete: 'cascade' }),
    title: jsonb('title').$type<LocalizedText>().notNull(),
    goals: jsonb('goals').$type<LocalizedText>(),
    position: integer('position').notNull().default(0),
  },
  (t) => [index('course_module_cohort_idx').on(t.cohortId, t.position)],
);

export const courseSessions = pgTable(
  'course_session',
  {
    id: uuid('id').primaryKey(),
    cohortId: uuid('cohort_id')
      .notNull()
      .references(() => cohorts.id, { onDelete: 'cascade' }),
    moduleId: uuid('module_id').references(() => courseModules.id, { onDelete: 'set null' }),
    type: text('type').$type<SessionType>().notNull(),
    title: jsonb('title').$type<LocalizedText>().notNull(),
    goals: jsonb('goals').$type<LocalizedText>(),
    durationMinutes: integer('duration_minutes').notNull(),
    /** Days the session spans (3 for the field study, on consecutive days). */
    days: integer('days').notNull().default(1),
    /** Null until timetabled. */
    startsAt: timestamp('starts_at', { withTimezone: true }),
    endsAt: timestamp('ends_at', { withTimezone: true }),
    roomId: uuid('room_id').references(() => rooms.id, { onDelete: 'set null' }),
    /** A place outside the rooms (the field study's site). */
    placeText: jsonb('place_text').$type<LocalizedText>(),
    /** Timetabling constraints: prerequisites (session ids), allowed weeks, cadence group. */
    constraints: jsonb('constraints').$type<Record<string, unknown>>().notNull().default({}),
    position: integer('position').notNull().default(0),
    /** iCalendar SEQUENCE: bumped whenever time or place changes, so calendars update the event. */
    sequence: integer('sequence').notNull().default(0),
    /** Secret for the rotating attendance code (HMAC key); never sent to participants. */
    checkinSecret: text('checkin_secret').notNull(),
    /** Set when staff mark the session held (feeds lecturer fees into the budget). */
    heldAt: timestamp('held_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('course_session_cohort_idx').on(t.cohortId, t.startsAt), index('course_session_room_idx').on(t.roomId, t.startsAt)],
);

/** A session's lecturers: people from the network (user) or external names, with the fee rate per session. */
export const sessionLecturers = pgTable(
  'session_lecturer',
  {
    id: uuid('id').primaryKey(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => courseSessions.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    externalName: text('external_name'),
    /** KRW per session taught (the plan: 300,000 KRW a day for domestic faculty). */
    feeRate: bigint('fee_rate', { mode: 'number' }).notNull().default(0),
  },
  (t) => [index('session_lecturer_session_idx').on(t.sessionId), index('session_lecturer_user_idx').on(t.userId)],
);

export const materials = pgTable(
  'material',
  {
    id: uuid('id').primaryKey(),
    cohortId: uuid('cohort_id')
      .notNull()
      .references(() => cohorts.id, { onDelete: 'cascade' }),
    sessionId: uuid('session_id').references(() => courseSessions.id, { onDelete: 'cascade' }),
    title: jsonb('title').$type<LocalizedText>().notNull(),
    kind: text('kind').$type<'file' | 'link'>().notNull(),
    url: text('url'),
    fileId: uuid('file_id').references(() => storedFiles.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('material_cohort_idx').on(t.cohortId)],
);

/**
 * A citizen's place in an open cohort: enrolled, waitlisted (with position) or cancelled. One row per
 * person and cohort; the idempotency key makes a retried request return the first answer.
 */
export const enrolments = pgTable(
  'enrolment',
  {
    id: uuid('id').primaryKey(),
    cohortId: uuid('cohort_id')
      .notNull()
      .references(() => cohorts.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    status: text('status').$type<'enrolled' | 'waitlisted' | 'cancelled'>().notNull(),
    waitlistPosition: integer('waitlist_position'),
    idempotencyKey: text('idempotency_key'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('enrolment_cohort_user_uq').on(t.cohortId, t.userId),
    uniqueIndex('enrolment_user_key_uq').on(t.userId, t.idempotencyKey),
    index('enrolment_cohort_status_idx').on(t.cohortId, t.status),
  ],
);

export const attendance = pgTable(
  'attendance',
  {
    id: uuid('id').primaryKey(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => courseSessions.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    status: text('status').$type<'present' | 'absent' | 'excused'>().notNull(),
    method: text('method').$type<'code' | 'manual'>().notNull(),
    /** Required for manual corrections (audited). */
    reason: text('reason'),
    recordedBy: uuid('recorded_by'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('attendance_session_user_uq').on(t.sessionId, t.userId), index('attendance_user_idx').on(t.userId)],
);

/** An experiment report a participant submits for completion. */
export const experimentReports = pgTable(
  'experiment_report',
  {
    id: uuid('id').primaryKey(),
    cohortId: uuid('cohort_id')
      .notNull()
      .references(() => cohorts.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    summary: text('summary').notNull(),
    fileId: uuid('file_id').references(() => storedFiles.id, { onDelete: 'set null' }),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('experiment_report_cohort_user_uq').on(t.cohortId, t.userId)],
);

/** A completion certificate; anyone with its token can verify it; staff can revoke it. */
export const certificates = pgTable(
  'certificate',
  {
    id: uuid('id').primaryKey(),
    cohortId: uuid('cohort_id')
      .notNull()
      .references(() => cohorts.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** Human-readable number printed on the certificate (e.g. OC-2020-TI-0007). */
    number: text('number').notNull().unique('certificate_number_uq'),
    /** Random, unguessable; the verification link carries it. */
    token: text('token').notNull().unique('certificate_token_uq'),
    /** Name and course as printed, frozen at issue. */
    holderName: text('holder_name').notNull(),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedReason: text('revoked_reason'),
  },
  (t) => [uniqueIndex('certificate_cohort_user_uq').on(t.cohortId, t.userId)],
);

/** Secret URL tokens for personal calendar feeds (calendar apps send no cookies); stored hashed. */
export const calendarTokens = pgTable(
  'calendar_token',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<'participant' | 'lecturer'>().notNull(),
    tokenHash: text('token_hash').notNull().unique('calendar_token_hash_uq'),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.kind] })],
);

export type TimetableRunStatus = 'queued' | 'running' | 'done' | 'failed';

/**
 * One automatic timetabling job over one or more cohorts (docs/timetabling.md): parameters, live
 * progress (phase, placed, hard conflicts left), the proposed placements and the unplaced sessions
 * with their reasons. Nothing moves until staff apply the run (appliedAt), in one transaction.
 */
export const timetableRuns = pgTable(
  'timetable_run',
  {
    id: uuid('id').primaryKey(),
    cohortIds: jsonb('cohort_ids').$type<string[]>().notNull(),
    status: text('status').$type<TimetableRunStatus>().notNull().default('queued'),
    phase: text('phase'),
    /** The solver's last progress report: { phase, placed, placeable, hardConflicts, softScore, iteration }. */
    progress: jsonb('progress').$type<Record<string, unknown>>(),
    /** { seed, timeLimitSeconds, closedDates } */
    params: jsonb('params').$type<Record<string, unknown>>().notNull(),
    /** Proposed placements, unplaced sessions with reasons, quality and statistics. */
    result: jsonb('result').$type<Record<string, unknown>>(),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    appliedAt: timestamp('applied_at', { withTimezone: true }),
    appliedBy: uuid('applied_by'),
  },
  (t) => [index('timetable_run_created_idx').on(t.createdAt)],
);

/**
 * When a lecturer from the network can teach (docs/timetabling.md): weekly open hours (same shape as a
 * room's) and dates they cannot come. Entered by the lecturer or by staff; the timetable reads it.
 * Lecturers known only by an external name have no row and count as free.
 */
export const lecturerAvailability = pgTable('lecturer_availability', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  /** Day of week (1 = Monday … 7) → [startMinute, endMinute) ranges in Asia/Seoul. Empty = any time. */
  weekly: jsonb('weekly').$type<Record<string, [number, number][]>>().notNull().default({}),
  /** 'YYYY-MM-DD' dates the lecturer cannot teach at all. */
  unavailableDates: jsonb('unavailable_dates').$type<string[]>().notNull().default([]),
  /** Soft wishes the timetable weighs (never hard): slots to teach in, { weekday?: 1..7, slot?: 'am' | 'pm' | 'late' | 'eve' }. */
  preferred: jsonb('preferred').$type<{ weekday?: number; slot?: string }[]>().notNull().default([]),
  /** Soft: slots the lecturer would rather not teach in (same shape). */
  avoided: jsonb('avoided').$type<{ weekday?: number; slot?: string }[]>().notNull().default([]),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
