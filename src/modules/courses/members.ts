/**
 * The people of a cohort, whichever way they came: a cohort filled by a selection call has the
 * call's active participants (recruitment); an open cohort has its enrolled citizens. Attendance,
 * completion, certificates and calendars all ask this one function.
 */
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.js';
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
