/** HTTP routes of recruitment: staff define and open calls; anyone reads open calls; applicants keep their own application. */
import { z } from 'zod';
import { publicAccess, signedIn, staffOnly } from '../../core/access/policy.js';
import { ErrorBody, IdParams } from '../../shared/contracts/common.js';
import { ApplicationExportQuery, ApplicationExportRequest, ApplicationList, ApplicationQuery, ApplicationSave, CallInput, CallPatch, CallView, MyApplicationView, PublicCallView } from '../../shared/contracts/recruitment.js';
import { accessorOf, actorOf, me, validated } from '../../platform/http/request.js';
import type { App } from '../../platform/http/server.js';
import type { ModuleDeps } from '../../platform/module.js';
import { translate } from '../../shared/i18n/server-messages.js';
import { tableCsv as applicationsCsv, tableXlsx as applicationsXlsx } from '../../platform/export/table.js';
import * as uc from './use-cases.js';

export function registerRecruitmentRoutes(app: App, deps: ModuleDeps): void {
  const { db, now } = deps;
  const pub = ['recruitment'];
  const mine = ['recruitment (applicant)'];
  const staff = ['recruitment (staff)'];

  app.route({
    method: 'GET',
    url: '/api/v1/calls',
    config: { policy: publicAccess },
    schema: { tags: pub, summary: 'Published calls for applications', response: { 200: z.array(PublicCallView) } },
    handler: () => uc.publicCalls(db),
  });
  app.route({
    method: 'GET',
    url: '/api/v1/calls/:id',
    config: { policy: publicAccess },
    schema: { tags: pub, summary: 'One published call with its form and consent items (drafts are 404)', params: IdParams, response: { 200: PublicCallView, 404: ErrorBody } },
    handler: (request) => uc.publicCall(db, request.params.id),
  });

  app.route({
    method: 'GET',
    url: '/api/v1/calls/:id/my-application',
    config: { policy: signedIn },
    schema: { tags: mine, summary: 'My application to this call', params: IdParams, response: { 200: MyApplicationView, 404: ErrorBody } },
    handler: (request) => uc.myApplication(db, me(request), request.params.id),
  });
  app.route({
    method: 'PUT',
    url: '/api/v1/calls/:id/my-application',
    config: { policy: signedIn, verifiedEmail: true },
    schema: {
      tags: mine,
      summary: 'Save my application (draft: gaps allowed; submitted: checked in full); only while the call is open',
      params: IdParams,
      body: ApplicationSave,
      response: { 200: MyApplicationView, 404: ErrorBody, 422: ErrorBody },
    },
    handler: (request) => uc.saveMyApplication(db, me(request), request.params.id, request.body, now()),
  });
  app.route({
    method: 'POST',
    url: '/api/v1/calls/:id/my-application/submit',
    config: { policy: signedIn, verifiedEmail: true },
    schema: { tags: mine, summary: 'Submit my application: every required answer and consent; only while the call is open', params: IdParams, response: { 200: MyApplicationView, 404: ErrorBody, 422: ErrorBody } },
    handler: (request) => uc.submitMyApplication(db, me(request), request.params.id, now()),
  });
  app.route({
    method: 'POST',
    url: '/api/v1/calls/:id/my-application/withdraw',
    config: { policy: signedIn },
    schema: { tags: mine, summary: 'Withdraw my application; only while the call is open', params: IdParams, response: { 200: MyApplicationView, 404: ErrorBody, 422: ErrorBody } },
    handler: (request) => uc.withdrawMyApplication(db, me(request), request.params.id, now()),
  });

  // ---- staff ----
  app.route({
    method: 'GET',
    url: '/api/v1/admin/calls',
    config: { policy: staffOnly },
    schema: { tags: staff, summary: 'Every call, drafts included', response: { 200: z.array(CallView) } },
    handler: () => uc.listCalls(db),
  });
  app.route({
    method: 'GET',
    url: '/api/v1/admin/calls/:id',
    config: { policy: staffOnly },
    schema: { tags: staff, summary: 'One call, drafts included', params: IdParams, response: { 200: CallView, 404: ErrorBody } },
    handler: (request) => uc.getCall(db, request.params.id),
  });
  app.route({
    method: 'POST',
    url: '/api/v1/admin/calls',
    config: { policy: staffOnly },
    schema: { tags: staff, summary: 'Create a call as a draft, optionally with the cohort it fills (audited)', body: CallInput, response: { 201: CallView, 409: ErrorBody, 422: ErrorBody } },
    handler: async (request, reply) => reply.status(201).send(await uc.createCall(db, actorOf(request), request.body, now())),
  });
  app.route({
    method: 'PATCH',
    url: '/api/v1/admin/calls/:id',
    config: { policy: staffOnly },
    schema: {
      tags: staff,
      summary: 'Change a call, the cohort it fills and its waitlist size; new consent items bump its consent version (audited)',
      params: IdParams,
      body: CallPatch,
      response: { 200: CallView, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody },
    },
    handler: (request) => uc.updateCall(db, actorOf(request), request.params.id, request.body, now()),
  });
  app.route({
    method: 'POST',
    url: '/api/v1/admin/calls/:id/publish',
    config: { policy: staffOnly },
    schema: { tags: staff, summary: 'Publish a draft call (audited)', params: IdParams, response: { 200: CallView, 404: ErrorBody, 422: ErrorBody } },
    handler: (request) => uc.publishCall(db, actorOf(request), request.params.id, now()),
  });
  app.route({
    method: 'POST',
    url: '/api/v1/admin/calls/:id/close',
    config: { policy: staffOnly },
    schema: { tags: staff, summary: 'Close a published call (audited)', params: IdParams, response: { 200: CallView, 404: ErrorBody, 422: ErrorBody } },
    handler: (request) => uc.closeCall(db, actorOf(request), request.params.id, now()),
  });
  app.route({
    method: 'GET',
    url: '/api/v1/admin/calls/:id/applications',
    config: { policy: staffOnly },
    schema: {
      tags: staff,
      summary: "One page of a call's applications with their status (?q: name or e-mail, ?status; access-logged)",
      params: IdParams,
      querystring: ApplicationQuery,
      response: { 200: ApplicationList, 404: ErrorBody },
    },
    handler: (request) => uc.listApplications(db, accessorOf(request), request.params.id, request.query),
  });
  const exportRoute = (format: 'xlsx' | 'csv') =>
    app.route({
      method: 'GET',
      url: `/api/v1/admin/calls/:id/applications/export.${format}`,
      // Personal data in bulk: a code proved in the last few minutes (adr/0013).
      config: { policy: staffOnly, freshFactor: true },
      schema: {
        tags: staff,
        summary: `A call's applications as ${format === 'xlsx' ? 'an Excel workbook' : 'CSV (UTF-8 with BOM)'}: names, e-mail, status, answers, consents; requires ?reason= (5–500 characters), kept in the access log with the ids`,
        params: IdParams,
        querystring: ApplicationExportQuery,
      },
      handler: async (request, reply) => {
        const call = await uc.requireCall(db, request.params.id);
        // The reason is required, but only once the call is known to exist (an unknown call is 404, as everywhere).
        const { reason } = validated(ApplicationExportRequest, request.query);
        const lang = request.lang;
        const table = await uc.exportApplications(db, accessorOf(request), call, reason, format, lang);
        // The file name carries the call id only: no applicant data in headers or browser history.
        const name = `open-campus-applications-${call.id}-${lang}.${format}`;
        reply.header('content-disposition', `attachment; filename="${name}"`).header('cache-control', 'no-store');
        if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(applicationsCsv(table));
        const sheet = translate(lang, 'exports.applications.sheet');
        return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(await applicationsXlsx(table, sheet));
      },
    });
  exportRoute('xlsx');
  exportRoute('csv');
}
