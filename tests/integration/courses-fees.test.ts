/**
 * Lecturer fees into the budget (issue 4, point 8): marking a session held books each lecturer's
 * fee once into the plan's "domestic faculty lecture fees" line (국내 교수 강연비), so plan vs actual
 * moves by exactly the fee; repeating, or two requests at once, books nothing twice; undoing removes
 * the booking; held sessions keep their lecturers until undone.
 */
import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, budgetLines, budgetSpending } from '../../src/platform/db/schema/index.js';
import type { BudgetViewT } from '../../src/shared/contracts/plan.js';
import type { CohortDetailT, CohortListT, HeldViewT, SessionViewT } from '../../src/shared/contracts/courses.js';
import { startTestApp, type TestApp, type TestClient } from '../support/app.js';

let t: TestApp;
let staff: TestClient & { userId: string };
let sessions: SessionViewT[];

const db = () => t.campus.database.db;

async function budget(): Promise<{ total: number; fees: number; pilot: number; feeLineId: string }> {
  const res = await staff.get('/api/v1/budget');
  expect(res.statusCode).toBe(200);
  const view = res.json<BudgetViewT>();
  expect(view.withActuals).toBe(true);
  const fees = view.lines.find((l) => l.title.ko === '국내 교수 강연비')!;
  const pilot = view.lines.find((l) => l.id === fees.parentId)!;
  return { total: view.actual!, fees: fees.actual!, pilot: pilot.actual!, feeLineId: fees.id };
}

const held = (id: string) => staff.post(`/api/v1/admin/sessions/${id}/held`);
const time = (id: string, startsAt: string) => staff.patch(`/api/v1/admin/sessions/${id}`, { startsAt });

beforeAll(async () => {
  t = await startTestApp();
  staff = await t.signedIn(['staff']);
  const cohorts = (await staff.get('/api/v1/admin/cohorts')).json<CohortListT>().cohorts;
  const pilot = cohorts.find((c) => c.slug === 'top-innovator-2020')!;
  sessions = (await staff.get(`/api/v1/admin/cohorts/${pilot.id}`)).json<CohortDetailT>().sessions.filter((s) => s.type === 'lecture');
});
afterAll(async () => {
  await t.close();
});

describe('marking a session held', () => {
  it('is refused before the session has started (or while it has no time), writing nothing', async () => {
    const before = await budget();
    const untimed = await held(sessions[0]!.id);
    expect(untimed.statusCode).toBe(409);
    expect(untimed.json().error.code).toBe('courses.state_not_started');
    expect((await time(sessions[0]!.id, '2999-01-01T10:00:00+09:00')).statusCode).toBe(200);
    expect((await held(sessions[0]!.id)).statusCode).toBe(409);
    expect(await budget()).toEqual(before);
  });

  it('books fee rate × 1 per lecturer into the lecture-fees line: plan vs actual moves by exactly the fee', async () => {
    const before = await budget();
    expect(before.fees).toBe(0);
    const s = sessions[0]!;
    expect((await time(s.id, '2020-08-04T10:00:00+09:00')).statusCode).toBe(200);
    const res = await held(s.id);
    expect(res.statusCode, res.body).toBe(200);
    const view = res.json<HeldViewT>();
    expect(view.budgetLineId).toBe(before.feeLineId);
    expect(view.session.heldAt).not.toBeNull();
    expect(view.bookings.map((b) => b.amount)).toEqual([300_000, 300_000]);
    expect(view.bookings.every((b) => b.spendingId !== null)).toBe(true);

    const after = await budget();
    const fee = 2 * 300_000;
    expect(after.fees - before.fees).toBe(fee);
    expect(after.pilot - before.pilot).toBe(fee);
    expect(after.total - before.total).toBe(fee);

    const rows = await db().select().from(budgetSpending).where(like(budgetSpending.sourceRef, `lecture:${s.id}:%`));
    expect(rows.map((r) => r.sourceRef).sort()).toEqual(s.lecturers.map((l) => `lecture:${s.id}:${l.id}`).sort());
    expect(rows.every((r) => r.spentOn === '2020-08-04' && r.source === 'courses' && r.createdBy === staff.userId)).toBe(true);
    // The session appears in the line's spending list as staff see it.
    const listed = await staff.get(`/api/v1/admin/budget-lines/${before.feeLineId}/spending`);
    expect(listed.json<{ amount: number }[]>().length).toBe(2);
    const audit = await db().select().from(auditLog).where(and(eq(auditLog.entityId, s.id), eq(auditLog.action, 'course_session.held')));
    expect(audit).toHaveLength(1);
  });

  it('does not book twice: repeated, or sent twice at once', async () => {
    const s = sessions[0]!;
    const before = await budget();
    const again = await held(s.id);
    expect(again.statusCode).toBe(200);
    const both = await Promise.all([held(s.id), held(s.id)]);
    expect(both.map((r) => r.statusCode)).toEqual([200, 200]);
    expect(await budget()).toEqual(before);
    expect(await db().select().from(budgetSpending).where(like(budgetSpending.sourceRef, `lecture:${s.id}:%`))).toHaveLength(2);

    // A second session held at the same moment as a third: each books its own two fees.
    const [b, c] = [sessions[1]!, sessions[2]!];
    await time(b.id, '2020-08-11T10:00:00+09:00');
    await time(c.id, '2020-08-18T10:00:00+09:00');
    await Promise.all([held(b.id), held(c.id), held(b.id)]);
    expect((await budget()).fees - before.fees).toBe(4 * 300_000);
  });

  it('keeps the lecturers of a held session and the session itself until "held" is undone', async () => {
    const s = sessions[0]!;
    const lecturerId = s.lecturers[0]!.id;
    expect((await staff.delete(`/api/v1/admin/sessions/${s.id}/lecturers/${lecturerId}`)).statusCode).toBe(409);
    expect((await staff.patch(`/api/v1/admin/sessions/${s.id}/lecturers/${lecturerId}`, { feeRate: 1 })).statusCode).toBe(409);
    expect((await staff.post(`/api/v1/admin/sessions/${s.id}/lecturers`, { externalName: '추가 강사', feeRate: 1 })).statusCode).toBe(409);
    expect((await staff.delete(`/api/v1/admin/sessions/${s.id}`)).statusCode).toBe(409);
  });

  it('undoing removes exactly its bookings; marking again books them again, once', async () => {
    const s = sessions[0]!;
    const before = await budget();
    const undone = await staff.delete(`/api/v1/admin/sessions/${s.id}/held`);
    expect(undone.statusCode, undone.body).toBe(200);
    expect(undone.json<HeldViewT>().session.heldAt).toBeNull();
    const after = await budget();
    expect(before.fees - after.fees).toBe(600_000);
    expect(before.total - after.total).toBe(600_000);
    // Undoing twice is harmless.
    expect((await staff.delete(`/api/v1/admin/sessions/${s.id}/held`)).statusCode).toBe(200);
    expect(await budget()).toEqual(after);
    const audit = await db().select().from(auditLog).where(and(eq(auditLog.entityId, s.id), eq(auditLog.action, 'course_session.unheld')));
    expect(audit).toHaveLength(1);

    expect((await held(s.id)).statusCode).toBe(200);
    expect((await budget()).fees).toBe(before.fees);
  });

  it('books nothing for a lecturer without a fee', async () => {
    const s = sessions[3]!;
    await time(s.id, '2020-08-25T10:00:00+09:00');
    for (const l of s.lecturers) await staff.patch(`/api/v1/admin/sessions/${s.id}/lecturers/${l.id}`, { feeRate: 0 });
    const before = await budget();
    const res = (await held(s.id)).json<HeldViewT>();
    expect(res.bookings.map((b) => [b.amount, b.spendingId])).toEqual([
      [0, null],
      [0, null],
    ]);
    expect(await budget()).toEqual(before);
  });

  it('finds the line by its title when the key is gone, and still marks held when the plan has no such line', async () => {
    const { feeLineId } = await budget();
    await db().update(budgetLines).set({ key: null }).where(eq(budgetLines.id, feeLineId));
    const s = sessions[4]!;
    await time(s.id, '2020-09-01T10:00:00+09:00');
    const before = await budget();
    const res = (await held(s.id)).json<HeldViewT>();
    expect(res.budgetLineId).toBe(feeLineId);
    expect((await budget()).fees - before.fees).toBe(600_000);

    expect((await staff.delete(`/api/v1/admin/budget-lines/${feeLineId}`)).statusCode).toBe(200);
    const s2 = sessions[5]!;
    await time(s2.id, '2020-09-08T10:00:00+09:00');
    const orphan = await held(s2.id);
    expect(orphan.statusCode).toBe(200);
    expect(orphan.json<HeldViewT>()).toMatchObject({ budgetLineId: null, session: { heldAt: expect.any(String) } });
    expect(await db().select().from(budgetSpending).where(like(budgetSpending.sourceRef, `lecture:${s2.id}:%`))).toHaveLength(0);
  });
});
