/**
 * Contracts of review: rubric and settings, reviewers and their invitations, conflicts of interest,
 * automatic assignment runs and manual overrides (staff); assigned applications, scores and
 * conflict declarations (reviewers); the calibrated scores view (staff). Inputs are strict, so ids,
 * statuses and totals stay the server's to set.
 */
import { z } from 'zod';
import { Id, LocalizedText, TEXT_MAX } from './common.js';
import { Paged, PageQueryFields, TextFilter } from './paging.js';
import { Answers, Key, Question } from './recruitment.js';

const Text = LocalizedText();
const LongText = LocalizedText(TEXT_MAX);
/** Both languages, always present: texts the server writes itself (explanations, diagnoses). */
export const BilingualText = z.object({ ko: z.string(), en: z.string() });

// ---------- settings ----------

export const RubricCriterion = z.strictObject({
  key: Key,
  label: Text,
  description: LongText.optional(),
  /** Relative weight; totals are normalised by the sum of weights. */
  weight: z.number({ message: 'oc:errors.review.weight_invalid' }).positive({ message: 'oc:errors.review.weight_invalid' }).max(100, { message: 'oc:errors.review.weight_invalid' }),
});

const ScaleBound = z.number({ message: 'oc:errors.review.scale_integer' }).int({ message: 'oc:errors.review.scale_integer' }).min(0, { message: 'oc:errors.review.scale_range' }).max(100, { message: 'oc:errors.review.scale_range' });

export const Rubric = z.strictObject({
  /** Inclusive integer scale, e.g. 1..5. */
  scaleMin: ScaleBound,
  scaleMax: ScaleBound,
  criteria: z.array(RubricCriterion).min(1, { message: 'oc:errors.review.criteria_missing' }).max(30, { message: 'oc:errors.review.criteria_too_many' }),
});
export type RubricT = z.infer<typeof Rubric>;

/** k: reviews per application; the solver and the manual checks both use it. */
export const ReviewsPerApplication = z.number({ message: 'oc:errors.review.k_range' }).int({ message: 'oc:errors.review.k_range' }).min(1, { message: 'oc:errors.review.k_range' }).max(20, { message: 'oc:errors.review.k_range' });

/** PUT body: the whole settings document. The rubric's scale, keys and weights are frozen once reviews exist. */
export const ReviewSettings = z.strictObject({
  rubric: Rubric.nullable(),
  reviewsPerApplication: ReviewsPerApplication,
  blindReview: z.boolean(),
});
export type ReviewSettingsT = z.infer<typeof ReviewSettings>;

export const ReviewSettingsView = ReviewSettings.extend({
  callId: Id,
  /** Reviews started (draft or submitted): when > 0, only labels and descriptions of the rubric may change. */
  reviewsStarted: z.number().int(),
});
export type ReviewSettingsViewT = z.infer<typeof ReviewSettingsView>;

// ---------- reviewers ----------

const Tag = z.string({ message: 'oc:errors.field.text' }).trim().min(1, { message: 'oc:errors.field.required' }).max(100, { message: 'oc:errors.field.too_long' });
const Tags = z.array(Tag).max(50, { message: 'oc:errors.review.tags_too_many' });
const Organisation = z.string({ message: 'oc:errors.field.text' }).trim().max(200, { message: 'oc:errors.field.too_long' });
const Load = z.number({ message: 'oc:errors.review.load_range' }).int({ message: 'oc:errors.review.load_range' }).min(0, { message: 'oc:errors.review.load_range' }).max(1000, { message: 'oc:errors.review.load_range' });

/** Staff invite someone by e-mail (an account is not needed yet); an invitation mail is queued. */
export const ReviewerInvite = z.strictObject({
  email: z.email({ message: 'oc:errors.field.email' }).max(254, { message: 'oc:errors.field.too_long' }),
  organisation: Organisation.nullable().optional(),
  sectors: Tags.default([]),
  topics: Tags.default([]),
  expertise: Tags.default([]),
  /** Most applications this reviewer takes. */
  load: Load.default(10),
});
export type ReviewerInviteT = z.infer<typeof ReviewerInvite>;

export const ReviewerPatch = z.strictObject({
  organisation: Organisation.nullable().optional(),
  sectors: Tags.optional(),
  topics: Tags.optional(),
  expertise: Tags.optional(),
  load: Load.optional(),
});
export type ReviewerPatchT = z.infer<typeof ReviewerPatch>;

export const ReviewerStatus = z.enum(['invited', 'accepted', 'declined']);

export const ReviewerView = z.object({
  id: Id,
  callId: Id,
  email: z.string(),
  userId: Id.nullable(),
  /** The linked account's name (once accepted). */
  name: z.string().nullable(),
  status: ReviewerStatus,
  organisation: z.string().nullable(),
  sectors: z.array(z.string()),
  topics: z.array(z.string()),
  expertise: z.array(z.string()),
  load: z.number().int(),
  /** Assignments held now. */
  assigned: z.number().int(),
  /** Applications of the call this reviewer may not review (declared or detected). */
  conflicts: z.number().int(),
  invitedAt: z.string(),
  respondedAt: z.string().nullable(),
  /** Invited before the link carried a secret: nobody can answer until staff re-send it. */
  linkMissing: z.boolean(),
});
export type ReviewerViewT = z.infer<typeof ReviewerView>;
/** `?q` matches the reviewer's name, e-mail address or organisation; `?status` the invitation's state. */
export const ReviewerQuery = z.strictObject({ ...PageQueryFields, q: TextFilter, status: ReviewerStatus.optional() });
export type ReviewerQueryT = z.infer<typeof ReviewerQuery>;
export const ReviewerList = Paged(ReviewerView).extend({
  /** Reviewers by state, over the whole call whatever the filters. */
  counts: z.record(ReviewerStatus, z.number().int()),
});
export type ReviewerListT = z.infer<typeof ReviewerList>;

export const ReviewerParams = z.strictObject({ id: Id, reviewerId: Id });

// ---------- invitations (the invited person) ----------

export const InvitationView = z.object({
  id: Id,
  callId: Id,
  callTitle: Text,
  status: ReviewerStatus,
  /**
   * Not linked to this account yet: it is listed only because the request carried its link's secret,
   * and accepting or declining it takes that secret too (`token`).
   */
  needsLink: z.boolean(),
  organisation: z.string().nullable(),
  sectors: z.array(z.string()),
  topics: z.array(z.string()),
  expertise: z.array(z.string()),
  load: z.number().int(),
  invitedAt: z.string(),
  respondedAt: z.string().nullable(),
});
export type InvitationViewT = z.infer<typeof InvitationView>;
/**
 * The secret from the invitation link (src/modules/review/invitation-token.ts). Required to answer an
 * invitation not yet linked to the account; an e-mail match alone is not proof of the mailbox.
 */
export const InvitationToken = z.string({ message: 'oc:errors.review.invitation_token' }).regex(/^[A-Za-z0-9_-]{43}$/, { message: 'oc:errors.review.invitation_token' });

/** The list may be asked with the secret of an invitation link, which adds that invitation. */
export const InvitationListQuery = z.strictObject({ token: InvitationToken.optional() });
export const InvitationList = z.object({
  invitations: z.array(InvitationView),
  /**
   * What became of the `token` asked with: 'absent' (none given), 'valid' (its invitation is in the
   * list), 'invalid' (no such invitation, a link replaced by a newer one, or one answered by
   * another account — which of these is not said).
   */
  link: z.enum(['absent', 'valid', 'invalid']),
});
export type InvitationListT = z.infer<typeof InvitationList>;

/** Accepting may correct the profile staff entered (it feeds conflicts and affinity). */
export const InvitationAccept = z.strictObject({
  token: InvitationToken.optional(),
  organisation: Organisation.nullable().optional(),
  sectors: Tags.optional(),
  topics: Tags.optional(),
  expertise: Tags.optional(),
});
export type InvitationAcceptT = z.infer<typeof InvitationAccept>;
/** Declining an invitation not yet linked to the account takes the link's secret too; a linked one needs no body. */
export const InvitationDecline = z.strictObject({ token: InvitationToken.optional() });
export type InvitationDeclineT = z.infer<typeof InvitationDecline>;

// ---------- conflicts ----------

export const ConflictReason = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('declared') }),
  z.object({ kind: z.literal('same_organisation'), organisation: z.string() }),
  z.object({ kind: z.literal('same_email_domain'), domain: z.string() }),
]);

export const ConflictView = z.object({
  applicationId: Id,
  applicantName: z.string(),
  reviewerId: Id,
  reviewerEmail: z.string(),
  reviewerName: z.string().nullable(),
  reasons: z.array(ConflictReason),
  /** The reasons in words. */
  text: BilingualText,
});
export const ConflictList = z.object({ conflicts: z.array(ConflictView) });
export type ConflictListT = z.infer<typeof ConflictList>;

const Reason = z
  .string({ error: (issue) => (issue.input === undefined ? 'oc:errors.review.reason_required' : 'oc:errors.field.text') })
  .trim()
  .min(5, { message: 'oc:errors.review.reason_short' })
  .max(500, { message: 'oc:errors.review.reason_long' });

/** Staff declare a conflict on a reviewer's behalf (a reviewer declares theirs on the assignment). */
export const ConflictDeclare = z.strictObject({ applicationId: Id, reviewerId: Id, reason: Reason });
export type ConflictDeclareT = z.infer<typeof ConflictDeclare>;

// ---------- assignment runs ----------

export const AssignmentRunRequest = z.strictObject({
  /** Defaults to the call's reviewsPerApplication. */
  k: ReviewsPerApplication.optional(),
  /** Candidates kept per application (raised to k when smaller). */
  topK: z.number({ message: 'oc:errors.review.top_k_range' }).int({ message: 'oc:errors.review.top_k_range' }).min(1, { message: 'oc:errors.review.top_k_range' }).max(500, { message: 'oc:errors.review.top_k_range' }).optional(),
  /** Tie-break seed; a random one is drawn and stored when absent. */
  seed: z.number({ message: 'oc:errors.review.seed_range' }).int({ message: 'oc:errors.review.seed_range' }).min(0, { message: 'oc:errors.review.seed_range' }).max(2_147_483_647, { message: 'oc:errors.review.seed_range' }).optional(),
  timeLimitSeconds: z.number({ message: 'oc:errors.review.time_limit_range' }).int({ message: 'oc:errors.review.time_limit_range' }).min(1, { message: 'oc:errors.review.time_limit_range' }).max(600, { message: 'oc:errors.review.time_limit_range' }).optional(),
});
export type AssignmentRunRequestT = z.infer<typeof AssignmentRunRequest>;

export const AssignmentRunStatus = z.enum(['queued', 'running', 'assigned', 'infeasible', 'failed']);
/** 'loading' and 'saving' wrap the solver's own phases (AssignmentPhase in src/core/assignment/model.ts). */
export const AssignmentRunPhase = z.enum(['loading', 'diagnosing', 'building', 'solving', 'verifying', 'resolving_integer', 'saving', 'done']);

export const InfeasibilityView = z.object({
  /** InfeasibilityReason.code (src/core/assignment/model.ts). */
  code: z.string(),
  /** The structured reason with its numbers and ids. */
  detail: z.record(z.string(), z.unknown()),
  /** What to change, in words. */
  text: BilingualText,
});

export const AssignmentRunResult = z.object({
  /** assigned: pairs written, pairs kept from before (manual or review started), auto pairs replaced. */
  pairs: z.number().int().optional(),
  kept: z.number().int().optional(),
  replaced: z.number().int().optional(),
  applications: z.number().int().optional(),
  reviewers: z.number().int().optional(),
  objective: z.number().optional(),
  /** True when HiGHS proved the optimum (always, for an assigned run). */
  optimal: z.boolean().optional(),
  solvedAsInteger: z.boolean().optional(),
  /** infeasible: what to change. */
  reasons: z.array(InfeasibilityView).optional(),
  /** failed: 'stale' (data changed while solving), 'time_limit', 'solver_failed'. */
  error: z.string().optional(),
  solverStatus: z.string().optional(),
  message: BilingualText.optional(),
  durationMs: z.number().int().optional(),
});
export type AssignmentRunResultT = z.infer<typeof AssignmentRunResult>;

export const AssignmentRunView = z.object({
  id: Id,
  callId: Id,
  status: AssignmentRunStatus,
  phase: AssignmentRunPhase.nullable(),
  params: z.object({ k: z.number().int(), topK: z.number().int(), seed: z.number().int(), timeLimitSeconds: z.number().int() }),
  result: AssignmentRunResult.nullable(),
  createdBy: Id.nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type AssignmentRunViewT = z.infer<typeof AssignmentRunView>;
export const AssignmentRunList = z.object({ runs: z.array(AssignmentRunView) });
export type AssignmentRunListT = z.infer<typeof AssignmentRunList>;
export const RunParams = z.strictObject({ runId: Id });

// ---------- assignments (staff) ----------

export const AffinityView = z.object({
  points: z.number().int(),
  sector: z.string().nullable(),
  sectorPoints: z.number().int(),
  sharedTopics: z.array(z.string()),
  topicPoints: z.number().int(),
  expertise: z.array(z.string()),
  expertisePoints: z.number().int(),
});

export const ReviewProgress = z.enum(['not_started', 'draft', 'submitted']);

export const AssignmentView = z.object({
  id: Id,
  callId: Id,
  applicationId: Id,
  applicantName: z.string(),
  applicantOrganisation: z.string().nullable(),
  reviewerId: Id,
  reviewerEmail: z.string(),
  reviewerName: z.string().nullable(),
  source: z.enum(['auto', 'manual']),
  runId: Id.nullable(),
  points: z.number().int().nullable(),
  affinity: AffinityView.nullable(),
  /** Why the pair was made (auto: affinity parts and rank; manual: the affinity parts). */
  explanation: BilingualText.nullable(),
  /** Staff's reason for a manual pair. */
  reason: z.string().nullable(),
  reviewStatus: ReviewProgress,
  total: z.number().nullable(),
  createdAt: z.string(),
});
export type AssignmentViewT = z.infer<typeof AssignmentView>;
/** One page of a call's pairs: `?q` matches the applicant's or reviewer's name or the reviewer's address; `?status` the review's state. */
export const AssignmentQuery = z.strictObject({ ...PageQueryFields, q: TextFilter, status: ReviewProgress.optional() });
export type AssignmentQueryT = z.infer<typeof AssignmentQuery>;
export const AssignmentList = Paged(AssignmentView).extend({
  /** Pairs by the state of their review, over the whole call whatever the filters. */
  counts: z.record(ReviewProgress, z.number().int()),
});
export type AssignmentListT = z.infer<typeof AssignmentList>;

export const ManualAssignment = z.strictObject({ applicationId: Id, reviewerId: Id, reason: Reason });
export type ManualAssignmentT = z.infer<typeof ManualAssignment>;
export const AssignmentParams = z.strictObject({ assignmentId: Id });
/** The reason is required, but only once the assignment is known to exist (unknown stays 404). */
export const AssignmentRemoveQuery = z.strictObject({ reason: Reason.optional() });
export const AssignmentRemoveRequest = z.strictObject({ reason: Reason });

// ---------- my reviews (reviewer) ----------

export const MyReviewListItem = z.object({
  assignmentId: Id,
  callId: Id,
  callTitle: Text,
  applicationId: Id,
  blind: z.boolean(),
  /** Null under blind review. */
  applicantName: z.string().nullable(),
  applicantOrganisation: z.string().nullable(),
  status: ReviewProgress,
  total: z.number().nullable(),
  submittedAt: z.string().nullable(),
});
export const MyReviewList = z.object({ reviews: z.array(MyReviewListItem) });
export type MyReviewListT = z.infer<typeof MyReviewList>;

export const ReviewFileView = z.object({
  questionKey: z.string(),
  id: Id,
  /** The uploaded name; under blind review a neutral name (question key and extension). */
  name: z.string(),
  size: z.number().int(),
  mediaType: z.string(),
});

export const ReviewState = z.object({
  status: z.enum(['draft', 'submitted']),
  scores: z.record(z.string(), z.number()),
  comments: z.record(z.string(), z.string()),
  comment: z.string().nullable(),
  /** Weighted total on 0..100, set on submission. */
  total: z.number().nullable(),
  submittedAt: z.string().nullable(),
  updatedAt: z.string(),
});
export type ReviewStateT = z.infer<typeof ReviewState>;

export const MyReviewDetail = z.object({
  assignmentId: Id,
  callId: Id,
  callTitle: Text,
  applicationId: Id,
  blind: z.boolean(),
  /** Null under blind review. */
  applicant: z.object({ name: z.string(), email: z.string() }).nullable(),
  /** The call's questions; under blind review without 'organisation' questions. */
  questions: z.array(Question),
  /** The answers; under blind review without answers to 'organisation' questions. File answers are file ids. */
  answers: Answers,
  files: z.array(ReviewFileView),
  rubric: Rubric.nullable(),
  review: ReviewState.nullable(),
});
export type MyReviewDetailT = z.infer<typeof MyReviewDetail>;

const Comment = z.string({ message: 'oc:errors.field.text' }).max(5000, { message: 'oc:errors.field.too_long' });

/** A draft: any subset of criteria scored; checked against the rubric (unknown keys, integers on the scale). */
export const ReviewDraft = z.strictObject({
  scores: z.record(Key, z.number({ message: 'oc:errors.review.score_not_integer' })).default({}),
  comments: z.record(Key, Comment).default({}),
  comment: z.string({ message: 'oc:errors.field.text' }).max(10_000, { message: 'oc:errors.field.too_long' }).nullable().optional(),
});
export type ReviewDraftT = z.infer<typeof ReviewDraft>;

export const ConflictDeclaration = z.strictObject({ reason: Reason });
export type ConflictDeclarationT = z.infer<typeof ConflictDeclaration>;

// ---------- scores (staff) ----------

export const ScoredReview = z.object({
  reviewerId: Id,
  total: z.number(),
  scores: z.record(z.string(), z.number()),
  /** The reviewer's offset removed: what an average reviewer would have given. */
  adjusted: z.number(),
});

export const ApplicationScore = z.object({
  applicationId: Id,
  applicantName: z.string(),
  applicantOrganisation: z.string().nullable(),
  sector: z.string().nullable(),
  reviews: z.array(ScoredReview),
  /** Null until at least one review is submitted. */
  rawMean: z.number().nullable(),
  calibrated: z.number().nullable(),
  /** Sample std-dev of the raw totals; null with fewer than two reviews. */
  spread: z.number().nullable(),
  adjustedSpread: z.number().nullable(),
  disagreement: z.boolean(),
  /** 1-based rank by calibrated score (ties by id); null without reviews. */
  rank: z.number().int().nullable(),
  /** In the top `capacity` by calibrated score. */
  inTop: z.boolean(),
  /** Removing one reviewer's reviews alone would move it across the top-`capacity` line. */
  flips: z.boolean(),
  flippingReviewers: z.array(Id),
  component: z.number().int().nullable(),
});
export const ReviewerScore = z.object({
  reviewerId: Id,
  email: z.string(),
  name: z.string().nullable(),
  /** + lenient, − harsh, in points on the 0..100 total. */
  offset: z.number(),
  reviews: z.number().int(),
  component: z.number().int(),
});
/** Which scored applications to show: in the top `capacity`, flipping, with disagreement, or without reviews yet. */
export const ScoreFilter = z.enum(['top', 'flips', 'disagreement', 'unscored']);
/** `?q` matches the applicant's name or organisation; `?status` one ScoreFilter. Ranks stay those of the whole call. */
export const ScoresQuery = z.strictObject({
  ...PageQueryFields,
  q: TextFilter,
  status: ScoreFilter.optional(),
  /** The order of the whole list before it is paged; applications without the figure come last. */
  sort: z.enum(['calibrated', 'rawMean', 'spread', 'reviews']).default('calibrated'),
  direction: z.enum(['ascending', 'descending']).default('descending'),
});
export type ScoresQueryT = z.infer<typeof ScoresQuery>;
/** One page of the ranked applications; the calibration itself (reviewers, components) is over the whole call. */
export const ScoresView = Paged(ApplicationScore).extend({
  callId: Id,
  capacity: z.number().int(),
  components: z.number().int(),
  converged: z.boolean(),
  /** How many applications are in review, whatever the filters. */
  applications: z.number().int(),
  reviewers: z.array(ReviewerScore),
});
export type ScoresViewT = z.infer<typeof ScoresView>;
