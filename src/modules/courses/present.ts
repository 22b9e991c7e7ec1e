/** Rows → contract views for courses. Staff views carry everything; public ones only names and times. */
import type { DbOrTx } from '../../platform/db/client.js';
import type {
  CohortViewT,
  LecturerViewT,
  MaterialViewT,
  ModuleViewT,
  ProgrammeViewT,
  PublicCohortSummaryT,
  PublicSessionViewT,
  RoomViewT,
  SessionConstraintsT,
  SessionViewT,
} from '../../shared/contracts/courses.js';
import {
  lecturersOfSessions,
  materialsWithFiles,
  type CohortRow,
  type LecturerWithName,
  type MaterialWithFile,
  type ModuleRow,
  type ProgrammeRow,
  type RoomRow,
  type SessionRow,
} from './repository.js';

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export function presentProgramme(row: ProgrammeRow, cohortCount: number): ProgrammeViewT {
  return {
    id: row.id,
    slug: row.slug,
    kind: row.kind,
    title: row.title,
    description: row.description,
    completionRule: row.completionRule,
    cohortCount,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function presentCohort(row: CohortRow, sessionCount: number): CohortViewT {
  return {
    id: row.id,
    programmeId: row.programmeId,
    slug: row.slug,
    title: row.title,
    place: row.place,
    startsOn: row.startsOn,
    endsOn: row.endsOn,
    capacity: row.capacity,
    enrolmentMode: row.enrolmentMode,
    callId: row.callId,
    enrolmentOpensAt: iso(row.enrolmentOpensAt),
    enrolmentClosesAt: iso(row.enrolmentClosesAt),
    status: row.status,
    sessionCount,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Only for cohorts the public may see (published or finished). */
export function presentPublicCohort(row: CohortRow, seats?: { enrolled: number; waitlisted: number }): PublicCohortSummaryT {
  const open = row.enrolmentMode === 'open';
  return {
    id: row.id,
    programmeId: row.programmeId,
    title: row.title,
    place: row.place,
    startsOn: row.startsOn,
    endsOn: row.endsOn,
    capacity: row.capacity,
    enrolmentMode: row.enrolmentMode,
    enrolmentOpensAt: iso(row.enrolmentOpensAt),
    enrolmentClosesAt: iso(row.enrolmentClosesAt),
    status: row.status === 'finished' ? 'finished' : 'published',
    seatsLeft: open ? Math.max(0, row.capacity - (seats?.enrolled ?? 0)) : null,
    waitlisted: open ? (seats?.waitlisted ?? 0) : null,
  };
}

export function presentRoom(row: RoomRow): RoomViewT {
  return { id: row.id, name: row.name, place: row.place, capacity: row.capacity, availability: row.availability, createdAt: row.createdAt.toISOString() };
}

export function presentModule(row: ModuleRow): ModuleViewT {
  return { id: row.id, cohortId: row.cohortId, title: row.title, goals: row.goals ?? null, position: row.position };
}

export function presentLecturer(l: LecturerWithName): LecturerViewT {
  return { id: l.id, sessionId: l.sessionId, kind: l.userId ? 'network' : 'external', userId: l.userId, externalName: l.externalName, displayName: l.displayName, feeRate: l.feeRate };
}

export const materialFileUrl = (id: string): string => `/api/v1/materials/${id}/file`;

export function presentMaterial(m: MaterialWithFile): MaterialViewT {
  const { material } = m;
  return {
    id: material.id,
    cohortId: material.cohortId,
    sessionId: material.sessionId,
    title: material.title,
    kind: material.kind,
    url: material.kind === 'link' ? (material.url ?? '') : materialFileUrl(material.id),
    file: m.file ? { name: m.file.name, size: m.file.size, mediaType: m.file.mediaType } : null,
    createdAt: material.createdAt.toISOString(),
  };
}

/** The stored constraints as the contract names them; anything else in the JSON is dropped. */
export function readConstraints(raw: Record<string, unknown>): SessionConstraintsT {
  const out: SessionConstraintsT = {};
  if (Array.isArray(raw.prerequisites)) out.prerequisites = raw.prerequisites.filter((x): x is string => typeof x === 'string');
  if (Array.isArray(raw.allowedWeeks)) out.allowedWeeks = raw.allowedWeeks.filter((x): x is number => Number.isInteger(x));
  if (typeof raw.cadenceGroup === 'string') out.cadenceGroup = raw.cadenceGroup;
  return out;
}

export function presentSession(row: SessionRow, lecturers: LecturerWithName[], materials: MaterialWithFile[]): SessionViewT {
  return {
    id: row.id,
    cohortId: row.cohortId,
    moduleId: row.moduleId,
    type: row.type,
    title: row.title,
    goals: row.goals ?? null,
    durationMinutes: row.durationMinutes,
    days: row.days,
    startsAt: iso(row.startsAt),
    endsAt: iso(row.endsAt),
    roomId: row.roomId,
    placeText: row.placeText ?? null,
    constraints: readConstraints(row.constraints),
    position: row.position,
    sequence: row.sequence,
    heldAt: iso(row.heldAt),
    lecturers: lecturers.filter((l) => l.sessionId === row.id).map(presentLecturer),
    materials: materials.filter((m) => m.material.sessionId === row.id).map(presentMaterial),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Staff views of these sessions of one cohort, with their lecturers and materials. */
export async function sessionViews(db: DbOrTx, cohortId: string, sessions: SessionRow[]): Promise<SessionViewT[]> {
  const lecturers = await lecturersOfSessions(db, sessions.map((s) => s.id));
  const materials = await materialsWithFiles(db, cohortId);
  return sessions.map((s) => presentSession(s, lecturers, materials));
}

export function presentPublicSession(row: SessionRow, lecturers: LecturerWithName[], rooms: Map<string, RoomRow>): PublicSessionViewT {
  const room = row.roomId ? rooms.get(row.roomId) : undefined;
  return {
    id: row.id,
    moduleId: row.moduleId,
    type: row.type,
    title: row.title,
    goals: row.goals ?? null,
    durationMinutes: row.durationMinutes,
    days: row.days,
    startsAt: iso(row.startsAt),
    endsAt: iso(row.endsAt),
    room: room ? { id: room.id, name: room.name, place: room.place } : null,
    placeText: row.placeText ?? null,
    // Display names only: no account ids, e-mail addresses or fees.
    lecturers: lecturers.filter((l) => l.sessionId === row.id).map((l) => ({ displayName: l.displayName })),
  };
}
