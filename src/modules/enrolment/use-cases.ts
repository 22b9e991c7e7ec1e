/**
 * Use cases of enrolment in open courses.
 *
 * Concurrency (docs/enrolment.md): every change to a cohort's enrolments — enrolling, cancelling,
 * promoting — runs in one transaction that first locks the cohort's row (FOR NO KEY UPDATE). Under
 * READ COMMITTED each later statement of that transaction sees everything the previous lock holder
 * committed, so counting seats and then writing is exact; on PGlite transactions already run one at
 * a time, and the lock is simply granted. Nobody is overbooked and waitlist positions have no gaps.
 *
 * Idempotency: a request with an `Idempotency-Key` stores the key on the enrolment it creates
 * (unique per person). A retry with the same key finds that enrolment and answers 201 with it again
 * without changing anything; the same key for another cohort is refused. Keys are only stored by
 * requests that create or re-open an enrolment: a request that found the person already enrolled
 * answers 200 and changes nothing, so its retry answers the same. There is no stored response: the
 * retry shows the enrolment as it is now, which is byte-for-byte the first body unless the
 * enrolment changed since (moved up the waitlist, cancelled) — then the client learns the truth.
 */
import { uuidv7 } from 'uuidv7';
import { and, eq } from 'drizzle-orm';
import { DomainError } from '../../core/shared/domain-error.js';
import { recordAccess, type AccessActor } from '../../platform/access-log.js';
import { recordAudit, type Actor } from '../../platform/audit.js';
import type { DbOrTx, Tx } from '../../platform/db/client.js';
import { enrolments } from '../../platform/db/schema/index.js';
import type { ModuleDeps } from '../../platform/module.js';
import type { CohortEnrolmentsListT, EnrolmentViewT, MyEnrolmentsListT } from '../../shared/contracts/enrolment.js';
import { queuePromoted } from './notify.js';
import {
  closeUpWaitlist,
  cohortById,
  enrolmentByKey,
  enrolmentOf,
  enrolmentsOfCohort,
  enrolmentsOfUser,
  headOfWaitlist,
  lockCohort,
  seatCounts,
  type CohortRow,
  type EnrolmentRow,
} from './repository.js';
import { admit, enrolmentRefusal, seatsToFill } from './rules.js';

type Deps = Pick<ModuleDeps, 'db' | 'config' | 'now'>;
export type Person = Actor & { userId: string };

export interface EnrolOutcome {
  /** 201 when this request (or the first request with its key) created the enrolment, 200 when it already stood. */
  status: 200 | 201;
  /** True when the answer is a replay of an earlier request with the same Idempotency-Key. */
  replayed: boolean;
  enrolment: EnrolmentViewT;
}

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export function presentEnrolment(row: EnrolmentRow): EnrolmentViewT {
  return {
    id: row.id,
    cohortId: row.cohortId,
    status: row.status,
    waitlistPosition: row.status === 'waitlisted' ? row.waitlistPosition : null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    cancelledAt: iso(row.cancelledAt),
  };
}

/** Unique violations come wrapped by Drizzle (cause) and look alike on pg and PGlite (code, constraint). */
function isUniqueViolation(err: unknown, constraint: string): boolean {
  for (let e: unknown = err; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const { code, constraint: c, message } = e as { code?: unknown; constraint?: unknown; message?: unknown };
    if (code === '23505' && (c === constraint || (typeof message === 'string' && message.includes(constraint)))) return true;
  }
  return false;
}

const promotionLink = (deps: Deps, cohortId: string) => `${deps.config.publicUrl}/courses/${cohortId}`;

/**
 * Moves the first `n` of the waitlist into seats and queues their e-mails; the caller holds the
 * cohort's lock and closes up the waitlist afterwards.
 */
async function promote(tx: Tx, deps: Deps, cohort: CohortRow, n: number, now: Date, actor: Actor): Promise<string[]> {
  if (n <= 0) return [];
  const head = await headOfWaitlist(tx, cohort.id, n);
  for (const h of head) {
    await tx.update(enrolments).set({ status: 'enrolled', waitlistPosition: null, updatedAt: now }).where(eq(enrolments.id, h.enrolment.id));
    await queuePromoted(
      tx,
      { enrolmentId: h.enrolment.id, userId: h.enrolment.userId, name: h.name, email: h.email, locale: h.locale },
      { id: cohort.id, title: cohort.title, place: cohort.place, startsOn: cohort.startsOn, endsOn: cohort.endsOn, link: promotionLink(deps, cohort.id) },
    );
    await recordAudit(tx, actor, {
      action: 'enrolment.promote',
      entityType: 'enrolment',
      entityId: h.enrolment.id,
      before: { status: 'waitlisted', waitlistPosition: h.enrolment.waitlistPosition },
      after: { status: 'enrolled' },
    });
  }
  return head.map((h) => h.enrolment.id);
}

async function lockedCohort(tx: Tx, cohortId: string): Promise<CohortRow> {
  const cohort = await lockCohort(tx, cohortId);
  // A draft is not there for citizens yet.
  if (!cohort || cohort.status === 'draft') throw new DomainError('enrolment.cohort_not_found');
  return cohort;
}

async function enrolLocked(tx: Tx, deps: Deps, person: Person, cohortId: string, key: string | null): Promise<EnrolOutcome> {
  const now = deps.now();
  const cohort = await lockedCohort(tx, cohortId);
  // A retry first: it answers like the first request did, even if the window has closed since.
  if (key !== null) {
    const earlier = await enrolmentByKey(tx, person.userId, key);
    if (earlier) {
      if (earlier.cohortId !== cohortId) throw new DomainError('enrolment.idempotency_key_reused', {}, 'idempotency-key');
      return { status: 201, replayed: true, enrolment: presentEnrolment(earlier) };
    }
  }
  if (cohort.enrolmentMode !== 'open') throw new DomainError('enrolment.selection_cohort');
  const existing = await enrolmentOf(tx, cohortId, person.userId);
  if (existing && existing.status !== 'cancelled') return { status: 200, replayed: false, enrolment: presentEnrolment(existing) };

  const refusal = enrolmentRefusal(cohort, now);
  if (refusal) {
    // The moment goes as a Date: the message writes it in the reader's language (translate).
    const params: Record<string, Date> = 'at' in refusal ? { at: refusal.at } : {};
    throw new DomainError(refusal.code, params);
  }

  const counts = await seatCounts(tx, cohortId);
  const { promote: toPromote, newcomer } = admit({ capacity: cohort.capacity, ...counts });
  if (toPromote > 0) {
    // Seats were free while people waited (staff raised the capacity): they go first.
    await promote(tx, deps, cohort, toPromote, now, { userId: null, label: 'enrolment', ip: null });
    await closeUpWaitlist(tx, cohortId, now);
  }
  const values = { status: newcomer.status, waitlistPosition: newcomer.waitlistPosition, idempotencyKey: key, cancelledAt: null, updatedAt: now };
  const [row] = existing
    ? // Enrolling again after cancelling: the same row, at the end of the line.
      await tx.update(enrolments).set(values).where(eq(enrolments.id, existing.id)).returning()
    : await tx.insert(enrolments).values({ id: uuidv7(), cohortId, userId: person.userId, createdAt: now, ...values }).returning();
  await recordAudit(tx, person, {
    action: 'enrolment.enrol',
    entityType: 'enrolment',
    entityId: row!.id,
    before: existing ? { status: existing.status } : null,
    after: { cohortId, status: newcomer.status, waitlistPosition: newcomer.waitlistPosition },
  });
  return { status: 201, replayed: false, enrolment: presentEnrolment(row!) };
}

export async function enrol(deps: Deps, person: Person, cohortId: string, key: string | null): Promise<EnrolOutcome> {
  try {
    return await deps.db.transaction((tx) => enrolLocked(tx, deps, person, cohortId, key));
  } catch (err) {
    // The same key sent at the same moment for two different cohorts: the cohort locks do not meet,
    // the unique index (user, key) does, and the second to commit is the reuse.
    if (isUniqueViolation(err, 'enrolment_user_key_uq')) throw new DomainError('enrolment.idempotency_key_reused', {}, 'idempotency-key');
    throw err;
  }
}

/**
 * Cancels my enrolment (enrolled or waitlisted). A freed seat goes to the head of the waitlist (who
 * is told by e-mail) and those behind close up, all under the cohort's lock, so concurrent
 * cancellations never promote one person twice or skip one. Cancelling again answers the cancelled
 * enrolment (DELETE is idempotent).
 */
export async function cancel(deps: Deps, person: Person, cohortId: string): Promise<{ enrolment: EnrolmentViewT; promoted: number }> {
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const cohort = await lockedCohort(tx, cohortId);
    const mine = await enrolmentOf(tx, cohortId, person.userId);
    if (!mine) throw new DomainError('enrolment.enrolment_not_found');
    if (mine.status === 'cancelled') return { enrolment: presentEnrolment(mine), promoted: 0 };
    if (cohort.status === 'finished') throw new DomainError('enrolment.state_finished');
    const [row] = await tx
      .update(enrolments)
      .set({ status: 'cancelled', waitlistPosition: null, cancelledAt: now, updatedAt: now })
      .where(and(eq(enrolments.id, mine.id), eq(enrolments.cohortId, cohortId)))
      .returning();
    await recordAudit(tx, person, {
      action: 'enrolment.cancel',
      entityType: 'enrolment',
      entityId: mine.id,
      before: { status: mine.status, waitlistPosition: mine.waitlistPosition },
      after: { status: 'cancelled' },
    });
    const counts = await seatCounts(tx, cohortId);
    const promoted = await promote(tx, deps, cohort, seatsToFill({ capacity: cohort.capacity, ...counts }), now, person);
    await closeUpWaitlist(tx, cohortId, now);
    return { enrolment: presentEnrolment(row!), promoted: promoted.length };
  });
}

export async function myEnrolments(db: DbOrTx, userId: string): Promise<MyEnrolmentsListT> {
  const rows = await enrolmentsOfUser(db, userId);
  return { enrolments: rows.map((r) => ({ ...presentEnrolment(r.enrolment), cohort: r.cohort })) };
}

/** Staff read a cohort's list with names and addresses: logged before the data leaves the server. */
export async function cohortEnrolments(db: DbOrTx, actor: AccessActor, cohortId: string): Promise<CohortEnrolmentsListT> {
  const cohort = await cohortById(db, cohortId);
  if (!cohort) throw new DomainError('enrolment.cohort_not_found');
  const rows = await enrolmentsOfCohort(db, cohortId);
  await recordAccess(db, { actor, action: 'view', subjectType: 'enrolment', subjectIds: rows.map((r) => r.enrolment.id), detail: { cohortId, list: 'enrolments' } });
  const count = (s: EnrolmentRow['status']) => rows.filter((r) => r.enrolment.status === s).length;
  return {
    cohortId,
    capacity: cohort.capacity,
    counts: { enrolled: count('enrolled'), waitlisted: count('waitlisted'), cancelled: count('cancelled') },
    enrolments: rows.map((r) => ({ ...presentEnrolment(r.enrolment), userId: r.enrolment.userId, name: r.name, email: r.email })),
  };
}
