/**
 * Staff edit the plan over HTTP: budget lines (add, change, retype, reorder, move, delete), work
 * packages and milestones. Totals follow in /budget and /plan; every change leaves exactly one audit
 * row and every refusal leaves none.
 */
import { count, desc } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/platform/db/schema/index.js';
import type { BudgetViewT, MilestoneViewT, PlanViewT, WorkPackageViewT } from '../../src/shared/contracts/plan.js';
import { startTestApp, type TestApp, type TestClient } from '../support/app.js';

type Line = BudgetViewT['lines'][number];
type SignedIn = TestClient & { userId: string };

const DAY = { ko: '일', en: 'days', enOne: 'day' };
const PERSON = { ko: '명', en: 'people', enOne: 'person' };
const TIME = { ko: '회', en: 'times', enOne: 'time' };

let t: TestApp;
let admin: SignedIn;
let staff: SignedIn;
beforeAll(async () => {
  t = await startTestApp();
  admin = await t.signedIn(['admin']);
  staff = await t.signedIn(['staff']);
});
afterAll(async () => {
  await t.close();
});

async function budget(): Promise<BudgetViewT> {
  const res = await t.client().get('/api/v1/budget');
  expect(res.statusCode).toBe(200);
  return res.json<BudgetViewT>();
}
async function plan(): Promise<PlanViewT> {
  return (await t.client().get('/api/v1/plan')).json<PlanViewT>();
}
async function line(key: string): Promise<Line> {
  const found = (await budget()).lines.find((l) => l.key === key);
  if (!found) throw new Error(`no line ${key}`);
  return found;
}
async function lineById(id: string): Promise<Line | undefined> {
  return (await budget()).lines.find((l) => l.id === id);
}
const childrenOf = (view: BudgetViewT, parentId: string | null) => view.lines.filter((l) => l.parentId === parentId);

async function auditRows(): Promise<number> {
  const [row] = await t.campus.database.db.select({ n: count() }).from(auditLog);
  return row!.n;
}

/** Runs one change and proves it wrote exactly one audit row, as `actor`, for `action` on `entityType`. */
async function audited(actor: SignedIn, action: string, entityType: string, run: () => Promise<LightMyRequestResponse>) {
  const before = await auditRows();
  const res = await run();
  expect(res.statusCode, res.body).toBeLessThan(300);
  expect(await auditRows()).toBe(before + 1);
  const [entry] = await t.campus.database.db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(1);
  expect(entry).toMatchObject({ actorId: actor.userId, action, entityType });
  expect(entry!.entityId).toMatch(/^[0-9a-f-]{36}$/);
  expect(entry!.at).toBeInstanceOf(Date);
  // Audit snapshots are free-form JSON of whatever row changed; the tests read into them by path.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { res, entry: entry! as NonNullable<typeof entry> & { before: any; after: any } };
}

/** Runs a refused change: the status is `status`, the error names `field`, and nothing is audited. */
async function refused(run: () => Promise<LightMyRequestResponse>, status: number, expected: { code?: string; field?: string } = {}) {
  const before = await auditRows();
  const res = await run();
  expect(res.statusCode, res.body).toBe(status);
  const body = res.json<{ error: { code: string; message: string; fields?: { path: string; message: string }[] } }>();
  expect(body.error.message).toBeTruthy();
  if (expected.code) expect(body.error.code).toBe(expected.code);
  if (expected.field) expect(body.error.fields?.map((f) => f.path)).toContain(expected.field);
  expect(await auditRows()).toBe(before);
  return body;
}

function expectContiguous(lines: Line[]): void {
  expect(lines.map((l) => l.position)).toEqual(lines.map((_, i) => i));
}

describe('budget lines', () => {
  it('staff add a fixed line under a group; totals follow in /budget and /plan', async () => {
    const before = await budget();
    const pilot = before.lines.find((l) => l.key === 'pilot')!;
    const { res, entry } = await audited(staff, 'budget_line.create', 'budget_line', () =>
      staff.post('/api/v1/admin/budget-lines', { parentId: pilot.id, title: { ko: '예비비', en: 'Contingency' }, kind: 'fixed', amount: 1_500_000 }),
    );
    expect(res.statusCode).toBe(201);
    const created = res.json<Line>();
    expect(created).toMatchObject({ parentId: pilot.id, depth: 2, position: 6, kind: 'fixed', planned: 1_500_000, unitPrice: null, factors: [] });
    expect(entry.entityId).toBe(created.id);
    expect(entry.before).toBeNull();
    expect(entry.after).toMatchObject({ id: created.id, kind: 'fixed', amount: 1_500_000, title: { ko: '예비비', en: 'Contingency' } });

    const after = await budget();
    expect(after.planned).toBe(before.planned + 1_500_000);
    expect(after.lines.find((l) => l.key === 'pilot')!.planned).toBe(73_500_000);
    expect(after.lines.find((l) => l.key === 'office')!.planned).toBe(135_500_000);
    const p = await plan();
    expect(p.budgetTotal).toBe(after.planned);
    expect(p.workPackages.find((w) => w.code === 'WP2')!.budget).toBe(73_500_000);
    // Sub-lines come right after their parent's earlier children, in table order.
    const order = after.lines.map((l) => l.key ?? l.id);
    expect(order.indexOf(created.id)).toBe(order.indexOf('publicity') + 1);
  });

  it('admins add a formula line at a chosen position; the siblings make room', async () => {
    const pilot = await line('pilot');
    const { res, entry } = await audited(admin, 'budget_line.create', 'budget_line', () =>
      admin.post('/api/v1/admin/budget-lines', {
        parentId: pilot.id,
        position: 1,
        title: { ko: '워크숍 운영비' },
        kind: 'formula',
        unitPrice: 50_000,
        factors: [
          { value: 2, unit: DAY },
          { value: 10, unit: PERSON },
        ],
      }),
    );
    const created = res.json<Line>();
    expect(created).toMatchObject({ kind: 'formula', planned: 1_000_000, unitPrice: 50_000, position: 1 });
    expect(entry.after).toMatchObject({ id: created.id, position: 1, unitPrice: 50_000 });
    const view = await budget();
    const kids = childrenOf(view, pilot.id);
    expectContiguous(kids);
    expect(kids.map((k) => k.key ?? 'new')).toEqual(['pilot-design', 'new', 'field-study', 'lecture-fees', 'materials', 'results-presentation', 'publicity', 'new']);
    expect(kids[1]!.id).toBe(created.id);
    expect(view.lines.find((l) => l.key === 'pilot')!.planned).toBe(74_500_000);
  });

  it('a new root group starts empty at 0 won', async () => {
    const before = await budget();
    const { res } = await audited(staff, 'budget_line.create', 'budget_line', () =>
      staff.post('/api/v1/admin/budget-lines', { parentId: null, title: { ko: '여비' }, kind: 'group' }),
    );
    expect(res.json<Line>()).toMatchObject({ depth: 0, planned: 0, position: 2, kind: 'group' });
    expect((await budget()).planned).toBe(before.planned);
  });

  it('changing a formula’s factors and unit price recomputes the line, its parents and the plan', async () => {
    const before = await budget();
    const fieldStudy = before.lines.find((l) => l.key === 'field-study')!;
    const wp2Before = (await plan()).workPackages.find((w) => w.code === 'WP2')!.budget!;

    const days4 = [
      { value: 4, unit: DAY },
      { value: 30, unit: PERSON },
      { value: 1, unit: TIME },
    ];
    const { res, entry } = await audited(staff, 'budget_line.update', 'budget_line', () => staff.patch(`/api/v1/admin/budget-lines/${fieldStudy.id}`, { factors: days4 }));
    expect(res.json<Line>().planned).toBe(15_600_000);
    expect(entry.entityId).toBe(fieldStudy.id);
    expect(entry.before.factors[0].value).toBe(3);
    expect(entry.after.factors[0].value).toBe(4);
    let view = await budget();
    expect(view.planned).toBe(before.planned + 3_900_000);
    expect(view.lines.find((l) => l.key === 'pilot')!.planned).toBe(before.lines.find((l) => l.key === 'pilot')!.planned + 3_900_000);
    let p = await plan();
    expect(p.budgetTotal).toBe(view.planned);
    expect(p.workPackages.find((w) => w.code === 'WP2')!.budget).toBe(wp2Before + 3_900_000);

    const { entry: priceEntry } = await audited(admin, 'budget_line.update', 'budget_line', () => admin.patch(`/api/v1/admin/budget-lines/${fieldStudy.id}`, { unitPrice: 100_000 }));
    expect(priceEntry.before.unitPrice).toBe(130_000);
    expect(priceEntry.after.unitPrice).toBe(100_000);
    view = await budget();
    expect(view.lines.find((l) => l.id === fieldStudy.id)!.planned).toBe(12_000_000);
    expect(view.planned).toBe(before.planned + 300_000);
    p = await plan();
    expect(p.budgetTotal).toBe(view.planned);
    expect(p.workPackages.find((w) => w.code === 'WP2')!.budget).toBe(wp2Before + 300_000);

    // Back to the plan's figures, so later checks read the seeded numbers.
    await audited(admin, 'budget_line.update', 'budget_line', () =>
      admin.patch(`/api/v1/admin/budget-lines/${fieldStudy.id}`, { unitPrice: 130_000, factors: fieldStudy.factors }),
    );
    expect((await budget()).planned).toBe(before.planned);
  });

  it('changes a line’s title only', async () => {
    const publicity = await line('publicity');
    const { res } = await audited(staff, 'budget_line.update', 'budget_line', () =>
      staff.patch(`/api/v1/admin/budget-lines/${publicity.id}`, { title: { ko: '홍보비(온라인)', en: 'Publicity (online)' } }),
    );
    expect(res.json<Line>()).toMatchObject({ title: { ko: '홍보비(온라인)', en: 'Publicity (online)' }, planned: 2_700_000, kind: 'formula' });
  });

  it('changes a line’s kind, keeping only the fields of the new kind', async () => {
    const materials = await line('materials');
    const { res, entry } = await audited(admin, 'budget_line.update', 'budget_line', () =>
      admin.patch(`/api/v1/admin/budget-lines/${materials.id}`, { kind: 'fixed', amount: 2_000_000 }),
    );
    expect(res.json<Line>()).toMatchObject({ kind: 'fixed', planned: 2_000_000, unitPrice: null, factors: [] });
    expect(entry.before).toMatchObject({ kind: 'formula', unitPrice: 100_000 });
    expect(entry.after).toMatchObject({ kind: 'fixed', amount: 2_000_000, unitPrice: null, factors: [] });

    // Back to a formula: it needs a unit price and factors again.
    await refused(() => admin.patch(`/api/v1/admin/budget-lines/${materials.id}`, { kind: 'formula' }), 422, { code: 'budget.unit_price_required', field: 'unitPrice' });
    await refused(() => admin.patch(`/api/v1/admin/budget-lines/${materials.id}`, { kind: 'formula', unitPrice: 100_000 }), 422, { code: 'budget.factors_required', field: 'factors' });
    const { res: back } = await audited(admin, 'budget_line.update', 'budget_line', () =>
      admin.patch(`/api/v1/admin/budget-lines/${materials.id}`, { kind: 'formula', unitPrice: 100_000, factors: [{ value: 30, unit: PERSON }, { value: 1, unit: TIME }] }),
    );
    expect(back.json<Line>()).toMatchObject({ kind: 'formula', planned: 3_000_000 });

    // A fixed line without amount is refused; a leaf may become an empty group.
    const network = await line('network');
    await refused(() => admin.patch(`/api/v1/admin/budget-lines/${network.id}`, { amount: null }), 422, { code: 'budget.amount_required', field: 'amount' });
    // A group with sub-lines cannot become a leaf.
    const pilot = await line('pilot');
    await refused(() => admin.patch(`/api/v1/admin/budget-lines/${pilot.id}`, { kind: 'fixed', amount: 1 }), 409, { code: 'budget.parent_not_group' });
    expect((await line('pilot')).kind).toBe('group');
  });

  it('reorders a line among its siblings', async () => {
    const office = await line('office');
    const network = await line('network');
    expect(childrenOf(await budget(), office.id).map((l) => l.key)).toEqual(['pilot', 'network', 'overseas']);
    const { entry } = await audited(staff, 'budget_line.move', 'budget_line', () => staff.post(`/api/v1/admin/budget-lines/${network.id}/move`, { parentId: office.id, position: 0 }));
    expect(entry.before).toEqual({ parentId: office.id, position: 1 });
    expect(entry.after).toEqual({ parentId: office.id, position: 0 });
    let kids = childrenOf(await budget(), office.id);
    expect(kids.map((l) => l.key)).toEqual(['network', 'pilot', 'overseas']);
    expectContiguous(kids);
    // A position past the end puts it last, and the audit row says where it really went.
    const { entry: clamped } = await audited(staff, 'budget_line.move', 'budget_line', () => staff.post(`/api/v1/admin/budget-lines/${network.id}/move`, { parentId: office.id, position: 99 }));
    expect(clamped.after).toEqual({ parentId: office.id, position: 2 });
    kids = childrenOf(await budget(), office.id);
    expect(kids.map((l) => l.key)).toEqual(['pilot', 'overseas', 'network']);
    expectContiguous(kids);
    await audited(staff, 'budget_line.move', 'budget_line', () => staff.post(`/api/v1/admin/budget-lines/${network.id}/move`, { parentId: office.id, position: 1 }));
    expect(childrenOf(await budget(), office.id).map((l) => l.key)).toEqual(['pilot', 'network', 'overseas']);
  });

  it('moves a line under another group; both groups and the gaps follow', async () => {
    const before = await budget();
    const publicity = before.lines.find((l) => l.key === 'publicity')!;
    const pilot = before.lines.find((l) => l.key === 'pilot')!;
    const research = before.lines.find((l) => l.key === 'research')!;
    const { res, entry } = await audited(admin, 'budget_line.move', 'budget_line', () =>
      admin.post(`/api/v1/admin/budget-lines/${publicity.id}/move`, { parentId: research.id, position: 0 }),
    );
    expect(res.json<Line>()).toMatchObject({ parentId: research.id, position: 0, depth: 1 });
    expect(entry.before).toEqual({ parentId: pilot.id, position: publicity.position });
    const after = await budget();
    const planned = (key: string) => after.lines.find((l) => l.key === key)!.planned;
    expect(planned('pilot')).toBe(pilot.planned - 2_700_000);
    expect(planned('research')).toBe(72_700_000);
    expect(after.planned).toBe(before.planned);
    expectContiguous(childrenOf(after, pilot.id));
    expect(childrenOf(after, research.id).map((l) => l.key)).toEqual(['publicity', 'research-master-plan']);
    expectContiguous(childrenOf(after, research.id));
    // WP1 is linked to the research line, whose amount did not change; WP2 follows the pilot group.
    const p = await plan();
    expect(p.workPackages.find((w) => w.code === 'WP2')!.budget).toBe(pilot.planned - 2_700_000);

    // To the top level, then home again.
    await audited(admin, 'budget_line.move', 'budget_line', () => admin.post(`/api/v1/admin/budget-lines/${publicity.id}/move`, { parentId: null, position: 0 }));
    const top = await budget();
    expect(childrenOf(top, null)[0]!.key).toBe('publicity');
    expect(top.lines[0]).toMatchObject({ key: 'publicity', depth: 0 });
    expectContiguous(childrenOf(top, null));
    await audited(admin, 'budget_line.move', 'budget_line', () => admin.post(`/api/v1/admin/budget-lines/${publicity.id}/move`, { parentId: pilot.id, position: publicity.position }));
    expect((await line('pilot')).planned).toBe(pilot.planned);
  });

  it('refuses moving a line under itself or one of its sub-lines (409)', async () => {
    const office = await line('office');
    const pilot = await line('pilot');
    const fees = await line('lecture-fees');
    const network = await line('network');
    await refused(() => admin.post(`/api/v1/admin/budget-lines/${office.id}/move`, { parentId: office.id, position: 0 }), 409, { code: 'budget.cycle' });
    await refused(() => admin.post(`/api/v1/admin/budget-lines/${office.id}/move`, { parentId: pilot.id, position: 0 }), 409, { code: 'budget.cycle' });
    await refused(() => staff.post(`/api/v1/admin/budget-lines/${pilot.id}/move`, { parentId: pilot.id, position: 0 }), 409, { code: 'budget.cycle' });
    // Under a leaf outside its own branch: not a cycle, but not a group either.
    await refused(() => staff.post(`/api/v1/admin/budget-lines/${pilot.id}/move`, { parentId: network.id, position: 0 }), 409, { code: 'budget.parent_not_group' });
    await refused(() => staff.post(`/api/v1/admin/budget-lines/${network.id}/move`, { parentId: fees.id, position: 0 }), 409, { code: 'budget.parent_not_group' });
    expect((await line('office')).parentId).toBeNull();
    expect((await line('pilot')).parentId).toBe(office.id);
    expect((await line('network')).parentId).toBe(office.id);
  });

  it('refuses adding a line under a line that is not a group (409)', async () => {
    const before = await budget();
    const design = before.lines.find((l) => l.key === 'pilot-design')!;
    const fees = before.lines.find((l) => l.key === 'lecture-fees')!;
    await refused(() => staff.post('/api/v1/admin/budget-lines', { parentId: design.id, title: { ko: '하위' }, kind: 'fixed', amount: 1_000 }), 409, { code: 'budget.parent_not_group' });
    await refused(() => staff.post('/api/v1/admin/budget-lines', { parentId: fees.id, title: { ko: '하위' }, kind: 'group' }), 409, { code: 'budget.parent_not_group' });
    expect((await budget()).lines).toHaveLength(before.lines.length);
  });

  it('refuses negative and fractional amounts (400) and a formula without its unit price (422)', async () => {
    const before = await budget();
    const pilot = before.lines.find((l) => l.key === 'pilot')!;
    const fees = before.lines.find((l) => l.key === 'lecture-fees')!;
    const add = (body: Record<string, unknown>) => () => staff.post('/api/v1/admin/budget-lines', { parentId: pilot.id, title: { ko: '시험' }, ...body });
    await refused(add({ kind: 'fixed', amount: -1 }), 400, { code: 'validation', field: 'amount' });
    await refused(add({ kind: 'fixed', amount: 0.5 }), 400, { code: 'validation', field: 'amount' });
    await refused(add({ kind: 'fixed', amount: 1e-3 }), 400, { code: 'validation', field: 'amount' });
    await refused(add({ kind: 'fixed', amount: '1000' }), 400, { code: 'validation', field: 'amount' });
    await refused(add({ kind: 'formula', unitPrice: 1.5, factors: [{ value: 1, unit: TIME }] }), 400, { code: 'validation', field: 'unitPrice' });
    await refused(add({ kind: 'formula', unitPrice: 1_000, factors: [{ value: -2, unit: TIME }] }), 400, { code: 'validation', field: 'factors.0.value' });
    await refused(add({ kind: 'formula', unitPrice: 1_000, factors: [{ value: 2.5, unit: TIME }] }), 400, { code: 'validation', field: 'factors.0.value' });
    await refused(add({ kind: 'formula', factors: [{ value: 2, unit: TIME }] }), 422, { code: 'budget.unit_price_required', field: 'unitPrice' });
    await refused(add({ kind: 'formula', unitPrice: null, factors: [{ value: 2, unit: TIME }] }), 422, { code: 'budget.unit_price_required', field: 'unitPrice' });
    await refused(add({ kind: 'formula', unitPrice: 1_000 }), 422, { code: 'budget.factors_required', field: 'factors' });
    await refused(add({ kind: 'fixed' }), 422, { code: 'budget.amount_required', field: 'amount' });
    // Each input is in range, the product is not.
    await refused(add({ kind: 'formula', unitPrice: 10 ** 9, factors: [{ value: 1_000_000, unit: TIME }, { value: 2, unit: PERSON }] }), 422, { code: 'budget.too_large' });
    await refused(add({ kind: 'bonus', amount: 1 }), 400, { code: 'validation', field: 'kind' });
    await refused(() => staff.patch(`/api/v1/admin/budget-lines/${fees.id}`, { unitPrice: -300_000 }), 400, { code: 'validation', field: 'unitPrice' });
    await refused(() => staff.patch(`/api/v1/admin/budget-lines/${fees.id}`, { factors: [{ value: 0.5, unit: DAY }] }), 400, { code: 'validation', field: 'factors.0.value' });
    const after = await budget();
    expect(after.lines).toHaveLength(before.lines.length);
    expect(after.planned).toBe(before.planned);
  });

  it('answers in the reader’s language', async () => {
    const pilot = await line('pilot');
    staff.lang = 'en';
    const en = await refused(() => staff.post('/api/v1/admin/budget-lines', { parentId: pilot.id, title: { ko: '시험' }, kind: 'formula', factors: [{ value: 1, unit: TIME }] }), 422);
    staff.lang = 'ko';
    const ko = await refused(() => staff.post('/api/v1/admin/budget-lines', { parentId: pilot.id, title: { ko: '시험' }, kind: 'formula', factors: [{ value: 1, unit: TIME }] }), 422);
    staff.lang = undefined;
    expect(en.error.message).toBe('A formula line needs a unit price.');
    expect(ko.error.message).toBe('산식 항목에는 단가가 필요합니다.');
  });

  it('answers 404 for a line that does not exist', async () => {
    const ghost = '01890000-0000-7000-8000-000000000000';
    await refused(() => staff.patch(`/api/v1/admin/budget-lines/${ghost}`, { title: { ko: '없음' } }), 404, { code: 'budget.line_not_found' });
    await refused(() => staff.post(`/api/v1/admin/budget-lines/${ghost}/move`, { parentId: null, position: 0 }), 404);
    await refused(() => staff.delete(`/api/v1/admin/budget-lines/${ghost}`), 404);
    await refused(() => staff.post('/api/v1/admin/budget-lines', { parentId: ghost, title: { ko: '고아' }, kind: 'group' }), 404, { code: 'budget.parent_not_found' });
  });

  it('deleting a group removes its sub-lines, in one audit row that keeps them all', async () => {
    const before = await budget();
    const pilot = before.lines.find((l) => l.key === 'pilot')!;
    const office = before.lines.find((l) => l.key === 'office')!;
    const subLines = before.lines.filter((l) => l.parentId === pilot.id);
    expect(subLines.length).toBeGreaterThan(5);
    const { entry } = await audited(admin, 'budget_line.delete', 'budget_line', () => admin.delete(`/api/v1/admin/budget-lines/${pilot.id}`));
    expect(entry.entityId).toBe(pilot.id);
    expect(entry.before.line.id).toBe(pilot.id);
    expect(entry.before.descendants.map((d: { id: string }) => d.id).sort()).toEqual(subLines.map((l) => l.id).sort());
    expect(entry.after).toBeNull();

    const after = await budget();
    expect(after.lines).toHaveLength(before.lines.length - 1 - subLines.length);
    for (const gone of [pilot, ...subLines]) expect(after.lines.some((l) => l.id === gone.id)).toBe(false);
    expect(after.planned).toBe(before.planned - pilot.planned);
    const kids = childrenOf(after, office.id);
    expect(kids.map((l) => l.key)).toEqual(['network', 'overseas']);
    expectContiguous(kids);
    // The work package that pointed at it keeps existing, without a budget.
    const p = await plan();
    expect(p.budgetTotal).toBe(after.planned);
    expect(p.workPackages.find((w) => w.code === 'WP2')).toMatchObject({ budgetLineId: null, budget: null });
    expect(await lineById(pilot.id)).toBeUndefined();
  });
});

describe('work packages', () => {
  const wpBody = { code: 'WP5', title: { ko: '성과 공유회', en: 'Results sharing' }, start: '2020-11', end: '2020-12', tasks: [{ ko: '성과 공유' }] };

  it('are added, changed, reordered and removed, each with one audit row', async () => {
    const network = await line('network');
    const { res, entry } = await audited(staff, 'work_package.create', 'work_package', () => staff.post('/api/v1/admin/work-packages', { ...wpBody, budgetLineId: network.id }));
    expect(res.statusCode).toBe(201);
    const wp = res.json<WorkPackageViewT>();
    expect(wp).toMatchObject({ code: 'WP5', position: 4, budget: 27_000_000, budgetLineId: network.id, start: '2020-11', end: '2020-12' });
    expect(entry.entityId).toBe(wp.id);
    expect(entry.after).toMatchObject({ code: 'WP5' });

    const { res: changed, entry: changeEntry } = await audited(admin, 'work_package.update', 'work_package', () =>
      admin.patch(`/api/v1/admin/work-packages/${wp.id}`, { title: { ko: '성과 공유 포럼' }, end: '2020-12-15', place: { ko: '서울혁신파크', en: 'Seoul Innovation Park' } }),
    );
    expect(changed.json<WorkPackageViewT>()).toMatchObject({ title: { ko: '성과 공유 포럼' }, end: '2020-12-15', place: { ko: '서울혁신파크' } });
    expect(changeEntry.before.title.ko).toBe('성과 공유회');
    expect(changeEntry.after.title.ko).toBe('성과 공유 포럼');

    await audited(staff, 'work_package.update', 'work_package', () => staff.patch(`/api/v1/admin/work-packages/${wp.id}`, { position: 0 }));
    let wps = (await plan()).workPackages;
    expect(wps.map((w) => w.code)).toEqual(['WP5', 'WP1', 'WP2', 'WP3', 'WP4']);
    expect(wps.map((w) => w.position)).toEqual([0, 1, 2, 3, 4]);
    const schedule = (await t.client().get('/api/v1/plan/schedule')).json<{ workPackages: { code: string }[] }>();
    expect(schedule.workPackages.map((w) => w.code)).toEqual(['WP5', 'WP1', 'WP2', 'WP3', 'WP4']);

    await audited(staff, 'work_package.update', 'work_package', () => staff.patch(`/api/v1/admin/work-packages/${wp.id}`, { position: 2 }));
    wps = (await plan()).workPackages;
    expect(wps.map((w) => w.code)).toEqual(['WP1', 'WP2', 'WP5', 'WP3', 'WP4']);

    const { entry: deleted } = await audited(admin, 'work_package.delete', 'work_package', () => admin.delete(`/api/v1/admin/work-packages/${wp.id}`));
    expect(deleted.before).toMatchObject({ id: wp.id, code: 'WP5' });
    wps = (await plan()).workPackages;
    expect(wps.map((w) => w.code)).toEqual(['WP1', 'WP2', 'WP3', 'WP4']);
    expect(wps.map((w) => w.position)).toEqual([0, 1, 2, 3]);
    await refused(() => admin.delete(`/api/v1/admin/work-packages/${wp.id}`), 404, { code: 'plan.work_package_not_found' });
  });

  it('refuse an end before the start, on the field "end"', async () => {
    await refused(() => staff.post('/api/v1/admin/work-packages', { ...wpBody, start: '2020-12', end: '2020-11' }), 400, { field: 'end' });
    await refused(() => staff.post('/api/v1/admin/work-packages', { ...wpBody, start: '2020-12-10', end: '2020-11-30' }), 400, { field: 'end' });
    // Same month, days reversed: the contract compares days when both dates have them.
    await refused(() => staff.post('/api/v1/admin/work-packages', { ...wpBody, start: '2020-12-20', end: '2020-12-10' }), 400, { field: 'end' });
    const wp1 = (await plan()).workPackages.find((w) => w.code === 'WP1')!;
    // Only the end is sent; the stored start (2020-02) is later.
    await refused(() => staff.patch(`/api/v1/admin/work-packages/${wp1.id}`, { end: '2020-01' }), 422, { code: 'field.end_before_start', field: 'end' });
    await refused(() => staff.patch(`/api/v1/admin/work-packages/${wp1.id}`, { start: '2020-08' }), 422, { code: 'field.end_before_start', field: 'end' });
    await refused(() => staff.patch(`/api/v1/admin/work-packages/${wp1.id}`, { start: '2020-13' }), 400, { field: 'start' });
    expect((await plan()).workPackages.find((w) => w.code === 'WP1')).toMatchObject({ start: '2020-02', end: '2020-07' });
  });

  it('accept a day inside a month-precision period', async () => {
    const wp4 = (await plan()).workPackages.find((w) => w.code === 'WP4')!;
    const { res } = await audited(staff, 'work_package.update', 'work_package', () => staff.patch(`/api/v1/admin/work-packages/${wp4.id}`, { start: '2020-10-15' }));
    expect(res.json<WorkPackageViewT>()).toMatchObject({ start: '2020-10-15', end: '2020-10' });
    await audited(staff, 'work_package.update', 'work_package', () => staff.patch(`/api/v1/admin/work-packages/${wp4.id}`, { start: '2020-10' }));
  });
});

describe('milestones', () => {
  it('are added, changed, reordered and removed, each with one audit row', async () => {
    const wp3 = (await plan()).workPackages.find((w) => w.code === 'WP3')!;
    const { res } = await audited(staff, 'milestone.create', 'milestone', () =>
      staff.post('/api/v1/admin/milestones', { title: { ko: '멘토 네트워크 발족', en: 'Mentor network launched' }, start: '2020-03', end: '2020-03', workPackageId: wp3.id }),
    );
    expect(res.statusCode).toBe(201);
    const m = res.json<MilestoneViewT>();
    expect(m).toMatchObject({ position: 5, workPackageId: wp3.id });

    const { entry } = await audited(admin, 'milestone.update', 'milestone', () => admin.patch(`/api/v1/admin/milestones/${m.id}`, { end: '2020-04', position: 1 }));
    expect(entry.before).toMatchObject({ end: '2020-03', position: 5 });
    expect(entry.after).toMatchObject({ end: '2020-04', position: 1 });
    let ms = (await plan()).milestones;
    expect(ms.map((x) => x.position)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(ms[1]!.id).toBe(m.id);
    expect(ms[0]!.title.ko).toBe('학술용역 공모 및 계약');
    expect(ms[2]!.title.ko).toBe('학술용역 시행');

    await audited(staff, 'milestone.update', 'milestone', () => staff.patch(`/api/v1/admin/milestones/${m.id}`, { workPackageId: null }));
    expect((await plan()).milestones[1]!.workPackageId).toBeNull();

    await audited(staff, 'milestone.delete', 'milestone', () => staff.delete(`/api/v1/admin/milestones/${m.id}`));
    ms = (await plan()).milestones;
    expect(ms).toHaveLength(5);
    expect(ms.map((x) => x.position)).toEqual([0, 1, 2, 3, 4]);
    expect(ms[1]!.title.ko).toBe('학술용역 시행');
  });

  it('refuse an end before the start and unknown work packages', async () => {
    await refused(() => staff.post('/api/v1/admin/milestones', { title: { ko: '역순' }, start: '2020-05', end: '2020-04' }), 400, { field: 'end' });
    const first = (await plan()).milestones[0]!;
    await refused(() => staff.patch(`/api/v1/admin/milestones/${first.id}`, { end: '2019-12' }), 422, { code: 'field.end_before_start', field: 'end' });
    await refused(() => staff.patch(`/api/v1/admin/milestones/${first.id}`, { workPackageId: '01890000-0000-7000-8000-000000000000' }), 404, { code: 'plan.work_package_not_found' });
    await refused(() => staff.patch('/api/v1/admin/milestones/01890000-0000-7000-8000-000000000000', { end: '2020-12' }), 404, { code: 'plan.milestone_not_found' });
  });
});

describe('the audit log page', () => {
  it('lists the changes newest first with actor, action, entity and before/after', async () => {
    const res = await staff.get('/api/v1/admin/audit-log?entityType=milestone&pageSize=2');
    expect(res.statusCode).toBe(200);
    const page = res.json<{ items: { id: string; actorId: string; action: string; entityType: string; before: unknown; after: unknown }[]; total: number; page: number; pageSize: number }>();
    expect(page.items.map((e) => e.action)).toEqual(['milestone.delete', 'milestone.update']);
    expect(page.items[0]).toMatchObject({ actorId: staff.userId, entityType: 'milestone', after: null });
    expect([page.total, page.page, page.pageSize]).toEqual([4, 1, 2]);
    const next = (await staff.get('/api/v1/admin/audit-log?entityType=milestone&pageSize=2&page=2')).json<typeof page>();
    expect(next.items.map((e) => e.action)).toEqual(['milestone.update', 'milestone.create']);
    expect(next.items.some((e) => page.items.some((p) => p.id === e.id))).toBe(false);
    expect((await staff.get('/api/v1/admin/audit-log?entityType=milestone&pageSize=2&page=3')).json<typeof page>().items).toEqual([]);
  });
});

// After the audit log page's test, which reads the milestone entries the tests above wrote, in order.
describe('completion records', () => {
  it('a staff member marks items done or not done (audited); the public schedule carries the record, and clearing it returns to nothing recorded', async () => {
    const before = await plan();
    const m = before.milestones[0]!;
    const wp = before.workPackages[0]!;
    expect(m.done).toBeNull();
    const { entry } = await audited(staff, 'milestone.update', 'milestone', () => staff.patch(`/api/v1/admin/milestones/${m.id}`, { done: false }));
    expect(entry.before).toMatchObject({ done: null });
    expect(entry.after).toMatchObject({ done: false });
    await audited(staff, 'work_package.update', 'work_package', () => staff.patch(`/api/v1/admin/work-packages/${wp.id}`, { done: true }));
    const schedule = (await t.client().get('/api/v1/plan/schedule')).json<{ milestones: { id: string; done: boolean | null }[]; workPackages: { id: string; done: boolean | null }[] }>();
    expect(schedule.milestones.find((x) => x.id === m.id)!.done).toBe(false);
    expect(schedule.workPackages.find((x) => x.id === wp.id)!.done).toBe(true);
    // Not a yes/no: a string is refused with a field error, and nothing changes.
    await refused(() => staff.patch(`/api/v1/admin/milestones/${m.id}`, { done: 'yes' }), 400, { field: 'done' });
    await staff.patch(`/api/v1/admin/milestones/${m.id}`, { done: null });
    await staff.patch(`/api/v1/admin/work-packages/${wp.id}`, { done: null });
    const after = await plan();
    expect(after.milestones[0]!.done).toBeNull();
    expect(after.workPackages[0]!.done).toBeNull();
  });
});
