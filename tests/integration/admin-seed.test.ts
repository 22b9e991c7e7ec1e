/** The 2019 plan as first content: loaded once, complete, and never loaded twice. */
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedPlan2019 } from '../../src/modules/administration/seed.js';
import { budgetLines, milestones, plans, workPackages } from '../../src/platform/db/schema/index.js';
import type { BudgetViewT, PlanViewT, ScheduleViewT } from '../../src/shared/contracts/plan.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { openTestDatabase } from '../support/database.js';

let t: TestApp;
let plan: PlanViewT;
beforeAll(async () => {
  t = await startTestApp();
  const res = await t.client().get('/api/v1/plan');
  expect(res.statusCode).toBe(200);
  plan = res.json<PlanViewT>();
});
afterAll(async () => {
  await t.close();
});

async function rowCounts(db = t.campus.database.db) {
  const [[p], [l], [w], [m]] = await Promise.all([
    db.select({ n: count() }).from(plans),
    db.select({ n: count() }).from(budgetLines),
    db.select({ n: count() }).from(workPackages),
    db.select({ n: count() }).from(milestones),
  ]);
  return { plans: p!.n, lines: l!.n, workPackages: w!.n, milestones: m!.n };
}

describe('the seeded 2019 plan', () => {
  it('has its vision, three goals, three pillars and its source', () => {
    expect(plan.slug).toBe('seoul-2019');
    expect(plan.title.ko).toBe('글로벌 사회혁신 오픈 캠퍼스 추진 계획');
    expect(plan.vision.ko).toBe('혁신 주체 양성을 통한 사회혁신 생태계 활성화');
    expect(plan.goals.map((g) => g.ko)).toEqual(['국내 최고의 혁신가 과정', '혁신 현장 연계 캠퍼스 확장', '아시아 최대의 혁신 리더 네트워크']);
    expect(plan.pillars.map((p) => [p.key, p.title.ko, p.points.length])).toEqual([
      ['education', '혁신 교육', 2],
      ['experimentation', '혁신 실험', 2],
      ['exchange', '혁신 교류', 2],
    ]);
    expect(plan.background).toHaveLength(4);
    expect(plan.source).toMatchObject({ documentNumber: '사회혁신담당관-12085', approvedOn: '2019-10-22', licence: 'CC BY-ND 3.0 KR' });
    for (const text of [plan.title, plan.purpose, plan.vision, plan.direction, ...plan.goals]) expect(text.en).toBeTruthy();
  });

  it('has four work packages with their periods, operators and budgets from the linked lines', async () => {
    expect(plan.workPackages.map((w) => ({ code: w.code, start: w.start, end: w.end, budget: w.budget, position: w.position }))).toEqual([
      { code: 'WP1', start: '2020-02', end: '2020-07', budget: 70_000_000, position: 0 },
      { code: 'WP2', start: '2020-06', end: '2020-11', budget: 72_000_000, position: 1 },
      { code: 'WP3', start: '2020-01', end: '2020-12', budget: 27_000_000, position: 2 },
      { code: 'WP4', start: '2020-10', end: '2020-10', budget: 35_000_000, position: 3 },
    ]);
    const [wp1, wp2, wp3, wp4] = plan.workPackages;
    expect(wp1!.operator?.ko).toContain('일반경쟁 입찰');
    expect(wp2!.operator?.ko).toContain('사회혁신 전문기관');
    expect(wp2!.place?.ko).toBe('서울혁신파크');
    expect(wp3!.operator?.ko).toBe('서울시 사회혁신담당관');
    expect(wp4!.operator?.ko).toBe('서울시 사회혁신담당관');
    expect(plan.workPackages.map((w) => w.tasks.length)).toEqual([5, 5, 3, 4]);
    const budget = (await t.client().get('/api/v1/budget')).json<BudgetViewT>();
    const keyOf = new Map(budget.lines.map((l) => [l.id, l.key]));
    expect(plan.workPackages.map((w) => keyOf.get(w.budgetLineId!))).toEqual(['research-master-plan', 'pilot', 'network', 'overseas']);
  });

  it('has five milestones in order, tied to their work packages', async () => {
    const wpCode = new Map(plan.workPackages.map((w) => [w.id, w.code]));
    expect(plan.milestones.map((m) => [m.position, m.start, m.end, wpCode.get(m.workPackageId!)])).toEqual([
      [0, '2020-01', '2020-01', 'WP1'],
      [1, '2020-02', '2020-07', 'WP1'],
      [2, '2020-06', '2020-11', 'WP2'],
      [3, '2020-10', '2020-10', 'WP4'],
      [4, '2020-12', '2020-12', 'WP1'],
    ]);
    const schedule = (await t.client().get('/api/v1/plan/schedule')).json<ScheduleViewT>();
    expect(schedule.milestones).toEqual(plan.milestones);
    expect(schedule.workPackages.map((w) => w.code)).toEqual(['WP1', 'WP2', 'WP3', 'WP4']);
  });

  it('budgets 204,000,000 won in twelve lines', async () => {
    expect(plan.budgetTotal).toBe(204_000_000);
    const budget = (await t.client().get('/api/v1/budget')).json<BudgetViewT>();
    expect(budget.planned).toBe(204_000_000);
    expect(budget.lines).toHaveLength(12);
    const byKey = new Map(budget.lines.map((l) => [l.key, l]));
    expect(byKey.get('office')!.planned).toBe(134_000_000);
    expect(byKey.get('pilot')!.planned).toBe(72_000_000);
    expect(byKey.get('research')!.planned).toBe(70_000_000);
    expect(byKey.get('field-study')).toMatchObject({ kind: 'formula', unitPrice: 130_000, planned: 11_700_000, depth: 2 });
  });
});

describe('seeding again', () => {
  it('reports the plan as present and adds nothing', async () => {
    const before = await rowCounts();
    expect(before).toEqual({ plans: 1, lines: 12, workPackages: 4, milestones: 5 });
    expect(await seedPlan2019(t.campus.database.db)).toBe('present');
    expect(await seedPlan2019(t.campus.database.db)).toBe('present');
    expect(await rowCounts()).toEqual(before);
  });

  it('keeps staff edits', async () => {
    const admin = await t.signedIn(['admin']);
    const [network] = await t.campus.database.db.select().from(budgetLines).where(eq(budgetLines.key, 'network'));
    const res = await admin.patch(`/api/v1/admin/budget-lines/${network!.id}`, { amount: 30_000_000 });
    expect(res.statusCode, res.body).toBe(200);
    expect(await seedPlan2019(t.campus.database.db)).toBe('present');
    const budget = (await t.client().get('/api/v1/budget')).json<BudgetViewT>();
    expect(budget.planned).toBe(207_000_000);
  });

  it('creates the plan exactly once when two instances seed a new database at the same time', async () => {
    const database = await openTestDatabase();
    try {
      await database.migrate();
      const results = await Promise.all([seedPlan2019(database.db), seedPlan2019(database.db)]);
      expect(results.sort()).toEqual(['created', 'present']);
      expect(await rowCounts(database.db)).toEqual({ plans: 1, lines: 12, workPackages: 4, milestones: 5 });
    } finally {
      await database.close();
    }
  });
});
