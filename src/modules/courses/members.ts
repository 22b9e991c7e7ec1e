/**
 * The people of a cohort, whichever way they came: a cohort filled by a selection call has the
 * call's active participants (recruitment); an open cohort has its enrolled citizens. Attendance,
 * completion, certificates and calendars all ask this one function.
 */
import { and, asc, count, eq, ilike, or, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.js';
import { containsPattern } from '../../platform/db/like.js';
import { cohorts, enrolments, participants, users } from '../../platform/db/schema/index.js';

export interface CohortMember {
  userId: string;
  name: string;
  email: string;
  /** How they joined: 'selection' (participant of the call) or 'enrolment' (open course). */
  via: 'selection' | 'enrolment';
}

export async function cohortMembers(db: DbOrTx, cohortId: string): Promise<CohortMember[]> {
  const [cohort] = await db.select({ mode: cohorts.enrolmentMode, callId: cohorts.callId }).from(cohorts).where(eq(cohorts.id, cohortId));
  if (!cohort) return [];
  if (cohort.mode === 'selection') {
    if (!cohort.callId) return [];
    const rows = await db
      .select({ userId: participants.userId, name: users.name, email: users.email })
      .from(participants)
      .innerJoin(users, eq(users.id, participants.userId))
      .where(and(eq(participants.callId, cohort.callId), eq(participants.status, 'active')));
    return rows.map((r) => ({ ...r, via: 'selection' as const }));
  }
  const rows = await db
    .select({ userId: enrolments.userId, name: users.name, email: users.email })
    .from(enrolments)
    .innerJoin(users, eq(users.id, enrolments.userId))
    .where(and(eq(enrolments.cohortId, cohortId), eq(enrolments.status, 'enrolled')));
  return rows.map((r) => ({ ...r, via: 'enrolment' as const }));
}

export async function isCohortMember(db: DbOrTx, cohortId: string, userId: string): Promise<boolean> {
  return (await cohortMembers(db, cohortId)).some((m) => m.userId === userId);
}

/**
 * One page of a cohort's people for the staff list, by name, with how many match `q` (a part of
 * the name or the address); the database pages, so a cohort of hundreds never travels whole.
 */
export async function cohortMembersPage(db: DbOrTx, cohortId: string, q: string | undefined, offset: number, limit: number): Promise<{ rows: CohortMember[]; total: number }> {
  const [cohort] = await db.select({ mode: cohorts.enrolmentMode, callId: cohorts.callId }).from(cohorts).where(eq(cohorts.id, cohortId));
  if (!cohort || (cohort.mode === 'selection' && !cohort.callId)) return { rows: [], total: 0 };
  const text: SQL | undefined = q ? or(ilike(users.name, containsPattern(q)), ilike(users.email, containsPattern(q))) : undefined;
  if (cohort.mode === 'selection') {
    const where = and(eq(participants.callId, cohort.callId!), eq(participants.status, 'active'), text);
    const rows = await db
      .select({ userId: participants.userId, name: users.name, email: users.email })
      .from(participants)
      .innerJoin(users, eq(users.id, participants.userId))
      .where(where)
      .orderBy(asc(users.name), asc(users.id))
      .limit(limit)
      .offset(offset);
    const [n] = await db.select({ n: count() }).from(participants).innerJoin(users, eq(users.id, participants.userId)).where(where);
    return { rows: rows.map((r) => ({ ...r, via: 'selection' as const })), total: Number(n?.n ?? 0) };
  }
  const where = and(eq(enrolments.cohortId, cohortId), eq(enrolments.status, 'enrolled'), text);
  const rows = await db
    .select({ userId: enrolments.userId, name: users.name, email: users.email })
    .from(enrolments)
    .innerJoin(users, eq(users.id, enrolments.userId))
    .where(where)
    .orderBy(asc(users.name), asc(users.id))
    .limit(limit)
    .offset(offset);
  const [n] = await db.select({ n: count() }).from(enrolments).innerJoin(users, eq(users.id, enrolments.userId)).where(where);
  return { rows: rows.map((r) => ({ ...r, via: 'enrolment' as const })), total: Number(n?.n ?? 0) };
}
