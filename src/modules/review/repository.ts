/** Data access for review: calls' settings, reviewers, assignments, reviews and runs. */
import { and, asc, count, desc, eq, ilike, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../platform/db/client.js';
import { containsPattern } from '../../platform/db/like.js';
import { applications, assignmentRuns, callReviewers, calls, outboxMessages, reviewAssignments, reviews, storedFiles, users } from '../../platform/db/schema/index.js';

export type CallRow = typeof calls.$inferSelect;
export type ReviewerRow = typeof callReviewers.$inferSelect;
export type AssignmentRow = typeof reviewAssignments.$inferSelect;
export type ReviewRow = typeof reviews.$inferSelect;
export type RunRow = typeof assignmentRuns.$inferSelect;

export async function callById(db: DbOrTx, id: string, lock = false): Promise<CallRow | undefined> {
  const q = db.select().from(calls).where(eq(calls.id, id));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

/** Applications in review: submitted and not anonymised, with the applicant's name and e-mail. */
/** Rows read per query when loading a whole call: with the embedded database each query runs on the HTTP thread, so big reads come in slices. */
const PAGE = 250;

/** A call's submitted, not anonymised applications with the applicant's name and e-mail, in submission order. */
export async function reviewableApplications(db: DbOrTx, callId: string) {
  const page = (after: { at: Date; id: string } | null) =>
    db
      .select({ app: applications, name: users.name, email: users.email })
      .from(applications)
      .innerJoin(users, eq(users.id, applications.userId))
      .where(
        and(
          eq(applications.callId, callId),
          eq(applications.status, 'submitted'),
          isNull(applications.anonymisedAt),
          after ? sql`(${applications.submittedAt}, ${applications.id}) > (${after.at.toISOString()}::timestamptz, ${after.id}::uuid)` : undefined,
        ),
      )
      .orderBy(asc(applications.submittedAt), asc(applications.id))
      .limit(PAGE);
  const rows: Awaited<ReturnType<typeof page>> = [];
  for (let batch = await page(null); ; batch = await page({ at: rows[rows.length - 1]!.app.submittedAt!, id: rows[rows.length - 1]!.app.id })) {
    rows.push(...batch);
    if (batch.length < PAGE) return rows;
  }
}
export type ApplicantRow = Awaited<ReturnType<typeof reviewableApplications>>[number];

export async function reviewableApplication(db: DbOrTx, callId: string, applicationId: string): Promise<ApplicantRow | undefined> {
  const [row] = await db
    .select({ app: applications, name: users.name, email: users.email })
    .from(applications)
    .innerJoin(users, eq(users.id, applications.userId))
    .where(and(eq(applications.id, applicationId), eq(applications.callId, callId), eq(applications.status, 'submitted'), isNull(applications.anonymisedAt)));
  return row;
}

/** Every reviewer row of a call with the linked account's name. */
export async function reviewersOfCall(db: DbOrTx, callId: string) {
  return db
    .select({ reviewer: callReviewers, name: users.name })
    .from(callReviewers)
    .leftJoin(users, eq(users.id, callReviewers.userId))
    .where(eq(callReviewers.callId, callId))
    .orderBy(asc(callReviewers.invitedAt), asc(callReviewers.id));
}
export type ReviewerWithName = Awaited<ReturnType<typeof reviewersOfCall>>[number];

export interface ReviewerFilter {
  status?: ReviewerRow['status'];
  q?: string;
}

function reviewerWhere(callId: string, f: ReviewerFilter): SQL {
  const conds: SQL[] = [eq(callReviewers.callId, callId)];
  if (f.status) conds.push(eq(callReviewers.status, f.status));
  if (f.q) {
    const p = containsPattern(f.q);
    conds.push(or(ilike(users.name, p), ilike(callReviewers.email, p), ilike(callReviewers.organisation, p))!);
  }
  return and(...conds)!;
}

/** One page of a call's reviewers in the order they were invited, and how many the filter matches. */
export async function reviewersPage(db: DbOrTx, callId: string, filter: ReviewerFilter, offset: number, limit: number) {
  const where = reviewerWhere(callId, filter);
  const rows = await db
    .select({ reviewer: callReviewers, name: users.name })
    .from(callReviewers)
    .leftJoin(users, eq(users.id, callReviewers.userId))
    .where(where)
    .orderBy(asc(callReviewers.invitedAt), asc(callReviewers.id))
    .limit(limit)
    .offset(offset);
  const [n] = await db.select({ n: count() }).from(callReviewers).leftJoin(users, eq(users.id, callReviewers.userId)).where(where);
  return { rows, total: Number(n?.n ?? 0) };
}

/** A call's reviewers by the state of their invitation, whatever the filters. */
export async function reviewerCounts(db: DbOrTx, callId: string): Promise<Map<string, number>> {
  const rows = await db.select({ status: callReviewers.status, n: count() }).from(callReviewers).where(eq(callReviewers.callId, callId)).groupBy(callReviewers.status);
  return new Map(rows.map((r) => [r.status, Number(r.n)]));
}

export async function reviewerOfCall(db: DbOrTx, callId: string, reviewerId: string, lock = false): Promise<ReviewerRow | undefined> {
  const q = db
    .select()
    .from(callReviewers)
    .where(and(eq(callReviewers.id, reviewerId), eq(callReviewers.callId, callId)));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

/** A call's assignments with the state of their review (none, draft, submitted). */
export async function assignmentsOfCall(db: DbOrTx, callId: string) {
  return db
    .select({ assignment: reviewAssignments, reviewStatus: reviews.status, total: reviews.total })
    .from(reviewAssignments)
    .leftJoin(reviews, eq(reviews.assignmentId, reviewAssignments.id))
    .where(eq(reviewAssignments.callId, callId))
    .orderBy(asc(reviewAssignments.createdAt), asc(reviewAssignments.id));
}
export type AssignmentWithReview = Awaited<ReturnType<typeof assignmentsOfCall>>[number];

/** What the staff list of a call's pairs is filtered by. */
export interface AssignmentFilter {
  /** Matches the applicant's name or the reviewer's name or address. */
  q?: string;
  status?: 'not_started' | 'draft' | 'submitted';
}

const applicant = alias(users, 'applicant');
const reviewerUser = alias(users, 'reviewer_user');

function assignmentWhere(callId: string, f: AssignmentFilter): SQL | undefined {
  const conds: (SQL | undefined)[] = [eq(reviewAssignments.callId, callId), eq(applications.status, 'submitted'), isNull(applications.anonymisedAt)];
  if (f.status === 'not_started') conds.push(isNull(reviews.status));
  else if (f.status) conds.push(eq(reviews.status, f.status));
  if (f.q) {
    const p = containsPattern(f.q);
    conds.push(or(ilike(applicant.name, p), ilike(reviewerUser.name, p), ilike(callReviewers.email, p)));
  }
  return and(...conds);
}

/**
 * One page of a call's pairs (in review: submitted, not anonymised applications) in the order they
 * were made, with the applicant, the reviewer and the review's state, and how many the filter matches.
 * The database pages, so the staff page never carries every reviewer × application pair.
 */
export async function assignmentsPage(db: DbOrTx, callId: string, filter: AssignmentFilter, offset: number, limit: number) {
  const where = assignmentWhere(callId, filter);
  const rows = await db
    .select({
      assignment: reviewAssignments,
      reviewStatus: reviews.status,
      total: reviews.total,
      applicantName: applicant.name,
      answers: applications.answers,
      reviewerEmail: callReviewers.email,
      reviewerName: reviewerUser.name,
    })
    .from(reviewAssignments)
    .innerJoin(applications, eq(applications.id, reviewAssignments.applicationId))
    .innerJoin(applicant, eq(applicant.id, applications.userId))
    .innerJoin(callReviewers, eq(callReviewers.id, reviewAssignments.reviewerId))
    .leftJoin(reviewerUser, eq(reviewerUser.id, callReviewers.userId))
    .leftJoin(reviews, eq(reviews.assignmentId, reviewAssignments.id))
    .where(where)
    .orderBy(asc(reviewAssignments.createdAt), asc(reviewAssignments.id))
    .limit(limit)
    .offset(offset);
  const [n] = await db
    .select({ n: count() })
    .from(reviewAssignments)
    .innerJoin(applications, eq(applications.id, reviewAssignments.applicationId))
    .innerJoin(applicant, eq(applicant.id, applications.userId))
    .innerJoin(callReviewers, eq(callReviewers.id, reviewAssignments.reviewerId))
    .leftJoin(reviewerUser, eq(reviewerUser.id, callReviewers.userId))
    .leftJoin(reviews, eq(reviews.assignmentId, reviewAssignments.id))
    .where(where);
  return { rows, total: Number(n?.n ?? 0) };
}
export type AssignmentPageRow = Awaited<ReturnType<typeof assignmentsPage>>['rows'][number];

/** A call's pairs in review by the state of their review (null: not started). */
export async function assignmentCounts(db: DbOrTx, callId: string): Promise<Map<string | null, number>> {
  const rows = await db
    .select({ status: reviews.status, n: count() })
    .from(reviewAssignments)
    .innerJoin(applications, eq(applications.id, reviewAssignments.applicationId))
    .leftJoin(reviews, eq(reviews.assignmentId, reviewAssignments.id))
    .where(and(eq(reviewAssignments.callId, callId), eq(applications.status, 'submitted'), isNull(applications.anonymisedAt)))
    .groupBy(reviews.status);
  return new Map(rows.map((r) => [r.status, Number(r.n)]));
}

export async function assignmentById(db: DbOrTx, id: string) {
  const [row] = await db
    .select({ assignment: reviewAssignments, review: reviews })
    .from(reviewAssignments)
    .leftJoin(reviews, eq(reviews.assignmentId, reviewAssignments.id))
    .where(eq(reviewAssignments.id, id));
  return row;
}

export async function reviewsStarted(db: DbOrTx, callId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(reviews)
    .innerJoin(reviewAssignments, eq(reviews.assignmentId, reviewAssignments.id))
    .where(eq(reviewAssignments.callId, callId));
  return Number(row?.n ?? 0);
}

/**
 * Invitations linked to this account (answered with it). Unlinked ones are not found by e-mail:
 * addresses are not verified at sign-up, and listing them would tell anyone who signs up with an
 * address whether, and for which call, its owner was invited to review.
 */
export async function invitationsOf(db: DbOrTx, userId: string) {
  return db
    .select({ reviewer: callReviewers, callTitle: calls.title })
    .from(callReviewers)
    .innerJoin(calls, eq(calls.id, callReviewers.callId))
    .where(eq(callReviewers.userId, userId))
    .orderBy(desc(callReviewers.invitedAt), asc(callReviewers.id));
}

/** The invitation whose link carries the secret with this hash, if any. */
export async function invitationByTokenHash(db: DbOrTx, hash: string) {
  const [row] = await db.select({ reviewer: callReviewers, callTitle: calls.title }).from(callReviewers).innerJoin(calls, eq(calls.id, callReviewers.callId)).where(eq(callReviewers.inviteTokenHash, hash));
  return row;
}

/** One invitation with its call's title, locked for the answer that follows. */
export async function invitationForUpdate(db: DbOrTx, invitationId: string) {
  const [row] = await db
    .select({ reviewer: callReviewers, callTitle: calls.title })
    .from(callReviewers)
    .innerJoin(calls, eq(calls.id, callReviewers.callId))
    .where(eq(callReviewers.id, invitationId))
    .for('update', { of: callReviewers });
  return row;
}

/** Invitation mails queued for one reviewer row so far (the first and every re-send). */
export async function invitationMailCount(db: DbOrTx, reviewerId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(outboxMessages)
    .where(and(eq(outboxMessages.kind, 'reviewer_invitation'), sql`${outboxMessages.about}->>'reviewerId' = ${reviewerId}`));
  return Number(row?.n ?? 0);
}

export async function userById(db: DbOrTx, id: string) {
  const [row] = await db.select({ id: users.id, name: users.name, email: users.email, locale: users.locale }).from(users).where(eq(users.id, id));
  return row;
}

export async function userByEmail(db: DbOrTx, email: string) {
  const [row] = await db
    .select({ id: users.id, locale: users.locale })
    .from(users)
    .where(sql`lower(${users.email}) = ${email.toLowerCase()}`);
  return row;
}

/**
 * The assignment if — and only if — it belongs to one of this account's accepted reviewer rows and
 * its application is in review. Everything a reviewer reaches goes through here, so another
 * reviewer's assignment and an unassigned application look exactly like a missing one.
 */
export async function myAssignment(db: DbOrTx, userId: string, assignmentId: string, lock = false) {
  const q = db
    .select({ assignment: reviewAssignments, reviewer: callReviewers, app: applications, call: calls, review: reviews })
    .from(reviewAssignments)
    .innerJoin(callReviewers, eq(callReviewers.id, reviewAssignments.reviewerId))
    .innerJoin(applications, eq(applications.id, reviewAssignments.applicationId))
    .innerJoin(calls, eq(calls.id, reviewAssignments.callId))
    .leftJoin(reviews, eq(reviews.assignmentId, reviewAssignments.id))
    .where(
      and(
        eq(reviewAssignments.id, assignmentId),
        eq(callReviewers.userId, userId),
        eq(callReviewers.status, 'accepted'),
        eq(applications.status, 'submitted'),
        isNull(applications.anonymisedAt),
      ),
    );
  const [row] = lock ? await q.for('update', { of: reviewAssignments }) : await q;
  return row;
}
export type MyAssignmentRow = NonNullable<Awaited<ReturnType<typeof myAssignment>>>;

export async function myAssignments(db: DbOrTx, userId: string) {
  return db
    .select({ assignment: reviewAssignments, call: calls, app: applications, name: users.name, review: reviews })
    .from(reviewAssignments)
    .innerJoin(callReviewers, eq(callReviewers.id, reviewAssignments.reviewerId))
    .innerJoin(applications, eq(applications.id, reviewAssignments.applicationId))
    .innerJoin(users, eq(users.id, applications.userId))
    .innerJoin(calls, eq(calls.id, reviewAssignments.callId))
    .leftJoin(reviews, eq(reviews.assignmentId, reviewAssignments.id))
    .where(and(eq(callReviewers.userId, userId), eq(callReviewers.status, 'accepted'), eq(applications.status, 'submitted'), isNull(applications.anonymisedAt)))
    .orderBy(desc(calls.closesAt), asc(reviewAssignments.createdAt), asc(reviewAssignments.id));
}

export async function filesOf(db: DbOrTx, applicationId: string, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .select({ id: storedFiles.id, questionKey: storedFiles.questionKey, name: storedFiles.originalName, size: storedFiles.size, mediaType: storedFiles.mediaType })
    .from(storedFiles)
    .where(and(eq(storedFiles.applicationId, applicationId), inArray(storedFiles.id, [...ids])));
}

export async function runById(db: DbOrTx, id: string): Promise<RunRow | undefined> {
  const [row] = await db.select().from(assignmentRuns).where(eq(assignmentRuns.id, id));
  return row;
}

export async function runsOfCall(db: DbOrTx, callId: string): Promise<RunRow[]> {
  return db.select().from(assignmentRuns).where(eq(assignmentRuns.callId, callId)).orderBy(desc(assignmentRuns.createdAt), desc(assignmentRuns.id));
}

/** Runs of the call still queued or running (the caller decides which are too old to count). */
export async function activeRuns(db: DbOrTx, callId: string): Promise<RunRow[]> {
  return db
    .select()
    .from(assignmentRuns)
    .where(and(eq(assignmentRuns.callId, callId), inArray(assignmentRuns.status, ['queued', 'running'])));
}
