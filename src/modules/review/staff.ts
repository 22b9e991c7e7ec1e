/**
 * Staff use cases of review: the rubric and settings, reviewers (invite, change, remove), conflicts
 * of interest (list, declare on a reviewer's behalf) and assignments (list, add or remove by hand).
 * Every change is audited in its own transaction; reads that show applicants' names are written to
 * the access log before the data leaves.
 */
import { and, eq, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { affinity } from '../../core/assignment/affinity.js';
import { conflictReasons, detectConflicts, listConflicts } from '../../core/assignment/conflicts.js';
import { describeConflict, explainManualPairing } from '../../core/assignment/explain.js';
import { checkRubric, sameScoring } from '../../core/recruitment/rubric.js';
import { DomainError } from '../../core/shared/domain-error.js';
import type { Answers } from '../../core/recruitment/answers.js';
import type { Lang } from '../../core/shared/localized.js';
import { recordAccess, type AccessActor } from '../../platform/access-log.js';
import { recordAudit, type Actor } from '../../platform/audit.js';
import type { Db, DbOrTx } from '../../platform/db/client.js';
import { callReviewers, calls, reviewAssignments, reviews } from '../../platform/db/schema/index.js';
import { enqueueMail, supersedePendingMail } from '../../platform/mail/outbox.js';
import type {
  AssignmentListT,
  AssignmentQueryT,
  AssignmentViewT,
  ConflictDeclareT,
  ConflictListT,
  ManualAssignmentT,
  ReviewerInviteT,
  ReviewerPatchT,
  ReviewerViewT,
  ReviewSettingsT,
  ReviewSettingsViewT,
} from '../../shared/contracts/review.js';
import { offsetOf } from '../../shared/contracts/paging.js';
import { invitationLink, newInvitationToken } from './invitation-token.js';
import { invitationMail } from './mail.js';
import { applicantOrganisation, applicationProfile, formKeys, reviewerProfile } from './profiles.js';
import {
  activeRuns,
  assignmentById,
  assignmentCounts,
  assignmentsOfCall,
  assignmentsPage,
  callById,
  invitationMailCount,
  reviewableApplication,
  reviewableApplications,
  reviewerOfCall,
  reviewersOfCall,
  reviewsStarted,
  userByEmail,
  type AssignmentWithReview,
  type CallRow,
  type ReviewerRow,
  type ReviewerWithName,
  type RunRow,
} from './repository.js';

/** The first problem, with its field; the rest usually follow from the same mistake. */
export function throwFirst(errors: DomainError[]): void {
  if (errors.length > 0) throw errors[0]!;
}

export async function requireCall(db: DbOrTx, callId: string, lock = false): Promise<CallRow> {
  const call = await callById(db, callId, lock);
  if (!call) throw new DomainError('recruitment.call_not_found');
  return call;
}

/**
 * A run counts as in progress while queued or running and younger than its time limit plus a
 * margin: a run orphaned by a crashed process must not block the call for ever.
 */
export const RUN_MARGIN_MS = 10 * 60_000;
export function isLive(run: RunRow, now: Date): boolean {
  const limit = Number(run.params.timeLimitSeconds ?? 0) * 1000;
  return now.getTime() - run.createdAt.getTime() < limit + RUN_MARGIN_MS;
}

/** Assignments do not change under a running solver: its result would overwrite them. */
async function assertNoRunInProgress(db: DbOrTx, callId: string, now: Date): Promise<void> {
  if ((await activeRuns(db, callId)).some((r) => isLive(r, now))) throw new DomainError('review.state_run_in_progress');
}

// ---------- settings ----------

function presentSettings(call: CallRow, started: number): ReviewSettingsViewT {
  return { callId: call.id, rubric: call.rubric, reviewsPerApplication: call.reviewsPerApplication, blindReview: call.blindReview, reviewsStarted: started };
}

export async function getSettings(db: DbOrTx, callId: string): Promise<ReviewSettingsViewT> {
  const call = await requireCall(db, callId);
  return presentSettings(call, await reviewsStarted(db, callId));
}

/**
 * Saves the settings. Once a review is started, the rubric's scale, criteria and weights are
 * frozen (totals already given would mean something else); labels and descriptions may still be
 * corrected, and k and blind review may change.
 */
export async function putSettings(db: Db, actor: Actor, callId: string, input: ReviewSettingsT, now: Date): Promise<ReviewSettingsViewT> {
  if (input.rubric) throwFirst(checkRubric(input.rubric));
  return db.transaction(async (tx) => {
    const before = await requireCall(tx, callId, true);
    if (before.finalisedAt) throw new DomainError('review.state_finalised');
    const started = await reviewsStarted(tx, callId);
    if (started > 0 && before.rubric && (!input.rubric || !sameScoring(before.rubric, input.rubric))) throw new DomainError('review.state_rubric_in_use', { count: started }, 'rubric');
    const [after] = await tx
      .update(calls)
      .set({ rubric: input.rubric, reviewsPerApplication: input.reviewsPerApplication, blindReview: input.blindReview, updatedAt: now })
      .where(eq(calls.id, callId))
      .returning();
    await recordAudit(tx, actor, {
      action: 'review.settings',
      entityType: 'call',
      entityId: callId,
      before: { rubric: before.rubric, reviewsPerApplication: before.reviewsPerApplication, blindReview: before.blindReview },
      after: input,
    });
    return presentSettings(after!, started);
  });
}

// ---------- reviewers ----------

/**
 * An invitation sent before links carried a secret (no hash) that nobody has answered or linked:
 * it can be answered only after staff re-send it, so the staff list says so.
 */
export function invitationLinkMissing(r: Pick<ReviewerRow, 'status' | 'userId' | 'inviteTokenHash'>): boolean {
  return r.status === 'invited' && r.userId === null && r.inviteTokenHash === null;
}

function presentReviewer(r: ReviewerRow, name: string | null, assigned: number, conflicts: number): ReviewerViewT {
  return {
    id: r.id,
    callId: r.callId,
    email: r.email,
    userId: r.userId,
    name,
    status: r.status,
    organisation: r.organisation,
    sectors: r.sectors,
    topics: r.topics,
    expertise: r.expertise,
    load: r.load,
    assigned,
    conflicts,
    invitedAt: r.invitedAt.toISOString(),
    respondedAt: r.respondedAt ? r.respondedAt.toISOString() : null,
    linkMissing: invitationLinkMissing(r),
  };
}

/** Conflicts of every reviewer of the call with its applications in review. */
async function conflictIndex(db: DbOrTx, call: CallRow, reviewerRows: readonly ReviewerWithName[]) {
  const keys = formKeys(call.questions);
  const apps = await reviewableApplications(db, call.id);
  const index = detectConflicts(
    apps.map((a) => applicationProfile(keys, a.app, a.email)),
    reviewerRows.map((r) => reviewerProfile(r.reviewer)),
  );
  return { apps, index, keys };
}

/**
 * The staff view of some reviewer rows of a call: how many pairs each has and how many conflicts
 * with the applications in review (detected per reviewer, so a page of rows needs only its own).
 */
export async function reviewerViews(db: DbOrTx, call: CallRow, rows: readonly ReviewerWithName[]): Promise<ReviewerViewT[]> {
  if (rows.length === 0) return [];
  const { index } = await conflictIndex(db, call, rows);
  const conflictsOf = new Map<string, number>();
  for (const c of listConflicts(index)) conflictsOf.set(c.reviewerId, (conflictsOf.get(c.reviewerId) ?? 0) + 1);
  const assignedOf = new Map<string, number>();
  for (const a of await assignmentsOfCall(db, call.id)) assignedOf.set(a.assignment.reviewerId, (assignedOf.get(a.assignment.reviewerId) ?? 0) + 1);
  return rows.map((r) => presentReviewer(r.reviewer, r.name, assignedOf.get(r.reviewer.id) ?? 0, conflictsOf.get(r.reviewer.id) ?? 0));
}

/** One reviewer as the staff list shows them (after a change). */
async function reviewerView(db: DbOrTx, callId: string, reviewerId: string): Promise<ReviewerViewT> {
  const call = await requireCall(db, callId);
  const row = (await reviewersOfCall(db, callId)).find((r) => r.reviewer.id === reviewerId);
  if (!row) throw new DomainError('review.reviewer_not_found');
  return (await reviewerViews(db, call, [row]))[0]!;
}

const normaliseEmail = (email: string) => email.trim().toLowerCase();

/** A reviewer row for the audit log: the invitation secret's hash is a credential's fingerprint and stays out. */
export function withoutSecret(row: ReviewerRow): Omit<ReviewerRow, 'inviteTokenHash'> {
  const { inviteTokenHash: _hash, ...rest } = row;
  return rest;
}
const cleanTags = (tags: readonly string[]) => [...new Set(tags.map((t) => t.trim()).filter((t) => t !== ''))];

/** The invitee's language for the mail: their account's when they have one, else the inviting staff member's. */
async function mailLangFor(tx: DbOrTx, email: string, lang: Lang) {
  const account = await userByEmail(tx, email);
  const mailLang: Lang = account?.locale === 'en' ? 'en' : account?.locale === 'ko' ? 'ko' : lang;
  return { account, mailLang };
}

/**
 * Invites a person by e-mail and queues the invitation mail in the same transaction (a refused
 * invitation sends nothing). The link leads to the reviewer's page with the invitation's secret
 * (`/me/reviews?invitation=<secret>`, invitation-token.ts): e-mail addresses are not verified at
 * sign-up, so only the link, not an account with the same address, lets someone answer it. Only
 * the secret's hash is stored.
 */
export async function inviteReviewer(db: Db, actor: Actor, callId: string, input: ReviewerInviteT, lang: Lang, publicUrl: string, now: Date): Promise<ReviewerViewT> {
  const email = normaliseEmail(input.email);
  const secret = newInvitationToken();
  return db.transaction(async (tx) => {
    const call = await requireCall(tx, callId);
    const [row] = await tx
      .insert(callReviewers)
      .values({
        id: uuidv7(),
        callId,
        email,
        status: 'invited',
        organisation: input.organisation?.trim() || null,
        sectors: cleanTags(input.sectors),
        topics: cleanTags(input.topics),
        expertise: cleanTags(input.expertise),
        load: input.load,
        invitedAt: now,
        inviteTokenHash: secret.hash,
      })
      .onConflictDoNothing({ target: [callReviewers.callId, callReviewers.email] })
      .returning();
    if (!row) throw new DomainError('review.already_invited', {}, 'email');
    const { account, mailLang } = await mailLangFor(tx, email, lang);
    const mail = invitationMail(mailLang, call.title, invitationLink(publicUrl, secret.token));
    await enqueueMail(tx, {
      dedupeKey: `reviewer-invitation:${row.id}`,
      kind: 'reviewer_invitation',
      toEmail: email,
      toUserId: account?.id ?? null,
      lang: mailLang,
      ...mail,
      about: { callId, reviewerId: row.id },
    });
    await recordAudit(tx, actor, { action: 'reviewer.invite', entityType: 'call_reviewer', entityId: row.id, after: withoutSecret(row) });
    return presentReviewer(row, null, 0, 0);
  });
}

/**
 * Sends the invitation again with a new secret, so the earlier link stops working (lost mail, a
 * link passed to the wrong person, or an invitation from before links carried a secret). Only an
 * invitation nobody has answered yet: once linked to an account, the link is no longer needed.
 * Each sending has its own dedupe key (the sending's number), so the new mail is queued even
 * though the first one was. Earlier invitation mails still waiting in the outbox carry the dead
 * link: they are superseded, so they are never sent (not even by a retry) and the outbox says why.
 */
export async function resendInvitation(db: Db, actor: Actor, callId: string, reviewerId: string, lang: Lang, publicUrl: string): Promise<ReviewerViewT> {
  const secret = newInvitationToken();
  await db.transaction(async (tx) => {
    const call = await requireCall(tx, callId);
    const before = await reviewerOfCall(tx, callId, reviewerId, true);
    if (!before) throw new DomainError('review.reviewer_not_found');
    if (before.status !== 'invited') throw new DomainError('review.state_invitation_answered');
    if (before.userId !== null) throw new DomainError('review.state_invitation_linked');
    await tx.update(callReviewers).set({ inviteTokenHash: secret.hash }).where(eq(callReviewers.id, reviewerId));
    // Counted under the row lock taken above, so two re-sends cannot pick the same number.
    const sending = (await invitationMailCount(tx, reviewerId)) + 1;
    const superseded = await supersedePendingMail(tx, 'reviewer_invitation', { reviewerId });
    const { account, mailLang } = await mailLangFor(tx, before.email, lang);
    const mail = invitationMail(mailLang, call.title, invitationLink(publicUrl, secret.token), true);
    const queued = await enqueueMail(tx, {
      dedupeKey: `reviewer-invitation:${reviewerId}:${sending}`,
      kind: 'reviewer_invitation',
      toEmail: before.email,
      toUserId: account?.id ?? null,
      lang: mailLang,
      ...mail,
      about: { callId, reviewerId, sending: String(sending) },
    });
    // A new secret without its mail would leave the invitee with a dead link: undo both.
    if (!queued) throw new Error(`invitation mail ${sending} of reviewer ${reviewerId} was already queued`);
    await recordAudit(tx, actor, { action: 'reviewer.resend', entityType: 'call_reviewer', entityId: reviewerId, before: { sending: sending - 1 }, after: { sending, toEmail: before.email, supersededMails: superseded } });
  });
  return reviewerView(db, callId, reviewerId);
}

export async function patchReviewer(db: Db, actor: Actor, callId: string, reviewerId: string, patch: ReviewerPatchT): Promise<ReviewerViewT> {
  await db.transaction(async (tx) => {
    await requireCall(tx, callId);
    const before = await reviewerOfCall(tx, callId, reviewerId, true);
    if (!before) throw new DomainError('review.reviewer_not_found');
    const [after] = await tx
      .update(callReviewers)
      .set({
        ...(patch.organisation !== undefined ? { organisation: patch.organisation?.trim() || null } : {}),
        ...(patch.sectors ? { sectors: cleanTags(patch.sectors) } : {}),
        ...(patch.topics ? { topics: cleanTags(patch.topics) } : {}),
        ...(patch.expertise ? { expertise: cleanTags(patch.expertise) } : {}),
        ...(patch.load !== undefined ? { load: patch.load } : {}),
      })
      .where(eq(callReviewers.id, reviewerId))
      .returning();
    await recordAudit(tx, actor, { action: 'reviewer.update', entityType: 'call_reviewer', entityId: reviewerId, before: withoutSecret(before), after: withoutSecret(after!) });
  });
  return reviewerView(db, callId, reviewerId);
}

/** Submitted reviews of one reviewer row: their work is kept, so such a reviewer cannot be removed or decline. */
export async function submittedCount(db: DbOrTx, reviewerId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(reviews)
    .innerJoin(reviewAssignments, eq(reviews.assignmentId, reviewAssignments.id))
    .where(and(eq(reviewAssignments.reviewerId, reviewerId), eq(reviews.status, 'submitted')));
  return Number(row?.n ?? 0);
}

export async function removeReviewer(db: Db, actor: Actor, callId: string, reviewerId: string, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    await requireCall(tx, callId, true);
    const before = await reviewerOfCall(tx, callId, reviewerId, true);
    if (!before) throw new DomainError('review.reviewer_not_found');
    if ((await submittedCount(tx, reviewerId)) > 0) throw new DomainError('review.state_has_reviews');
    await assertNoRunInProgress(tx, callId, now);
    // Assignments and draft reviews go with the row (cascade); the audit entry keeps the row.
    await tx.delete(callReviewers).where(eq(callReviewers.id, reviewerId));
    await recordAudit(tx, actor, { action: 'reviewer.remove', entityType: 'call_reviewer', entityId: reviewerId, before: withoutSecret(before) });
  });
}

// ---------- conflicts ----------

export async function listCallConflicts(db: DbOrTx, accessor: AccessActor, callId: string): Promise<ConflictListT> {
  const call = await requireCall(db, callId);
  const reviewerRows = await reviewersOfCall(db, callId);
  const { apps, index } = await conflictIndex(db, call, reviewerRows);
  const appById = new Map(apps.map((a) => [a.app.id, a]));
  const reviewerById = new Map(reviewerRows.map((r) => [r.reviewer.id, r]));
  const conflicts = listConflicts(index).map((c) => {
    const r = reviewerById.get(c.reviewerId)!;
    return {
      applicationId: c.applicationId,
      applicantName: appById.get(c.applicationId)!.name,
      reviewerId: c.reviewerId,
      reviewerEmail: r.reviewer.email,
      reviewerName: r.name,
      reasons: c.reasons,
      text: describeConflict(c.reasons),
    };
  });
  if (conflicts.length > 0) {
    await recordAccess(db, { actor: accessor, action: 'view', subjectType: 'application', subjectIds: [...new Set(conflicts.map((c) => c.applicationId))], detail: { callId, list: 'conflicts' } });
  }
  return { conflicts };
}

/**
 * Records a declared conflict (by staff, or by the reviewer through their assignment) and removes
 * the pair's assignment unless its review was already submitted, which is refused: a submitted
 * review is evidence and is not thrown away silently.
 */
export async function recordDeclaredConflict(tx: DbOrTx, actor: Actor, reviewer: ReviewerRow, applicationId: string, reason: string, by: 'staff' | 'reviewer'): Promise<void> {
  const [current] = await tx
    .select({ assignment: reviewAssignments, reviewStatus: reviews.status })
    .from(reviewAssignments)
    .leftJoin(reviews, eq(reviews.assignmentId, reviewAssignments.id))
    .where(and(eq(reviewAssignments.reviewerId, reviewer.id), eq(reviewAssignments.applicationId, applicationId)));
  if (current?.reviewStatus === 'submitted') throw new DomainError('review.state_review_submitted');
  const declared = reviewer.declaredConflicts.includes(applicationId) ? reviewer.declaredConflicts : [...reviewer.declaredConflicts, applicationId];
  await tx.update(callReviewers).set({ declaredConflicts: declared }).where(eq(callReviewers.id, reviewer.id));
  if (current) await tx.delete(reviewAssignments).where(eq(reviewAssignments.id, current.assignment.id));
  await recordAudit(tx, actor, {
    action: 'conflict.declare',
    entityType: 'call_reviewer',
    entityId: reviewer.id,
    before: current ? { assignment: current.assignment, reviewStatus: current.reviewStatus } : null,
    after: { applicationId, reason, by },
  });
}

export async function declareConflictByStaff(db: Db, actor: Actor, callId: string, input: ConflictDeclareT, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    await requireCall(tx, callId, true);
    if (!(await reviewableApplication(tx, callId, input.applicationId))) throw new DomainError('review.application_not_found', {}, 'applicationId');
    const reviewer = await reviewerOfCall(tx, callId, input.reviewerId, true);
    if (!reviewer) throw new DomainError('review.reviewer_not_found', {}, 'reviewerId');
    await assertNoRunInProgress(tx, callId, now);
    await recordDeclaredConflict(tx, actor, reviewer, input.applicationId, input.reason, 'staff');
  });
}

// ---------- assignments ----------

interface StoredExplanation {
  text?: { ko: string; en: string };
  affinity?: AssignmentViewT['affinity'];
  reason?: string;
}

function presentAssignment(row: Pick<AssignmentWithReview, 'assignment' | 'reviewStatus' | 'total'>, applicantName: string, applicantOrg: string | null, reviewer: { reviewer: { email: string }; name: string | null }): AssignmentViewT {
  const a = row.assignment;
  const ex = a.explanation as StoredExplanation;
  return {
    id: a.id,
    callId: a.callId,
    applicationId: a.applicationId,
    applicantName,
    applicantOrganisation: applicantOrg,
    reviewerId: a.reviewerId,
    reviewerEmail: reviewer.reviewer.email,
    reviewerName: reviewer.name,
    source: a.source,
    runId: a.runId,
    points: a.points,
    affinity: ex.affinity ?? null,
    explanation: ex.text ?? null,
    reason: ex.reason ?? null,
    reviewStatus: row.reviewStatus ?? 'not_started',
    total: row.total,
    createdAt: a.createdAt.toISOString(),
  };
}

/**
 * One page of the call's pairs with their reasons, for staff; the applicants' names shown are
 * access-logged. Paged in the database: a call of 300 applications × 3 reviewers has 900 pairs.
 */
export async function listAssignments(db: DbOrTx, accessor: AccessActor, callId: string, query: AssignmentQueryT): Promise<AssignmentListT> {
  const call = await requireCall(db, callId);
  const keys = formKeys(call.questions);
  const { rows, total } = await assignmentsPage(db, callId, { q: query.q || undefined, status: query.status }, offsetOf(query), query.pageSize);
  const items = rows.map((row) =>
    presentAssignment(row, row.applicantName, applicantOrganisation(keys, row.answers as Answers), { reviewer: { email: row.reviewerEmail }, name: row.reviewerName }),
  );
  if (items.length > 0) {
    await recordAccess(db, { actor: accessor, action: 'view', subjectType: 'application', subjectIds: [...new Set(items.map((a) => a.applicationId))], detail: { callId, list: 'assignments', page: query.page } });
  }
  const byStatus = await assignmentCounts(db, callId);
  const counts = { not_started: byStatus.get(null) ?? 0, draft: byStatus.get('draft') ?? 0, submitted: byStatus.get('submitted') ?? 0 };
  return { items, total, page: query.page, pageSize: query.pageSize, counts };
}

/**
 * Staff pair an application with a reviewer by hand, with a reason. Only accepted reviewers, never
 * a conflicted pair; the reviewer's load may be exceeded on purpose (an override). Kept by later
 * automatic runs (docs/assignment.md).
 */
export async function addAssignment(db: Db, actor: Actor, callId: string, input: ManualAssignmentT, now: Date): Promise<AssignmentViewT> {
  const id = await db.transaction(async (tx) => {
    const call = await requireCall(tx, callId, true);
    const app = await reviewableApplication(tx, callId, input.applicationId);
    if (!app) throw new DomainError('review.application_not_found', {}, 'applicationId');
    const reviewer = await reviewerOfCall(tx, callId, input.reviewerId, true);
    if (!reviewer) throw new DomainError('review.reviewer_not_found', {}, 'reviewerId');
    if (reviewer.status !== 'accepted') throw new DomainError('review.reviewer_not_accepted', {}, 'reviewerId');
    await assertNoRunInProgress(tx, callId, now);
    const keys = formKeys(call.questions);
    const appProfile = applicationProfile(keys, app.app, app.email);
    const revProfile = reviewerProfile(reviewer);
    const reasons = conflictReasons(appProfile, revProfile);
    if (reasons.length > 0) {
      const text = describeConflict(reasons);
      throw new DomainError('review.pair_conflicted', { reasons: text.ko, reasons_en: text.en }, 'reviewerId');
    }
    const why = affinity(appProfile, revProfile);
    const [row] = await tx
      .insert(reviewAssignments)
      .values({
        id: uuidv7(),
        callId,
        applicationId: app.app.id,
        reviewerId: reviewer.id,
        runId: null,
        source: 'manual',
        points: why.points,
        explanation: { affinity: why, text: explainManualPairing(why), reason: input.reason },
        createdAt: now,
      })
      .onConflictDoNothing({ target: [reviewAssignments.applicationId, reviewAssignments.reviewerId] })
      .returning();
    if (!row) throw new DomainError('review.already_assigned', {}, 'reviewerId');
    await recordAudit(tx, actor, { action: 'assignment.add', entityType: 'review_assignment', entityId: row.id, after: { ...row, reason: input.reason } });
    return row.id;
  });
  return assignmentForStaff(db, callId, id);
}

async function assignmentForStaff(db: DbOrTx, callId: string, id: string): Promise<AssignmentViewT> {
  const call = await requireCall(db, callId);
  const row = (await assignmentsOfCall(db, callId)).find((r) => r.assignment.id === id)!;
  const app = (await reviewableApplication(db, callId, row.assignment.applicationId))!;
  const reviewer = (await reviewersOfCall(db, callId)).find((r) => r.reviewer.id === row.assignment.reviewerId)!;
  return presentAssignment(row, app.name, applicantOrganisation(formKeys(call.questions), app.app.answers), reviewer);
}

/** The assignment exists (so an unknown id is 404 before the reason is asked for). */
export async function requireAssignment(db: DbOrTx, assignmentId: string) {
  const row = await assignmentById(db, assignmentId);
  if (!row) throw new DomainError('review.assignment_not_found');
  return row;
}

/** Staff remove a pair with a reason; a submitted review is never removed this way. */
export async function removeAssignment(db: Db, actor: Actor, assignmentId: string, reason: string, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    const row = await requireAssignment(tx, assignmentId);
    await requireCall(tx, row.assignment.callId, true);
    if (row.review?.status === 'submitted') throw new DomainError('review.state_review_submitted');
    await assertNoRunInProgress(tx, row.assignment.callId, now);
    await tx.delete(reviewAssignments).where(eq(reviewAssignments.id, assignmentId));
    await recordAudit(tx, actor, { action: 'assignment.remove', entityType: 'review_assignment', entityId: assignmentId, before: { assignment: row.assignment, review: row.review }, after: { reason } });
  });
}
