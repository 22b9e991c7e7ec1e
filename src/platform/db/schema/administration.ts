/** The plan and its administration: work packages, milestones, the line-item budget and spending. */
import { type AnyPgColumn, bigint, boolean, date, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { Factor } from '../../../core/budget/budget.js';
import type { LocalizedText } from '../../../core/shared/localized.js';

export const plans = pgTable('plan', {
  id: uuid('id').primaryKey(),
  slug: text('slug').notNull().unique(),
  title: jsonb('title').$type<LocalizedText>().notNull(),
  purpose: jsonb('purpose').$type<LocalizedText>().notNull(),
  vision: jsonb('vision').$type<LocalizedText>().notNull(),
  direction: jsonb('direction').$type<LocalizedText>().notNull(),
  goals: jsonb('goals').$type<LocalizedText[]>().notNull(),
  background: jsonb('background').$type<LocalizedText[]>().notNull(),
  pillars: jsonb('pillars').$type<{ key: string; title: LocalizedText; points: LocalizedText[] }[]>().notNull(),
  source: jsonb('source').$type<Record<string, unknown>>().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const budgetLines = pgTable(
  'budget_line',
  {
    id: uuid('id').primaryKey(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => plans.id, { onDelete: 'cascade' }),
    parentId: uuid('parent_id').references((): AnyPgColumn => budgetLines.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    /** Stable handle for seeded lines ('lecture-fees'); later modules find their line by it. */
    key: text('key'),
    title: jsonb('title').$type<LocalizedText>().notNull(),
    kind: text('kind').$type<'group' | 'fixed' | 'formula'>().notNull(),
    amount: bigint('amount', { mode: 'number' }),
    unitPrice: bigint('unit_price', { mode: 'number' }),
    factors: jsonb('factors').$type<Factor[]>().notNull().default([]),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('budget_line_plan_idx').on(t.planId, t.parentId, t.position)],
);

/** Actual spending against a budget line (plan vs actual). Entered by staff or fed by modules. */
export const budgetSpending = pgTable(
  'budget_spending',
  {
    id: uuid('id').primaryKey(),
    lineId: uuid('line_id')
      .notNull()
      .references(() => budgetLines.id, { onDelete: 'cascade' }),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    spentOn: date('spent_on', { mode: 'string' }).notNull(),
    description: jsonb('description').$type<LocalizedText>().notNull(),
    source: text('source').notNull().default('manual'),
    /** For spending fed by a module: what it stands for (e.g. `lecture:<sessionId>:<lecturerId>`), unique so it is booked once. */
    sourceRef: text('source_ref').unique('budget_spending_source_ref_uq'),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('budget_spending_line_idx').on(t.lineId)],
);

export const workPackages = pgTable(
  'work_package',
  {
    id: uuid('id').primaryKey(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => plans.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    code: text('code').notNull(),
    title: jsonb('title').$type<LocalizedText>().notNull(),
    /** Month precision ('2020-02') or day precision ('2020-02-15'), as the plan states it. */
    start: text('start').notNull(),
    end: text('end').notNull(),
    operator: jsonb('operator').$type<LocalizedText>(),
    place: jsonb('place').$type<LocalizedText>(),
    tasks: jsonb('tasks').$type<LocalizedText[]>().notNull().default([]),
    note: jsonb('note').$type<LocalizedText>(),
    budgetLineId: uuid('budget_line_id').references(() => budgetLines.id, { onDelete: 'set null' }),
    /** Staff's record of completion: true done, false not done (late once its end has passed), null nothing recorded. */
    done: boolean('done'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('work_package_plan_idx').on(t.planId, t.position)],
);

export const milestones = pgTable(
  'milestone',
  {
    id: uuid('id').primaryKey(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => plans.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    title: jsonb('title').$type<LocalizedText>().notNull(),
    start: text('start').notNull(),
    end: text('end').notNull(),
    workPackageId: uuid('work_package_id').references(() => workPackages.id, { onDelete: 'set null' }),
    /** Staff's record of completion: true done, false not done (late once its end has passed), null nothing recorded. */
    done: boolean('done'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('milestone_plan_idx').on(t.planId, t.position)],
);
