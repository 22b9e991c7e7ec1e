/**
 * HTTP routes of review. Staff (staffOnly) set the rubric, invite reviewers (and re-send an
 * invitation with a new link), run and override the assignment and read the scores; reviewers (any
 * signed-in account: what they reach is decided per object, by their accepted reviewer rows) answer
 * invitations — an unanswered one only with the secret from its link — and score what is assigned
 * to them.
 */
import { signedIn, staffOnly } from '../../core/access/policy.js';
import { accessorOf, actorOf, me, validated } from '../../platform/http/request.js';
import type { App } from '../../platform/http/server.js';
import type { ModuleDeps } from '../../platform/module.js';
import { ErrorBody, IdParams, Ok } from '../../shared/contracts/common.js';
import {
  AssignmentList,
  AssignmentQuery,
  AssignmentParams,
  AssignmentRemoveQuery,
  AssignmentRemoveRequest,
  AssignmentRunList,
  AssignmentRunRequest,
  AssignmentRunView,
  AssignmentView,
  ConflictDeclaration,
  ConflictDeclare,
  ConflictList,
  InvitationAccept,
  InvitationDecline,
  InvitationList,
  InvitationListQuery,
  InvitationView,
  ManualAssignment,
  MyReviewDetail,
  MyReviewList,
  ReviewDraft,
  ReviewerInvite,
  ReviewerList,
  ReviewerParams,
  ReviewerPatch,
  ReviewerQuery,
  ReviewerView,
  ReviewSettings,
  ReviewSettingsView,
  ReviewState,
  RunParams,
  ScoresQuery,
  ScoresView,
} from '../../shared/contracts/review.js';
import * as reviewer from './reviewer.js';
import { getRun, listRuns, startRun } from './runs.js';
import { scoresView } from './scores-view.js';
import { exportScores } from './scores-export.js';
import { tableCsv, tableXlsx } from '../../platform/export/table.js';
import { ApplicationExportQuery, ApplicationExportRequest } from '../../shared/contracts/recruitment.js';
import { translate } from '../../shared/i18n/server-messages.js';
import { listReviewers } from './reviewer-list.js';
import * as staff from './staff.js';

export function registerReviewRoutes(app: App, deps: ModuleDeps): void {
  const { db, now } = deps;
  const tags = ['review (staff)'];
  const mine = ['review (reviewer)'];
  const err = { 400: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };

  // ---- settings ----
  app.route({
    method: 'GET',
    url: '/api/v1/admin/calls/:id/review-settings',
    config: { policy: staffOnly },
    schema: { tags, summary: "A call's rubric, reviews per application (k) and blind review", params: IdParams, response: { 200: ReviewSettingsView, 404: ErrorBody } },
    handler: (request) => staff.getSettings(db, request.params.id),
  });
  app.route({
    method: 'PUT',
    url: '/api/v1/admin/calls/:id/review-settings',
    config: { policy: staffOnly },
    schema: {
      tags,
      summary: 'Set the rubric, k and blind review (audited); once reviews exist only rubric labels may change',
      params: IdParams,
      body: ReviewSettings,
      response: { 200: ReviewSettingsView, ...err },
    },
    handler: (request) => staff.putSettings(db, actorOf(request), request.params.id, request.body, now()),
  });

  // ---- reviewers ----
  app.route({
    method: 'GET',
    url: '/api/v1/admin/calls/:id/reviewers',
    config: { policy: staffOnly },
    schema: {
      tags,
      summary: "One page of a call's reviewers with status, profile, load, assignments and conflicts (?q: name, e-mail or organisation; ?status)",
      params: IdParams,
      querystring: ReviewerQuery,
      response: { 200: ReviewerList, 404: ErrorBody },
    },
    handler: (request) => listReviewers(db, request.params.id, request.query),
  });
  app.route({
    method: 'POST',
    url: '/api/v1/admin/calls/:id/reviewers',
    config: { policy: staffOnly },
    schema: { tags, summary: 'Invite a reviewer by e-mail; queues the invitation mail (audited)', params: IdParams, body: ReviewerInvite, response: { 201: ReviewerView, ...err } },
    handler: async (request, reply) =>
      reply.status(201).send(await staff.inviteReviewer(db, actorOf(request), request.params.id, request.body, request.lang, deps.config.publicUrl, now())),
  });
  app.route({
    method: 'PATCH',
    url: '/api/v1/admin/calls/:id/reviewers/:reviewerId',
    config: { policy: staffOnly },
    schema: { tags, summary: "Change a reviewer's organisation, sectors, topics, expertise or load (audited)", params: ReviewerParams, body: ReviewerPatch, response: { 200: ReviewerView, ...err } },
    handler: (request) => staff.patchReviewer(db, actorOf(request), request.params.id, request.params.reviewerId, request.body),
  });
  app.route({
    method: 'DELETE',
    url: '/api/v1/admin/calls/:id/reviewers/:reviewerId',
    config: { policy: staffOnly },
    schema: { tags, summary: 'Remove a reviewer with their unsubmitted assignments; refused once they submitted a review (audited)', params: ReviewerParams, response: { 200: Ok, ...err } },
    handler: async (request) => {
      await staff.removeReviewer(db, actorOf(request), request.params.id, request.params.reviewerId, now());
      return { ok: true as const };
    },
  });

  app.route({
    method: 'POST',
    url: '/api/v1/admin/calls/:id/reviewers/:reviewerId/resend',
    config: { policy: staffOnly },
    schema: {
      tags,
      summary: 'Send the invitation again with a new link; the earlier link stops working. Only while nobody has answered it (audited)',
      params: ReviewerParams,
      response: { 200: ReviewerView, ...err },
    },
    handler: (request) => staff.resendInvitation(db, actorOf(request), request.params.id, request.params.reviewerId, request.lang, deps.config.publicUrl),
  });

  // ---- conflicts ----
  app.route({
    method: 'GET',
    url: '/api/v1/admin/calls/:id/conflicts',
    config: { policy: staffOnly },
    schema: { tags, summary: 'Conflicts of interest, declared and detected (same organisation, same institutional e-mail domain), with reasons', params: IdParams, response: { 200: ConflictList, 404: ErrorBody } },
    handler: (request) => staff.listCallConflicts(db, accessorOf(request), request.params.id),
  });
  app.route({
    method: 'POST',
    url: '/api/v1/admin/calls/:id/conflicts',
    config: { policy: staffOnly },
    schema: { tags, summary: "Declare a conflict on a reviewer's behalf; removes the pair's unsubmitted assignment (audited)", params: IdParams, body: ConflictDeclare, response: { 201: Ok, ...err } },
    handler: async (request, reply) => {
      await staff.declareConflictByStaff(db, actorOf(request), request.params.id, request.body, now());
      return reply.status(201).send({ ok: true as const });
    },
  });

  // ---- assignment runs ----
  app.route({
    method: 'POST',
    url: '/api/v1/admin/calls/:id/assignment-runs',
    config: { policy: staffOnly },
    schema: {
      tags,
      summary: 'Start an automatic assignment (background job); poll the run for phase and result',
      params: IdParams,
      body: AssignmentRunRequest,
      response: { 202: AssignmentRunView, ...err },
    },
    handler: async (request, reply) => {
      const run = await startRun(deps, actorOf(request), request.params.id, request.body, (e) => app.log.error({ err: e }, 'assignment run failed'));
      return reply.status(202).send(run);
    },
  });
  app.route({
    method: 'GET',
    url: '/api/v1/admin/calls/:id/assignment-runs',
    config: { policy: staffOnly },
    schema: { tags, summary: "A call's assignment runs, newest first", params: IdParams, response: { 200: AssignmentRunList, 404: ErrorBody } },
    handler: (request) => listRuns(db, request.params.id),
  });
  app.route({
    method: 'GET',
    url: '/api/v1/admin/assignment-runs/:runId',
    config: { policy: staffOnly },
    schema: { tags, summary: 'One assignment run: status, phase, result or what to change', params: RunParams, response: { 200: AssignmentRunView, 404: ErrorBody } },
    handler: (request) => getRun(db, request.params.runId),
  });

  // ---- assignments ----
  app.route({
    method: 'GET',
    url: '/api/v1/admin/calls/:id/assignments',
    config: { policy: staffOnly },
    schema: {
      tags,
      summary: "One page of the call's reviewer × application pairs with their explanation and review status (?q, ?status; access-logged)",
      params: IdParams,
      querystring: AssignmentQuery,
      response: { 200: AssignmentList, 404: ErrorBody },
    },
    handler: (request) => staff.listAssignments(db, accessorOf(request), request.params.id, request.query),
  });
  app.route({
    method: 'POST',
    url: '/api/v1/admin/calls/:id/assignments',
    config: { policy: staffOnly },
    schema: { tags, summary: 'Assign by hand with a reason (audited); conflicted pairs and reviewers who have not accepted are refused', params: IdParams, body: ManualAssignment, response: { 201: AssignmentView, ...err } },
    handler: async (request, reply) => reply.status(201).send(await staff.addAssignment(db, actorOf(request), request.params.id, request.body, now())),
  });
  app.route({
    method: 'DELETE',
    url: '/api/v1/admin/assignments/:assignmentId',
    config: { policy: staffOnly },
    schema: {
      tags,
      summary: 'Remove an assignment; requires ?reason= (5–500 characters); refused once its review is submitted (audited)',
      params: AssignmentParams,
      querystring: AssignmentRemoveQuery,
      response: { 200: Ok, ...err },
    },
    handler: async (request) => {
      // An unknown assignment is 404 before the reason is asked for, as everywhere.
      await staff.requireAssignment(db, request.params.assignmentId);
      const { reason } = validated(AssignmentRemoveRequest, request.query);
      await staff.removeAssignment(db, actorOf(request), request.params.assignmentId, reason, now());
      return { ok: true as const };
    },
  });

  // ---- scores ----
  app.route({
    method: 'GET',
    url: '/api/v1/admin/calls/:id/scores',
    config: { policy: staffOnly },
    schema: {
      tags,
      summary: 'One page of the ranked applications with raw mean, calibrated score, spread, disagreement and flips (?q: name or organisation; ?status: top, flips, disagreement, unscored); offset per reviewer (access-logged)',
      params: IdParams,
      querystring: ScoresQuery,
      response: { 200: ScoresView, 404: ErrorBody },
    },
    handler: (request) => scoresView(db, accessorOf(request), request.params.id, request.query),
  });
  const scoresExport = (format: 'xlsx' | 'csv') =>
    app.route({
      method: 'GET',
      url: `/api/v1/admin/calls/:id/scores/export.${format}`,
      // Personal data in bulk: a code proved in the last few minutes (adr/0013).
      config: { policy: staffOnly, freshFactor: true },
      schema: {
        tags,
        summary: `The scores as ${format === 'xlsx' ? 'an Excel workbook' : 'CSV (UTF-8 with BOM)'}: rank, names, raw mean, calibrated score, spread, flags, each review's total; requires ?reason= (5–500 characters), kept in the access log with the ids`,
        params: IdParams,
        querystring: ApplicationExportQuery,
      },
      handler: async (request, reply) => {
        await staff.requireCall(db, request.params.id);
        // The reason is required, but only once the call is known to exist (an unknown call is 404, as everywhere).
        const { reason } = validated(ApplicationExportRequest, request.query);
        const lang = request.lang;
        const table = await exportScores(db, accessorOf(request), request.params.id, reason, format, lang);
        reply.header('content-disposition', `attachment; filename="open-campus-scores-${request.params.id}-${lang}.${format}"`).header('cache-control', 'no-store');
        if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(tableCsv(table));
        return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(await tableXlsx(table, translate(lang, 'exports.scores.sheet')));
      },
    });
  scoresExport('xlsx');
  scoresExport('csv');

  // ---- the reviewer ----
  app.route({
    method: 'GET',
    url: '/api/v1/me/reviewer-invitations',
    config: { policy: signedIn },
    schema: {
      tags: mine,
      summary: "My invitations to review: those I answered, and the one whose link I followed (?token= the link's secret) while nobody has answered it",
      querystring: InvitationListQuery,
      response: { 200: InvitationList, 400: ErrorBody },
    },
    handler: (request) => reviewer.listInvitations(db, me(request), request.query.token),
  });
  app.route({
    method: 'POST',
    url: '/api/v1/me/reviewer-invitations/:id/accept',
    config: { policy: signedIn, verifiedEmail: true },
    schema: {
      tags: mine,
      summary: "Accept an invitation (may correct organisation, sectors, topics, expertise); one not yet linked to my account needs the link's secret (token)",
      params: IdParams,
      body: InvitationAccept,
      response: { 200: InvitationView, 403: ErrorBody, ...err },
    },
    handler: (request) => reviewer.acceptInvitation(db, actorOf(request), me(request), request.params.id, request.body, now()),
  });
  app.route({
    method: 'POST',
    url: '/api/v1/me/reviewer-invitations/:id/decline',
    config: { policy: signedIn },
    schema: {
      tags: mine,
      summary: "Decline an invitation; gives up unsubmitted assignments. One not yet linked to my account needs the link's secret (token); a linked one needs no body",
      params: IdParams,
      body: InvitationDecline,
      response: { 200: InvitationView, 403: ErrorBody, ...err },
    },
    // Declining had no body before links carried a secret: a request without one (no content type at
    // all) still means "no token", which is enough for an invitation already linked to the account.
    preValidation: async (request) => {
      if (request.body === undefined && request.headers['content-type'] === undefined) request.body = {};
    },
    handler: (request) => reviewer.declineInvitation(db, actorOf(request), me(request), request.params.id, request.body, now()),
  });
  app.route({
    method: 'GET',
    url: '/api/v1/me/reviews',
    config: { policy: signedIn },
    schema: { tags: mine, summary: 'Applications assigned to me (blind review hides names and organisations)', response: { 200: MyReviewList } },
    handler: (request) => reviewer.listMyReviews(db, accessorOf(request), me(request)),
  });
  app.route({
    method: 'GET',
    url: '/api/v1/me/reviews/:assignmentId',
    config: { policy: signedIn },
    schema: { tags: mine, summary: 'One assigned application with the rubric and my review (access-logged)', params: AssignmentParams, response: { 200: MyReviewDetail, 404: ErrorBody } },
    handler: (request) => reviewer.myReview(db, accessorOf(request), me(request), request.params.assignmentId),
  });
  app.route({
    method: 'PUT',
    url: '/api/v1/me/reviews/:assignmentId',
    config: { policy: signedIn, verifiedEmail: true },
    schema: { tags: mine, summary: 'Save my draft: scores per criterion, comments per criterion, overall comment', params: AssignmentParams, body: ReviewDraft, response: { 200: ReviewState, ...err } },
    handler: (request) => reviewer.saveDraft(db, me(request), request.params.assignmentId, request.body, now()),
  });
  app.route({
    method: 'POST',
    url: '/api/v1/me/reviews/:assignmentId/submit',
    config: { policy: signedIn, verifiedEmail: true },
    schema: { tags: mine, summary: 'Submit my review: every criterion scored on the scale; the total is computed', params: AssignmentParams, response: { 200: ReviewState, ...err } },
    handler: (request) => reviewer.submitReview(db, actorOf(request), me(request), request.params.assignmentId, now()),
  });
  app.route({
    method: 'POST',
    url: '/api/v1/me/reviews/:assignmentId/conflict',
    config: { policy: signedIn },
    schema: { tags: mine, summary: 'Declare a conflict of interest: recorded, and the assignment removed (refused after submitting)', params: AssignmentParams, body: ConflictDeclaration, response: { 200: Ok, ...err } },
    handler: async (request) => {
      await reviewer.declareMyConflict(db, actorOf(request), me(request), request.params.assignmentId, request.body.reason);
      return { ok: true as const };
    },
  });
}
