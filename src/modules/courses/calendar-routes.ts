/**
 * HTTP routes of the iCalendar feeds (docs/calendars.md). Two are public: a published cohort's
 * timetable, and a personal feed authenticated by the secret token in its URL (calendar apps send
 * no cookies). Minting, listing and revoking tokens needs a signed-in account. The courses
 * module's registerRoutes calls registerCalendarRoutes.
 */
import type { FastifyReply } from 'fastify';
import { publicAccess, signedIn } from '../../core/access/policy.js';
import { me, principalOf } from '../../platform/http/request.js';
import type { App } from '../../platform/http/server.js';
import type { ModuleDeps } from '../../platform/module.js';
import { CalendarTokenList, CalendarTokenMinted, CalendarTokenRequest, FeedKindParams, FeedLangQuery, FeedTokenParams } from '../../shared/contracts/calendars.js';
import { ErrorBody, IdParams, Ok } from '../../shared/contracts/common.js';
import { cohortFeed, listTokens, mintToken, revokeToken, tokenFeed } from './calendar-feeds.js';

function sendCalendar(reply: FastifyReply, text: string) {
  return reply.type('text/calendar; charset=utf-8').header('content-disposition', 'inline; filename="calendar.ics"').send(text);
}

export function registerCalendarRoutes(app: App, deps: ModuleDeps): void {
  const { db, config } = deps;
  const tags = ['courses: calendars'];

  app.route({
    method: 'GET',
    url: '/api/v1/calendars/cohorts/:id.ics',
    config: { policy: publicAccess },
    schema: {
      tags,
      summary: "A published cohort's timetable as an iCalendar feed (RFC 5545, Asia/Seoul)",
      params: IdParams,
      querystring: FeedLangQuery,
      response: { 404: ErrorBody },
    },
    handler: async (request, reply) => sendCalendar(reply, await cohortFeed(db, config, request.params.id, request.query.lang ?? request.lang)),
  });
  app.route({
    method: 'GET',
    url: '/api/v1/calendars/feeds/:token.ics',
    // Public route: the unguessable token in the URL is the credential (only its hash is stored).
    config: { policy: publicAccess },
    // The request logs would write the URL, token included: only warnings and errors are logged here.
    logLevel: 'warn',
    schema: {
      tags,
      summary: "A participant's or lecturer's personal iCalendar feed, authenticated by its secret token",
      params: FeedTokenParams,
      querystring: FeedLangQuery,
      response: { 404: ErrorBody },
    },
    handler: async (request, reply) => sendCalendar(reply, await tokenFeed(db, config, request.params.token, request.query.lang ?? null)),
  });
  app.route({
    method: 'POST',
    url: '/api/v1/me/calendar-tokens',
    config: { policy: signedIn },
    schema: {
      tags,
      summary: 'Make a secret feed URL for my courses (participant) or my teaching (lecturer); shown once, replaces the previous one',
      body: CalendarTokenRequest,
      response: { 201: CalendarTokenMinted, 400: ErrorBody, 403: ErrorBody, 422: ErrorBody },
    },
    handler: async (request, reply) => reply.status(201).send(await mintToken(db, config, me(request), principalOf(request).roles, request.body.kind, deps.now())),
  });
  app.route({
    method: 'GET',
    url: '/api/v1/me/calendar-tokens',
    config: { policy: signedIn },
    schema: { tags, summary: 'My calendar feeds (which kinds exist and are active; never the URL again)', response: { 200: CalendarTokenList } },
    handler: async (request) => ({ tokens: await listTokens(db, me(request)) }),
  });
  app.route({
    method: 'DELETE',
    url: '/api/v1/me/calendar-tokens/:kind',
    config: { policy: signedIn },
    schema: { tags, summary: 'Revoke my feed URL of this kind', params: FeedKindParams, response: { 200: Ok, 400: ErrorBody } },
    handler: async (request) => {
      await revokeToken(db, me(request), request.params.kind);
      return { ok: true as const };
    },
  });
}
