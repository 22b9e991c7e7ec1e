/**
 * HTTP routes of timetabling (docs/timetabling.md), all staff only: start a run (202, solved in a
 * worker thread), follow it, apply it; and the live conflict warnings for hand edits. The courses
 * module's registerRoutes calls registerTimetableRoutes.
 */
import { z } from 'zod';
import { staffOnly } from '../../core/access/policy.js';
import { actorOf } from '../../platform/http/request.js';
import type { App } from '../../platform/http/server.js';
import type { ModuleDeps } from '../../platform/module.js';
import { ErrorBody, IdParams } from '../../shared/contracts/common.js';
import { CohortConflicts, TimetableApplyView, TimetableRunParams, TimetableRunRequest, TimetableRunView } from '../../shared/contracts/timetable.js';
import { cohortConflicts } from './timetable-conflicts.js';
import { applyRun, getRun, runsOfCohort, startRun } from './timetable-runs.js';

export function registerTimetableRoutes(app: App, deps: ModuleDeps): void {
  const tags = ['courses: timetable (staff)'];
  const err = { 400: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };

  app.route({
    method: 'POST',
    url: '/api/v1/admin/cohorts/timetable-runs',
    config: { policy: staffOnly },
    schema: {
      tags,
      summary: 'Generate a timetable for one or more cohorts (background job in a worker thread); poll the run for progress and the proposal',
      body: TimetableRunRequest,
      response: { 202: TimetableRunView, ...err },
    },
    handler: async (request, reply) => {
      const run = await startRun(deps, actorOf(request), request.body, (e) => app.log.error({ err: e }, 'timetable run failed'));
      return reply.status(202).send(run);
    },
  });
  app.route({
    method: 'GET',
    url: '/api/v1/admin/timetable-runs/:runId',
    config: { policy: staffOnly },
    schema: {
      tags,
      summary: 'One timetable run: status, progress (phase, placed, hard conflicts left), proposed placements and unplaced sessions with reasons',
      params: TimetableRunParams,
      response: { 200: TimetableRunView, 404: ErrorBody },
    },
    handler: (request) => getRun(deps, request.params.runId),
  });
  app.route({
    method: 'GET',
    url: '/api/v1/admin/cohorts/:id/timetable-runs',
    config: { policy: staffOnly },
    schema: { tags, summary: 'Timetable runs that include a cohort, newest first', params: IdParams, response: { 200: z.object({ runs: z.array(TimetableRunView) }), 404: ErrorBody } },
    handler: async (request) => ({ runs: await runsOfCohort(deps, request.params.id) }),
  });
  app.route({
    method: 'POST',
    url: '/api/v1/admin/timetable-runs/:runId/apply',
    config: { policy: staffOnly },
    schema: {
      tags,
      summary: "Write a finished run's proposed times and rooms in one transaction (changed sessions get SEQUENCE + 1; audited)",
      params: TimetableRunParams,
      response: { 200: TimetableApplyView, ...err },
    },
    handler: (request) => applyRun(deps, actorOf(request), request.params.runId),
  });
  app.route({
    method: 'GET',
    url: '/api/v1/admin/cohorts/:id/conflicts',
    config: { policy: staffOnly },
    schema: {
      tags,
      summary: "Live conflict warnings over a cohort's stored times, including clashes with other cohorts sharing lecturers or rooms",
      params: IdParams,
      response: { 200: CohortConflicts, 404: ErrorBody },
    },
    handler: (request) => cohortConflicts(deps.db, request.params.id),
  });
}
