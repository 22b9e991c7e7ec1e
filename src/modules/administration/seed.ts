/**
 * Loads the 2019 plan on first start. Idempotent: if the plan is there, nothing is touched (staff
 * edits survive restarts); two instances starting at once are kept apart by the unique slug.
 */
import { eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { buildBudgetTree } from '../../core/budget/budget.js';
import type { Db } from '../../platform/db/client.js';
import { budgetLines, milestones, plans, workPackages } from '../../platform/db/schema/index.js';
import { plan2019, type SeedBudgetLine } from './plan-2019.seed.js';

export async function seedPlan2019(db: Db): Promise<'created' | 'present'> {
  const [existing] = await db.select({ id: plans.id }).from(plans).where(eq(plans.slug, plan2019.slug));
  if (existing) return 'present';

  const planId = uuidv7();
  const lineRows: (typeof budgetLines.$inferInsert)[] = [];
  const idByKey = new Map<string, string>();
  const walk = (lines: SeedBudgetLine[], parentId: string | null) => {
    lines.forEach((l, position) => {
      const id = uuidv7();
      idByKey.set(l.key, id);
      lineRows.push({
        id,
        planId,
        parentId,
        position,
        key: l.key,
        title: l.title,
        kind: l.kind,
        amount: l.amount ?? null,
        unitPrice: l.unitPrice ?? null,
        factors: l.factors ?? [],
      });
      if (l.children) walk(l.children, id);
    });
  };
  walk(plan2019.budget, null);
  // The seed itself must satisfy the budget rules (every parent equals the sum of its children).
  buildBudgetTree(lineRows.map((r) => ({ id: r.id!, parentId: r.parentId ?? null, position: r.position, title: r.title, kind: r.kind, amount: r.amount, unitPrice: r.unitPrice, factors: r.factors })));

  try {
    await db.transaction(async (tx) => {
      await tx.insert(plans).values({
        id: planId,
        slug: plan2019.slug,
        title: plan2019.title,
        purpose: plan2019.purpose,
        vision: plan2019.vision,
        direction: plan2019.direction,
        goals: plan2019.goals,
        background: plan2019.background,
        pillars: plan2019.pillars.map((p) => ({ key: p.key, title: p.title, points: [...p.points] })),
        source: plan2019.source,
      });
      // Parents first, so the self-reference holds at every insert.
      for (const row of lineRows) await tx.insert(budgetLines).values(row);
      const wpIds = new Map<string, string>();
      for (const [position, wp] of plan2019.workPackages.entries()) {
        const id = uuidv7();
        wpIds.set(wp.code, id);
        await tx.insert(workPackages).values({
          id,
          planId,
          position,
          code: wp.code,
          title: wp.title,
          start: wp.start,
          end: wp.end,
          operator: wp.operator,
          place: wp.place,
          tasks: wp.tasks,
          note: wp.note,
          budgetLineId: idByKey.get(wp.budgetKey) ?? null,
        });
      }
      const milestoneWp = ['WP1', 'WP1', 'WP2', 'WP4', 'WP1'];
      for (const [position, m] of plan2019.milestones.entries()) {
        await tx.insert(milestones).values({ id: uuidv7(), planId, position, title: m.title, start: m.start, end: m.end, workPackageId: wpIds.get(milestoneWp[position] ?? '') ?? null });
      }
    });
  } catch (err) {
    // Another instance seeded it first.
    const [now] = await db.select({ id: plans.id }).from(plans).where(eq(plans.slug, plan2019.slug));
    if (now) return 'present';
    throw err;
  }
  return 'created';
}
