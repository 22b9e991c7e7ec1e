/**
 * Staff use cases for programmes, rooms and cohorts. Every change runs in one transaction with its
 * audit entry; rules that need the stored record (a patch's end before the stored start, a call
 * already filling another cohort) are checked inside it, so a refused change writes nothing.
 *
 * Deletions are narrow on purpose: a programme only without cohorts, a room only when no session
 * uses it (removing it would silently move sessions), a cohort only while it is a draft without
 * enrolments (its curriculum, attendance and certificates go with it).
 */
import { and, asc, count, eq, ilike, or, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { containsPattern } from '../../platform/db/like.js';
import { offsetOf } from '../../shared/contracts/paging.js';
import { uuidv7 } from 'uuidv7';
import { DomainError } from '../../core/shared/domain-error.js';
import { recordAudit, type Actor } from '../../platform/audit.js';
import type { Db, DbOrTx, Tx } from '../../platform/db/client.js';
import { calls, cohorts, courseSessions, enrolments, materials, programmes, rooms, storedFiles } from '../../platform/db/schema/index.js';
import type { FileStorage } from '../../platform/files/storage.js';
import type {
  CohortInputT,
  CohortListT,
  CohortPatchT,
  CohortViewT,
  ProgrammeInputT,
  ProgrammeListT,
  ProgrammePatchT,
  ProgrammeQueryT,
  ProgrammeViewT,
  RoomInputT,
  RoomListT,
  RoomPatchT,
  RoomQueryT,
  RoomViewT,
} from '../../shared/contracts/courses.js';
import { presentCohort, presentProgramme, presentRoom } from './present.js';
import { allCohorts, cohortCounts, cohortOfCall, enrolledCount, programmeById, requireCohort, roomById, sessionCounts, type CohortRow } from './repository.js';
import { removeBytes } from './storage-util.js';

// ---------- programmes ----------

async function requireProgramme(db: DbOrTx, id: string) {
  const row = await programmeById(db, id);
  if (!row) throw new DomainError('courses.programme_not_found');
  return row;
}

/** A part of a bilingual text column, in either language (escaped, so a typed % or _ is literal). */
const localizedContains = (column: AnyColumn, text: string): SQL => or(ilike(sql`${column}->>'ko'`, containsPattern(text)), ilike(sql`${column}->>'en'`, containsPattern(text)))!;

/** One page of the programmes for staff, oldest first, filtered by a part of the title and by kind. */
export async function listProgrammes(db: DbOrTx, query: ProgrammeQueryT): Promise<ProgrammeListT> {
  const where = and(query.q ? localizedContains(programmes.title, query.q) : undefined, query.kind ? eq(programmes.kind, query.kind) : undefined);
  const rows = await db.select().from(programmes).where(where).orderBy(asc(programmes.createdAt), asc(programmes.id)).limit(query.pageSize).offset(offsetOf(query));
  const [n] = await db.select({ n: count() }).from(programmes).where(where);
  const counts = await cohortCounts(db);
  return { items: rows.map((p) => presentProgramme(p, counts.get(p.id) ?? 0)), total: Number(n?.n ?? 0), page: query.page, pageSize: query.pageSize };
}

export async function getProgramme(db: DbOrTx, id: string): Promise<ProgrammeViewT> {
  const row = await requireProgramme(db, id);
  return presentProgramme(row, (await cohortCounts(db)).get(id) ?? 0);
}

export async function createProgramme(db: Db, actor: Actor, input: ProgrammeInputT, now: Date): Promise<ProgrammeViewT> {
  const row = await db.transaction(async (tx) => {
    const [inserted] = await tx
      .insert(programmes)
      .values({ id: uuidv7(), kind: input.kind, title: input.title, description: input.description, completionRule: input.completionRule, createdAt: now, updatedAt: now })
      .returning();
    await recordAudit(tx, actor, { action: 'programme.create', entityType: 'programme', entityId: inserted!.id, after: inserted });
    return inserted!;
  });
  return presentProgramme(row, 0);
}

export async function patchProgramme(db: Db, actor: Actor, id: string, patch: ProgrammePatchT, now: Date): Promise<ProgrammeViewT> {
  await db.transaction(async (tx) => {
    const before = await requireProgramme(tx, id);
    const [after] = await tx
      .update(programmes)
      .set({ ...definedOnly(patch), updatedAt: now })
      .where(eq(programmes.id, id))
      .returning();
    await recordAudit(tx, actor, { action: 'programme.update', entityType: 'programme', entityId: id, before, after });
  });
  return getProgramme(db, id);
}

export async function deleteProgramme(db: Db, actor: Actor, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await requireProgramme(tx, id);
    const [cohort] = await tx.select({ id: cohorts.id }).from(cohorts).where(eq(cohorts.programmeId, id)).limit(1);
    if (cohort) throw new DomainError('courses.state_programme_has_cohorts');
    await tx.delete(programmes).where(eq(programmes.id, id));
    await recordAudit(tx, actor, { action: 'programme.delete', entityType: 'programme', entityId: id, before });
  });
}

// ---------- rooms ----------

async function requireRoom(db: DbOrTx, id: string) {
  const row = await roomById(db, id);
  if (!row) throw new DomainError('courses.room_not_found');
  return row;
}

/** One page of the rooms for staff, oldest first, filtered by a part of the name or the place. The timetable reads every room through the repository, not this. */
export async function listRooms(db: DbOrTx, query: RoomQueryT): Promise<RoomListT> {
  const where = query.q ? or(localizedContains(rooms.name, query.q), localizedContains(rooms.place, query.q)) : undefined;
  const rows = await db.select().from(rooms).where(where).orderBy(asc(rooms.createdAt), asc(rooms.id)).limit(query.pageSize).offset(offsetOf(query));
  const [n] = await db.select({ n: count() }).from(rooms).where(where);
  return { items: rows.map(presentRoom), total: Number(n?.n ?? 0), page: query.page, pageSize: query.pageSize };
}

export async function createRoom(db: Db, actor: Actor, input: RoomInputT, now: Date): Promise<RoomViewT> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(rooms)
      .values({ id: uuidv7(), name: input.name, place: input.place, capacity: input.capacity, availability: input.availability, createdAt: now })
      .returning();
    await recordAudit(tx, actor, { action: 'room.create', entityType: 'room', entityId: row!.id, after: row });
    return presentRoom(row!);
  });
}

export async function patchRoom(db: Db, actor: Actor, id: string, patch: RoomPatchT): Promise<RoomViewT> {
  return db.transaction(async (tx) => {
    const before = await requireRoom(tx, id);
    const [after] = await tx.update(rooms).set(definedOnly(patch)).where(eq(rooms.id, id)).returning();
    await recordAudit(tx, actor, { action: 'room.update', entityType: 'room', entityId: id, before, after });
    return presentRoom(after!);
  });
}

export async function deleteRoom(db: Db, actor: Actor, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await requireRoom(tx, id);
    const [used] = await tx.select({ id: courseSessions.id }).from(courseSessions).where(eq(courseSessions.roomId, id)).limit(1);
    if (used) throw new DomainError('courses.state_room_in_use');
    await tx.delete(rooms).where(eq(rooms.id, id));
    await recordAudit(tx, actor, { action: 'room.delete', entityType: 'room', entityId: id, before });
  });
}

// ---------- cohorts ----------

export async function listCohorts(db: DbOrTx, programmeId?: string): Promise<CohortListT> {
  const rows = await allCohorts(db, { programmeId });
  const counts = await sessionCounts(
    db,
    rows.map((r) => r.id),
  );
  return { cohorts: rows.map((r) => presentCohort(r, counts.get(r.id) ?? 0)) };
}

export async function getCohort(db: DbOrTx, id: string): Promise<CohortViewT> {
  const row = await requireCohort(db, id);
  return presentCohort(row, (await sessionCounts(db, [id])).get(id) ?? 0);
}

type CohortShape = Pick<CohortRow, 'startsOn' | 'endsOn' | 'enrolmentMode' | 'callId' | 'enrolmentOpensAt' | 'enrolmentClosesAt' | 'capacity'>;

/** The rules a cohort must satisfy as a whole, checked on the merged record (create and patch alike). */
async function checkCohort(tx: Tx, next: CohortShape, cohortId: string | null): Promise<void> {
  if (next.endsOn < next.startsOn) throw new DomainError('field.end_before_start', {}, 'endsOn');
  if (next.enrolmentOpensAt && next.enrolmentClosesAt && next.enrolmentClosesAt <= next.enrolmentOpensAt) throw new DomainError('field.end_before_start', {}, 'enrolmentClosesAt');
  if (next.callId) {
    if (next.enrolmentMode !== 'selection') throw new DomainError('courses.call_only_for_selection', {}, 'callId');
    const [call] = await tx.select({ id: calls.id }).from(calls).where(eq(calls.id, next.callId));
    if (!call) throw new DomainError('courses.call_unknown', {}, 'callId');
    // One call fills one cohort: two cohorts on one call would share the same people.
    if (await cohortOfCall(tx, next.callId, cohortId ?? undefined)) throw new DomainError('courses.already_linked_call', {}, 'callId');
  }
}

const instant = (s: string | null | undefined): Date | null | undefined => (s === undefined ? undefined : s === null ? null : new Date(s));

export async function createCohort(db: Db, actor: Actor, input: CohortInputT, now: Date): Promise<CohortViewT> {
  const row = await db.transaction(async (tx) => {
    const programme = await programmeById(tx, input.programmeId);
    if (!programme) throw new DomainError('courses.programme_unknown', {}, 'programmeId');
    const values = {
      id: uuidv7(),
      programmeId: input.programmeId,
      title: input.title,
      place: input.place,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      capacity: input.capacity,
      enrolmentMode: input.enrolmentMode,
      callId: input.callId,
      enrolmentOpensAt: instant(input.enrolmentOpensAt) ?? null,
      enrolmentClosesAt: instant(input.enrolmentClosesAt) ?? null,
      status: input.status,
      createdAt: now,
      updatedAt: now,
    };
    await checkCohort(tx, values, null);
    const [inserted] = await tx.insert(cohorts).values(values).returning();
    await recordAudit(tx, actor, { action: 'cohort.create', entityType: 'cohort', entityId: inserted!.id, after: inserted });
    return inserted!;
  });
  return presentCohort(row, 0);
}

export async function patchCohort(db: Db, actor: Actor, id: string, patch: CohortPatchT, now: Date): Promise<CohortViewT> {
  await db.transaction(async (tx) => {
    const [before] = await tx.select().from(cohorts).where(eq(cohorts.id, id)).for('update');
    if (!before) throw new DomainError('courses.cohort_not_found');
    const { enrolmentOpensAt, enrolmentClosesAt, ...rest } = patch;
    const set = {
      ...definedOnly(rest),
      ...(enrolmentOpensAt !== undefined ? { enrolmentOpensAt: instant(enrolmentOpensAt) ?? null } : {}),
      ...(enrolmentClosesAt !== undefined ? { enrolmentClosesAt: instant(enrolmentClosesAt) ?? null } : {}),
    };
    const next = { ...before, ...set };
    await checkCohort(tx, next, id);
    if (next.enrolmentMode !== before.enrolmentMode) {
      // The people of a cohort come from its mode; switching with enrolments would strand them.
      const [any] = await tx.select({ id: enrolments.id }).from(enrolments).where(eq(enrolments.cohortId, id)).limit(1);
      if (any) throw new DomainError('courses.state_mode_has_enrolments', {}, 'enrolmentMode');
    }
    if (next.capacity < before.capacity) {
      const enrolled = await enrolledCount(tx, id);
      if (next.capacity < enrolled) throw new DomainError('courses.capacity_below_enrolled', { enrolled }, 'capacity');
    }
    const [after] = await tx
      .update(cohorts)
      .set({ ...set, updatedAt: now })
      .where(eq(cohorts.id, id))
      .returning();
    await recordAudit(tx, actor, { action: 'cohort.update', entityType: 'cohort', entityId: id, before, after });
  });
  return getCohort(db, id);
}

export async function deleteCohort(db: Db, storage: FileStorage, actor: Actor, id: string, log?: (err: unknown) => void): Promise<void> {
  const keys = await db.transaction(async (tx) => {
    const [before] = await tx.select().from(cohorts).where(eq(cohorts.id, id)).for('update');
    if (!before) throw new DomainError('courses.cohort_not_found');
    if (before.status !== 'draft') throw new DomainError('courses.state_cohort_not_draft');
    const [any] = await tx.select({ id: enrolments.id }).from(enrolments).where(eq(enrolments.cohortId, id)).limit(1);
    if (any) throw new DomainError('courses.state_cohort_has_enrolments');
    // Material files are stored_file rows without a cascade from the cohort: remove them here.
    const files = await tx
      .select({ id: storedFiles.id, storageKey: storedFiles.storageKey })
      .from(materials)
      .innerJoin(storedFiles, eq(storedFiles.id, materials.fileId))
      .where(eq(materials.cohortId, id));
    await tx.delete(cohorts).where(eq(cohorts.id, id));
    for (const f of files) await tx.delete(storedFiles).where(eq(storedFiles.id, f.id));
    await recordAudit(tx, actor, { action: 'cohort.delete', entityType: 'cohort', entityId: id, before: { cohort: before, files: files.map((f) => f.id) } });
    return files.map((f) => f.storageKey);
  });
  await removeBytes(storage, keys, log);
}

/** A patch without its absent keys, so `undefined` never overwrites a stored value. */
export function definedOnly<T extends Record<string, unknown>>(patch: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(patch)) if (v !== undefined) out[k] = v;
  return out as { [K in keyof T]?: Exclude<T[K], undefined> };
}
