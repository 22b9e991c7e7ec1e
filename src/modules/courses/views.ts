/**
 * Reading courses: the public (published and finished cohorts, lecturers by display name only),
 * a cohort's own people (their curriculum with materials; anyone else gets 404), and staff (the
 * whole cohort for the curriculum editor, its people, the lecturer pool — the last two are personal
 * data and go to the access log).
 */
import { and, asc, count, eq, ilike, or } from 'drizzle-orm';
import { containsPattern } from '../../platform/db/like.js';
import { DomainError } from '../../core/shared/domain-error.js';
import { recordAccess, type AccessActor } from '../../platform/access-log.js';
import { seatCountsOf } from '../enrolment/public.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { roleGrants, users } from '../../platform/db/schema/index.js';
import type { CohortDetailT, CohortMemberListT, CohortMemberQueryT, LecturerPoolQueryT, LecturerPoolT, MyCohortListT, MyCohortViewT, PublicCohortViewT, PublicProgrammeListT } from '../../shared/contracts/courses.js';
import { cohortMembers, cohortMembersPage } from './members.js';
import { offsetOf } from '../../shared/contracts/paging.js';
import {
  presentCohort,
  presentMaterial,
  presentModule,
  presentProgramme,
  presentPublicCohort,
  presentPublicSession,
  presentRoom,
  sessionViews,
} from './present.js';
import {
  allCohorts,
  allProgrammes,
  allRooms,
  cohortCounts,
  cohortsOfMember,
  lecturersOfSessions,
  materialsWithFiles,
  modulesOfCohort,
  programmeById,
  requireCohort,
  roomsByIds,
  sessionsOfCohort,
  type CohortRow,
} from './repository.js';

const VISIBLE: CohortRow['status'][] = ['published', 'finished'];
const isVisible = (c: CohortRow) => VISIBLE.includes(c.status);

/** Programmes with at least one published (or finished) cohort, each with those cohorts. */
export async function publicProgrammes(db: DbOrTx): Promise<PublicProgrammeListT> {
  const cohorts = await allCohorts(db, { statuses: VISIBLE });
  const programmes = await allProgrammes(db);
  const seats = await seatCountsOf(db, cohorts.map((c) => c.id));
  return {
    programmes: programmes
      .map((p) => ({
        id: p.id,
        kind: p.kind,
        title: p.title,
        description: p.description,
        completionRule: p.completionRule,
        cohorts: cohorts.filter((c) => c.programmeId === p.id).map((c) => presentPublicCohort(c, seats.get(c.id))),
      }))
      .filter((p) => p.cohorts.length > 0),
  };
}

async function publicCohortParts(db: DbOrTx, cohort: CohortRow): Promise<PublicCohortViewT> {
  const programme = await programmeById(db, cohort.programmeId);
  if (!programme) throw new DomainError('courses.cohort_not_found');
  const sessions = await sessionsOfCohort(db, cohort.id);
  const lecturers = await lecturersOfSessions(
    db,
    sessions.map((s) => s.id),
  );
  const rooms = new Map((await roomsByIds(db, [...new Set(sessions.map((s) => s.roomId).filter((id): id is string => !!id))])).map((r) => [r.id, r]));
  return {
    cohort: presentPublicCohort(cohort, (await seatCountsOf(db, [cohort.id])).get(cohort.id)),
    programme: { id: programme.id, kind: programme.kind, title: programme.title, description: programme.description, completionRule: programme.completionRule },
    modules: (await modulesOfCohort(db, cohort.id)).map(presentModule),
    sessions: sessions.map((s) => presentPublicSession(s, lecturers, rooms)),
    timeZone: 'Asia/Seoul',
  };
}

/** A published or finished cohort; a draft or missing one is 404 alike. */
export async function publicCohort(db: DbOrTx, id: string): Promise<PublicCohortViewT> {
  const cohort = await requireCohort(db, id);
  if (!isVisible(cohort)) throw new DomainError('courses.cohort_not_found');
  return publicCohortParts(db, cohort);
}

export async function myCohorts(db: DbOrTx, userId: string): Promise<MyCohortListT> {
  const mine = await cohortsOfMember(db, userId);
  const seats = await seatCountsOf(db, mine.map((m) => m.cohort.id));
  const programmes = new Map((await allProgrammes(db)).map((p) => [p.id, p]));
  return {
    cohorts: mine.flatMap(({ cohort, via }) => {
      const p = programmes.get(cohort.programmeId);
      return p ? [{ ...presentPublicCohort(cohort, seats.get(cohort.id)), programme: { id: p.id, kind: p.kind, title: p.title }, via }] : [];
    }),
  };
}

/** The curriculum with materials, for the cohort's own people; anyone else (and any draft) gets 404. */
export async function myCohort(db: DbOrTx, userId: string, id: string): Promise<MyCohortViewT> {
  const cohort = await requireCohort(db, id);
  const member = isVisible(cohort) ? (await cohortMembers(db, id)).find((m) => m.userId === userId) : undefined;
  if (!member) throw new DomainError('courses.cohort_not_found');
  const base = await publicCohortParts(db, cohort);
  const materials = (await materialsWithFiles(db, id)).map(presentMaterial);
  return {
    ...base,
    via: member.via,
    sessions: base.sessions.map((s) => ({ ...s, materials: materials.filter((m) => m.sessionId === s.id) })),
    materials: materials.filter((m) => m.sessionId === null),
  };
}

export async function cohortDetail(db: DbOrTx, id: string): Promise<CohortDetailT> {
  const cohort = await requireCohort(db, id);
  const programme = await programmeById(db, cohort.programmeId);
  if (!programme) throw new DomainError('courses.cohort_not_found');
  const sessions = await sessionsOfCohort(db, id);
  const materials = await materialsWithFiles(db, id);
  return {
    cohort: presentCohort(cohort, sessions.length),
    programme: presentProgramme(programme, (await cohortCounts(db)).get(programme.id) ?? 0),
    modules: (await modulesOfCohort(db, id)).map(presentModule),
    sessions: await sessionViews(db, id, sessions),
    materials: materials.filter((m) => m.material.sessionId === null).map(presentMaterial),
    rooms: (await allRooms(db)).map(presentRoom),
  };
}

/** One page of a cohort's people with names and e-mail addresses, for staff: logged before it leaves. */
export async function membersForStaff(db: DbOrTx, accessor: AccessActor, id: string, query: CohortMemberQueryT): Promise<CohortMemberListT> {
  await requireCohort(db, id);
  const { rows, total } = await cohortMembersPage(db, id, query.q || undefined, offsetOf(query), query.pageSize);
  if (rows.length > 0) await recordAccess(db, { actor: accessor, action: 'view', subjectType: 'user', subjectIds: rows.map((m) => m.userId), detail: { cohortId: id, list: 'cohort_members', page: query.page } });
  return { items: rows, total, page: query.page, pageSize: query.pageSize };
}

/**
 * One page of the accounts holding 'mentor' — the network's lecturer pool — by name, for choosing a
 * session's lecturers and setting their hours; the database pages and filters (`q`: a part of the
 * name or the address), and only the page that leaves goes to the access log.
 */
export async function lecturerPool(db: DbOrTx, accessor: AccessActor, query: LecturerPoolQueryT): Promise<LecturerPoolT> {
  const text = query.q ? or(ilike(users.name, containsPattern(query.q)), ilike(users.email, containsPattern(query.q))) : undefined;
  const where = and(eq(roleGrants.role, 'mentor'), eq(roleGrants.scopeType, 'global'), text);
  const rows = await db
    .select({ userId: users.id, name: users.name, email: users.email })
    .from(roleGrants)
    .innerJoin(users, eq(users.id, roleGrants.userId))
    .where(where)
    .orderBy(asc(users.name), asc(users.id))
    .limit(query.pageSize)
    .offset(offsetOf(query));
  const [n] = await db.select({ n: count() }).from(roleGrants).innerJoin(users, eq(users.id, roleGrants.userId)).where(where);
  if (rows.length > 0) await recordAccess(db, { actor: accessor, action: 'view', subjectType: 'user', subjectIds: rows.map((r) => r.userId), detail: { list: 'lecturer_pool', page: query.page } });
  return { items: rows, total: Number(n?.n ?? 0), page: query.page, pageSize: query.pageSize };
}
