/**
 * Contracts of selection (docs/selection.md): selection runs with their explanations, replay,
 * finalising (outcomes, participants, e-mail outbox), an applicant's own outcomes and declining a
 * place, and the staff view of the e-mail outbox. Inputs are strict: outcomes, positions and
 * scores are the server's to set.
 */
import { z } from 'zod';
import { Paged, PageQueryFields, TextFilter } from './paging.js';
import { Id, LocalizedText } from './common.js';

/** Words in both languages, made by the server from a code and its numbers. */
export const BilingualText = z.object({ ko: z.string(), en: z.string() });
export type BilingualTextT = z.infer<typeof BilingualText>;

const IdList = z.array(Id).max(10_000, { message: 'oc:errors.selection.too_many_locks' });

export const SelectionRunCreate = z.strictObject({
  /** Applications staff fix as selected (`in`) or not selected (`out`) before solving. */
  locks: z.strictObject({ in: IdList.default([]), out: IdList.default([]) }).default({ in: [], out: [] }),
  /** Orders exact ties; generated (and stored) when absent, so every run can be replayed. */
  seed: z
    .string({ message: 'oc:errors.field.text' })
    .trim()
    .regex(/^[\x21-\x7e]{1,64}$/, { message: 'oc:errors.selection.seed_format' })
    .optional(),
  /** HiGHS' time limit for this run; on reaching it the best selection found so far is kept with its gap. */
  timeLimitSeconds: z.number({ message: 'oc:errors.selection.time_limit' }).min(0.1, { message: 'oc:errors.selection.time_limit' }).max(3600, { message: 'oc:errors.selection.time_limit' }).optional(),
});
export type SelectionRunCreateT = z.infer<typeof SelectionRunCreate>;

export const SelectionRunStatus = z.enum(['optimal', 'feasible', 'infeasible', 'error']);
const Params = z.record(z.string(), z.union([z.string(), z.number()]));

/** Why a run could not select (or why the solver's answer was refused): code, its numbers and words. */
export const SelectionReasonView = z.object({ code: z.string(), params: Params, text: BilingualText });

export const BindingView = z.object({
  code: z.enum(['locked_in', 'locked_out', 'min_quota', 'max_quota', 'displaced_by_min_quota', 'seat_freed_by_max_quota']),
  quotaIndex: z.number().int().nullable(),
  attribute: z.string().nullable(),
  value: z.string().nullable(),
  limit: z.number().int().nullable(),
  count: z.number().int().nullable(),
  text: BilingualText,
});

export const SelectionApplicantStatus = z.enum(['selected', 'waitlisted', 'excluded']);

/** One applicant's place in a run: rank, score, margin to the cut, waitlist position, the quota that bound them. */
export const SelectionApplicantView = z.object({
  applicationId: Id,
  userId: Id,
  /** Null once the application was anonymised (retention). */
  name: z.string().nullable(),
  status: SelectionApplicantStatus,
  rank: z.number().int(),
  /** Calibrated score (0..100 scale) the run used. */
  score: z.number(),
  rawMean: z.number().nullable(),
  reviews: z.number().int(),
  /** score − cut score; null when nobody was selected on merit. */
  margin: z.number().nullable(),
  waitlistPosition: z.number().int().nullable(),
  attributes: z.record(z.string(), z.string()),
  bindings: z.array(BindingView),
  explanation: BilingualText,
});

/** A submitted application without any submitted review: it cannot be ranked and is listed apart. */
export const NotScoredView = z.object({ applicationId: Id, userId: Id, name: z.string().nullable(), text: BilingualText });

/** One quota row with what the run made of it; `tight` says which side is exactly met. */
export const QuotaRowView = z.object({
  index: z.number().int(),
  attribute: z.string(),
  value: z.string(),
  label: BilingualText,
  min: z.number().int().nullable(),
  max: z.number().int().nullable(),
  /** Scored candidates holding this value (locked-out ones included). */
  candidates: z.number().int(),
  selected: z.number().int(),
  tight: z.enum(['min', 'max', 'both']).nullable(),
});

export const SelectionRunSummary = z.object({
  id: Id,
  callId: Id,
  status: SelectionRunStatus,
  seed: z.string(),
  createdAt: z.string(),
  createdBy: Id.nullable(),
  /** HiGHS' own status words ('Optimal', 'Time limit reached', …); null when the solver was not called. */
  solverStatus: z.string().nullable(),
  /** Relative MIP gap: 0 when proven optimal; > 0 when a time limit stopped the search first. */
  gap: z.number().nullable(),
  timeLimitSeconds: z.number(),
  capacity: z.number().int(),
  cutScore: z.number().nullable(),
  candidateCount: z.number().int(),
  notScoredCount: z.number().int(),
  selectedCount: z.number().int(),
  waitlistCount: z.number().int(),
  /** This run's outcomes were sent (the call's finalised run). */
  finalised: z.boolean(),
});
export type SelectionRunSummaryT = z.infer<typeof SelectionRunSummary>;

export const SelectionRunView = SelectionRunSummary.extend({
  modelVersion: z.number().int(),
  scoreResolution: z.number(),
  locks: z.object({ in: z.array(Id), out: z.array(Id) }),
  reasons: z.array(SelectionReasonView),
  quotas: z.array(QuotaRowView),
  applicants: z.array(SelectionApplicantView),
  notScored: z.array(NotScoredView),
});
export type SelectionRunViewT = z.infer<typeof SelectionRunView>;

/** A run's applicants, a page at a time: `?q` matches the name, `?status` selected, waitlisted or not selected (excluded). */
export const SelectionApplicantQuery = z.strictObject({ ...PageQueryFields, q: TextFilter, status: SelectionApplicantStatus.optional() });
export type SelectionApplicantQueryT = z.infer<typeof SelectionApplicantQuery>;
export const SelectionApplicantList = Paged(SelectionApplicantView).extend({
  runId: Id,
  /** Applicants by outcome in this run, whatever the filters. */
  counts: z.record(SelectionApplicantStatus, z.number().int()),
});
export type SelectionApplicantListT = z.infer<typeof SelectionApplicantList>;

export const SelectionRunList = z.object({ runs: z.array(SelectionRunSummary) });
export type SelectionRunListT = z.infer<typeof SelectionRunList>;

const Outcome = z.object({ status: SelectionRunStatus, selected: z.array(Id), waitlist: z.array(Id) });
/** A stored run solved again from its stored input: `identical` when status, selection, waitlist and reasons match. */
export const SelectionReplayView = z.object({ runId: Id, identical: z.boolean(), stored: Outcome, replay: Outcome });
export type SelectionReplayViewT = z.infer<typeof SelectionReplayView>;

export const FinaliseView = z.object({
  callId: Id,
  runId: Id,
  finalisedAt: z.string(),
  selected: z.number().int(),
  waitlisted: z.number().int(),
  notSelected: z.number().int(),
  participants: z.number().int(),
  /** Outcome e-mails written to the outbox (one per applicant). */
  queuedMessages: z.number().int(),
});
export type FinaliseViewT = z.infer<typeof FinaliseView>;

export const ApplicationOutcome = z.enum(['selected', 'waitlisted', 'not_selected', 'declined']);

/** One of my applications as its applicant sees it; the outcome appears once staff finalise the selection. */
export const MyApplicationSummary = z.object({
  id: Id,
  callId: Id,
  callTitle: LocalizedText(),
  callStatus: z.enum(['published', 'closed']),
  status: z.enum(['draft', 'submitted', 'withdrawn']),
  submittedAt: z.string().nullable(),
  outcome: ApplicationOutcome.nullable(),
  outcomeAt: z.string().nullable(),
  waitlistPosition: z.number().int().nullable(),
  /** A selected applicant may turn the place down; the next on the waitlist then moves up. */
  canDecline: z.boolean(),
});
export type MyApplicationSummaryT = z.infer<typeof MyApplicationSummary>;
export const MyApplicationsList = z.object({ applications: z.array(MyApplicationSummary) });
export type MyApplicationsListT = z.infer<typeof MyApplicationsList>;

/**
 * 'superseded': replaced by a newer message before it was sent (an invitation re-sent with a new link); never sent.
 * 'suppressed': the recipient opted out of this category of notices (src/platform/mail/categories.ts); never sent. */
export const OutboxStatus = z.enum(['pending', 'sending', 'sent', 'failed', 'logged', 'superseded', 'suppressed']);
export const OutboxQuery = z.strictObject({
  ...PageQueryFields,
  status: OutboxStatus.optional(),
  /** Matches the recipient's address or name, or the subject. */
  q: TextFilter,
});
export type OutboxQueryT = z.infer<typeof OutboxQuery>;

export const OutboxMessageView = z.object({
  id: Id,
  kind: z.string(),
  toEmail: z.string(),
  toName: z.string().nullable(),
  lang: z.enum(['ko', 'en']),
  subject: z.string(),
  body: z.string(),
  status: OutboxStatus,
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  about: z.record(z.string(), z.string()),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});
export const OutboxList = Paged(OutboxMessageView).extend({
  /** Without SMTP nothing is sent: staff read (and pass on) pending messages here. */
  smtpConfigured: z.boolean(),
  /** Over the whole outbox, whatever the filters. */
  counts: z.record(OutboxStatus, z.number().int()),
});
export type OutboxListT = z.infer<typeof OutboxList>;

export const OutboxSendResult = z.object({ claimed: z.number().int(), sent: z.number().int(), retrying: z.number().int(), failed: z.number().int() });
export type OutboxSendResultT = z.infer<typeof OutboxSendResult>;
