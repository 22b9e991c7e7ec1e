/** Data access for the plan, its work packages, milestones, budget lines and spending. */
import { asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.js';
import { budgetLines, budgetSpending, milestones, plans, workPackages } from '../../platform/db/schema/index.js';
import type { BudgetLineInput } from '../../core/budget/budget.js';

export type PlanRow = typeof plans.$inferSelect;
export type BudgetLineRow = typeof budgetLines.$inferSelect;
export type WorkPackageRow = typeof workPackages.$inferSelect;
export type MilestoneRow = typeof milestones.$inferSelect;

/** The campus's current plan: the first one created (the 2019 plan, on a new installation). */
export async function currentPlan(db: DbOrTx): Promise<PlanRow | undefined> {
  const [row] = await db.select().from(plans).orderBy(asc(plans.createdAt)).limit(1);
  return row;
}

export async function budgetLineRows(db: DbOrTx, planId: string): Promise<BudgetLineRow[]> {
  return db.select().from(budgetLines).where(eq(budgetLines.planId, planId)).orderBy(asc(budgetLines.position));
}

/** Spending per line (won), summed in the database. */
export async function spentByLine(db: DbOrTx, planId: string): Promise<Map<string, number>> {
  const rows = await db
    .select({ lineId: budgetSpending.lineId, total: sql<string>`sum(${budgetSpending.amount})` })
    .from(budgetSpending)
    .innerJoin(budgetLines, eq(budgetLines.id, budgetSpending.lineId))
    .where(eq(budgetLines.planId, planId))
    .groupBy(budgetSpending.lineId);
  return new Map(rows.map((r) => [r.lineId, Number(r.total)]));
}

export function toCoreLine(row: BudgetLineRow, spent = 0): BudgetLineInput {
  return {
    id: row.id,
    parentId: row.parentId,
    position: row.position,
    title: row.title,
    kind: row.kind,
    amount: row.amount,
    unitPrice: row.unitPrice,
    factors: row.factors,
    spent,
  };
}

export async function workPackageRows(db: DbOrTx, planId: string): Promise<WorkPackageRow[]> {
  return db.select().from(workPackages).where(eq(workPackages.planId, planId)).orderBy(asc(workPackages.position), asc(workPackages.createdAt));
}

export async function milestoneRows(db: DbOrTx, planId: string): Promise<MilestoneRow[]> {
  return db.select().from(milestones).where(eq(milestones.planId, planId)).orderBy(asc(milestones.position), asc(milestones.createdAt));
}
