/** The audit trail, readable by staff; there is no route that changes it. */
import { and, count, desc, eq, type SQL } from 'drizzle-orm';
import { staffOnly } from '../../core/access/policy.js';
import { ErrorBody } from '../../shared/contracts/common.js';
import { AuditPage, AuditQuery } from '../../shared/contracts/accounts.js';
import { offsetOf } from '../../shared/contracts/paging.js';
import { auditLog } from '../../platform/db/schema/index.js';
import type { App } from '../../platform/http/server.js';
import type { ModuleDeps } from '../../platform/module.js';

export function registerAuditRoutes(app: App, { db }: ModuleDeps): void {
  app.route({
    method: 'GET',
    url: '/api/v1/admin/audit-log',
    config: { policy: staffOnly },
    schema: {
      tags: ['audit'],
      summary: 'One page of the audit entries, newest first (who, when, what, before/after); ?entityType, ?action',
      querystring: AuditQuery,
      response: { 200: AuditPage, 400: ErrorBody },
    },
    handler: async (request) => {
      const query = request.query;
      const conds: SQL[] = [];
      if (query.entityType) conds.push(eq(auditLog.entityType, query.entityType));
      if (query.action) conds.push(eq(auditLog.action, query.action));
      const where = conds.length ? and(...conds) : undefined;
      const rows = await db.select().from(auditLog).where(where).orderBy(desc(auditLog.id)).limit(query.pageSize).offset(offsetOf(query));
      const [n] = await db.select({ n: count() }).from(auditLog).where(where);
      return { items: rows.map((r) => ({ ...r, at: r.at.toISOString() })), total: Number(n?.n ?? 0), page: query.page, pageSize: query.pageSize };
    },
  });
}
