/**
 * Lecturer fees into the budget (docs/courses.md). Marking a session held books, for each of its
 * lecturers with a fee, feeRate × 1 as actual spending of the plan's "domestic faculty lecture fees"
 * line (국내 교수 강연비: 300,000 KRW × 16 days × 2 people), so plan vs actual moves as the course runs.
 *
 * Each booking carries sourceRef `lecture:<sessionId>:<sessionLecturerId>`, unique in
 * budget_spending, so repeating "held" (or two staff pressing it at once) books nothing twice; a
 * repeat also books what is missing (a fee line restored after it was deleted). Undoing "held"
 * removes the session's bookings. Both are audited in the same transaction.
 */
import { and, eq, like, or, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { DomainError } from '../../core/shared/domain-error.js';
import { recordAudit, type Actor } from '../../platform/audit.js';
import type { Db, DbOrTx } from '../../platform/db/client.js';
import { budgetLines, budgetSpending, courseSessions } from '../../platform/db/schema/index.js';
import type { HeldViewT } from '../../shared/contracts/courses.js';
import { currentPlanId, loadBudgetTree } from '../administration/public.js';
import { sessionView } from './curriculum.js';
import { lecturersOfSessions, sessionById } from './repository.js';

/** The seeded line's stable key (src/modules/administration/plan-2019.seed.ts). */
export const FEE_LINE_KEY = 'lecture-fees';
const FEE_LINE_TITLE = { ko: '국내 교수 강연비', en: 'Domestic faculty lecture fees' };

export const lectureRef = (sessionId: string, lecturerId: string): string => `lecture:${sessionId}:${lecturerId}`;

/**
 * The current plan's fee line: by its key, else (a line staff re-created by hand) by its Korean or
 * English title; a group is never a target, as spending belongs to leaves.
 */
export async function feeLine(db: DbOrTx): Promise<{ planId: string; lineId: string } | null> {
  const planId = await currentPlanId(db);
  if (!planId) return null;
  const leaf = sql`${budgetLines.kind} <> 'group'`;
  const [byKey] = await db
    .select({ id: budgetLines.id })
    .from(budgetLines)
    .where(and(eq(budgetLines.planId, planId), eq(budgetLines.key, FEE_LINE_KEY), leaf));
  if (byKey) return { planId, lineId: byKey.id };
  const [byTitle] = await db
    .select({ id: budgetLines.id })
    .from(budgetLines)
    .where(
      and(
        eq(budgetLines.planId, planId),
        leaf,
        or(sql`trim(${budgetLines.title}->>'ko') = ${FEE_LINE_TITLE.ko}`, sql`lower(trim(${budgetLines.title}->>'en')) = ${FEE_LINE_TITLE.en.toLowerCase()}`),
      ),
    )
    .orderBy(budgetLines.position)
    .limit(1);
  return byTitle ? { planId, lineId: byTitle.id } : null;
}

/** The calendar day in Asia/Seoul (UTC+9, no DST) of an instant. */
export function seoulDay(d: Date): string {
  return new Date(d.getTime() + 9 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

export async function markHeld(db: Db, actor: Actor, sessionId: string, now: Date): Promise<HeldViewT> {
  const result = await db.transaction(async (tx) => {
    const session = await sessionById(tx, sessionId, true);
    if (!session) throw new DomainError('courses.session_not_found');
    if (!session.startsAt || session.startsAt > now) throw new DomainError('courses.state_not_started');
    const heldAt = session.heldAt ?? now;
    if (!session.heldAt) await tx.update(courseSessions).set({ heldAt, updatedAt: now }).where(eq(courseSessions.id, sessionId));
    const line = await feeLine(tx);
    const lecturers = await lecturersOfSessions(tx, [sessionId]);
    const bookings: HeldViewT['bookings'] = [];
    const booked: unknown[] = [];
    for (const l of lecturers) {
      const amount = l.feeRate;
      if (!line || amount <= 0) {
        bookings.push({ lecturerId: l.id, displayName: l.displayName, amount, spendingId: null });
        continue;
      }
      const ref = lectureRef(sessionId, l.id);
      const inserted = await tx
        .insert(budgetSpending)
        .values({
          id: uuidv7(),
          lineId: line.lineId,
          amount,
          spentOn: seoulDay(session.startsAt),
          // No lecturer names: spending descriptions are read more widely than the course.
          description: { ko: `강연비: ${session.title.ko}`, en: `Lecture fee: ${session.title.en ?? session.title.ko}` },
          source: 'courses',
          sourceRef: ref,
          createdBy: actor.userId,
          createdAt: now,
        })
        .onConflictDoNothing({ target: budgetSpending.sourceRef })
        .returning();
      if (inserted[0]) booked.push(inserted[0]);
      const [row] = await tx.select({ id: budgetSpending.id, amount: budgetSpending.amount }).from(budgetSpending).where(eq(budgetSpending.sourceRef, ref));
      bookings.push({ lecturerId: l.id, displayName: l.displayName, amount: row?.amount ?? amount, spendingId: row?.id ?? null });
    }
    // The budget's own rules (sums within bounds) hold after the booking, or nothing is written.
    if (line) await loadBudgetTree(tx, line.planId);
    if (!session.heldAt || booked.length > 0) {
      await recordAudit(tx, actor, { action: 'course_session.held', entityType: 'course_session', entityId: sessionId, before: { heldAt: session.heldAt }, after: { heldAt, booked } });
    }
    return { budgetLineId: line?.lineId ?? null, bookings };
  });
  return { session: await sessionView(db, sessionId), ...result };
}

export async function unmarkHeld(db: Db, actor: Actor, sessionId: string, now: Date): Promise<HeldViewT> {
  await db.transaction(async (tx) => {
    const session = await sessionById(tx, sessionId, true);
    if (!session) throw new DomainError('courses.session_not_found');
    const removed = await tx
      .delete(budgetSpending)
      .where(like(budgetSpending.sourceRef, `${lectureRef(sessionId, '')}%`))
      .returning();
    if (session.heldAt) await tx.update(courseSessions).set({ heldAt: null, updatedAt: now }).where(eq(courseSessions.id, sessionId));
    if (session.heldAt || removed.length > 0) {
      await recordAudit(tx, actor, { action: 'course_session.unheld', entityType: 'course_session', entityId: sessionId, before: { heldAt: session.heldAt, bookings: removed }, after: { heldAt: null } });
    }
  });
  const line = await feeLine(db);
  return { session: await sessionView(db, sessionId), budgetLineId: line?.lineId ?? null, bookings: [] };
}
