/** HTTP routes of the home page: the campus's upcoming sessions (public) and my own overview (signed in). */
import { publicAccess, signedIn } from '../../core/access/policy.js';
import { ErrorBody } from '../../shared/contracts/common.js';
import { MeOverview, UpcomingList, UpcomingQuery } from '../../shared/contracts/home.js';
import { me } from '../../platform/http/request.js';
import type { App } from '../../platform/http/server.js';
import type { ModuleDeps } from '../../platform/module.js';
import * as uc from './use-cases.js';

export function registerHomeRoutes(app: App, { db, now }: ModuleDeps): void {
  app.route({
    method: 'GET',
    url: '/api/v1/upcoming',
    config: { policy: publicAccess },
    schema: {
      tags: ['home'],
      summary: "What is coming up: timetabled sessions of published cohorts that have not ended, soonest first (titles, times, places; no lecturers' or members' data)",
      querystring: UpcomingQuery,
      response: { 200: UpcomingList, 400: ErrorBody },
    },
    handler: (request) => uc.upcoming(db, now(), request.query.limit),
  });
  app.route({
    method: 'GET',
    url: '/api/v1/me/overview',
    config: { policy: signedIn },
    schema: {
      tags: ['home'],
      summary: 'My overview: my next session (as member or lecturer), my applications with their standing, and how many reviews and invitations wait for me',
      response: { 200: MeOverview },
    },
    handler: (request) => uc.myOverview(db, me(request), now()),
  });
}
