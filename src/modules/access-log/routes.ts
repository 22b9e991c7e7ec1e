/** The personal-data access log, readable by staff; there is no route that changes it. */
import { staffOnly } from '../../core/access/policy.js';
import { AccessLogPage, AccessLogQuery } from '../../shared/contracts/access-log.js';
import type { App } from '../../platform/http/server.js';
import type { ModuleDeps } from '../../platform/module.js';
import { accessLogEntries } from './repository.js';

export function registerAccessLogRoutes(app: App, { db }: ModuleDeps): void {
  app.route({
    method: 'GET',
    url: '/api/v1/admin/access-log',
    config: { policy: staffOnly },
    schema: {
      tags: ['audit'],
      summary: 'Newest-first personal-data accesses (who, when, from where, what, why); page with ?before=<last id>',
      querystring: AccessLogQuery,
      response: { 200: AccessLogPage },
    },
    handler: async (request) => {
      const { limit, ...filter } = request.query;
      const { rows: page, more } = await accessLogEntries(db, filter, limit);
      return {
        entries: page.map((r) => ({ ...r, at: r.at.toISOString() })),
        nextBefore: more ? page[page.length - 1]!.id : null,
      };
    },
  });
}
