/** Data access for calls and applications. */
import { and, asc, count, desc, eq, ilike, inArray, isNull, or, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.js';
import { containsPattern } from '../../platform/db/like.js';
import { applications, calls, storedFiles, users } from '../../platform/db/schema/index.js';

export type CallRow = typeof calls.$inferSelect;
export type ApplicationRow = typeof applications.$inferSelect;

export async function callById(db: DbOrTx, id: string, lock = false): Promise<CallRow | undefined> {
  const q = db.select().from(calls).where(eq(calls.id, id));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

/** A call as the public and applicants may see it: never a draft (security row 6). */
export async function visibleCall(db: DbOrTx, id: string, statuses: ('published' | 'closed')[]): Promise<CallRow | undefined> {
  const [row] = await db
    .select()
    .from(calls)
    .where(and(eq(calls.id, id), inArray(calls.status, statuses)));
  return row;
}

export async function callRows(db: DbOrTx, statuses?: ('draft' | 'published' | 'closed')[]): Promise<CallRow[]> {
  const q = db.select().from(calls);
  return (statuses ? q.where(inArray(calls.status, statuses)) : q).orderBy(desc(calls.opensAt), asc(calls.createdAt));
}

export async function applicationOf(db: DbOrTx, callId: string, userId: string, lock = false): Promise<ApplicationRow | undefined> {
  const q = db
    .select()
    .from(applications)
    .where(and(eq(applications.callId, callId), eq(applications.userId, userId)));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

export interface ApplicationFilter {
  status?: ApplicationRow['status'];
  q?: string;
}

function applicationWhere(callId: string, f: ApplicationFilter): SQL {
  const conds: SQL[] = [eq(applications.callId, callId)];
  if (f.status) conds.push(eq(applications.status, f.status));
  if (f.q) {
    const p = containsPattern(f.q);
    // An anonymised application no longer says who applied, so no name or address finds it.
    conds.push(and(isNull(applications.anonymisedAt), or(ilike(users.name, p), ilike(users.email, p)))!);
  }
  return and(...conds)!;
}

/** One page of a call's applications in the order they were started, and how many the filter matches. */
export async function applicationsPage(db: DbOrTx, callId: string, filter: ApplicationFilter, offset: number, limit: number) {
  const where = applicationWhere(callId, filter);
  const rows = await db
    .select({ app: applications, name: users.name })
    .from(applications)
    .innerJoin(users, eq(users.id, applications.userId))
    .where(where)
    .orderBy(asc(applications.createdAt), asc(applications.id))
    .limit(limit)
    .offset(offset);
  const [n] = await db.select({ n: count() }).from(applications).innerJoin(users, eq(users.id, applications.userId)).where(where);
  return { rows, total: Number(n?.n ?? 0) };
}

/** A call's applications by state, whatever the filters. */
export async function applicationCounts(db: DbOrTx, callId: string): Promise<Map<string, number>> {
  const rows = await db.select({ status: applications.status, n: count() }).from(applications).where(eq(applications.callId, callId)).groupBy(applications.status);
  return new Map(rows.map((r) => [r.status, Number(r.n)]));
}

/** Applications with the applicant's name and e-mail, for staff exports (each one is access-logged). */
export async function applicationsForExport(db: DbOrTx, callId: string) {
  return db
    .select({ app: applications, name: users.name, email: users.email })
    .from(applications)
    .innerJoin(users, eq(users.id, applications.userId))
    .where(eq(applications.callId, callId))
    .orderBy(asc(applications.createdAt));
}
export type ApplicationExportRow = Awaited<ReturnType<typeof applicationsForExport>>[number];

/** The files stored for an application: which question each answers and whose it is. */
export async function fileRefsOfApplication(db: DbOrTx, applicationId: string) {
  return db
    .select({ id: storedFiles.id, questionKey: storedFiles.questionKey, ownerId: storedFiles.ownerId })
    .from(storedFiles)
    .where(eq(storedFiles.applicationId, applicationId));
}
