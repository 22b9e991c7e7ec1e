/**
 * Queries of the open-data exports: the public parts of calls and courses (no applicant, enrolment,
 * lecturer or check-in columns are selected at all, so none can leak through a presenter), and
 * when each dataset's data last changed.
 */
import { and, asc, eq, inArray, max, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.js';
import { auditLog, budgetLines, budgetSpending, calls, cohorts, courseSessions, milestones, plans, programmes, rooms, workPackages } from '../../platform/db/schema/index.js';
import type { DatasetIdT } from '../../shared/contracts/open-data.js';

const VISIBLE_COHORT: ('published' | 'finished')[] = ['published', 'finished'];

/** Calls that were ever public: published (open now) and closed ones; drafts never were. */
export async function publicCallRows(db: DbOrTx) {
  return db
    .select({ id: calls.id, status: calls.status, title: calls.title, programme: calls.programme, opensAt: calls.opensAt, closesAt: calls.closesAt, capacity: calls.capacity })
    .from(calls)
    .where(ne(calls.status, 'draft'))
    .orderBy(asc(calls.opensAt), asc(calls.id));
}
export type PublicCallRow = Awaited<ReturnType<typeof publicCallRows>>[number];

export async function visibleCohortRows(db: DbOrTx) {
  return db
    .select({
      id: cohorts.id,
      callId: cohorts.callId,
      title: cohorts.title,
      place: cohorts.place,
      startsOn: cohorts.startsOn,
      endsOn: cohorts.endsOn,
      capacity: cohorts.capacity,
      enrolmentMode: cohorts.enrolmentMode,
      status: cohorts.status,
      programmeTitle: programmes.title,
      programmeKind: programmes.kind,
    })
    .from(cohorts)
    .innerJoin(programmes, eq(programmes.id, cohorts.programmeId))
    .where(inArray(cohorts.status, VISIBLE_COHORT))
    .orderBy(asc(cohorts.startsOn), asc(cohorts.id));
}
export type VisibleCohortRow = Awaited<ReturnType<typeof visibleCohortRows>>[number];

export async function publicSessionRows(db: DbOrTx, cohortIds: string[]) {
  if (cohortIds.length === 0) return [];
  return db
    .select({
      id: courseSessions.id,
      cohortId: courseSessions.cohortId,
      type: courseSessions.type,
      title: courseSessions.title,
      startsAt: courseSessions.startsAt,
      endsAt: courseSessions.endsAt,
      days: courseSessions.days,
      durationMinutes: courseSessions.durationMinutes,
      placeText: courseSessions.placeText,
      roomName: rooms.name,
      roomPlace: rooms.place,
    })
    .from(courseSessions)
    .leftJoin(rooms, eq(rooms.id, courseSessions.roomId))
    .where(inArray(courseSessions.cohortId, cohortIds))
    .orderBy(asc(courseSessions.cohortId), sql`${courseSessions.startsAt} asc nulls last`, asc(courseSessions.position), asc(courseSessions.id));
}
export type PublicSessionRow = Awaited<ReturnType<typeof publicSessionRows>>[number];

/**
 * The rows' own change times, and the audit log's entries for what leaves no timestamp behind: a
 * deleted row, a moved budget line (a group's sum changes), a renamed room (sessions show its name).
 */
const AUDITED: Record<DatasetIdT, string[]> = {
  plan: ['work_package.delete', 'budget_line.delete', 'budget_line.move'],
  schedule: ['milestone.delete', 'work_package.delete'],
  budget: ['budget_line.delete', 'budget_line.move', 'spending.delete'],
  calls: [],
  courses: ['programme.delete', 'cohort.delete', 'course_session.delete', 'room.update', 'room.delete'],
};

type AtRow = { at: Date | string | null };

async function latest(queries: Promise<AtRow[]>[]): Promise<Date | null> {
  let best: Date | null = null;
  for (const [row] of await Promise.all(queries)) {
    if (!row?.at) continue;
    // A timestamp column arrives as a Date, but max() of one may come back as text on some drivers.
    const at = row.at instanceof Date ? row.at : new Date(row.at);
    if (!best || at > best) best = at;
  }
  return best;
}

/** When the data behind a dataset last changed; null for a dataset with no rows and no history. */
export async function lastModified(db: DbOrTx, dataset: DatasetIdT): Promise<Date | null> {
  const actions = AUDITED[dataset];
  const audit: Promise<AtRow[]>[] = actions.length > 0 ? [db.select({ at: max(auditLog.at) }).from(auditLog).where(inArray(auditLog.action, actions))] : [];
  switch (dataset) {
    case 'plan':
      return latest([...audit, db.select({ at: max(plans.updatedAt) }).from(plans), db.select({ at: max(workPackages.updatedAt) }).from(workPackages), db.select({ at: max(budgetLines.updatedAt) }).from(budgetLines)]);
    case 'schedule':
      return latest([...audit, db.select({ at: max(milestones.updatedAt) }).from(milestones), db.select({ at: max(workPackages.updatedAt) }).from(workPackages)]);
    case 'budget':
      return latest([...audit, db.select({ at: max(budgetLines.updatedAt) }).from(budgetLines), db.select({ at: max(budgetSpending.createdAt) }).from(budgetSpending)]);
    case 'calls':
      return latest([db.select({ at: max(calls.updatedAt) }).from(calls).where(ne(calls.status, 'draft'))]);
    case 'courses':
      return latest([
        ...audit,
        db.select({ at: max(programmes.updatedAt) }).from(programmes),
        db.select({ at: max(cohorts.updatedAt) }).from(cohorts).where(inArray(cohorts.status, VISIBLE_COHORT)),
        db
          .select({ at: max(courseSessions.updatedAt) })
          .from(courseSessions)
          .innerJoin(cohorts, and(eq(cohorts.id, courseSessions.cohortId), inArray(cohorts.status, VISIBLE_COHORT))),
      ]);
  }
}
