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

/** Only the current plan's id, for reads that need nothing else of the plan row. */
export async function currentPlanId(db: DbOrTx): Promise<string | undefined> {
  const [row] = await db.select({ id: plans.id }).from(plans).orderBy(asc(plans.createdAt)).limit(1);
  return row?.id;
}

export async function budgetLineRows(db: DbOrTx, planId: string): Promise<BudgetLineRow[]> {
  return db.select().from(budgetLines).where(eq(budgetLines.planId, planId)).orderBy(asc(budgetLines.position));
}

/**
 * The plan's lines with the spending recorded on each (won), in one query: the public budget is
 * the most-read page, and on the embedded database every round trip costs milliseconds.
 */
export async function budgetLinesWithSpent(db: DbOrTx, planId: string): Promise<{ row: BudgetLineRow; spent: number }[]> {
  const rows = await db
    .select({
      row: budgetLines,
      // Qualified by hand: Drizzle renders a column of the only table without its table name, which
      // inside the subquery would mean the spending row's own id.
      spent: sql<string>`coalesce((select sum(s.amount) from ${budgetSpending} s where s.line_id = "budget_line"."id"), 0)`,
    })
    .from(budgetLines)
    .where(eq(budgetLines.planId, planId))
    .orderBy(asc(budgetLines.position));
  return rows.map((r) => ({ row: r.row, spent: Number(r.spent) }));
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
