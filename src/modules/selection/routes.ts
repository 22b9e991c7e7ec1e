/** HTTP routes of selection: staff run, replay and finalise selections and read the outbox; applicants see outcomes and decline. */
import { z } from 'zod';
import { signedIn, staffOnly } from '../../core/access/policy.js';
import { ErrorBody, Id, IdParams } from '../../shared/contracts/common.js';
import {
  FinaliseView,
  MyApplicationsList,
  MyApplicationSummary,
  OutboxList,
  OutboxQuery,
  OutboxSendResult,
  SelectionApplicantList,
  SelectionApplicantQuery,
  SelectionReplayView,
  SelectionRunCreate,
  SelectionRunList,
  SelectionRunView,
} from '../../shared/contracts/selection.js';
import { accessorOf, actorOf, me, personOf } from '../../platform/http/request.js';
import type { App } from '../../platform/http/server.js';
import { outboxDispatcherFor } from '../../platform/mail/dispatcher.js';
import type { ModuleDeps } from '../../platform/module.js';
import { runApplicants } from './results.js';
import * as uc from './use-cases.js';

const RunParams = z.strictObject({ runId: Id });

export function registerSelectionRoutes(app: App, deps: ModuleDeps): void {
  const { db } = deps;
  const outbox = () => outboxDispatcherFor(deps, (err) => app.log.error({ err }, 'outbox pass failed'));
  const staff = ['selection (staff)'];
  const mine = ['selection (applicant)'];

  app.route({
    method: 'POST',
    url: '/api/v1/admin/calls/:id/selection-runs',
    config: { policy: staffOnly },
    schema: {
      tags: staff,
      summary: 'Run a selection: calibrated scores, the call’s capacity and quotas, locks, a stored seed; an impossible quota set is stored as infeasible with reasons (audited; names access-logged)',
      params: IdParams,
      body: SelectionRunCreate,
      response: { 201: SelectionRunView, 404: ErrorBody },
    },
    handler: async (request, reply) => reply.status(201).send(await uc.createRun(deps, accessorOf(request), request.params.id, request.body)),
  });
  app.route({
    method: 'GET',
    url: '/api/v1/admin/calls/:id/selection-runs',
    config: { policy: staffOnly },
    schema: { tags: staff, summary: "A call's selection runs, newest first (no names)", params: IdParams, response: { 200: SelectionRunList, 404: ErrorBody } },
    handler: (request) => uc.listRuns(db, request.params.id),
  });
  app.route({
    method: 'GET',
    url: '/api/v1/admin/selection-runs/:runId',
    config: { policy: staffOnly },
    schema: { tags: staff, summary: 'One run with every applicant’s explanation, the quota table and any reasons, in Korean and English (access-logged)', params: RunParams, response: { 200: SelectionRunView, 404: ErrorBody } },
    handler: (request) => uc.getRun(db, accessorOf(request), request.params.runId),
  });
  app.route({
    method: 'GET',
    url: '/api/v1/admin/selection-runs/:runId/applicants',
    config: { policy: staffOnly },
    schema: {
      tags: staff,
      summary: "One page of a run's applicants in rank order with their outcome and explanation (?q: name; ?status: selected, waitlisted, excluded; access-logged)",
      params: RunParams,
      querystring: SelectionApplicantQuery,
      response: { 200: SelectionApplicantList, 404: ErrorBody },
    },
    handler: (request) => runApplicants(db, accessorOf(request), request.params.runId, request.query),
  });
  app.route({
    method: 'POST',
    url: '/api/v1/admin/selection-runs/:runId/replay',
    config: { policy: staffOnly },
    schema: { tags: staff, summary: 'Solve the stored input again and say whether the outcome is identical', params: RunParams, response: { 200: SelectionReplayView, 404: ErrorBody } },
    handler: (request) => uc.replayRun(deps, request.params.runId),
  });
  app.route({
    method: 'POST',
    url: '/api/v1/admin/selection-runs/:runId/finalise',
    config: { policy: staffOnly },
    schema: {
      tags: staff,
      summary: 'Finalise a run of a closed call, once per call: outcomes, participants and one outcome e-mail per applicant, in one transaction (audited)',
      params: RunParams,
      response: { 200: FinaliseView, 404: ErrorBody, 409: ErrorBody },
    },
    handler: async (request) => {
      const result = await uc.finaliseRun(deps, actorOf(request), request.params.runId);
      outbox().kick();
      return result;
    },
  });

  app.route({
    method: 'GET',
    url: '/api/v1/admin/outbox',
    config: { policy: staffOnly },
    schema: { tags: staff, summary: 'The e-mail outbox, newest first, with counts by status (access-logged: it shows names and addresses)', querystring: OutboxQuery, response: { 200: OutboxList } },
    handler: (request) => uc.outbox(db, accessorOf(request), request.query, outbox().enabled),
  });
  app.route({
    method: 'POST',
    url: '/api/v1/admin/outbox/send',
    config: { policy: staffOnly },
    schema: { tags: staff, summary: 'Send pending messages now (only when SMTP is configured; audited)', response: { 200: OutboxSendResult, 422: ErrorBody } },
    handler: (request) => uc.sendOutboxNow(db, actorOf(request), outbox()),
  });

  app.route({
    method: 'GET',
    url: '/api/v1/me/applications',
    config: { policy: signedIn },
    schema: { tags: mine, summary: 'My applications with call title, status, outcome and waitlist position', response: { 200: MyApplicationsList } },
    handler: (request) => uc.myApplications(db, me(request)),
  });
  app.route({
    method: 'POST',
    url: '/api/v1/calls/:id/my-application/decline',
    config: { policy: signedIn },
    schema: {
      tags: mine,
      summary: 'Turn down my place; the next person on the waitlist the quotas allow is selected and told',
      params: IdParams,
      response: { 200: MyApplicationSummary, 404: ErrorBody, 409: ErrorBody },
    },
    handler: async (request) => {
      const result = await uc.declinePlace(deps, personOf(request), request.params.id);
      outbox().kick();
      return result;
    },
  });
}
