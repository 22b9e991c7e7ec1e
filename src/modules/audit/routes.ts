/** The audit trail, readable by staff; there is no route that changes it. */
import { and, desc, eq, lt, type SQL } from 'drizzle-orm';
import { staffOnly } from '../../core/access/policy.js';
import { AuditPage, AuditQuery } from '../../shared/contracts/accounts.js';
import { auditLog } from '../../platform/db/schema/index.js';
import type { App } from '../../platform/http/server.js';
import type { ModuleDeps } from '../../platform/module.js';

export function registerAuditRoutes(app: App, { db }: ModuleDeps): void {
  app.route({
    method: 'GET',
    url: '/api/v1/admin/audit-log',
    config: { policy: staffOnly },
    schema: { tags: ['audit'], summary: 'Newest-first audit entries (who, when, what, before/after); page with ?before=<last id>', querystring: AuditQuery, response: { 200: AuditPage } },
    handler: async (request) => {
      const { entityType, limit, before } = request.query;
      const where: SQL[] = [];
      if (entityType) where.push(eq(auditLog.entityType, entityType));
      if (before) where.push(lt(auditLog.id, before));
      const rows = await db
        .select()
        .from(auditLog)
        .where(where.length ? and(...where) : undefined)
        .orderBy(desc(auditLog.id))
        .limit(limit + 1);
      const page = rows.slice(0, limit);
      return {
        entries: page.map((r) => ({ ...r, at: r.at.toISOString() })),
        nextBefore: rows.length > limit ? page[page.length - 1]!.id : null,
      };
    },
  });
}
