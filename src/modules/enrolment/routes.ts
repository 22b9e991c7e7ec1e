/** HTTP routes of enrolment: citizens enrol in open cohorts, cancel and read their enrolments; staff read a cohort's list. */
import { signedIn, staffOnly } from '../../core/access/policy.js';
import { ErrorBody, IdParams } from '../../shared/contracts/common.js';
import { CohortEnrolmentsList, EnrolmentHeaders, EnrolmentView, MyEnrolmentsList } from '../../shared/contracts/enrolment.js';
import { accessorOf, me, personOf } from '../../platform/http/request.js';
import type { App } from '../../platform/http/server.js';
import { outboxDispatcherFor } from '../../platform/mail/dispatcher.js';
import type { ModuleDeps } from '../../platform/module.js';
import * as uc from './use-cases.js';

export function registerEnrolmentRoutes(app: App, deps: ModuleDeps): void {
  const { db } = deps;
  const outbox = () => outboxDispatcherFor(deps, (err) => app.log.error({ err }, 'outbox pass failed'));
  const mine = ['enrolment (citizen)'];
  const staff = ['enrolment (staff)'];

  app.route({
    method: 'POST',
    url: '/api/v1/cohorts/:id/enrolment',
    config: { policy: signedIn, verifiedEmail: true },
    schema: {
      tags: mine,
      summary:
        'Enrol in a published open cohort inside its enrolment window: a seat (201, enrolled) or, when full, the next waitlist position (201, waitlisted). Already enrolled or waitlisted: 200 with the enrolment. With an Idempotency-Key, a retry answers as the first request did (header Idempotent-Replayed: true) and never enrols twice; the same key for another cohort is refused (422).',
      params: IdParams,
      headers: EnrolmentHeaders,
      response: { 200: EnrolmentView, 201: EnrolmentView, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody },
    },
    handler: async (request, reply) => {
      const key = request.headers['idempotency-key'] ?? null;
      const outcome = await uc.enrol(deps, personOf(request), request.params.id, key);
      if (outcome.replayed) void reply.header('idempotent-replayed', 'true');
      return reply.status(outcome.status).send(outcome.enrolment);
    },
  });
  app.route({
    method: 'DELETE',
    url: '/api/v1/cohorts/:id/enrolment',
    config: { policy: signedIn },
    schema: {
      tags: mine,
      summary: 'Cancel my enrolment (enrolled or waitlisted); a freed seat goes to the first on the waitlist, who is told by e-mail, and the waitlist closes up',
      params: IdParams,
      response: { 200: EnrolmentView, 404: ErrorBody, 409: ErrorBody },
    },
    handler: async (request) => {
      const { enrolment, promoted } = await uc.cancel(deps, personOf(request), request.params.id);
      if (promoted > 0) outbox().kick();
      return enrolment;
    },
  });
  app.route({
    method: 'GET',
    url: '/api/v1/me/enrolments',
    config: { policy: signedIn },
    schema: { tags: mine, summary: 'My enrolments with the cohort’s title, place and dates, status and waitlist position', response: { 200: MyEnrolmentsList } },
    handler: (request) => uc.myEnrolments(db, me(request)),
  });
  app.route({
    method: 'GET',
    url: '/api/v1/admin/cohorts/:id/enrolments',
    config: { policy: staffOnly },
    schema: {
      tags: staff,
      summary: 'A cohort’s enrolments with names and e-mail addresses: enrolled, the waitlist in order, cancellations (access-logged)',
      params: IdParams,
      response: { 200: CohortEnrolmentsList, 404: ErrorBody },
    },
    handler: (request) => uc.cohortEnrolments(db, accessorOf(request), request.params.id),
  });
}
