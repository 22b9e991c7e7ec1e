/**
 * HTTP routes of attendance, completion and certificates. Staff (staffOnly) show codes, correct
 * attendance, read rates and each member's completion, issue and revoke certificates; participants (signedIn: what they reach
 * is decided per object, by cohort membership and ownership) check in, see their progress, submit
 * a report and download their certificates; anyone verifies a certificate by its token.
 */
import { z } from 'zod';
import { publicAccess, signedIn, staffOnly } from '../../core/access/policy.js';
import { accessorOf, actorOf, me } from '../../platform/http/request.js';
import type { App } from '../../platform/http/server.js';
import type { ModuleDeps } from '../../platform/module.js';
import {
  AttendanceCorrection,
  AttendanceCorrectionResult,
  CertificateList,
  CertificateVerification,
  CertificateView,
  CheckinCodeView,
  CheckinInput,
  CheckinResult,
  CohortAttendanceQuery,
  CohortAttendanceView,
  CohortCompletionQuery,
  CohortCompletionView,
  CohortRatesView,
  ExperimentReportInput,
  ExperimentReportView,
  IssueCertificatesResult,
  MyCertificateList,
  MyCertificateView,
  ProgressView,
  RevokeInput,
  SessionUserParams,
  TokenParams,
} from '../../shared/contracts/attendance.js';
import { ErrorBody, IdParams } from '../../shared/contracts/common.js';
import * as certs from './certificates.js';
import { checkIn, checkinCode, cohortAttendance, cohortRates, correctAttendance } from './checkin.js';
import { cohortCompletion } from './cohort-completion.js';
import { myProgress, submitReport } from './progress.js';
import { CheckinThrottle } from './throttle.js';

/** The PDF's bytes (Fastify sends a Buffer as it is). */
const PdfBytes = z.unknown().describe('The certificate as a PDF (application/pdf)');

export function registerAttendanceRoutes(app: App, deps: ModuleDeps, throttle: CheckinThrottle = new CheckinThrottle(deps.db)): void {
  const { db, now, config } = deps;
  const staffTags = ['attendance (staff)'];
  const mineTags = ['attendance (participant)'];
  const err = { 400: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };

  // ---- codes and check-in ----
  app.route({
    method: 'GET',
    url: '/api/v1/admin/sessions/:id/checkin-code',
    config: { policy: staffOnly },
    schema: {
      tags: staffTags,
      summary: `The session's current six-digit check-in code with its QR code (an SVG of the check-in page address) and when it rotates; only while check-in is open (15 minutes before the start until the end), 409 otherwise`,
      params: IdParams,
      response: { 200: CheckinCodeView, 404: ErrorBody, 409: ErrorBody },
    },
    handler: (request) => checkinCode(db, config, request.params.id, now()),
  });

  app.route({
    method: 'POST',
    url: '/api/v1/me/checkins',
    config: { policy: signedIn, rateLimited: true },
    schema: {
      tags: mineTags,
      summary:
        'Check in to a session of my cohort with the code shown in the room (the current or the previous one), while check-in is open. 201 for a new check-in, 200 with the existing record when already recorded. Other people get 404; wrong codes are limited per person (429)',
      body: CheckinInput,
      response: { 200: CheckinResult, 201: CheckinResult, ...err, 429: ErrorBody },
    },
    handler: async (request, reply) => {
      const result = await checkIn({ db, throttle, config }, me(request), request.body, now());
      return reply.status(result.created ? 201 : 200).send(result);
    },
  });

  app.route({
    method: 'PUT',
    url: '/api/v1/admin/sessions/:id/attendance/:userId',
    config: { policy: staffOnly },
    schema: {
      tags: staffTags,
      summary:
        "Set a participant's attendance for a session by hand (present, absent or excused) with a reason of 5–500 characters (audited, before and after). When the person holds a certificate of the cohort, the answer says whether they still meet the rules (the certificate is never revoked automatically)",
      params: SessionUserParams,
      body: AttendanceCorrection,
      response: { 200: AttendanceCorrectionResult, ...err },
    },
    handler: (request) => correctAttendance(db, actorOf(request), request.params.id, request.params.userId, request.body, now()),
  });

  app.route({
    method: 'GET',
    url: '/api/v1/admin/cohorts/:id/attendance',
    config: { policy: staffOnly },
    schema: {
      tags: staffTags,
      summary:
        "One page of the cohort's people by name with their attendance rates (?q a part of the name or the address, ?standing against the programme's minimum), and the rates per session and for the cohort, which count every member; only sessions that have started are due (access-logged: it names people)",
      params: IdParams,
      querystring: CohortAttendanceQuery,
      response: { 200: CohortAttendanceView, 400: ErrorBody, 404: ErrorBody },
    },
    handler: (request) => cohortAttendance(db, accessorOf(request), request.params.id, request.query, now()),
  });

  app.route({
    method: 'GET',
    url: '/api/v1/admin/cohorts/:id/attendance-rates',
    config: { policy: staffOnly },
    schema: {
      tags: staffTags,
      summary: 'The attendance rates per session and for the cohort, counting every member, without naming anyone; only sessions that have started are due',
      params: IdParams,
      response: { 200: CohortRatesView, 404: ErrorBody },
    },
    handler: (request) => cohortRates(db, request.params.id, now()),
  });

  // ---- completion ----
  app.route({
    method: 'GET',
    url: '/api/v1/me/cohorts/:id/progress',
    config: { policy: signedIn },
    schema: {
      tags: mineTags,
      summary: "My progress towards completing a cohort I belong to: each rule of the programme with what is still missing, my report and my certificate",
      params: IdParams,
      response: { 200: ProgressView, 404: ErrorBody },
    },
    handler: (request) => myProgress(db, me(request), request.params.id, now()),
  });

  app.route({
    method: 'POST',
    url: '/api/v1/me/cohorts/:id/experiment-report',
    config: { policy: signedIn },
    schema: {
      tags: mineTags,
      summary: 'Submit my experiment report (title and summary, text only) for a cohort I belong to; 201 the first time, 200 when it replaces the earlier one',
      params: IdParams,
      body: ExperimentReportInput,
      response: { 200: ExperimentReportView, 201: ExperimentReportView, ...err },
    },
    handler: async (request, reply) => {
      const { created, report } = await submitReport(db, me(request), request.params.id, request.body, now());
      return reply.status(created ? 201 : 200).send(report);
    },
  });

  app.route({
    method: 'GET',
    url: '/api/v1/admin/cohorts/:id/completion',
    config: { policy: staffOnly },
    schema: {
      tags: staffTags,
      summary:
        "One page of the members by name, each against the programme's completion rules (every rule met or not, with what is missing), with their certificate and whether it is still supported by the record (?q a part of the name or the address, ?filter one of the totals); and the cohort's totals over every member (access-logged: it names people)",
      params: IdParams,
      querystring: CohortCompletionQuery,
      response: { 200: CohortCompletionView, 400: ErrorBody, 404: ErrorBody },
    },
    handler: (request) => cohortCompletion(db, accessorOf(request), request.params.id, request.query, now()),
  });

  // ---- certificates: staff ----
  app.route({
    method: 'POST',
    url: '/api/v1/admin/cohorts/:id/certificates',
    config: { policy: staffOnly },
    schema: {
      tags: staffTags,
      summary: 'Issue a certificate to every member who has completed the cohort and has none yet (idempotent; audited per certificate); lists who has not completed',
      params: IdParams,
      response: { 200: IssueCertificatesResult, 404: ErrorBody, 409: ErrorBody },
    },
    handler: (request) => certs.issueCertificates(db, actorOf(request), accessorOf(request), request.params.id, config.publicUrl, now()),
  });

  app.route({
    method: 'GET',
    url: '/api/v1/admin/cohorts/:id/certificates',
    config: { policy: staffOnly },
    schema: {
      tags: staffTags,
      summary: "The cohort's certificates with their status, each valid one flagged when its holder no longer meets the rules (access-logged: it names people)",
      params: IdParams,
      response: { 200: CertificateList, 404: ErrorBody },
    },
    handler: async (request) => ({ certificates: await certs.cohortCertificates(db, accessorOf(request), request.params.id, config.publicUrl, now()) }),
  });

  app.route({
    method: 'POST',
    url: '/api/v1/admin/certificates/:id/revoke',
    config: { policy: staffOnly },
    schema: {
      tags: staffTags,
      summary: 'Revoke a certificate with a reason of 5–500 characters (audited); it then verifies as revoked',
      params: IdParams,
      body: RevokeInput,
      response: { 200: CertificateView, ...err },
    },
    handler: (request) => certs.revokeCertificate(db, actorOf(request), request.params.id, request.body.reason, config.publicUrl, now()),
  });

  // ---- certificates: holders and the public ----
  app.route({
    method: 'GET',
    url: '/api/v1/me/certificates',
    config: { policy: signedIn },
    schema: { tags: mineTags, summary: 'My certificates', response: { 200: MyCertificateList } },
    handler: async (request) => ({ certificates: await certs.myCertificates(db, me(request), config.publicUrl) }),
  });

  app.route({
    method: 'GET',
    url: '/api/v1/me/certificates/:id',
    config: { policy: signedIn },
    schema: { tags: mineTags, summary: "One of my certificates (someone else's is 404)", params: IdParams, response: { 200: MyCertificateView, 404: ErrorBody } },
    handler: (request) => certs.myCertificate(db, me(request), request.params.id, config.publicUrl),
  });

  app.route({
    method: 'GET',
    url: '/api/v1/me/certificates/:id.pdf',
    config: { policy: signedIn },
    schema: {
      tags: mineTags,
      summary: "My certificate as a bilingual PDF with the Korean font embedded and a QR code of the verification address (someone else's is 404; a revoked one 409; 503 when the server has no certificate font)",
      params: IdParams,
      response: { 200: PdfBytes, 404: ErrorBody, 409: ErrorBody, 503: ErrorBody },
    },
    handler: async (request, reply) => {
      const { number, bytes } = await certs.myCertificatePdf(db, me(request), request.params.id, config);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="certificate-${number}.pdf"`)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .send(Buffer.from(bytes));
    },
  });

  app.route({
    method: 'GET',
    url: '/api/v1/certificates/verify/:token',
    config: { policy: publicAccess },
    schema: {
      tags: ['certificates (public)'],
      summary: 'Verify a certificate by the token of its verification link: holder, programme, cohort, dates, issue date and whether it is valid or revoked — nothing else',
      params: TokenParams,
      response: { 200: CertificateVerification, 404: ErrorBody },
    },
    handler: (request) => certs.verifyCertificate(db, request.params.token),
  });
}
