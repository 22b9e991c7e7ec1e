/** The audit trail, readable by staff; there is no route that changes it. */
import { staffOnly } from '../../core/access/policy.js';
import { ErrorBody } from '../../shared/contracts/common.js';
import { AuditPage, AuditQuery } from '../../shared/contracts/accounts.js';
import { offsetOf } from '../../shared/contracts/paging.js';
import type { App } from '../../platform/http/server.js';
import type { ModuleDeps } from '../../platform/module.js';
import { auditPage } from './repository.js';

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
      const { rows, total } = await auditPage(db, query, offsetOf(query), query.pageSize);
      return { items: rows.map((r) => ({ ...r, at: r.at.toISOString() })), total, page: query.page, pageSize: query.pageSize };
    },
  });
}
