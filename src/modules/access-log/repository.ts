/** Reads of the personal-data access log (rows are written by platform/access-log.ts). */
import { and, desc, eq, lt, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.js';
import { accessLog } from '../../platform/db/schema/index.js';

export type AccessLogRow = typeof accessLog.$inferSelect;

export interface AccessLogFilter {
  action?: AccessLogRow['action'] | undefined;
  subjectType?: AccessLogRow['subjectType'] | undefined;
  actorId?: string | undefined;
  /** Only entries older than this id (the last one of the previous page). */
  before?: string | undefined;
}

/** Up to `limit` entries, newest first, and whether more follow. */
export async function accessLogEntries(db: Db, filter: AccessLogFilter, limit: number): Promise<{ rows: AccessLogRow[]; more: boolean }> {
  const where: SQL[] = [];
  if (filter.action) where.push(eq(accessLog.action, filter.action));
  if (filter.subjectType) where.push(eq(accessLog.subjectType, filter.subjectType));
  if (filter.actorId) where.push(eq(accessLog.actorId, filter.actorId));
  if (filter.before) where.push(lt(accessLog.id, filter.before));
  const rows = await db
    .select()
    .from(accessLog)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(accessLog.id))
    .limit(limit + 1);
  return { rows: rows.slice(0, limit), more: rows.length > limit };
}
