/** Contracts of the administration area: the plan, its schedule, the budget, and their editing. */
import { z } from 'zod';
import { Id, LocalizedText, OptionalLocalizedText, PlanDate, TEXT_MAX } from './common.js';

const Text = LocalizedText();
const LongText = LocalizedText(TEXT_MAX);

export const UnitLabel = z.strictObject({
  ko: z.string().trim().min(1).max(20),
  en: z.string().trim().min(1).max(30),
  enOne: z.string().trim().min(1).max(30).optional(),
});

const Krw = z.number().int().min(0).max(1_000_000_000_000_000);

export const Factor = z.strictObject({
  value: z.number().int().min(0).max(1_000_000),
  unit: UnitLabel,
});

export const BudgetLineView = z.object({
  id: Id,
  parentId: Id.nullable(),
  position: z.number().int(),
  depth: z.number().int(),
  key: z.string().nullable(),
  title: Text,
  kind: z.enum(['group', 'fixed', 'formula']),
  /** Won. */
  planned: z.number().int(),
  unitPrice: z.number().int().nullable(),
  factors: z.array(Factor),
  /** Actual spending summed over the line and its sub-lines (won) and execution rate (%). */
  actual: z.number().int().optional(),
  executionRate: z.number().nullable().optional(),
});
export type BudgetLineViewT = z.infer<typeof BudgetLineView>;

export const BudgetView = z.object({
  planId: Id,
  /** Depth-first rows, in the order of the plan's 산출내역 table. */
  lines: z.array(BudgetLineView),
  planned: z.number().int(),
  actual: z.number().int().optional(),
  executionRate: z.number().nullable().optional(),
  withActuals: z.boolean(),
});
export type BudgetViewT = z.infer<typeof BudgetView>;

export const WorkPackageView = z.object({
  id: Id,
  position: z.number().int(),
  code: z.string(),
  title: Text,
  start: z.string(),
  end: z.string(),
  operator: OptionalLocalizedText().nullable(),
  place: OptionalLocalizedText().nullable(),
  tasks: z.array(LongText),
  note: OptionalLocalizedText().nullable(),
  budgetLineId: Id.nullable(),
  /** Won, from the linked budget line (live). */
  budget: z.number().int().nullable(),
  /** Staff's record: true done, false not done, null nothing recorded (a past item then reads "ended", not "late"). */
  done: z.boolean().nullable(),
});
export type WorkPackageViewT = z.infer<typeof WorkPackageView>;

export const MilestoneView = z.object({
  id: Id,
  position: z.number().int(),
  title: Text,
  start: z.string(),
  end: z.string(),
  workPackageId: Id.nullable(),
  /** Staff's record: true done, false not done, null nothing recorded (a past item then reads "ended", not "late"). */
  done: z.boolean().nullable(),
});
export type MilestoneViewT = z.infer<typeof MilestoneView>;

export const PlanView = z.object({
  id: Id,
  slug: z.string(),
  title: Text,
  purpose: LongText,
  vision: Text,
  direction: Text,
  goals: z.array(Text),
  background: z.array(LongText),
  pillars: z.array(z.object({ key: z.string(), title: Text, points: z.array(LongText) })),
  source: z.object({
    documentNumber: z.string(),
    approvedOn: z.string(),
    department: Text,
    disclosure: Text,
    licence: z.string(),
  }),
  workPackages: z.array(WorkPackageView),
  milestones: z.array(MilestoneView),
  budgetTotal: z.number().int(),
});
export type PlanViewT = z.infer<typeof PlanView>;

export const ScheduleView = z.object({
  milestones: z.array(MilestoneView),
  workPackages: z.array(WorkPackageView.pick({ id: true, code: true, title: true, start: true, end: true, done: true })),
});
export type ScheduleViewT = z.infer<typeof ScheduleView>;

// ---- editing (staff) ----

/** Compares at the precision both dates share: days when both have them, otherwise months. */
const dateOrder = <T extends { start?: string | undefined; end?: string | undefined }>(v: T) => {
  if (v.start === undefined || v.end === undefined) return true;
  const precise = v.start.length === 10 && v.end.length === 10;
  return precise ? v.start <= v.end : v.start.slice(0, 7) <= v.end.slice(0, 7);
};
const dateOrderMessage = { message: 'oc:errors.field.end_before_start', path: ['end'] };

export const WorkPackageInput = z
  .strictObject({
    code: z.string().trim().min(1).max(20),
    title: Text,
    start: PlanDate,
    end: PlanDate,
    operator: OptionalLocalizedText().nullable().optional(),
    place: OptionalLocalizedText().nullable().optional(),
    tasks: z.array(LongText).max(50).default([]),
    note: OptionalLocalizedText().nullable().optional(),
    budgetLineId: Id.nullable().optional(),
    done: z.boolean().nullable().optional(),
  })
  .refine(dateOrder, dateOrderMessage);
export type WorkPackageInputT = z.infer<typeof WorkPackageInput>;

export const WorkPackagePatch = z
  .strictObject({
    code: z.string().trim().min(1).max(20).optional(),
    title: Text.optional(),
    start: PlanDate.optional(),
    end: PlanDate.optional(),
    operator: OptionalLocalizedText().nullable().optional(),
    place: OptionalLocalizedText().nullable().optional(),
    tasks: z.array(LongText).max(50).optional(),
    note: OptionalLocalizedText().nullable().optional(),
    budgetLineId: Id.nullable().optional(),
    done: z.boolean().nullable().optional(),
    position: z.number().int().min(0).max(10_000).optional(),
  })
  .refine(dateOrder, dateOrderMessage);
export type WorkPackagePatchT = z.infer<typeof WorkPackagePatch>;

export const MilestoneInput = z
  .strictObject({
    title: Text,
    start: PlanDate,
    end: PlanDate,
    workPackageId: Id.nullable().optional(),
    done: z.boolean().nullable().optional(),
  })
  .refine(dateOrder, dateOrderMessage);
export type MilestoneInputT = z.infer<typeof MilestoneInput>;

export const MilestonePatch = z
  .strictObject({
    title: Text.optional(),
    start: PlanDate.optional(),
    end: PlanDate.optional(),
    workPackageId: Id.nullable().optional(),
    done: z.boolean().nullable().optional(),
    position: z.number().int().min(0).max(10_000).optional(),
  })
  .refine(dateOrder, dateOrderMessage);
export type MilestonePatchT = z.infer<typeof MilestonePatch>;

export const BudgetLineInput = z.strictObject({
  parentId: Id.nullable(),
  /** Place among its siblings (0 = first); appended when omitted. */
  position: z.number().int().min(0).max(10_000).optional(),
  title: Text,
  kind: z.enum(['group', 'fixed', 'formula']),
  amount: Krw.nullable().optional(),
  unitPrice: Krw.nullable().optional(),
  factors: z.array(Factor).max(6).optional(),
});
export type BudgetLineInputT = z.infer<typeof BudgetLineInput>;

export const BudgetLinePatch = z.strictObject({
  title: Text.optional(),
  kind: z.enum(['group', 'fixed', 'formula']).optional(),
  amount: Krw.nullable().optional(),
  unitPrice: Krw.nullable().optional(),
  factors: z.array(Factor).max(6).optional(),
});
export type BudgetLinePatchT = z.infer<typeof BudgetLinePatch>;

export const BudgetLineMove = z.strictObject({
  parentId: Id.nullable(),
  position: z.number().int().min(0).max(10_000),
});
export type BudgetLineMoveT = z.infer<typeof BudgetLineMove>;

export const SpendingInput = z.strictObject({
  amount: Krw,
  spentOn: z.iso.date(),
  description: LocalizedText(500),
});
export type SpendingInputT = z.infer<typeof SpendingInput>;

export const SpendingView = z.object({
  id: Id,
  lineId: Id,
  amount: z.number().int(),
  spentOn: z.string(),
  description: LocalizedText(500),
  source: z.string(),
  createdAt: z.string(),
});
export type SpendingViewT = z.infer<typeof SpendingView>;

export const ExportQuery = z.strictObject({
  lang: z.enum(['ko', 'en']).optional(),
});
