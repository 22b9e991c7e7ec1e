/** Plan vs actual: spending entries roll up to every parent and the total; everyone sees the sums, only staff the entries. */
import { count, desc } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/platform/db/schema/index.js';
import type { BudgetViewT, SpendingViewT } from '../../src/shared/contracts/plan.js';
import { startTestApp, type TestApp, type TestClient } from '../support/app.js';

let t: TestApp;
let staff: TestClient & { userId: string };
let member: TestClient;
beforeAll(async () => {
  t = await startTestApp();
  staff = await t.signedIn(['staff']);
  member = await t.signedIn([]);
});
afterAll(async () => {
  await t.close();
});

async function view(client: TestClient): Promise<BudgetViewT> {
  const res = await client.get('/api/v1/budget');
  expect(res.statusCode).toBe(200);
  return res.json<BudgetViewT>();
}
const byKey = (v: BudgetViewT, key: string) => v.lines.find((l) => l.key === key)!;
async function auditRows(): Promise<number> {
  const [row] = await t.campus.database.db.select({ n: count() }).from(auditLog);
  return row!.n;
}
async function newestAudit() {
  const [row] = await t.campus.database.db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(1);
  return row!;
}

describe('spending', () => {
  const entries: SpendingViewT[] = [];

  it('starts at zero for staff: actual 0, execution rate 0 %', async () => {
    const v = await view(staff);
    expect(v.withActuals).toBe(true);
    expect(v).toMatchObject({ planned: 204_000_000, actual: 0, executionRate: 0 });
    for (const l of v.lines) expect(l).toMatchObject({ actual: 0, executionRate: 0 });
  });

  it('records entries against a line, each audited once', async () => {
    const fees = byKey(await view(staff), 'lecture-fees');
    for (const [amount, spentOn, ko] of [
      [3_000_000, '2020-09-01', '9월 강연비'],
      [1_800_000, '2020-10-01', '10월 강연비'],
    ] as const) {
      const before = await auditRows();
      const res = await staff.post(`/api/v1/admin/budget-lines/${fees.id}/spending`, { amount, spentOn, description: { ko, en: 'Lecture fees' } });
      expect(res.statusCode, res.body).toBe(201);
      const entry = res.json<SpendingViewT>();
      expect(entry).toMatchObject({ lineId: fees.id, amount, spentOn, source: 'manual', description: { ko } });
      entries.push(entry);
      expect(await auditRows()).toBe(before + 1);
      expect(await newestAudit()).toMatchObject({ actorId: staff.userId, action: 'spending.create', entityType: 'budget_spending', entityId: entry.id, before: null, after: { amount, lineId: fees.id } });
    }
    const list = await staff.get(`/api/v1/admin/budget-lines/${fees.id}/spending`);
    expect(list.json<SpendingViewT[]>().map((e) => e.amount)).toEqual([3_000_000, 1_800_000]);
  });

  it('rolls actuals up to the parents and the total, with execution rates', async () => {
    const v = await view(staff);
    expect(byKey(v, 'lecture-fees')).toMatchObject({ planned: 9_600_000, actual: 4_800_000, executionRate: 50 });
    expect(byKey(v, 'pilot')).toMatchObject({ planned: 72_000_000, actual: 4_800_000, executionRate: 6.67 });
    expect(byKey(v, 'office')).toMatchObject({ planned: 134_000_000, actual: 4_800_000, executionRate: 3.58 });
    expect(byKey(v, 'research')).toMatchObject({ actual: 0, executionRate: 0 });
    expect(byKey(v, 'field-study')).toMatchObject({ actual: 0, executionRate: 0 });
    expect(v).toMatchObject({ actual: 4_800_000, executionRate: 2.35 });
  });

  it('counts spending booked on a group itself, and overspending past 100 %', async () => {
    const research = byKey(await view(staff), 'research');
    const master = byKey(await view(staff), 'research-master-plan');
    const onGroup = await staff.post(`/api/v1/admin/budget-lines/${research.id}/spending`, { amount: 7_000_000, spentOn: '2020-03-31', description: { ko: '착수금' } });
    expect(onGroup.statusCode, onGroup.body).toBe(201);
    entries.push(onGroup.json<SpendingViewT>());
    const over = await staff.post(`/api/v1/admin/budget-lines/${master.id}/spending`, { amount: 70_000_000, spentOn: '2020-07-31', description: { ko: '잔금' } });
    expect(over.statusCode).toBe(201);
    entries.push(over.json<SpendingViewT>());
    const v = await view(staff);
    expect(byKey(v, 'research-master-plan')).toMatchObject({ actual: 70_000_000, executionRate: 100 });
    expect(byKey(v, 'research')).toMatchObject({ actual: 77_000_000, executionRate: 110 });
    expect(v).toMatchObject({ actual: 81_800_000, executionRate: 40.1 });
  });

  it('refuses bad entries without writing anything', async () => {
    const fees = byKey(await view(staff), 'lecture-fees');
    const before = await auditRows();
    const post = (b: unknown) => staff.post(`/api/v1/admin/budget-lines/${fees.id}/spending`, b);
    expect((await post({ amount: -1, spentOn: '2020-09-01', description: { ko: '음수' } })).statusCode).toBe(400);
    expect((await post({ amount: 10.5, spentOn: '2020-09-01', description: { ko: '소수' } })).statusCode).toBe(400);
    expect((await post({ amount: 1, spentOn: '2020-09', description: { ko: '날짜' } })).statusCode).toBe(400);
    expect((await post({ amount: 1, spentOn: '2020-09-01' })).statusCode).toBe(400);
    const ghost = await staff.post('/api/v1/admin/budget-lines/01890000-0000-7000-8000-000000000000/spending', { amount: 1, spentOn: '2020-09-01', description: { ko: '없음' } });
    expect(ghost.statusCode).toBe(404);
    expect(await auditRows()).toBe(before);
    expect((await view(staff)).actual).toBe(81_800_000);
  });

  it('shows everyone the spending summed per line, but the entries behind it to staff only', async () => {
    const staffView = await view(staff);
    for (const client of [t.client(), member]) {
      const res = await client.get('/api/v1/budget');
      const v = res.json<BudgetViewT>();
      expect(v.withActuals).toBe(true);
      expect(v).toMatchObject({ planned: 204_000_000, actual: staffView.actual, executionRate: staffView.executionRate });
      for (const l of v.lines) expect(l.actual).toBe(staffView.lines.find((s) => s.id === l.id)!.actual);
      // Aggregates only: no entry's description, date or author reaches the public answer.
      for (const e of entries) {
        expect(res.body).not.toContain(e.id);
        expect(res.body).not.toContain(e.description.ko);
      }
      expect(res.body).not.toContain(staff.userId);
    }
    expect((await member.get(`/api/v1/admin/budget-lines/${entries[0]!.lineId}/spending`)).statusCode).toBe(403);
    expect((await t.client().get(`/api/v1/admin/budget-lines/${entries[0]!.lineId}/spending`)).statusCode).toBe(401);
  });

  it('removes an entry (audited) and the actuals follow', async () => {
    const first = entries[0]!;
    const before = await auditRows();
    const res = await staff.delete(`/api/v1/admin/budget-lines/${first.lineId}/spending/${first.id}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(await auditRows()).toBe(before + 1);
    expect(await newestAudit()).toMatchObject({ actorId: staff.userId, action: 'spending.delete', entityType: 'budget_spending', entityId: first.id, before: { amount: 3_000_000 }, after: null });
    const v = await view(staff);
    expect(byKey(v, 'lecture-fees')).toMatchObject({ actual: 1_800_000, executionRate: 18.75 });
    expect(v.actual).toBe(78_800_000);
    // Gone is gone; and an entry cannot be removed through another line.
    expect((await staff.delete(`/api/v1/admin/budget-lines/${first.lineId}/spending/${first.id}`)).statusCode).toBe(404);
    const second = entries[1]!;
    const research = byKey(v, 'research');
    expect((await staff.delete(`/api/v1/admin/budget-lines/${research.id}/spending/${second.id}`)).statusCode).toBe(404);
    expect(byKey(await view(staff), 'lecture-fees').actual).toBe(1_800_000);
  });

  it('keeps the plan’s numbers apart from the actuals: changing a formula moves the rate, not the spending', async () => {
    const fees = byKey(await view(staff), 'lecture-fees');
    const res = await staff.patch(`/api/v1/admin/budget-lines/${fees.id}`, { unitPrice: 150_000 });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ planned: 4_800_000, actual: 1_800_000, executionRate: 37.5 });
  });
});
