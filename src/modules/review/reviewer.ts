/**
 * Use cases of the reviewer: invitations (list, accept, decline), where one not yet linked to the
 * account is reached only with the secret of its link, never by e-mail address (addresses are not
 * verified at sign-up); and the applications assigned to them (read, score, submit, declare a
 * conflict). Every lookup of an assignment goes through `myAssignment`, which matches the signed-in
 * account: another reviewer's assignment or an unassigned application answers exactly as a missing
 * one (404). Reads of an application are written to the access log before the data leaves.
 */
import { and, eq, ne } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { checkScores, reviewTotal } from '../../core/recruitment/rubric.js';
import { DomainError } from '../../core/shared/domain-error.js';
import type { Answers } from '../../core/recruitment/answers.js';
import { recordAccess, type AccessActor } from '../../platform/access-log.js';
import { recordAudit, type Actor } from '../../platform/audit.js';
import type { Db, DbOrTx } from '../../platform/db/client.js';
import { callReviewers, reviewAssignments, reviews, users } from '../../platform/db/schema/index.js';
import type { InvitationAcceptT, InvitationDeclineT, InvitationListT, InvitationViewT, MyReviewDetailT, MyReviewListT, ReviewDraftT, ReviewStateT } from '../../shared/contracts/review.js';
import { hashInvitationToken, invitationTokenMatches } from './invitation-token.js';
import { applicantOrganisation, formKeys } from './profiles.js';
import { filesOf, invitationByTokenHash, invitationForUpdate, invitationsOf, myAssignment, myAssignments, type MyAssignmentRow, type ReviewerRow, type ReviewRow } from './repository.js';
import { recordDeclaredConflict, submittedCount, throwFirst, withoutSecret } from './staff.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const cleanTags = (tags: readonly string[]) => [...new Set(tags.map((t) => t.trim()).filter((t) => t !== ''))];

// ---------- invitations ----------

function presentInvitation(r: ReviewerRow, callTitle: InvitationViewT['callTitle'], userId: string): InvitationViewT {
  return {
    id: r.id,
    callId: r.callId,
    callTitle,
    status: r.status,
    needsLink: r.userId !== userId,
    organisation: r.organisation,
    sectors: r.sectors,
    topics: r.topics,
    expertise: r.expertise,
    load: r.load,
    invitedAt: r.invitedAt.toISOString(),
    respondedAt: iso(r.respondedAt),
  };
}

/**
 * My invitations: those linked to my account, and the one whose link I followed (`token`) while
 * nobody has answered it. A link answered by another account, replaced by a re-send or unknown is
 * 'invalid', the same in each case.
 */
export async function listInvitations(db: DbOrTx, userId: string, token: string | undefined): Promise<InvitationListT> {
  const rows = await invitationsOf(db, userId);
  const invitations = rows.map((r) => presentInvitation(r.reviewer, r.callTitle, userId));
  if (token === undefined) return { invitations, link: 'absent' };
  const linked = await invitationByTokenHash(db, hashInvitationToken(token));
  if (!linked || (linked.reviewer.userId !== null && linked.reviewer.userId !== userId)) return { invitations, link: 'invalid' };
  if (linked.reviewer.userId === null) invitations.unshift(presentInvitation(linked.reviewer, linked.callTitle, userId));
  return { invitations, link: 'valid' };
}

/**
 * The invitation, locked, if this account may answer it: one already linked to the account (it
 * answered before), or an unlinked one with the secret of its link. Without the secret the answer
 * is 403 `invitation_token_required` (also for an invitation sent before links carried a secret:
 * staff re-send it); with a wrong one, or another account's invitation, it is 404 as if it did not
 * exist. The account's e-mail address plays no part: addresses are not verified, the link is.
 */
async function answerableInvitation(db: DbOrTx, userId: string, invitationId: string, token: string | undefined) {
  const row = await invitationForUpdate(db, invitationId);
  if (!row) throw new DomainError('review.invitation_not_found');
  if (row.reviewer.userId === userId) return row;
  if (row.reviewer.userId !== null) throw new DomainError('review.invitation_not_found');
  if (token === undefined || row.reviewer.inviteTokenHash === null) throw new DomainError('review.invitation_token_required', {}, 'token');
  if (!invitationTokenMatches(token, row.reviewer.inviteTokenHash)) throw new DomainError('review.invitation_not_found');
  return row;
}

export async function acceptInvitation(db: Db, actor: Actor, userId: string, invitationId: string, input: InvitationAcceptT, now: Date): Promise<InvitationViewT> {
  return db.transaction(async (tx) => {
    const { reviewer: before, callTitle } = await answerableInvitation(tx, userId, invitationId, input.token);
    // One account, one reviewer seat per call (it may have been invited under two addresses).
    const [other] = await tx
      .select({ id: callReviewers.id })
      .from(callReviewers)
      .where(and(eq(callReviewers.callId, before.callId), eq(callReviewers.userId, userId), eq(callReviewers.status, 'accepted'), ne(callReviewers.id, before.id)));
    if (other) throw new DomainError('review.already_reviewer');
    const [after] = await tx
      .update(callReviewers)
      .set({
        userId,
        status: 'accepted',
        respondedAt: before.status === 'accepted' ? before.respondedAt : now,
        ...(input.organisation !== undefined ? { organisation: input.organisation?.trim() || null } : {}),
        ...(input.sectors ? { sectors: cleanTags(input.sectors) } : {}),
        ...(input.topics ? { topics: cleanTags(input.topics) } : {}),
        ...(input.expertise ? { expertise: cleanTags(input.expertise) } : {}),
      })
      .where(eq(callReviewers.id, before.id))
      .returning();
    await recordAudit(tx, actor, { action: 'reviewer.accept', entityType: 'call_reviewer', entityId: before.id, before: withoutSecret(before), after: withoutSecret(after!) });
    return presentInvitation(after!, callTitle, userId);
  });
}

/** Declining gives up every assignment not yet reviewed; after a submitted review it is refused. */
export async function declineInvitation(db: Db, actor: Actor, userId: string, invitationId: string, input: InvitationDeclineT, now: Date): Promise<InvitationViewT> {
  return db.transaction(async (tx) => {
    const { reviewer: before, callTitle } = await answerableInvitation(tx, userId, invitationId, input.token);
    if ((await submittedCount(tx, before.id)) > 0) throw new DomainError('review.state_has_reviews');
    const dropped = await tx.delete(reviewAssignments).where(eq(reviewAssignments.reviewerId, before.id)).returning({ id: reviewAssignments.id });
    const [after] = await tx.update(callReviewers).set({ userId, status: 'declined', respondedAt: now }).where(eq(callReviewers.id, before.id)).returning();
    await recordAudit(tx, actor, { action: 'reviewer.decline', entityType: 'call_reviewer', entityId: before.id, before: withoutSecret(before), after: { ...withoutSecret(after!), droppedAssignments: dropped.map((d) => d.id) } });
    return presentInvitation(after!, callTitle, userId);
  });
}

// ---------- my reviews ----------

function presentReview(r: ReviewRow): ReviewStateT {
  return { status: r.status, scores: r.scores, comments: r.comments, comment: r.comment, total: r.total, submittedAt: iso(r.submittedAt), updatedAt: r.updatedAt.toISOString() };
}

const progressOf = (r: ReviewRow | null): 'not_started' | 'draft' | 'submitted' => (r ? r.status : 'not_started');

export async function listMyReviews(db: DbOrTx, accessor: AccessActor, userId: string): Promise<MyReviewListT> {
  const rows = await myAssignments(db, userId);
  const list = rows.map((row) => {
    const blind = row.call.blindReview;
    return {
      assignmentId: row.assignment.id,
      callId: row.call.id,
      callTitle: row.call.title,
      applicationId: row.app.id,
      blind,
      applicantName: blind ? null : row.name,
      applicantOrganisation: blind ? null : applicantOrganisation(formKeys(row.call.questions), row.app.answers),
      status: progressOf(row.review),
      total: row.review?.total ?? null,
      submittedAt: iso(row.review?.submittedAt ?? null),
    };
  });
  // Names and organisations are personal data; blind items show neither, so only the others are logged.
  const shown = list.filter((r) => !r.blind).map((r) => r.applicationId);
  if (shown.length > 0) await recordAccess(db, { actor: accessor, action: 'view', subjectType: 'application', subjectIds: shown, detail: { list: 'my_reviews' } });
  return { reviews: list };
}

async function requireMine(db: DbOrTx, userId: string, assignmentId: string, lock = false): Promise<MyAssignmentRow> {
  const row = await myAssignment(db, userId, assignmentId, lock);
  if (!row) throw new DomainError('review.assignment_not_found');
  return row;
}

/** A neutral file name under blind review: uploaded names often carry the applicant's name. */
function blindName(questionKey: string, name: string): string {
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 && name.length - dot <= 10 ? name.slice(dot).toLowerCase() : '';
  return `${questionKey}${ext}`;
}

export async function myReview(db: DbOrTx, accessor: AccessActor, userId: string, assignmentId: string): Promise<MyReviewDetailT> {
  const row = await requireMine(db, userId, assignmentId);
  const { call, app } = row;
  const blind = call.blindReview;
  const hidden = new Set(blind ? call.questions.filter((q) => q.type === 'organisation').map((q) => q.key) : []);
  const questions = call.questions.filter((q) => !hidden.has(q.key));
  const answers: Answers = {};
  for (const [key, value] of Object.entries(app.answers)) if (!hidden.has(key)) answers[key] = value;
  const fileKeys = new Map<string, string>();
  for (const q of questions) {
    const v = answers[q.key];
    if (q.type === 'file' && typeof v === 'string') fileKeys.set(v, q.key);
  }
  const files = (await filesOf(db, app.id, [...fileKeys.keys()])).map((f) => {
    const questionKey = fileKeys.get(f.id) ?? f.questionKey ?? '';
    return { questionKey, id: f.id, name: blind ? blindName(questionKey, f.name) : f.name, size: f.size, mediaType: f.mediaType };
  });
  const applicant = blind ? null : await db.select({ name: users.name, email: users.email }).from(users).where(eq(users.id, app.userId)).then((r) => r[0] ?? null);
  await recordAccess(db, { actor: accessor, action: 'view', subjectType: 'application', subjectIds: [app.id], detail: { callId: call.id, assignmentId, blind } });
  return {
    assignmentId,
    callId: call.id,
    callTitle: call.title,
    applicationId: app.id,
    blind,
    applicant,
    questions,
    answers,
    files,
    rubric: call.rubric,
    review: row.review ? presentReview(row.review) : null,
  };
}

function assertScorable(row: MyAssignmentRow) {
  if (row.call.finalisedAt) throw new DomainError('review.state_finalised');
  if (!row.call.rubric) throw new DomainError('review.rubric_missing');
  if (row.review?.status === 'submitted') throw new DomainError('review.state_submitted');
  return row.call.rubric;
}

/** Saves a draft: any subset of criteria, each checked against the rubric. */
export async function saveDraft(db: Db, userId: string, assignmentId: string, input: ReviewDraftT, now: Date): Promise<ReviewStateT> {
  return db.transaction(async (tx) => {
    const row = await requireMine(tx, userId, assignmentId, true);
    const rubric = assertScorable(row);
    throwFirst(checkScores(rubric, input.scores, input.comments, false));
    const comments = Object.fromEntries(Object.entries(input.comments).filter(([, v]) => v.trim() !== ''));
    const values = { status: 'draft' as const, scores: input.scores, comments, comment: input.comment?.trim() || null, total: null, updatedAt: now };
    const [saved] = await tx
      .insert(reviews)
      .values({ id: uuidv7(), assignmentId, ...values })
      .onConflictDoUpdate({ target: reviews.assignmentId, set: values })
      .returning();
    return presentReview(saved!);
  });
}

/** Submits: every criterion scored on the scale; the total is the weighted 0..100 mean. Once only. */
export async function submitReview(db: Db, actor: Actor, userId: string, assignmentId: string, now: Date): Promise<ReviewStateT> {
  return db.transaction(async (tx) => {
    const row = await requireMine(tx, userId, assignmentId, true);
    if (row.review?.status === 'submitted') return presentReview(row.review);
    const rubric = assertScorable(row);
    const scores = row.review?.scores ?? {};
    throwFirst(checkScores(rubric, scores, row.review?.comments ?? {}, true));
    const total = reviewTotal(rubric, scores);
    if (total === null) throw new DomainError('review.score_missing');
    const values = { status: 'submitted' as const, total, submittedAt: now, updatedAt: now };
    const [saved] = row.review
      ? await tx.update(reviews).set(values).where(eq(reviews.id, row.review.id)).returning()
      : await tx.insert(reviews).values({ id: uuidv7(), assignmentId, scores, comments: {}, ...values }).returning();
    await recordAudit(tx, actor, { action: 'review.submit', entityType: 'review', entityId: saved!.id, after: { assignmentId, scores, total } });
    return presentReview(saved!);
  });
}

/** The reviewer declares a conflict: recorded, and the assignment removed (refused after submitting). */
export async function declareMyConflict(db: Db, actor: Actor, userId: string, assignmentId: string, reason: string): Promise<void> {
  await db.transaction(async (tx) => {
    const row = await requireMine(tx, userId, assignmentId, true);
    await recordDeclaredConflict(tx, actor, row.reviewer, row.app.id, reason, 'reviewer');
  });
}
