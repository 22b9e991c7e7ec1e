/**
 * Data access for enrolment. The cohort is read straight from the schema (the courses module owns
 * its editing); every query that decides seats runs inside the transaction that holds the cohort's
 * row lock (see lockCohort and docs/enrolment.md).
 */
import { and, asc, eq, inArray, like, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.js';
import { cohorts, enrolments, outboxMessages, users } from '../../platform/db/schema/index.js';

export type EnrolmentRow = typeof enrolments.$inferSelect;

const cohortColumns = {
  id: cohorts.id,
  title: cohorts.title,
  place: cohorts.place,
  startsOn: cohorts.startsOn,
  endsOn: cohorts.endsOn,
  capacity: cohorts.capacity,
  enrolmentMode: cohorts.enrolmentMode,
  enrolmentOpensAt: cohorts.enrolmentOpensAt,
  enrolmentClosesAt: cohorts.enrolmentClosesAt,
  status: cohorts.status,
};
export type CohortRow = NonNullable<Awaited<ReturnType<typeof cohortById>>>;

export async function cohortById(db: DbOrTx, id: string) {
  const [row] = await db.select(cohortColumns).from(cohorts).where(eq(cohorts.id, id));
  return row;
}

/**
 * The cohort, locked FOR NO KEY UPDATE until the transaction ends: every enrolment, cancellation and
 * promotion of one cohort takes this lock first, so they happen one after another. NO KEY UPDATE
 * (not UPDATE) because it does not block the KEY SHARE locks that foreign-key checks take when other
 * tables (sessions, attendance, materials) insert rows pointing at the cohort.
 */
export async function lockCohort(db: DbOrTx, id: string): Promise<CohortRow | undefined> {
  const [row] = await db.select(cohortColumns).from(cohorts).where(eq(cohorts.id, id)).for('no key update');
  return row;
}

export async function enrolmentOf(db: DbOrTx, cohortId: string, userId: string): Promise<EnrolmentRow | undefined> {
  const [row] = await db.select().from(enrolments).where(and(eq(enrolments.cohortId, cohortId), eq(enrolments.userId, userId)));
  return row;
}

/** The enrolment a person's earlier request with this idempotency key created, in any cohort. */
export async function enrolmentByKey(db: DbOrTx, userId: string, key: string): Promise<EnrolmentRow | undefined> {
  const [row] = await db.select().from(enrolments).where(and(eq(enrolments.userId, userId), eq(enrolments.idempotencyKey, key)));
  return row;
}

/** Enrolled and waitlisted counts of one cohort (read under its lock, they are exact). */
export async function seatCounts(db: DbOrTx, cohortId: string): Promise<{ enrolled: number; waitlisted: number }> {
  const rows = await db
    .select({ status: enrolments.status, n: sql<number>`count(*)::int` })
    .from(enrolments)
    .where(and(eq(enrolments.cohortId, cohortId), inArray(enrolments.status, ['enrolled', 'waitlisted'])))
    .groupBy(enrolments.status);
  const of = (s: string) => Number(rows.find((r) => r.status === s)?.n ?? 0);
  return { enrolled: of('enrolled'), waitlisted: of('waitlisted') };
}

/** Enrolled / waitlisted counts for several cohorts at once (for cohort pages showing seats left). */
export async function seatCountsOf(db: DbOrTx, cohortIds: readonly string[]): Promise<Map<string, { enrolled: number; waitlisted: number }>> {
  const out = new Map<string, { enrolled: number; waitlisted: number }>(cohortIds.map((id) => [id, { enrolled: 0, waitlisted: 0 }]));
  if (cohortIds.length === 0) return out;
  const rows = await db
    .select({ cohortId: enrolments.cohortId, status: enrolments.status, n: sql<number>`count(*)::int` })
    .from(enrolments)
    .where(and(inArray(enrolments.cohortId, [...cohortIds]), inArray(enrolments.status, ['enrolled', 'waitlisted'])))
    .groupBy(enrolments.cohortId, enrolments.status);
  for (const r of rows) {
    const c = out.get(r.cohortId)!;
    if (r.status === 'enrolled') c.enrolled = Number(r.n);
    else c.waitlisted = Number(r.n);
  }
  return out;
}

/** The first `n` on the waitlist, in position order, with what their e-mail needs. */
export async function headOfWaitlist(db: DbOrTx, cohortId: string, n: number) {
  return db
    .select({ enrolment: enrolments, name: users.name, email: users.email, locale: users.locale })
    .from(enrolments)
    .innerJoin(users, eq(users.id, enrolments.userId))
    .where(and(eq(enrolments.cohortId, cohortId), eq(enrolments.status, 'waitlisted')))
    .orderBy(asc(enrolments.waitlistPosition), asc(enrolments.updatedAt), asc(enrolments.id))
    .limit(n);
}

/**
 * Numbers the waitlist 1, 2, 3, … again in its current order, in one statement: after people at the
 * head moved up or someone in the middle left, those behind close up. Rows whose number is already
 * right are not touched.
 */
export async function closeUpWaitlist(db: DbOrTx, cohortId: string, now: Date): Promise<void> {
  await db.execute(sql`
    update ${enrolments} as e
       set waitlist_position = r.rn, updated_at = ${now.toISOString()}::timestamptz
      from (select id, row_number() over (order by waitlist_position, updated_at, id) as rn
              from ${enrolments}
             where cohort_id = ${cohortId} and status = 'waitlisted') as r
     where e.id = r.id and e.waitlist_position is distinct from r.rn`);
}

/** How many promotion e-mails this enrolment has had (the next one's number in its dedupe key). */
export async function promotionMailCount(db: DbOrTx, enrolmentId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(outboxMessages)
    .where(like(outboxMessages.dedupeKey, `enrolment-promoted:${enrolmentId}:%`));
  return Number(row?.n ?? 0);
}

/** A person's enrolments with their cohorts, soonest course first. */
export async function enrolmentsOfUser(db: DbOrTx, userId: string) {
  return db
    .select({ enrolment: enrolments, cohort: { id: cohorts.id, title: cohorts.title, place: cohorts.place, startsOn: cohorts.startsOn, endsOn: cohorts.endsOn, status: cohorts.status } })
    .from(enrolments)
    .innerJoin(cohorts, eq(cohorts.id, enrolments.cohortId))
    .where(eq(enrolments.userId, userId))
    .orderBy(asc(cohorts.startsOn), asc(enrolments.createdAt), asc(enrolments.id));
}

/** A cohort's enrolments with names and addresses: enrolled (in order of getting the seat), the waitlist in order, then cancellations. */
export async function enrolmentsOfCohort(db: DbOrTx, cohortId: string) {
  const rank = sql`case ${enrolments.status} when 'enrolled' then 0 when 'waitlisted' then 1 else 2 end`;
  return db
    .select({ enrolment: enrolments, name: users.name, email: users.email })
    .from(enrolments)
    .innerJoin(users, eq(users.id, enrolments.userId))
    .where(eq(enrolments.cohortId, cohortId))
    .orderBy(rank, asc(enrolments.waitlistPosition), asc(enrolments.updatedAt), asc(enrolments.id));
}
