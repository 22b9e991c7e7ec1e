/**
 * Data access for courses: programmes, cohorts, rooms, modules, sessions, lecturers, materials.
 * Other modules do not import this file; what they may use of courses is in public.ts.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { DomainError } from '../../core/shared/domain-error.js';
import type { LocalizedText } from '../../core/shared/localized.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { cohorts, courseModules, courseSessions, enrolments, materials, participants, programmes, rooms, sessionLecturers, storedFiles, users } from '../../platform/db/schema/index.js';

export type ProgrammeRow = typeof programmes.$inferSelect;
export type CohortRow = typeof cohorts.$inferSelect;
export type RoomRow = typeof rooms.$inferSelect;
export type ModuleRow = typeof courseModules.$inferSelect;
export type SessionRow = typeof courseSessions.$inferSelect;
export type SessionLecturerRow = typeof sessionLecturers.$inferSelect;
export type MaterialRow = typeof materials.$inferSelect;

/** A session's lecturer with the name to show: the account's name, or the external name. */
export interface LecturerWithName extends SessionLecturerRow {
  /** The account's name for a network lecturer, the external name otherwise. */
  displayName: string;
}

/** The cohort, or DomainError('courses.cohort_not_found') (→ 404). Any status: callers decide who may see drafts. */
export async function requireCohort(db: DbOrTx, id: string): Promise<CohortRow> {
  const [row] = await db.select().from(cohorts).where(eq(cohorts.id, id));
  if (!row) throw new DomainError('courses.cohort_not_found');
  return row;
}

/** All sessions of a cohort, in curriculum order (position, then creation). */
export async function sessionsOfCohort(db: DbOrTx, cohortId: string): Promise<SessionRow[]> {
  return db
    .select()
    .from(courseSessions)
    .where(eq(courseSessions.cohortId, cohortId))
    .orderBy(asc(courseSessions.position), asc(courseSessions.createdAt), asc(courseSessions.id));
}

/** The lecturers of these sessions with their display names, in the order they were added. */
export async function lecturersOfSessions(db: DbOrTx, sessionIds: readonly string[]): Promise<LecturerWithName[]> {
  if (sessionIds.length === 0) return [];
  const rows = await db
    .select({ lecturer: sessionLecturers, userName: users.name })
    .from(sessionLecturers)
    .leftJoin(users, eq(users.id, sessionLecturers.userId))
    .where(inArray(sessionLecturers.sessionId, [...sessionIds]))
    .orderBy(asc(sessionLecturers.id));
  return rows.map((r) => ({ ...r.lecturer, displayName: r.userName ?? r.lecturer.externalName ?? '' }));
}

// ---------------------------------------------------------------------------------------------
// Module-internal reads below; other modules should not need them.

export async function programmeById(db: DbOrTx, id: string): Promise<ProgrammeRow | undefined> {
  const [row] = await db.select().from(programmes).where(eq(programmes.id, id));
  return row;
}

export async function allProgrammes(db: DbOrTx): Promise<ProgrammeRow[]> {
  return db.select().from(programmes).orderBy(asc(programmes.createdAt), asc(programmes.id));
}

export async function allCohorts(db: DbOrTx, filter: { programmeId?: string | undefined; statuses?: CohortRow['status'][] } = {}): Promise<CohortRow[]> {
  const conds = [];
  if (filter.programmeId) conds.push(eq(cohorts.programmeId, filter.programmeId));
  if (filter.statuses) conds.push(inArray(cohorts.status, filter.statuses));
  return db
    .select()
    .from(cohorts)
    .where(conds.length ? and(...conds) : undefined)
    .orderBy(asc(cohorts.startsOn), asc(cohorts.createdAt), asc(cohorts.id));
}

export async function roomById(db: DbOrTx, id: string): Promise<RoomRow | undefined> {
  const [row] = await db.select().from(rooms).where(eq(rooms.id, id));
  return row;
}

export async function allRooms(db: DbOrTx): Promise<RoomRow[]> {
  return db.select().from(rooms).orderBy(asc(rooms.createdAt), asc(rooms.id));
}

export async function roomsByIds(db: DbOrTx, ids: readonly string[]): Promise<RoomRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(rooms).where(inArray(rooms.id, [...ids]));
}

export async function moduleById(db: DbOrTx, id: string): Promise<ModuleRow | undefined> {
  const [row] = await db.select().from(courseModules).where(eq(courseModules.id, id));
  return row;
}

export async function modulesOfCohort(db: DbOrTx, cohortId: string): Promise<ModuleRow[]> {
  return db.select().from(courseModules).where(eq(courseModules.cohortId, cohortId)).orderBy(asc(courseModules.position), asc(courseModules.id));
}

export async function sessionById(db: DbOrTx, id: string, lock = false): Promise<SessionRow | undefined> {
  const q = db.select().from(courseSessions).where(eq(courseSessions.id, id));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

/** Whether `userId` teaches at least one of this cohort's sessions, or `sessionId` when given. */
export async function teaches(db: DbOrTx, userId: string, where: { cohortId: string; sessionId?: string | null | undefined }): Promise<boolean> {
  const conds = [eq(sessionLecturers.userId, userId), eq(courseSessions.cohortId, where.cohortId)];
  if (where.sessionId) conds.push(eq(courseSessions.id, where.sessionId));
  const [row] = await db
    .select({ id: sessionLecturers.id })
    .from(sessionLecturers)
    .innerJoin(courseSessions, eq(courseSessions.id, sessionLecturers.sessionId))
    .where(and(...conds))
    .limit(1);
  return !!row;
}

export interface MaterialWithFile {
  material: MaterialRow;
  file: { name: string; size: number; mediaType: string; storageKey: string } | null;
}

/** Materials of a cohort (all, or only those of the given sessions) with their stored file's metadata. */
export async function materialsWithFiles(db: DbOrTx, cohortId: string): Promise<MaterialWithFile[]> {
  const rows = await db
    .select({ material: materials, name: storedFiles.originalName, size: storedFiles.size, mediaType: storedFiles.mediaType, storageKey: storedFiles.storageKey })
    .from(materials)
    .leftJoin(storedFiles, eq(storedFiles.id, materials.fileId))
    .where(eq(materials.cohortId, cohortId))
    .orderBy(asc(materials.createdAt), asc(materials.id));
  return rows.map((r) => ({
    material: r.material,
    file: r.name !== null && r.size !== null && r.mediaType !== null && r.storageKey !== null ? { name: r.name, size: r.size, mediaType: r.mediaType, storageKey: r.storageKey } : null,
  }));
}

export async function materialWithFile(db: DbOrTx, id: string): Promise<MaterialWithFile | undefined> {
  const [r] = await db
    .select({ material: materials, name: storedFiles.originalName, size: storedFiles.size, mediaType: storedFiles.mediaType, storageKey: storedFiles.storageKey })
    .from(materials)
    .leftJoin(storedFiles, eq(storedFiles.id, materials.fileId))
    .where(eq(materials.id, id));
  if (!r) return undefined;
  return {
    material: r.material,
    file: r.name !== null && r.size !== null && r.mediaType !== null && r.storageKey !== null ? { name: r.name, size: r.size, mediaType: r.mediaType, storageKey: r.storageKey } : null,
  };
}

/** Session counts per cohort, for lists. */
export async function sessionCounts(db: DbOrTx, cohortIds: readonly string[]): Promise<Map<string, number>> {
  if (cohortIds.length === 0) return new Map();
  const rows = await db
    .select({ cohortId: courseSessions.cohortId, n: sql<number>`count(*)::int` })
    .from(courseSessions)
    .where(inArray(courseSessions.cohortId, [...cohortIds]))
    .groupBy(courseSessions.cohortId);
  return new Map(rows.map((r) => [r.cohortId, Number(r.n)]));
}

export async function cohortCounts(db: DbOrTx): Promise<Map<string, number>> {
  const rows = await db
    .select({ programmeId: cohorts.programmeId, n: sql<number>`count(*)::int` })
    .from(cohorts)
    .groupBy(cohorts.programmeId);
  return new Map(rows.map((r) => [r.programmeId, Number(r.n)]));
}

/**
 * The non-draft cohorts `userId` belongs to, by the same rule as members.ts: a 'selection' cohort's
 * active participants of its call, an 'open' cohort's enrolled people.
 */
export async function cohortsOfMember(db: DbOrTx, userId: string): Promise<{ cohort: CohortRow; via: 'selection' | 'enrolment' }[]> {
  const visible = inArray(cohorts.status, ['published', 'finished']);
  const bySelection = await db
    .select({ cohort: cohorts })
    .from(cohorts)
    .innerJoin(participants, and(eq(participants.callId, cohorts.callId), eq(participants.userId, userId), eq(participants.status, 'active')))
    .where(and(eq(cohorts.enrolmentMode, 'selection'), visible));
  const byEnrolment = await db
    .select({ cohort: cohorts })
    .from(cohorts)
    .innerJoin(enrolments, and(eq(enrolments.cohortId, cohorts.id), eq(enrolments.userId, userId), eq(enrolments.status, 'enrolled')))
    .where(and(eq(cohorts.enrolmentMode, 'open'), visible));
  return [...bySelection.map((r) => ({ cohort: r.cohort, via: 'selection' as const })), ...byEnrolment.map((r) => ({ cohort: r.cohort, via: 'enrolment' as const }))].sort(
    (a, b) => a.cohort.startsOn.localeCompare(b.cohort.startsOn) || a.cohort.id.localeCompare(b.cohort.id),
  );
}

/** Enrolled people of an open cohort (a capacity below it is refused). */
export async function enrolledCount(db: DbOrTx, cohortId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(enrolments)
    .where(and(eq(enrolments.cohortId, cohortId), eq(enrolments.status, 'enrolled')));
  return Number(row?.n ?? 0);
}

/** The cohort (other than `exceptCohortId`) already filled by this call, if any. */
export async function cohortOfCall(db: DbOrTx, callId: string, exceptCohortId?: string): Promise<CohortRow | undefined> {
  const rows = await db.select().from(cohorts).where(eq(cohorts.callId, callId));
  return rows.find((r) => r.id !== exceptCohortId);
}

export interface SessionWhereAndWhen {
  startsAt: Date | null;
  endsAt: Date | null;
  roomId: string | null;
  placeText: LocalizedText | null;
}

/** Whether the time or the place differs: what calendar apps must be told about (SEQUENCE). */
export function timeOrPlaceChanged(before: SessionWhereAndWhen, after: SessionWhereAndWhen): boolean {
  const ms = (d: Date | null) => (d ? d.getTime() : null);
  const text = (t: LocalizedText | null) => (t ? `${t.ko}\u0000${t.en ?? ''}` : null);
  return ms(before.startsAt) !== ms(after.startsAt) || ms(before.endsAt) !== ms(after.endsAt) || before.roomId !== after.roomId || text(before.placeText) !== text(after.placeText);
}

/**
 * Moves a session (the timetable's "apply" and hand edits): writes the time and room, and bumps
 * `sequence` when either actually changed, so iCalendar clients replace the event. Returns the
 * stored row, or undefined when the session does not exist. Call it inside the caller's
 * transaction (with its audit entry).
 */
export async function placeSession(
  db: DbOrTx,
  sessionId: string,
  next: { startsAt: Date | null; endsAt: Date | null; roomId: string | null },
  now: Date,
): Promise<SessionRow | undefined> {
  const before = await sessionById(db, sessionId, true);
  if (!before) return undefined;
  const changed = timeOrPlaceChanged(before, { ...next, placeText: before.placeText ?? null });
  if (!changed) return before;
  const [after] = await db
    .update(courseSessions)
    .set({ startsAt: next.startsAt, endsAt: next.endsAt, roomId: next.roomId, sequence: before.sequence + 1, updatedAt: now })
    .where(eq(courseSessions.id, sessionId))
    .returning();
  return after;
}
