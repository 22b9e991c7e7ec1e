/** HTTP routes of the administration area: public plan, schedule and budget (plan vs actual); staff editing. */
import { z } from 'zod';
import { publicAccess, staffOnly } from '../../core/access/policy.js';
import { pickText } from '../../core/shared/localized.js';
import { ErrorBody, IdParams, Ok } from '../../shared/contracts/common.js';
import {
  BudgetLineInput,
  BudgetLineMove,
  BudgetLinePatch,
  BudgetLineView,
  BudgetView,
  ExportQuery,
  MilestoneInput,
  MilestonePatch,
  MilestoneView,
  PlanView,
  ScheduleView,
  SpendingInput,
  SpendingView,
  WorkPackageInput,
  WorkPackagePatch,
  WorkPackageView,
} from '../../shared/contracts/plan.js';
import { actorOf } from '../../platform/http/request.js';
import type { App } from '../../platform/http/server.js';
import type { ModuleDeps } from '../../platform/module.js';
import { budgetCsv } from './export-csv.js';
import { budgetXlsx } from './export-xlsx.js';
import * as uc from './use-cases.js';

const SpendingParams = z.strictObject({ id: z.uuid(), spendingId: z.uuid() });

export function registerAdministrationRoutes(app: App, deps: ModuleDeps): void {
  const { db } = deps;
  const pub = ['plan'];
  const staff = ['plan (staff)'];

  app.route({
    method: 'GET',
    url: '/api/v1/plan',
    config: { policy: publicAccess },
    schema: { tags: pub, summary: 'The plan: vision, goals, pillars, work packages, milestones, budget total', response: { 200: PlanView } },
    handler: () => uc.planView(db),
  });

  app.route({
    method: 'GET',
    url: '/api/v1/plan/schedule',
    config: { policy: publicAccess },
    schema: { tags: pub, summary: 'Milestones and work-package periods for the timeline', response: { 200: ScheduleView } },
    handler: () => uc.scheduleView(db),
  });

  app.route({
    method: 'GET',
    url: '/api/v1/budget',
    config: { policy: publicAccess },
    schema: { tags: pub, summary: 'The line-item budget (won) with actual spending summed per line and execution rates (no spending entries)', response: { 200: BudgetView } },
    handler: () => uc.budgetView(db, true),
  });

  app.route({
    method: 'GET',
    url: '/api/v1/budget/export.xlsx',
    config: { policy: publicAccess },
    schema: { tags: pub, summary: 'The budget as an Excel workbook with live formulas, spending and execution rates', querystring: ExportQuery },
    handler: async (request, reply) => {
      const lang = request.query.lang ?? request.lang;
      // Spending per line is public (the budget page shows it), so every reader's file carries it.
      const [plan, view] = await Promise.all([uc.planView(db), uc.budgetView(db, true)]);
      const buf = await budgetXlsx(view, pickText(plan.title, lang).text, lang);
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="open-campus-budget-${lang}.xlsx"`)
        .send(buf);
    },
  });

  app.route({
    method: 'GET',
    url: '/api/v1/budget/export.csv',
    config: { policy: publicAccess },
    schema: { tags: pub, summary: 'The budget as CSV (UTF-8 with BOM) with spending and execution rates', querystring: ExportQuery },
    handler: async (request, reply) => {
      const view = await uc.budgetView(db, true);
      return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="open-campus-budget.csv"').send(budgetCsv(view));
    },
  });

  // ---- staff editing ----
  app.route({
    method: 'POST',
    url: '/api/v1/admin/work-packages',
    config: { policy: staffOnly },
    schema: { tags: staff, summary: 'Add a work package (audited)', body: WorkPackageInput, response: { 201: WorkPackageView, 422: ErrorBody } },
    handler: async (request, reply) => reply.status(201).send(await uc.createWorkPackage(db, actorOf(request), request.body)),
  });
  app.route({
    method: 'PATCH',
    url: '/api/v1/admin/work-packages/:id',
    config: { policy: staffOnly },
    schema: { tags: staff, summary: 'Change or reorder a work package (audited)', params: IdParams, body: WorkPackagePatch, response: { 200: WorkPackageView, 404: ErrorBody, 422: ErrorBody } },
    handler: (request) => uc.updateWorkPackage(db, actorOf(request), request.params.id, request.body),
  });
  app.route({
    method: 'DELETE',
    url: '/api/v1/admin/work-packages/:id',
    config: { policy: staffOnly },
    schema: { tags: staff, summary: 'Remove a work package (audited)', params: IdParams, response: { 200: Ok, 404: ErrorBody } },
    handler: async (request) => {
      await uc.deleteWorkPackage(db, actorOf(request), request.params.id);
      return { ok: true as const };
    },
  });
  app.route({
    method: 'POST',
    url: '/api/v1/admin/milestones',
    config: { policy: staffOnly },
    schema: { tags: staff, summary: 'Add a milestone (audited)', body: MilestoneInput, response: { 201: MilestoneView, 422: ErrorBody } },
    handler: async (request, reply) => reply.status(201).send(await uc.createMilestone(db, actorOf(request), request.body)),
  });
  app.route({
    method: 'PATCH',
    url: '/api/v1/admin/milestones/:id',
    config: { policy: staffOnly },
    schema: { tags: staff, summary: 'Change or reorder a milestone (audited)', params: IdParams, body: MilestonePatch, response: { 200: MilestoneView, 404: ErrorBody, 422: ErrorBody } },
    handler: (request) => uc.updateMilestone(db, actorOf(request), request.params.id, request.body),
  });
  app.route({
    method: 'DELETE',
    url: '/api/v1/admin/milestones/:id',
    config: { policy: staffOnly },
    schema: { tags: staff, summary: 'Remove a milestone (audited)', params: IdParams, response: { 200: Ok, 404: ErrorBody } },
    handler: async (request) => {
      await uc.deleteMilestone(db, actorOf(request), request.params.id);
      return { ok: true as const };
    },
  });

  app.route({
    method: 'POST',
    url: '/api/v1/admin/budget-lines',
    config: { policy: staffOnly },
    schema: { tags: staff, summary: 'Add a budget line (audited)', body: BudgetLineInput, response: { 201: BudgetLineView, 409: ErrorBody, 422: ErrorBody } },
    handler: async (request, reply) => reply.status(201).send(await uc.createBudgetLine(db, actorOf(request), request.body)),
  });
  app.route({
    method: 'PATCH',
    url: '/api/v1/admin/budget-lines/:id',
    config: { policy: staffOnly },
    schema: { tags: staff, summary: "Change a budget line's title, type, amount or formula (audited)", params: IdParams, body: BudgetLinePatch, response: { 200: BudgetLineView, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody } },
    handler: (request) => uc.updateBudgetLine(db, actorOf(request), request.params.id, request.body),
  });
  app.route({
    method: 'POST',
    url: '/api/v1/admin/budget-lines/:id/move',
    config: { policy: staffOnly },
    schema: { tags: staff, summary: 'Reorder a budget line or give it another parent (audited)', params: IdParams, body: BudgetLineMove, response: { 200: BudgetLineView, 404: ErrorBody, 409: ErrorBody } },
    handler: (request) => uc.moveBudgetLine(db, actorOf(request), request.params.id, request.body),
  });
  app.route({
    method: 'DELETE',
    url: '/api/v1/admin/budget-lines/:id',
    config: { policy: staffOnly },
    schema: { tags: staff, summary: 'Remove a budget line and its sub-lines (audited)', params: IdParams, response: { 200: Ok, 404: ErrorBody } },
    handler: async (request) => {
      await uc.deleteBudgetLine(db, actorOf(request), request.params.id);
      return { ok: true as const };
    },
  });
  app.route({
    method: 'GET',
    url: '/api/v1/admin/budget-lines/:id/spending',
    config: { policy: staffOnly },
    schema: { tags: staff, summary: 'Spending recorded against a line', params: IdParams, response: { 200: z.array(SpendingView), 404: ErrorBody } },
    handler: (request) => uc.listSpending(db, request.params.id),
  });
  app.route({
    method: 'POST',
    url: '/api/v1/admin/budget-lines/:id/spending',
    config: { policy: staffOnly },
    schema: { tags: staff, summary: 'Record actual spending against a line (audited)', params: IdParams, body: SpendingInput, response: { 201: SpendingView, 404: ErrorBody, 422: ErrorBody } },
    handler: async (request, reply) => reply.status(201).send(await uc.addSpending(db, actorOf(request), request.params.id, request.body)),
  });
  app.route({
    method: 'DELETE',
    url: '/api/v1/admin/budget-lines/:id/spending/:spendingId',
    config: { policy: staffOnly },
    schema: { tags: staff, summary: 'Remove a spending entry (audited)', params: SpendingParams, response: { 200: Ok, 404: ErrorBody } },
    handler: async (request) => {
      await uc.deleteSpending(db, actorOf(request), request.params.id, request.params.spendingId);
      return { ok: true as const };
    },
  });
}
