/** Data access for selection runs, outcomes, participants and the staff view of the outbox. */
import { and, asc, count, desc, eq, ilike, inArray, isNull, or, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.js';
import { containsPattern } from '../../platform/db/like.js';
import { applications, calls, outboxMessages, participants, selectionRuns, users } from '../../platform/db/schema/index.js';

export type CallRow = typeof calls.$inferSelect;
export type SelectionRunRow = typeof selectionRuns.$inferSelect;
export type OutboxRow = typeof outboxMessages.$inferSelect;

/** The call; `lock` takes a row lock, which serialises finalising and declines of one call. */
export async function callById(db: DbOrTx, id: string, lock = false): Promise<CallRow | undefined> {
  const q = db.select().from(calls).where(eq(calls.id, id));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

/** Applicant fields the selection needs: who they are (for explanations and mail) and their answers. */
const applicantColumns = {
  id: applications.id,
  userId: applications.userId,
  status: applications.status,
  answers: applications.answers,
  outcome: applications.outcome,
  waitlistPosition: applications.waitlistPosition,
  anonymisedAt: applications.anonymisedAt,
  name: users.name,
  email: users.email,
  locale: users.locale,
};
export type ApplicantRow = Awaited<ReturnType<typeof submittedApplicants>>[number];

/** Submitted applications still holding their data (not withdrawn, not anonymised), oldest first. */
export async function submittedApplicants(db: DbOrTx, callId: string) {
  return db
    .select(applicantColumns)
    .from(applications)
    .innerJoin(users, eq(users.id, applications.userId))
    .where(and(eq(applications.callId, callId), eq(applications.status, 'submitted'), isNull(applications.anonymisedAt)))
    .orderBy(asc(applications.createdAt), asc(applications.id));
}

/** Every application of the call with its applicant, for naming the people a stored run lists. */
export async function applicantsById(db: DbOrTx, callId: string): Promise<Map<string, ApplicantRow>> {
  const rows = await db.select(applicantColumns).from(applications).innerJoin(users, eq(users.id, applications.userId)).where(eq(applications.callId, callId));
  return new Map(rows.map((r) => [r.id, r]));
}

export async function runById(db: DbOrTx, id: string): Promise<SelectionRunRow | undefined> {
  const [row] = await db.select().from(selectionRuns).where(eq(selectionRuns.id, id));
  return row;
}

export async function runsOfCall(db: DbOrTx, callId: string): Promise<SelectionRunRow[]> {
  return db.select().from(selectionRuns).where(eq(selectionRuns.callId, callId)).orderBy(desc(selectionRuns.createdAt), desc(selectionRuns.id));
}

/** Waitlisted applications of a call in waitlist order, locked for the promotion that follows. */
export async function waitlistForUpdate(db: DbOrTx, callId: string) {
  return db
    .select(applicantColumns)
    .from(applications)
    .innerJoin(users, eq(users.id, applications.userId))
    .where(and(eq(applications.callId, callId), eq(applications.outcome, 'waitlisted')))
    .orderBy(asc(applications.waitlistPosition), asc(applications.id))
    .for('update', { of: applications });
}

/** Application ids currently holding a place (outcome 'selected'). */
export async function selectedIds(db: DbOrTx, callId: string): Promise<string[]> {
  const rows = await db
    .select({ id: applications.id })
    .from(applications)
    .where(and(eq(applications.callId, callId), eq(applications.outcome, 'selected')));
  return rows.map((r) => r.id);
}

export async function myApplicationForUpdate(db: DbOrTx, callId: string, userId: string) {
  const [row] = await db
    .select(applicantColumns)
    .from(applications)
    .innerJoin(users, eq(users.id, applications.userId))
    .where(and(eq(applications.callId, callId), eq(applications.userId, userId)))
    .for('update', { of: applications });
  return row;
}

/** My applications to calls the public can see (a draft call's are never listed), newest call first. */
export async function myApplications(db: DbOrTx, userId: string) {
  return db
    .select({ app: applications, callTitle: calls.title, callStatus: calls.status })
    .from(applications)
    .innerJoin(calls, eq(calls.id, applications.callId))
    .where(and(eq(applications.userId, userId), inArray(calls.status, ['published', 'closed'])))
    .orderBy(desc(calls.opensAt), asc(applications.id));
}

export async function participantRows(db: DbOrTx, callId: string) {
  return db.select().from(participants).where(eq(participants.callId, callId)).orderBy(asc(participants.createdAt), asc(participants.id));
}

export interface OutboxFilter {
  status?: OutboxRow['status'];
  q?: string;
}

function outboxWhere(f: OutboxFilter): SQL | undefined {
  const conds: SQL[] = [];
  if (f.status) conds.push(eq(outboxMessages.status, f.status));
  if (f.q) {
    const p = containsPattern(f.q);
    conds.push(or(ilike(outboxMessages.toEmail, p), ilike(outboxMessages.subject, p), ilike(users.name, p))!);
  }
  return conds.length ? and(...conds) : undefined;
}

/** One page of the outbox, newest first, and how many messages the filter matches. */
export async function outboxPage(db: DbOrTx, filter: OutboxFilter, offset: number, limit: number) {
  const where = outboxWhere(filter);
  const rows = await db
    .select({ msg: outboxMessages, toName: users.name })
    .from(outboxMessages)
    .leftJoin(users, eq(users.id, outboxMessages.toUserId))
    .where(where)
    .orderBy(desc(outboxMessages.createdAt), desc(outboxMessages.id))
    .limit(limit)
    .offset(offset);
  const [total] = await db.select({ n: count() }).from(outboxMessages).leftJoin(users, eq(users.id, outboxMessages.toUserId)).where(where);
  return { rows, total: Number(total?.n ?? 0) };
}

export async function outboxCounts(db: DbOrTx): Promise<Map<string, number>> {
  const rows = await db.select({ status: outboxMessages.status, n: count() }).from(outboxMessages).groupBy(outboxMessages.status);
  return new Map(rows.map((r) => [r.status, Number(r.n)]));
}
