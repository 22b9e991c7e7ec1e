/**
 * Data access for the home page's read models. Read-only: the tables belong to courses, recruitment
 * and review, which own their editing; the rules repeated here (who belongs to a cohort, which
 * assignment still needs a review) are the same as in those modules, and the overview tests hold
 * them to the same answers as the modules' own routes.
 */
import { and, asc, desc, eq, gte, inArray, isNotNull, isNull, ne, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.js';
import { applications, callReviewers, calls, cohorts, courseSessions, enrolments, participants, programmes, reviewAssignments, reviews, rooms, sessionLecturers } from '../../platform/db/schema/index.js';

const VISIBLE = inArray(cohorts.status, ['published', 'finished']);

const sessionColumns = {
  id: courseSessions.id,
  type: courseSessions.type,
  title: courseSessions.title,
  startsAt: courseSessions.startsAt,
  endsAt: courseSessions.endsAt,
  placeText: courseSessions.placeText,
  roomName: rooms.name,
  roomPlace: rooms.place,
  cohortId: cohorts.id,
  cohortTitle: cohorts.title,
  programmeTitle: programmes.title,
};

/**
 * Timetabled sessions of visible cohorts that have not ended by `now` (a session under way still
 * counts), soonest first. `where` narrows to one person's sessions.
 */
function sessionsFrom(db: DbOrTx, now: Date, limit: number, where?: SQL) {
  const notOver = or(gte(courseSessions.endsAt, now), and(isNull(courseSessions.endsAt), gte(courseSessions.startsAt, now)));
  return db
    .select(sessionColumns)
    .from(courseSessions)
    .innerJoin(cohorts, eq(cohorts.id, courseSessions.cohortId))
    .innerJoin(programmes, eq(programmes.id, cohorts.programmeId))
    .leftJoin(rooms, eq(rooms.id, courseSessions.roomId))
    .where(and(VISIBLE, isNotNull(courseSessions.startsAt), notOver, where))
    .orderBy(asc(courseSessions.startsAt), asc(courseSessions.id))
    .limit(limit);
}
export type SessionRow = Awaited<ReturnType<typeof sessionsFrom>>[number];

export function upcomingPublicSessions(db: DbOrTx, now: Date, limit: number): Promise<SessionRow[]> {
  return sessionsFrom(db, now, limit);
}

/** The ids of the visible cohorts `userId` belongs to: a selection cohort's active participants, an open cohort's enrolled. */
export async function cohortIdsOfMember(db: DbOrTx, userId: string): Promise<string[]> {
  const bySelection = await db
    .select({ id: cohorts.id })
    .from(cohorts)
    .innerJoin(participants, and(eq(participants.callId, cohorts.callId), eq(participants.userId, userId), eq(participants.status, 'active')))
    .where(and(eq(cohorts.enrolmentMode, 'selection'), VISIBLE));
  const byEnrolment = await db
    .select({ id: cohorts.id })
    .from(cohorts)
    .innerJoin(enrolments, and(eq(enrolments.cohortId, cohorts.id), eq(enrolments.userId, userId), eq(enrolments.status, 'enrolled')))
    .where(and(eq(cohorts.enrolmentMode, 'open'), VISIBLE));
  return [...new Set([...bySelection, ...byEnrolment].map((r) => r.id))];
}

export async function nextSessionInCohorts(db: DbOrTx, now: Date, cohortIds: readonly string[]): Promise<SessionRow | undefined> {
  if (cohortIds.length === 0) return undefined;
  const [row] = await sessionsFrom(db, now, 1, inArray(courseSessions.cohortId, [...cohortIds]));
  return row;
}

/** The next session `userId` teaches (an account among the session's lecturers). */
export async function nextSessionTaught(db: DbOrTx, now: Date, userId: string): Promise<SessionRow | undefined> {
  const taught = db.select({ id: sessionLecturers.sessionId }).from(sessionLecturers).where(eq(sessionLecturers.userId, userId));
  const [row] = await sessionsFrom(db, now, 1, inArray(courseSessions.id, taught));
  return row;
}

/** My applications to calls the public can see (published or closed), as /me/applications lists them. */
export async function applicationsOf(db: DbOrTx, userId: string) {
  return db
    .select({
      id: applications.id,
      callId: applications.callId,
      callTitle: calls.title,
      closesAt: calls.closesAt,
      status: applications.status,
      outcome: applications.outcome,
      waitlistPosition: applications.waitlistPosition,
    })
    .from(applications)
    .innerJoin(calls, eq(calls.id, applications.callId))
    .where(and(eq(applications.userId, userId), inArray(calls.status, ['published', 'closed'])))
    .orderBy(desc(calls.opensAt), asc(applications.id));
}

/** Whether `userId` holds an accepted reviewer seat on any call. */
export async function hasReviewerSeat(db: DbOrTx, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: callReviewers.id })
    .from(callReviewers)
    .where(and(eq(callReviewers.userId, userId), eq(callReviewers.status, 'accepted')))
    .limit(1);
  return row !== undefined;
}

/** Assignments on my accepted seats, on submitted applications still held, without a submitted review (as /me/reviews shows them). */
export async function reviewsToDo(db: DbOrTx, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(reviewAssignments)
    .innerJoin(callReviewers, eq(callReviewers.id, reviewAssignments.reviewerId))
    .innerJoin(applications, eq(applications.id, reviewAssignments.applicationId))
    .leftJoin(reviews, eq(reviews.assignmentId, reviewAssignments.id))
    .where(
      and(
        eq(callReviewers.userId, userId),
        eq(callReviewers.status, 'accepted'),
        eq(applications.status, 'submitted'),
        isNull(applications.anonymisedAt),
        or(isNull(reviews.id), ne(reviews.status, 'submitted')),
      ),
    );
  return row?.n ?? 0;
}
