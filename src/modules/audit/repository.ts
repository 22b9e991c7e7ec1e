/** Reads of the audit trail (rows are written by platform/audit.ts inside each change's transaction). */
import { and, count, desc, eq, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.js';
import { auditLog } from '../../platform/db/schema/index.js';

export type AuditRow = typeof auditLog.$inferSelect;

export interface AuditFilter {
  entityType?: string | undefined;
  action?: string | undefined;
}

/** One page of entries, newest first (ids are UUIDv7, so id order is time order), and the total. */
export async function auditPage(db: Db, filter: AuditFilter, offset: number, limit: number): Promise<{ rows: AuditRow[]; total: number }> {
  const conds: SQL[] = [];
  if (filter.entityType) conds.push(eq(auditLog.entityType, filter.entityType));
  if (filter.action) conds.push(eq(auditLog.action, filter.action));
  const where = conds.length ? and(...conds) : undefined;
  const rows = await db.select().from(auditLog).where(where).orderBy(desc(auditLog.id)).limit(limit).offset(offset);
  const [n] = await db.select({ n: count() }).from(auditLog).where(where);
  return { rows, total: Number(n?.n ?? 0) };
}
