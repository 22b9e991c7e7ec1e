/**
 * Test data for attendance and certificates, written straight to the database (the courses routes
 * are built in parallel; these tests do not depend on them): a programme, an open cohort with
 * enrolled people, and sessions at times relative to the test's clock.
 */
import { randomBytes } from 'node:crypto';
import { uuidv7 } from 'uuidv7';
import type { CompletionRule, SessionType } from '../../src/platform/db/schema/courses.js';
import { cohorts, courseSessions, enrolments, programmes } from '../../src/platform/db/schema/index.js';
import type { Db } from '../../src/platform/db/client.js';

export const MIN = 60_000;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;

export async function makeProgramme(db: Db, rule: Partial<CompletionRule> = {}, kind: 'top_innovator' | 'citizen' = 'top_innovator'): Promise<string> {
  const id = uuidv7();
  await db.insert(programmes).values({
    id,
    kind,
    title: { ko: '탑 이노베이터 과정', en: 'Top Innovator Course' },
    description: { ko: '시험용 과정', en: 'A course for tests' },
    completionRule: { minAttendanceRate: 0.8, requiredSessionTypes: ['field_study'], requireExperimentReport: true, ...rule },
  });
  return id;
}

/** A published open cohort; its people are the users given (enrolled). */
export async function makeCohort(db: Db, programmeId: string, userIds: readonly string[], over: { startsOn?: string; endsOn?: string } = {}): Promise<string> {
  const id = uuidv7();
  await db.insert(cohorts).values({
    id,
    programmeId,
    title: { ko: '2020 1기', en: '2020 Cohort 1' },
    place: { ko: '서울혁신파크', en: 'Seoul Innovation Park' },
    startsOn: over.startsOn ?? '2020-08-03',
    endsOn: over.endsOn ?? '2020-11-27',
    capacity: 30,
    enrolmentMode: 'open',
    status: 'published',
  });
  for (const userId of userIds) await enrol(db, id, userId);
  return id;
}

export async function enrol(db: Db, cohortId: string, userId: string): Promise<void> {
  await db.insert(enrolments).values({ id: uuidv7(), cohortId, userId, status: 'enrolled' });
}

/** A session of `minutes` starting at `startsAt` (null: not timetabled). */
export async function makeSession(db: Db, cohortId: string, startsAt: Date | null, minutes = 120, type: SessionType = 'lecture', title = '강의'): Promise<string> {
  const id = uuidv7();
  await db.insert(courseSessions).values({
    id,
    cohortId,
    type,
    title: { ko: title, en: `${type} session` },
    durationMinutes: minutes,
    startsAt,
    endsAt: startsAt ? new Date(startsAt.getTime() + minutes * MIN) : null,
    checkinSecret: randomBytes(32).toString('hex'),
  });
  return id;
}
