/** Data access of attendance, experiment reports and certificates. */
import { and, asc, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.js';
import { attendance, certificates, cohorts, courseSessions, experimentReports, programmes } from '../../platform/db/schema/index.js';

export type SessionRow = typeof courseSessions.$inferSelect;
export type CohortRow = typeof cohorts.$inferSelect;
export type ProgrammeRow = typeof programmes.$inferSelect;
export type AttendanceRow = typeof attendance.$inferSelect;
export type ReportRow = typeof experimentReports.$inferSelect;
export type CertificateRow = typeof certificates.$inferSelect;

export async function sessionById(db: DbOrTx, id: string): Promise<SessionRow | undefined> {
  const [row] = await db.select().from(courseSessions).where(eq(courseSessions.id, id));
  return row;
}

export async function cohortWithProgramme(db: DbOrTx, cohortId: string): Promise<{ cohort: CohortRow; programme: ProgrammeRow } | undefined> {
  const [row] = await db.select({ cohort: cohorts, programme: programmes }).from(cohorts).innerJoin(programmes, eq(programmes.id, cohorts.programmeId)).where(eq(cohorts.id, cohortId));
  return row;
}

/** The curriculum of a cohort in time order (sessions without times last). */
export async function sessionsOfCohort(db: DbOrTx, cohortId: string): Promise<SessionRow[]> {
  return db
    .select()
    .from(courseSessions)
    .where(eq(courseSessions.cohortId, cohortId))
    .orderBy(sql`${courseSessions.startsAt} asc nulls last`, asc(courseSessions.position), asc(courseSessions.id));
}

/** Sessions (of any cohort) whose check-in window contains `now`: started by now + opensBefore, not ended. */
export async function sessionsInWindow(db: DbOrTx, now: Date, opensBeforeMs: number): Promise<SessionRow[]> {
  const latestStart = new Date(now.getTime() + opensBeforeMs);
  return db
    .select()
    .from(courseSessions)
    .where(and(lte(courseSessions.startsAt, latestStart), gte(courseSessions.endsAt, now)));
}

export async function attendanceOfSessions(db: DbOrTx, sessionIds: readonly string[]): Promise<AttendanceRow[]> {
  if (sessionIds.length === 0) return [];
  return db.select().from(attendance).where(inArray(attendance.sessionId, [...sessionIds]));
}

export async function attendanceOf(db: DbOrTx, sessionId: string, userId: string): Promise<AttendanceRow | undefined> {
  const [row] = await db.select().from(attendance).where(and(eq(attendance.sessionId, sessionId), eq(attendance.userId, userId)));
  return row;
}

export async function reportOf(db: DbOrTx, cohortId: string, userId: string): Promise<ReportRow | undefined> {
  const [row] = await db.select().from(experimentReports).where(and(eq(experimentReports.cohortId, cohortId), eq(experimentReports.userId, userId)));
  return row;
}

export async function reportsOfCohort(db: DbOrTx, cohortId: string): Promise<ReportRow[]> {
  return db.select().from(experimentReports).where(eq(experimentReports.cohortId, cohortId));
}

export async function certificateById(db: DbOrTx, id: string): Promise<CertificateRow | undefined> {
  const [row] = await db.select().from(certificates).where(eq(certificates.id, id));
  return row;
}

export async function certificateByToken(db: DbOrTx, token: string): Promise<CertificateRow | undefined> {
  const [row] = await db.select().from(certificates).where(eq(certificates.token, token));
  return row;
}

export async function certificateOf(db: DbOrTx, cohortId: string, userId: string): Promise<CertificateRow | undefined> {
  const [row] = await db.select().from(certificates).where(and(eq(certificates.cohortId, cohortId), eq(certificates.userId, userId)));
  return row;
}

export async function certificatesOfCohort(db: DbOrTx, cohortId: string): Promise<CertificateRow[]> {
  return db.select().from(certificates).where(eq(certificates.cohortId, cohortId)).orderBy(asc(certificates.number));
}

export async function certificatesOfUser(db: DbOrTx, userId: string): Promise<{ certificate: CertificateRow; cohort: CohortRow; programme: ProgrammeRow }[]> {
  return db
    .select({ certificate: certificates, cohort: cohorts, programme: programmes })
    .from(certificates)
    .innerJoin(cohorts, eq(cohorts.id, certificates.cohortId))
    .innerJoin(programmes, eq(programmes.id, cohorts.programmeId))
    .where(eq(certificates.userId, userId))
    .orderBy(asc(certificates.issuedAt));
}

/**
 * The highest running number already used after `prefix` ('OC-2020-TI-'), 0 when none. (The start
 * is cast: with a text parameter `substring(… from …)` would be the regular-expression form.)
 */
export async function lastCertificateSequence(db: DbOrTx, prefix: string): Promise<number> {
  const rows = await db
    .select({ n: sql<number | string | null>`max(cast(substring(${certificates.number} from cast(${prefix.length + 1} as integer)) as integer))` })
    .from(certificates)
    .where(sql`${certificates.number} like ${`${prefix}%`}`);
  return Number(rows[0]?.n ?? 0);
}

/**
 * Serialises certificate numbering for one prefix across requests and instances: a transaction-scoped
 * advisory lock, released at commit or rollback.
 */
export async function lockCertificatePrefix(tx: DbOrTx, prefix: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`certificate:${prefix}`}))`);
}
