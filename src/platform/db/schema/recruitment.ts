/**
 * Recruitment: calls for applications (with their form, quotas and consent items) and the one
 * application each person may have per call. The form, quotas and consent items live on the call
 * as JSON because they are edited and versioned as one document and read whole.
 */
import { boolean, doublePrecision, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { Answers, ConsentGrant, ConsentItem, Question, Quota } from '../../../core/recruitment/answers.js';
import type { LocalizedText } from '../../../core/shared/localized.js';
import { users } from './auth.js';

export type ApplicationOutcome = 'selected' | 'waitlisted' | 'not_selected' | 'declined';

/** A rubric criterion: weights are relative (normalised when totals are computed). */
export interface RubricCriterion {
  key: string;
  label: LocalizedText;
  description?: LocalizedText | undefined;
  weight: number;
}
export interface Rubric {
  /** Inclusive integer scale every criterion is scored on, e.g. 1..5. */
  scaleMin: number;
  scaleMax: number;
  criteria: RubricCriterion[];
}

export const calls = pgTable(
  'call',
  {
    id: uuid('id').primaryKey(),
    status: text('status').$type<'draft' | 'published' | 'closed'>().notNull().default('draft'),
    title: jsonb('title').$type<LocalizedText>().notNull(),
    description: jsonb('description').$type<LocalizedText>().notNull(),
    eligibility: jsonb('eligibility').$type<LocalizedText>(),
    /**
     * The programme's name as applicants read it (a label). The call's cohort is linked from the
     * cohort's side (cohort.call_id), which the call editor sets.
     */
    programme: text('programme').notNull(),
    opensAt: timestamp('opens_at', { withTimezone: true }).notNull(),
    closesAt: timestamp('closes_at', { withTimezone: true }).notNull(),
    capacity: integer('capacity').notNull(),
    /** How many ranked applicants beyond the selected stay on the waitlist; null = all of them. */
    waitlistSize: integer('waitlist_size'),
    quotas: jsonb('quotas').$type<Quota[]>().notNull().default([]),
    consentItems: jsonb('consent_items').$type<ConsentItem[]>().notNull().default([]),
    /** Bumped whenever the consent items change, so each stored consent names the text it agreed to. */
    consentVersion: integer('consent_version').notNull().default(1),
    questions: jsonb('questions').$type<Question[]>().notNull().default([]),
    /** Weighted criteria and score scale reviewers use; null until staff define it. */
    rubric: jsonb('rubric').$type<Rubric>(),
    /** Reviews each application needs (k of the assignment). */
    reviewsPerApplication: integer('reviews_per_application').notNull().default(3),
    /** Reviewers see neither names nor organisations of applicants. */
    blindReview: boolean('blind_review').notNull().default(false),
    /** Set when staff finalise a selection run; outcomes are sent and the call's cohort is filled. */
    finalisedRunId: uuid('finalised_run_id'),
    finalisedAt: timestamp('finalised_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('call_status_idx').on(t.status, t.opensAt)],
);

export const applications = pgTable(
  'application',
  {
    id: uuid('id').primaryKey(),
    callId: uuid('call_id')
      .notNull()
      .references(() => calls.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    status: text('status').$type<'draft' | 'submitted' | 'withdrawn'>().notNull().default('draft'),
    answers: jsonb('answers').$type<Answers>().notNull().default({}),
    consents: jsonb('consents').$type<ConsentGrant[]>().notNull().default([]),
    consentVersion: integer('consent_version'),
    consentedAt: timestamp('consented_at', { withTimezone: true }),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    /** Outcome once a selection is finalised; 'declined' when a selected applicant turns the place down. */
    outcome: text('outcome').$type<ApplicationOutcome>(),
    outcomeAt: timestamp('outcome_at', { withTimezone: true }),
    /** 1-based position while waitlisted. */
    waitlistPosition: integer('waitlist_position'),
    /** Set when the retention command anonymised this application (answers and files gone). */
    anonymisedAt: timestamp('anonymised_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  // One application per person per call, held by the database so parallel saves cannot duplicate it.
  (t) => [uniqueIndex('application_call_user_uq').on(t.callId, t.userId), index('application_user_idx').on(t.userId)],
);

/**
 * A person invited to review a call. Invited by e-mail (the account may not exist yet); the row is
 * linked to the account when that person accepts. Profile fields feed the assignment's affinity.
 */
export const callReviewers = pgTable(
  'call_reviewer',
  {
    id: uuid('id').primaryKey(),
    callId: uuid('call_id')
      .notNull()
      .references(() => calls.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    status: text('status').$type<'invited' | 'accepted' | 'declined'>().notNull().default('invited'),
    organisation: text('organisation'),
    sectors: jsonb('sectors').$type<string[]>().notNull().default([]),
    topics: jsonb('topics').$type<string[]>().notNull().default([]),
    expertise: jsonb('expertise').$type<string[]>().notNull().default([]),
    /** Most applications this reviewer will take. */
    load: integer('load').notNull().default(10),
    /** Application ids the reviewer declared a conflict of interest with. */
    declaredConflicts: jsonb('declared_conflicts').$type<string[]>().notNull().default([]),
    invitedAt: timestamp('invited_at', { withTimezone: true }).notNull().defaultNow(),
    /**
     * SHA-256 (hex) of the secret in the invitation link. An invitation not yet linked to an account
     * is answered only with that secret: an e-mail match alone proves nothing, since addresses are
     * not verified at sign-up. Null for rows from before the link carried it (they need a re-send).
     */
    inviteTokenHash: text('invite_token_hash'),
    respondedAt: timestamp('responded_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('call_reviewer_call_email_uq').on(t.callId, t.email), index('call_reviewer_user_idx').on(t.userId)],
);

export type AssignmentRunStatus = 'queued' | 'running' | 'assigned' | 'infeasible' | 'failed';

/** One automatic-assignment job: parameters, progress (phase) and outcome, kept for the record. */
export const assignmentRuns = pgTable(
  'assignment_run',
  {
    id: uuid('id').primaryKey(),
    callId: uuid('call_id')
      .notNull()
      .references(() => calls.id, { onDelete: 'cascade' }),
    status: text('status').$type<AssignmentRunStatus>().notNull().default('queued'),
    phase: text('phase'),
    /** { k, topK, seed, timeLimitSeconds } */
    params: jsonb('params').$type<Record<string, unknown>>().notNull(),
    /** Objective, counts, infeasibility reasons, solver status. */
    result: jsonb('result').$type<Record<string, unknown>>(),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('assignment_run_call_idx').on(t.callId, t.createdAt)],
);

/** Reviewer × application pairing, by the solver ('auto', with its explanation) or by hand ('manual'). */
export const reviewAssignments = pgTable(
  'review_assignment',
  {
    id: uuid('id').primaryKey(),
    callId: uuid('call_id')
      .notNull()
      .references(() => calls.id, { onDelete: 'cascade' }),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    reviewerId: uuid('reviewer_id')
      .notNull()
      .references(() => callReviewers.id, { onDelete: 'cascade' }),
    runId: uuid('run_id').references(() => assignmentRuns.id, { onDelete: 'set null' }),
    source: text('source').$type<'auto' | 'manual'>().notNull(),
    points: integer('points'),
    /** Why the pair was made: affinity breakdown, rank among candidates (auto), or staff's reason (manual). */
    explanation: jsonb('explanation').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('review_assignment_pair_uq').on(t.applicationId, t.reviewerId),
    index('review_assignment_reviewer_idx').on(t.reviewerId),
    index('review_assignment_call_idx').on(t.callId),
  ],
);

/** A reviewer's scores for one assignment: per criterion, with comments; the total is the weighted mean. */
export const reviews = pgTable('review', {
  id: uuid('id').primaryKey(),
  assignmentId: uuid('assignment_id')
    .notNull()
    .unique('review_assignment_uq')
    .references(() => reviewAssignments.id, { onDelete: 'cascade' }),
  status: text('status').$type<'draft' | 'submitted'>().notNull().default('draft'),
  scores: jsonb('scores').$type<Record<string, number>>().notNull().default({}),
  comments: jsonb('comments').$type<Record<string, string>>().notNull().default({}),
  comment: text('comment'),
  /** Weighted total on a 0..100 scale, computed by the server when submitted. */
  total: doublePrecision('total'),
  submittedAt: timestamp('submitted_at', { withTimezone: true }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A stored selection run (core SelectionRun: inputs, parameters, seed, solver report, result) for audit and replay. */
export const selectionRuns = pgTable(
  'selection_run',
  {
    id: uuid('id').primaryKey(),
    callId: uuid('call_id')
      .notNull()
      .references(() => calls.id, { onDelete: 'cascade' }),
    status: text('status').$type<'optimal' | 'feasible' | 'infeasible' | 'error'>().notNull(),
    seed: text('seed').notNull(),
    run: jsonb('run').$type<Record<string, unknown>>().notNull(),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('selection_run_call_idx').on(t.callId, t.createdAt)],
);

/** Selected applicants become participants of the call's cohort (the courses module links cohorts). */
export const participants = pgTable(
  'participant',
  {
    id: uuid('id').primaryKey(),
    callId: uuid('call_id')
      .notNull()
      .references(() => calls.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    applicationId: uuid('application_id').references(() => applications.id, { onDelete: 'set null' }),
    status: text('status').$type<'active' | 'withdrawn'>().notNull().default('active'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('participant_call_user_uq').on(t.callId, t.userId)],
);

/**
 * An uploaded file (an answer to a 'file' question, later: materials, evidence). Stored under
 * DATA_DIR/files by a generated name, never inside the web root; the original name is metadata only.
 */
export const storedFiles = pgTable(
  'stored_file',
  {
    id: uuid('id').primaryKey(),
    ownerId: uuid('owner_id').references(() => users.id, { onDelete: 'set null' }),
    callId: uuid('call_id').references(() => calls.id, { onDelete: 'cascade' }),
    applicationId: uuid('application_id').references(() => applications.id, { onDelete: 'cascade' }),
    questionKey: text('question_key'),
    storageKey: text('storage_key').notNull().unique('stored_file_storage_key_uq'),
    originalName: text('original_name').notNull(),
    mediaType: text('media_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('stored_file_application_idx').on(t.applicationId), index('stored_file_owner_idx').on(t.ownerId)],
);
