/**
 * Use cases of the administration area. Reading: the plan, the schedule, the budget (plan vs
 * actual: spending summed per line is public, the entries behind it are staff-only). Editing (staff): work packages, milestones, budget lines and spending; every
 * change is checked against the whole budget tree and written with its audit entry in one
 * transaction, so a refused change leaves nothing half-written.
 */
import { and, eq, gt, inArray, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { buildBudgetTree, flattenTree, validateLine, wouldCycle, type BudgetTree } from '../../core/budget/budget.js';
import { DomainError } from '../../core/shared/domain-error.js';
import { recordAudit, type Actor } from '../../platform/audit.js';
import type { Db, DbOrTx, Tx } from '../../platform/db/client.js';
import { budgetLines, budgetSpending, milestones, workPackages } from '../../platform/db/schema/index.js';
import type {
  BudgetLineInputT,
  BudgetLineMoveT,
  BudgetLinePatchT,
  BudgetViewT,
  MilestoneInputT,
  MilestonePatchT,
  MilestoneViewT,
  PlanViewT,
  ScheduleViewT,
  SpendingInputT,
  SpendingViewT,
  WorkPackageInputT,
  WorkPackagePatchT,
  WorkPackageViewT,
} from '../../shared/contracts/plan.js';
import { budgetLineRows, budgetLinesWithSpent, currentPlan, currentPlanId, milestoneRows, toCoreLine, workPackageRows, type BudgetLineRow, type MilestoneRow, type PlanRow, type WorkPackageRow } from './repository.js';

async function requirePlan(db: DbOrTx): Promise<PlanRow> {
  const plan = await currentPlan(db);
  if (!plan) throw new DomainError('plan.not_found');
  return plan;
}

export async function loadBudgetTree(db: DbOrTx, planId: string): Promise<{ tree: BudgetTree; rows: BudgetLineRow[] }> {
  const lines = await budgetLinesWithSpent(db, planId);
  return { tree: buildBudgetTree(lines.map((l) => toCoreLine(l.row, l.spent))), rows: lines.map((l) => l.row) };
}

/**
 * The budget with plan vs actual per line. Citizens see what was spent against each line as a sum;
 * the entries behind it (descriptions, who recorded them) stay behind the staff routes.
 */
export async function budgetView(db: DbOrTx, withActuals = true): Promise<BudgetViewT> {
  const planId = await currentPlanId(db);
  if (!planId) throw new DomainError('plan.not_found');
  const { tree, rows } = await loadBudgetTree(db, planId);
  const keyOf = new Map(rows.map((r) => [r.id, r.key]));
  return {
    planId,
    withActuals,
    planned: tree.planned,
    ...(withActuals ? { actual: tree.actual, executionRate: tree.executionRate } : {}),
    lines: flattenTree(tree).map((n) => ({
      id: n.id,
      parentId: n.parentId,
      position: n.position,
      depth: n.depth,
      key: keyOf.get(n.id) ?? null,
      title: n.title,
      kind: n.kind,
      planned: n.planned,
      unitPrice: n.unitPrice,
      factors: n.factors,
      ...(withActuals ? { actual: n.actual, executionRate: n.executionRate } : {}),
    })),
  };
}

function presentWorkPackage(row: WorkPackageRow, plannedById: Map<string, number>): WorkPackageViewT {
  return {
    id: row.id,
    position: row.position,
    code: row.code,
    title: row.title,
    start: row.start,
    end: row.end,
    operator: row.operator,
    place: row.place,
    tasks: row.tasks,
    note: row.note,
    budgetLineId: row.budgetLineId,
    budget: row.budgetLineId ? (plannedById.get(row.budgetLineId) ?? null) : null,
    done: row.done,
  };
}

function presentMilestone(row: MilestoneRow): MilestoneViewT {
  return { id: row.id, position: row.position, title: row.title, start: row.start, end: row.end, workPackageId: row.workPackageId, done: row.done };
}

export async function planView(db: DbOrTx): Promise<PlanViewT> {
  const plan = await requirePlan(db);
  const [{ tree }, wps, ms] = await Promise.all([loadBudgetTree(db, plan.id), workPackageRows(db, plan.id), milestoneRows(db, plan.id)]);
  const plannedById = new Map(flattenTree(tree).map((n) => [n.id, n.planned]));
  return {
    id: plan.id,
    slug: plan.slug,
    title: plan.title,
    purpose: plan.purpose,
    vision: plan.vision,
    direction: plan.direction,
    goals: plan.goals,
    background: plan.background,
    pillars: plan.pillars,
    source: plan.source as PlanViewT['source'],
    workPackages: wps.map((w) => presentWorkPackage(w, plannedById)),
    milestones: ms.map(presentMilestone),
    budgetTotal: tree.planned,
  };
}

export async function scheduleView(db: DbOrTx): Promise<ScheduleViewT> {
  const plan = await requirePlan(db);
  const [wps, ms] = await Promise.all([workPackageRows(db, plan.id), milestoneRows(db, plan.id)]);
  return {
    milestones: ms.map(presentMilestone),
    workPackages: wps.map((w) => ({ id: w.id, code: w.code, title: w.title, start: w.start, end: w.end, done: w.done })),
  };
}

// ---------- ordering helpers ----------

/** Rewrites sibling positions 0..n-1 with `movedId` placed at `position` (clamped). */
async function placeAmongSiblings<T extends { id: string }>(siblings: T[], movedId: string, position: number, write: (id: string, position: number) => Promise<void>): Promise<void> {
  const others = siblings.filter((s) => s.id !== movedId);
  const at = Math.max(0, Math.min(position, others.length));
  const ordered = [...others.slice(0, at).map((s) => s.id), movedId, ...others.slice(at).map((s) => s.id)];
  for (const [i, id] of ordered.entries()) await write(id, i);
}

// ---------- work packages ----------

/**
 * Compares at the precision both dates share: days when both have them ('2020-12-20' > '2020-12-10'),
 * otherwise months, so a month-precision end ('2020-10') still covers a start on '2020-10-15'.
 */
function assertDateOrder(start: string, end: string): void {
  const precise = start.length === 10 && end.length === 10;
  const [s, e] = precise ? [start, end] : [start.slice(0, 7), end.slice(0, 7)];
  if (s > e) throw new DomainError('field.end_before_start', {}, 'end');
}

async function assertLineInPlan(tx: DbOrTx, planId: string, lineId: string | null | undefined): Promise<void> {
  if (!lineId) return;
  const [row] = await tx.select({ id: budgetLines.id }).from(budgetLines).where(and(eq(budgetLines.id, lineId), eq(budgetLines.planId, planId)));
  if (!row) throw new DomainError('budget.line_not_found', {}, 'budgetLineId');
}

export async function createWorkPackage(db: Db, actor: Actor, input: WorkPackageInputT): Promise<WorkPackageViewT> {
  return db.transaction(async (tx) => {
    assertDateOrder(input.start, input.end);
    const plan = await requirePlan(tx);
    await assertLineInPlan(tx, plan.id, input.budgetLineId);
    const existing = await workPackageRows(tx, plan.id);
    const [row] = await tx
      .insert(workPackages)
      .values({
        id: uuidv7(),
        planId: plan.id,
        position: existing.length,
        code: input.code,
        title: input.title,
        start: input.start,
        end: input.end,
        operator: input.operator ?? null,
        place: input.place ?? null,
        tasks: input.tasks,
        note: input.note ?? null,
        budgetLineId: input.budgetLineId ?? null,
        done: input.done ?? null,
      })
      .returning();
    await recordAudit(tx, actor, { action: 'work_package.create', entityType: 'work_package', entityId: row!.id, after: row });
    return presentWorkPackage(row!, await plannedMap(tx, plan.id));
  });
}

async function plannedMap(tx: DbOrTx, planId: string): Promise<Map<string, number>> {
  const { tree } = await loadBudgetTree(tx, planId);
  return new Map(flattenTree(tree).map((n) => [n.id, n.planned]));
}

export async function updateWorkPackage(db: Db, actor: Actor, id: string, patch: WorkPackagePatchT): Promise<WorkPackageViewT> {
  return db.transaction(async (tx) => {
    const plan = await requirePlan(tx);
    const [before] = await tx.select().from(workPackages).where(and(eq(workPackages.id, id), eq(workPackages.planId, plan.id)));
    if (!before) throw new DomainError('plan.work_package_not_found');
    assertDateOrder(patch.start ?? before.start, patch.end ?? before.end);
    await assertLineInPlan(tx, plan.id, patch.budgetLineId);
    const { position, ...fields } = patch;
    await tx.update(workPackages).set({ ...fields, updatedAt: new Date() }).where(eq(workPackages.id, id));
    if (position !== undefined) {
      await placeAmongSiblings(await workPackageRows(tx, plan.id), id, position, async (wid, p) => {
        await tx.update(workPackages).set({ position: p }).where(eq(workPackages.id, wid));
      });
    }
    const [after] = await tx.select().from(workPackages).where(eq(workPackages.id, id));
    await recordAudit(tx, actor, { action: 'work_package.update', entityType: 'work_package', entityId: id, before, after });
    return presentWorkPackage(after!, await plannedMap(tx, plan.id));
  });
}

export async function deleteWorkPackage(db: Db, actor: Actor, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const plan = await requirePlan(tx);
    const [before] = await tx.delete(workPackages).where(and(eq(workPackages.id, id), eq(workPackages.planId, plan.id))).returning();
    if (!before) throw new DomainError('plan.work_package_not_found');
    await tx.update(workPackages).set({ position: sql`${workPackages.position} - 1` }).where(and(eq(workPackages.planId, plan.id), gt(workPackages.position, before.position)));
    await recordAudit(tx, actor, { action: 'work_package.delete', entityType: 'work_package', entityId: id, before });
  });
}

// ---------- milestones ----------

async function assertWorkPackageInPlan(tx: DbOrTx, planId: string, wpId: string | null | undefined): Promise<void> {
  if (!wpId) return;
  const [row] = await tx.select({ id: workPackages.id }).from(workPackages).where(and(eq(workPackages.id, wpId), eq(workPackages.planId, planId)));
  if (!row) throw new DomainError('plan.work_package_not_found', {}, 'workPackageId');
}

export async function createMilestone(db: Db, actor: Actor, input: MilestoneInputT): Promise<MilestoneViewT> {
  return db.transaction(async (tx) => {
    assertDateOrder(input.start, input.end);
    const plan = await requirePlan(tx);
    await assertWorkPackageInPlan(tx, plan.id, input.workPackageId);
    const existing = await milestoneRows(tx, plan.id);
    const [row] = await tx
      .insert(milestones)
      .values({ id: uuidv7(), planId: plan.id, position: existing.length, title: input.title, start: input.start, end: input.end, workPackageId: input.workPackageId ?? null, done: input.done ?? null })
      .returning();
    await recordAudit(tx, actor, { action: 'milestone.create', entityType: 'milestone', entityId: row!.id, after: row });
    return presentMilestone(row!);
  });
}

export async function updateMilestone(db: Db, actor: Actor, id: string, patch: MilestonePatchT): Promise<MilestoneViewT> {
  return db.transaction(async (tx) => {
    const plan = await requirePlan(tx);
    const [before] = await tx.select().from(milestones).where(and(eq(milestones.id, id), eq(milestones.planId, plan.id)));
    if (!before) throw new DomainError('plan.milestone_not_found');
    assertDateOrder(patch.start ?? before.start, patch.end ?? before.end);
    await assertWorkPackageInPlan(tx, plan.id, patch.workPackageId);
    const { position, ...fields } = patch;
    await tx.update(milestones).set({ ...fields, updatedAt: new Date() }).where(eq(milestones.id, id));
    if (position !== undefined) {
      await placeAmongSiblings(await milestoneRows(tx, plan.id), id, position, async (mid, p) => {
        await tx.update(milestones).set({ position: p }).where(eq(milestones.id, mid));
      });
    }
    const [after] = await tx.select().from(milestones).where(eq(milestones.id, id));
    await recordAudit(tx, actor, { action: 'milestone.update', entityType: 'milestone', entityId: id, before, after });
    return presentMilestone(after!);
  });
}

export async function deleteMilestone(db: Db, actor: Actor, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const plan = await requirePlan(tx);
    const [before] = await tx.delete(milestones).where(and(eq(milestones.id, id), eq(milestones.planId, plan.id))).returning();
    if (!before) throw new DomainError('plan.milestone_not_found');
    await tx.update(milestones).set({ position: sql`${milestones.position} - 1` }).where(and(eq(milestones.planId, plan.id), gt(milestones.position, before.position)));
    await recordAudit(tx, actor, { action: 'milestone.delete', entityType: 'milestone', entityId: id, before });
  });
}

// ---------- budget lines ----------

/** Re-reads the whole tree inside the transaction: any rule it breaks aborts the change. */
async function assertTreeValid(tx: Tx, planId: string): Promise<void> {
  await loadBudgetTree(tx, planId);
}

function siblingsOf(rows: BudgetLineRow[], parentId: string | null): BudgetLineRow[] {
  return rows.filter((r) => r.parentId === parentId).sort((a, b) => a.position - b.position);
}

async function writePosition(tx: Tx, id: string, position: number, parentId?: string | null): Promise<void> {
  await tx
    .update(budgetLines)
    .set(parentId === undefined ? { position } : { position, parentId })
    .where(eq(budgetLines.id, id));
}

/** Stores only the fields that belong to the kind, so a formula line never keeps a stale amount. */
function kindFields(kind: 'group' | 'fixed' | 'formula', v: { amount?: number | null | undefined; unitPrice?: number | null | undefined; factors?: BudgetLineRow['factors'] | undefined }) {
  if (kind === 'fixed') return { amount: v.amount ?? null, unitPrice: null, factors: [] };
  if (kind === 'formula') return { amount: null, unitPrice: v.unitPrice ?? null, factors: v.factors ?? [] };
  return { amount: null, unitPrice: null, factors: [] };
}

export async function createBudgetLine(db: Db, actor: Actor, input: BudgetLineInputT): Promise<BudgetViewT['lines'][number]> {
  const fields = kindFields(input.kind, input);
  validateLine({ kind: input.kind, ...fields });
  const id = uuidv7();
  await db.transaction(async (tx) => {
    const plan = await requirePlan(tx);
    const rows = await budgetLineRows(tx, plan.id);
    if (input.parentId && !rows.some((r) => r.id === input.parentId)) throw new DomainError('budget.parent_not_found', {}, 'parentId');
    const siblings = siblingsOf(rows, input.parentId);
    const [row] = await tx
      .insert(budgetLines)
      .values({ id, planId: plan.id, parentId: input.parentId, position: siblings.length, title: input.title, kind: input.kind, ...fields })
      .returning();
    if (input.position !== undefined) await placeAmongSiblings([...siblings, row!], id, input.position, (lid, p) => writePosition(tx, lid, p));
    await assertTreeValid(tx, plan.id);
    // Re-read: placing it among its siblings may have changed the position it was inserted with.
    const stored = input.position !== undefined ? await requireLine(tx, plan.id, id) : row;
    await recordAudit(tx, actor, { action: 'budget_line.create', entityType: 'budget_line', entityId: id, after: stored });
  });
  return lineView(db, id);
}

async function lineView(db: DbOrTx, id: string): Promise<BudgetViewT['lines'][number]> {
  const view = await budgetView(db, true);
  const line = view.lines.find((l) => l.id === id);
  if (!line) throw new DomainError('budget.line_not_found');
  return line;
}

async function requireLine(tx: DbOrTx, planId: string, id: string): Promise<BudgetLineRow> {
  const [row] = await tx.select().from(budgetLines).where(and(eq(budgetLines.id, id), eq(budgetLines.planId, planId)));
  if (!row) throw new DomainError('budget.line_not_found');
  return row;
}

export async function updateBudgetLine(db: Db, actor: Actor, id: string, patch: BudgetLinePatchT): Promise<BudgetViewT['lines'][number]> {
  await db.transaction(async (tx) => {
    const plan = await requirePlan(tx);
    const before = await requireLine(tx, plan.id, id);
    const kind = patch.kind ?? before.kind;
    const fields = kindFields(kind, {
      amount: patch.amount !== undefined ? patch.amount : before.amount,
      unitPrice: patch.unitPrice !== undefined ? patch.unitPrice : before.unitPrice,
      factors: patch.factors ?? before.factors,
    });
    validateLine({ kind, ...fields });
    const [after] = await tx
      .update(budgetLines)
      .set({ title: patch.title ?? before.title, kind, ...fields, updatedAt: new Date() })
      .where(eq(budgetLines.id, id))
      .returning();
    await assertTreeValid(tx, plan.id);
    await recordAudit(tx, actor, { action: 'budget_line.update', entityType: 'budget_line', entityId: id, before, after });
  });
  return lineView(db, id);
}

export async function moveBudgetLine(db: Db, actor: Actor, id: string, move: BudgetLineMoveT): Promise<BudgetViewT['lines'][number]> {
  await db.transaction(async (tx) => {
    const plan = await requirePlan(tx);
    const rows = await budgetLineRows(tx, plan.id);
    const before = rows.find((r) => r.id === id);
    if (!before) throw new DomainError('budget.line_not_found');
    if (move.parentId !== null && !rows.some((r) => r.id === move.parentId)) throw new DomainError('budget.parent_not_found', {}, 'parentId');
    if (wouldCycle(rows, id, move.parentId)) throw new DomainError('budget.cycle', {}, 'parentId');
    if (before.parentId !== move.parentId) {
      // Close the gap it leaves behind.
      const oldSiblings = siblingsOf(rows, before.parentId).filter((r) => r.id !== id);
      for (const [i, s] of oldSiblings.entries()) await writePosition(tx, s.id, i);
    }
    await writePosition(tx, id, move.position, move.parentId);
    await placeAmongSiblings(siblingsOf(rows, move.parentId), id, move.position, (lid, p) => writePosition(tx, lid, p));
    await assertTreeValid(tx, plan.id);
    // The stored place, not the requested one: a position past the end is clamped to the last.
    const moved = await requireLine(tx, plan.id, id);
    await recordAudit(tx, actor, {
      action: 'budget_line.move',
      entityType: 'budget_line',
      entityId: id,
      before: { parentId: before.parentId, position: before.position },
      after: { parentId: moved.parentId, position: moved.position },
    });
  });
  return lineView(db, id);
}

export async function deleteBudgetLine(db: Db, actor: Actor, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const plan = await requirePlan(tx);
    const rows = await budgetLineRows(tx, plan.id);
    const before = rows.find((r) => r.id === id);
    if (!before) throw new DomainError('budget.line_not_found');
    // Children go with their parent (ON DELETE CASCADE); the audit entry keeps all of them.
    const removed: BudgetLineRow[] = [];
    const collect = (lineId: string) => {
      for (const r of rows) if (r.parentId === lineId) {
        removed.push(r);
        collect(r.id);
      }
    };
    collect(id);
    // Their spending goes too: keep it in the audit entry so the actuals can be traced.
    const lineIds = [id, ...removed.map((r) => r.id)];
    const spending = await tx.select().from(budgetSpending).where(inArray(budgetSpending.lineId, lineIds));
    await tx.delete(budgetLines).where(eq(budgetLines.id, id));
    const siblings = siblingsOf(rows, before.parentId).filter((r) => r.id !== id);
    for (const [i, s] of siblings.entries()) await writePosition(tx, s.id, i);
    await assertTreeValid(tx, plan.id);
    await recordAudit(tx, actor, { action: 'budget_line.delete', entityType: 'budget_line', entityId: id, before: { line: before, descendants: removed, spending } });
  });
}

// ---------- spending (actuals) ----------

function presentSpending(row: typeof budgetSpending.$inferSelect): SpendingViewT {
  return { id: row.id, lineId: row.lineId, amount: row.amount, spentOn: row.spentOn, description: row.description, source: row.source, createdAt: row.createdAt.toISOString() };
}

export async function listSpending(db: DbOrTx, lineId: string): Promise<SpendingViewT[]> {
  const plan = await requirePlan(db);
  await requireLine(db, plan.id, lineId);
  const rows = await db.select().from(budgetSpending).where(eq(budgetSpending.lineId, lineId)).orderBy(budgetSpending.spentOn, budgetSpending.createdAt);
  return rows.map(presentSpending);
}

export async function addSpending(db: Db, actor: Actor, lineId: string, input: SpendingInputT): Promise<SpendingViewT> {
  return db.transaction(async (tx) => {
    const plan = await requirePlan(tx);
    await requireLine(tx, plan.id, lineId);
    const [row] = await tx
      .insert(budgetSpending)
      .values({ id: uuidv7(), lineId, amount: input.amount, spentOn: input.spentOn, description: input.description, source: 'manual', createdBy: actor.userId })
      .returning();
    await assertTreeValid(tx, plan.id);
    await recordAudit(tx, actor, { action: 'spending.create', entityType: 'budget_spending', entityId: row!.id, after: row });
    return presentSpending(row!);
  });
}

export async function deleteSpending(db: Db, actor: Actor, lineId: string, spendingId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const [before] = await tx.delete(budgetSpending).where(and(eq(budgetSpending.id, spendingId), eq(budgetSpending.lineId, lineId))).returning();
    if (!before) throw new DomainError('budget.spending_not_found');
    await recordAudit(tx, actor, { action: 'spending.delete', entityType: 'budget_spending', entityId: spendingId, before });
  });
}
