/**
 * Which cohort a call fills. The link lives on the cohort's side (cohort.call_id, one call per
 * cohort and one cohort per call, held by a unique index), because the courses module reads a
 * selection cohort's people as the active participants of its call. The call editor sets it here,
 * inside the call's own transaction, so a refused cohort leaves the call unchanged too.
 */
import { and, eq, ne } from 'drizzle-orm';
import { DomainError } from '../../core/shared/domain-error.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { calls, cohorts } from '../../platform/db/schema/index.js';

export async function cohortIdOfCall(db: DbOrTx, callId: string): Promise<string | null> {
  const [row] = await db.select({ id: cohorts.id }).from(cohorts).where(eq(cohorts.callId, callId));
  return row?.id ?? null;
}

/** Cohort ids by the call that fills them, for the call list. */
export async function cohortIdsByCall(db: DbOrTx): Promise<Map<string, string>> {
  const rows = await db.select({ id: cohorts.id, callId: cohorts.callId }).from(cohorts);
  return new Map(rows.filter((r) => r.callId !== null).map((r) => [r.callId!, r.id]));
}

/**
 * Checks that a call of `capacity` places may fill `cohortId`: the cohort exists, takes its people
 * by selection, has room for them and is not filled by another call. Field errors name 'cohortId'
 * (or 'capacity' when the cohort is too small), so the editor shows them on the right step.
 */
export async function checkCohortFor(db: DbOrTx, callId: string | null, cohortId: string, capacity: number): Promise<void> {
  const [cohort] = await db.select().from(cohorts).where(eq(cohorts.id, cohortId)).for('update');
  if (!cohort) throw new DomainError('recruitment.cohort_unknown', {}, 'cohortId');
  if (cohort.enrolmentMode !== 'selection') throw new DomainError('recruitment.cohort_not_selection', {}, 'cohortId');
  if (cohort.callId && cohort.callId !== callId) {
    const [other] = await db.select({ title: calls.title }).from(calls).where(eq(calls.id, cohort.callId));
    throw new DomainError('recruitment.already_filled_cohort', { call: other?.title.ko ?? '' }, 'cohortId');
  }
  if (capacity > cohort.capacity) throw new DomainError('recruitment.cohort_too_small', { capacity: cohort.capacity }, 'capacity');
}

/** Makes `cohortId` (or none) the one cohort the call fills; call checkCohortFor first. */
export async function linkCohort(tx: DbOrTx, callId: string, cohortId: string | null, now: Date): Promise<void> {
  const others = cohortId ? and(eq(cohorts.callId, callId), ne(cohorts.id, cohortId)) : eq(cohorts.callId, callId);
  await tx.update(cohorts).set({ callId: null, updatedAt: now }).where(others);
  if (cohortId) await tx.update(cohorts).set({ callId, updatedAt: now }).where(eq(cohorts.id, cohortId));
}
