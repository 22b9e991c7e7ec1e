/** The personal-data access log, readable by staff; there is no route that changes it. */
import { and, desc, eq, lt, type SQL } from 'drizzle-orm';
import { staffOnly } from '../../core/access/policy.js';
import { AccessLogPage, AccessLogQuery } from '../../shared/contracts/access-log.js';
import { accessLog } from '../../platform/db/schema/index.js';
import type { App } from '../../platform/http/server.js';
import type { ModuleDeps } from '../../platform/module.js';

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
      const { action, subjectType, actorId, limit, before } = request.query;
      const where: SQL[] = [];
      if (action) where.push(eq(accessLog.action, action));
      if (subjectType) where.push(eq(accessLog.subjectType, subjectType));
      if (actorId) where.push(eq(accessLog.actorId, actorId));
      if (before) where.push(lt(accessLog.id, before));
      const rows = await db
        .select()
        .from(accessLog)
        .where(where.length ? and(...where) : undefined)
        .orderBy(desc(accessLog.id))
        .limit(limit + 1);
      const page = rows.slice(0, limit);
      return {
        entries: page.map((r) => ({ ...r, at: r.at.toISOString() })),
        nextBefore: rows.length > limit ? page[page.length - 1]!.id : null,
      };
    },
  });
}
