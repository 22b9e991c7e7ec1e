/**
 * Staff use cases for a cohort's curriculum: modules, sessions and their lecturers. A session's time
 * and place changes bump its `sequence` (iCalendar SEQUENCE), so subscribed calendars replace the
 * event instead of keeping a stale one.
 *
 * A held session (its lecturer fees are booked in the budget) keeps its lecturers and cannot be
 * deleted until staff undo "held"; a session with attendance cannot be deleted at all (completion
 * rates would change behind everyone's back).
 */
import { and, eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { DomainError } from '../../core/shared/domain-error.js';
import { recordAudit, type Actor } from '../../platform/audit.js';
import { globalRoles } from '../../platform/auth/roles.js';
import type { Db, DbOrTx, Tx } from '../../platform/db/client.js';
import { attendance, courseModules, courseSessions, materials, sessionLecturers, storedFiles, users } from '../../platform/db/schema/index.js';
import type { FileStorage } from '../../platform/files/storage.js';
import type {
  LecturerInputT,
  LecturerPatchT,
  LecturerViewT,
  ModuleInputT,
  ModulePatchT,
  ModuleViewT,
  SessionConstraintsT,
  SessionInputT,
  SessionListT,
  SessionPatchT,
  SessionViewT,
} from '../../shared/contracts/courses.js';
import { definedOnly } from './catalogue.js';
import { presentLecturer, presentModule, readConstraints, sessionViews } from './present.js';
import { newCheckinSecret } from './seed.js';
import { removeBytes } from './storage-util.js';
import {
  lecturersOfSessions,
  moduleById,
  modulesOfCohort,
  requireCohort,
  roomById,
  sessionById,
  sessionsOfCohort,
  timeOrPlaceChanged,
  type SessionRow,
} from './repository.js';

// ---------- modules ----------

export async function listModules(db: DbOrTx, cohortId: string): Promise<{ modules: ModuleViewT[] }> {
  await requireCohort(db, cohortId);
  return { modules: (await modulesOfCohort(db, cohortId)).map(presentModule) };
}

export async function createModule(db: Db, actor: Actor, cohortId: string, input: ModuleInputT): Promise<ModuleViewT> {
  return db.transaction(async (tx) => {
    await requireCohort(tx, cohortId);
    const position = input.position ?? (await modulesOfCohort(tx, cohortId)).length;
    const [row] = await tx
      .insert(courseModules)
      .values({ id: uuidv7(), cohortId, title: input.title, goals: input.goals ?? null, position })
      .returning();
    await recordAudit(tx, actor, { action: 'course_module.create', entityType: 'course_module', entityId: row!.id, after: row });
    return presentModule(row!);
  });
}

export async function patchModule(db: Db, actor: Actor, id: string, patch: ModulePatchT): Promise<ModuleViewT> {
  return db.transaction(async (tx) => {
    const before = await moduleById(tx, id);
    if (!before) throw new DomainError('courses.module_not_found');
    const [after] = await tx.update(courseModules).set(definedOnly(patch)).where(eq(courseModules.id, id)).returning();
    await recordAudit(tx, actor, { action: 'course_module.update', entityType: 'course_module', entityId: id, before, after });
    return presentModule(after!);
  });
}

/** Its sessions stay, outside any module. */
export async function deleteModule(db: Db, actor: Actor, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await moduleById(tx, id);
    if (!before) throw new DomainError('courses.module_not_found');
    await tx.delete(courseModules).where(eq(courseModules.id, id));
    await recordAudit(tx, actor, { action: 'course_module.delete', entityType: 'course_module', entityId: id, before });
  });
}

// ---------- sessions ----------

const DAY_MS = 24 * 60 * 60 * 1000;

/** A block of `days` consecutive days at the same time each day ends `days − 1` days after its first day's end (Asia/Seoul has no DST). */
export function defaultEnd(startsAt: Date, durationMinutes: number, days: number): Date {
  return new Date(startsAt.getTime() + (days - 1) * DAY_MS + durationMinutes * 60_000);
}

interface SessionShape {
  moduleId: string | null;
  durationMinutes: number;
  days: number;
  startsAt: Date | null;
  endsAt: Date | null;
  roomId: string | null;
  constraints: SessionConstraintsT;
}

/** Checks a session as a whole (new or patched) against its cohort. */
async function checkSession(tx: Tx, cohortId: string, sessionId: string, next: SessionShape): Promise<void> {
  if (next.moduleId) {
    const module = await moduleById(tx, next.moduleId);
    if (!module || module.cohortId !== cohortId) throw new DomainError('courses.module_unknown', {}, 'moduleId');
  }
  if (next.roomId && !(await roomById(tx, next.roomId))) throw new DomainError('courses.room_unknown', {}, 'roomId');
  if (next.endsAt && !next.startsAt) throw new DomainError('courses.end_without_start', {}, 'endsAt');
  if (next.startsAt && next.endsAt && next.endsAt <= next.startsAt) throw new DomainError('field.end_before_start', {}, 'endsAt');
  const prerequisites = next.constraints.prerequisites ?? [];
  if (prerequisites.length > 0) {
    const siblings = await sessionsOfCohort(tx, cohortId);
    const byId = new Map(siblings.map((s) => [s.id, s]));
    for (const p of prerequisites) {
      if (p === sessionId || !byId.has(p)) throw new DomainError('courses.prerequisite_unknown', {}, 'constraints.prerequisites');
    }
    // The order must stay a partial order: follow prerequisites from the new ones and never come back.
    const prereqOf = (id: string): string[] => (id === sessionId ? prerequisites : (readConstraints(byId.get(id)?.constraints ?? {}).prerequisites ?? []));
    const seen = new Set<string>();
    const stack = [...prerequisites];
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (id === sessionId) throw new DomainError('courses.prerequisite_cycle', {}, 'constraints.prerequisites');
      if (seen.has(id)) continue;
      seen.add(id);
      stack.push(...prereqOf(id));
    }
  }
}

function storedConstraints(c: SessionConstraintsT): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (c.prerequisites?.length) out.prerequisites = [...new Set(c.prerequisites)];
  if (c.allowedWeeks?.length) out.allowedWeeks = [...new Set(c.allowedWeeks)].sort((a, b) => a - b);
  if (c.cadenceGroup) out.cadenceGroup = c.cadenceGroup;
  return out;
}

async function requireSession(db: DbOrTx, id: string, lock = false): Promise<SessionRow> {
  const row = await sessionById(db, id, lock);
  if (!row) throw new DomainError('courses.session_not_found');
  return row;
}

export async function sessionView(db: DbOrTx, id: string): Promise<SessionViewT> {
  const row = await requireSession(db, id);
  return (await sessionViews(db, row.cohortId, [row]))[0]!;
}

export async function listSessions(db: DbOrTx, cohortId: string): Promise<SessionListT> {
  await requireCohort(db, cohortId);
  return { sessions: await sessionViews(db, cohortId, await sessionsOfCohort(db, cohortId)) };
}

const at = (s: string | null | undefined): Date | null => (s ? new Date(s) : null);

export async function createSession(db: Db, actor: Actor, cohortId: string, input: SessionInputT, now: Date): Promise<SessionViewT> {
  const id = await db.transaction(async (tx) => {
    await requireCohort(tx, cohortId);
    const id = uuidv7();
    const startsAt = at(input.startsAt);
    const endsAt = input.endsAt ? at(input.endsAt) : startsAt ? defaultEnd(startsAt, input.durationMinutes, input.days) : null;
    const shape: SessionShape = {
      moduleId: input.moduleId ?? null,
      durationMinutes: input.durationMinutes,
      days: input.days,
      startsAt,
      endsAt,
      roomId: input.roomId ?? null,
      constraints: input.constraints,
    };
    await checkSession(tx, cohortId, id, shape);
    const position = input.position ?? (await sessionsOfCohort(tx, cohortId)).length;
    const [row] = await tx
      .insert(courseSessions)
      .values({
        id,
        cohortId,
        moduleId: shape.moduleId,
        type: input.type,
        title: input.title,
        goals: input.goals ?? null,
        durationMinutes: input.durationMinutes,
        days: input.days,
        startsAt,
        endsAt,
        roomId: shape.roomId,
        placeText: input.placeText ?? null,
        constraints: storedConstraints(input.constraints),
        position,
        checkinSecret: newCheckinSecret(),
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await recordAudit(tx, actor, { action: 'course_session.create', entityType: 'course_session', entityId: id, after: withoutSecret(row!) });
    return id;
  });
  return sessionView(db, id);
}

/** The check-in secret never goes into the audit log (anyone reading it could mint codes). */
function withoutSecret(row: SessionRow): Omit<SessionRow, 'checkinSecret'> {
  const { checkinSecret, ...rest } = row;
  void checkinSecret;
  return rest;
}

export async function patchSession(db: Db, actor: Actor, id: string, patch: SessionPatchT, now: Date): Promise<SessionViewT> {
  await db.transaction(async (tx) => {
    const before = await requireSession(tx, id, true);
    const startsAt = patch.startsAt !== undefined ? at(patch.startsAt) : before.startsAt;
    const durationMinutes = patch.durationMinutes ?? before.durationMinutes;
    const days = patch.days ?? before.days;
    // The end follows the start, length and days unless it is given: moving a session moves its end.
    const timingTouched = patch.startsAt !== undefined || patch.durationMinutes !== undefined || patch.days !== undefined;
    const endsAt = patch.endsAt !== undefined ? at(patch.endsAt) : !startsAt ? null : timingTouched ? defaultEnd(startsAt, durationMinutes, days) : before.endsAt;
    const constraints = patch.constraints ?? readConstraints(before.constraints);
    const next = {
      moduleId: patch.moduleId !== undefined ? patch.moduleId : before.moduleId,
      durationMinutes,
      days,
      startsAt,
      endsAt,
      roomId: patch.roomId !== undefined ? patch.roomId : before.roomId,
      placeText: patch.placeText !== undefined ? patch.placeText : (before.placeText ?? null),
      constraints,
    };
    await checkSession(tx, before.cohortId, id, next);
    const bump = timeOrPlaceChanged({ startsAt: before.startsAt, endsAt: before.endsAt, roomId: before.roomId, placeText: before.placeText ?? null }, next);
    const [after] = await tx
      .update(courseSessions)
      .set({
        moduleId: next.moduleId,
        type: patch.type ?? before.type,
        title: patch.title ?? before.title,
        goals: patch.goals !== undefined ? patch.goals : before.goals,
        durationMinutes,
        days,
        startsAt,
        endsAt,
        roomId: next.roomId,
        placeText: next.placeText,
        constraints: patch.constraints ? storedConstraints(patch.constraints) : before.constraints,
        position: patch.position ?? before.position,
        sequence: bump ? before.sequence + 1 : before.sequence,
        updatedAt: now,
      })
      .where(eq(courseSessions.id, id))
      .returning();
    await recordAudit(tx, actor, { action: 'course_session.update', entityType: 'course_session', entityId: id, before: withoutSecret(before), after: withoutSecret(after!) });
  });
  return sessionView(db, id);
}

export async function deleteSession(db: Db, storage: FileStorage, actor: Actor, id: string, log?: (err: unknown) => void): Promise<void> {
  const keys = await db.transaction(async (tx) => {
    const before = await requireSession(tx, id, true);
    if (before.heldAt) throw new DomainError('courses.state_session_held');
    const [attended] = await tx.select({ id: attendance.id }).from(attendance).where(eq(attendance.sessionId, id)).limit(1);
    if (attended) throw new DomainError('courses.state_session_has_attendance');
    const files = await tx
      .select({ id: storedFiles.id, storageKey: storedFiles.storageKey })
      .from(materials)
      .innerJoin(storedFiles, eq(storedFiles.id, materials.fileId))
      .where(eq(materials.sessionId, id));
    const lecturers = await lecturersOfSessions(tx, [id]);
    await tx.delete(courseSessions).where(eq(courseSessions.id, id));
    for (const f of files) await tx.delete(storedFiles).where(eq(storedFiles.id, f.id));
    // Sessions that waited for this one no longer can.
    for (const s of await sessionsOfCohort(tx, before.cohortId)) {
      const c = readConstraints(s.constraints);
      if (c.prerequisites?.includes(id)) {
        await tx
          .update(courseSessions)
          .set({ constraints: storedConstraints({ ...c, prerequisites: c.prerequisites.filter((p) => p !== id) }) })
          .where(eq(courseSessions.id, s.id));
      }
    }
    await recordAudit(tx, actor, { action: 'course_session.delete', entityType: 'course_session', entityId: id, before: { session: withoutSecret(before), lecturers, files: files.map((f) => f.id) } });
    return files.map((f) => f.storageKey);
  });
  await removeBytes(storage, keys, log);
}

// ---------- lecturers ----------

async function lecturerView(db: DbOrTx, sessionId: string, lecturerId: string): Promise<LecturerViewT> {
  const found = (await lecturersOfSessions(db, [sessionId])).find((l) => l.id === lecturerId);
  if (!found) throw new DomainError('courses.lecturer_not_found');
  return presentLecturer(found);
}

export async function addLecturer(db: Db, actor: Actor, sessionId: string, input: LecturerInputT): Promise<LecturerViewT> {
  const id = await db.transaction(async (tx) => {
    const session = await requireSession(tx, sessionId, true);
    // Fees of a held session are booked per lecturer: the set is frozen until "held" is undone.
    if (session.heldAt) throw new DomainError('courses.state_session_held');
    if (input.userId) {
      const [user] = await tx.select({ id: users.id }).from(users).where(eq(users.id, input.userId));
      if (!user || !(await globalRoles(tx, input.userId)).includes('mentor')) throw new DomainError('courses.lecturer_not_mentor', {}, 'userId');
      const [dup] = await tx
        .select({ id: sessionLecturers.id })
        .from(sessionLecturers)
        .where(and(eq(sessionLecturers.sessionId, sessionId), eq(sessionLecturers.userId, input.userId)));
      if (dup) throw new DomainError('courses.already_assigned_lecturer', {}, 'userId');
    }
    const id = uuidv7();
    const [row] = await tx
      .insert(sessionLecturers)
      .values({ id, sessionId, userId: input.userId ?? null, externalName: input.externalName ?? null, feeRate: input.feeRate })
      .returning();
    await recordAudit(tx, actor, { action: 'session_lecturer.create', entityType: 'session_lecturer', entityId: id, after: row });
    return id;
  });
  return lecturerView(db, sessionId, id);
}

async function requireLecturer(tx: Tx, sessionId: string, lecturerId: string) {
  const session = await requireSession(tx, sessionId, true);
  const [row] = await tx
    .select()
    .from(sessionLecturers)
    .where(and(eq(sessionLecturers.id, lecturerId), eq(sessionLecturers.sessionId, sessionId)));
  if (!row) throw new DomainError('courses.lecturer_not_found');
  if (session.heldAt) throw new DomainError('courses.state_session_held');
  return row;
}

export async function patchLecturer(db: Db, actor: Actor, sessionId: string, lecturerId: string, patch: LecturerPatchT): Promise<LecturerViewT> {
  await db.transaction(async (tx) => {
    const before = await requireLecturer(tx, sessionId, lecturerId);
    // A network lecturer is named by their account; only external ones have a name to edit.
    if (patch.externalName !== undefined && before.userId) throw new DomainError('courses.lecturer_name_external_only', {}, 'externalName');
    const [after] = await tx.update(sessionLecturers).set(definedOnly(patch)).where(eq(sessionLecturers.id, lecturerId)).returning();
    await recordAudit(tx, actor, { action: 'session_lecturer.update', entityType: 'session_lecturer', entityId: lecturerId, before, after });
  });
  return lecturerView(db, sessionId, lecturerId);
}

export async function removeLecturer(db: Db, actor: Actor, sessionId: string, lecturerId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await requireLecturer(tx, sessionId, lecturerId);
    await tx.delete(sessionLecturers).where(eq(sessionLecturers.id, lecturerId));
    await recordAudit(tx, actor, { action: 'session_lecturer.delete', entityType: 'session_lecturer', entityId: lecturerId, before });
  });
}
