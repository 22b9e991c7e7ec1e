/**
 * Lecturer availability (issue 4, point 3): a lecturer of the network states weekly open hours and
 * dates they cannot come (themselves or through staff); the timetable places their sessions only
 * inside those hours and never on those dates. Audited; only 'mentor' accounts have it.
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, cohorts, courseSessions, programmes, rooms, sessionLecturers } from '../../src/platform/db/schema/index.js';
import type { TimetableRunViewT } from '../../src/shared/contracts/timetable.js';
import type { LecturerAvailabilityViewT } from '../../src/shared/contracts/courses.js';
import { startTestApp, type TestApp } from '../support/app.js';

let t: TestApp;
let staff: Awaited<ReturnType<TestApp['signedIn']>>;
let park: Awaited<ReturnType<TestApp['signedIn']>>;
let cohortId: string;
const db = () => t.campus.database.db;
const KST = 9 * 3_600_000;
const seoul = (iso: string) => {
  const d = new Date(new Date(iso).getTime() + KST);
  return { date: d.toISOString().slice(0, 10), weekday: ((d.getUTCDay() + 6) % 7) + 1, minutes: d.getUTCHours() * 60 + d.getUTCMinutes() };
};

beforeAll(async () => {
  t = await startTestApp();
  staff = await t.signedIn(['staff']);
  park = await t.signedIn(['mentor'], { name: '박세나' });
  const programme = uuidv7();
  await db()
    .insert(programmes)
    .values({ id: programme, kind: 'top_innovator', title: { ko: '시험 과정', en: 'Test programme' }, description: { ko: '설명' }, completionRule: { minAttendanceRate: 0.8, requiredSessionTypes: [], requireExperimentReport: false } });
  await db().insert(rooms).values({ id: uuidv7(), name: { ko: '강당', en: 'Hall' }, place: { ko: '시험센터', en: 'Test centre' }, capacity: 40, availability: {} });
  cohortId = uuidv7();
  await db().insert(cohorts).values({ id: cohortId, programmeId: programme, title: { ko: '시험 1기', en: 'Test cohort' }, place: { ko: '시험센터', en: 'Test centre' }, startsOn: '2021-03-01', endsOn: '2021-03-21', capacity: 20, enrolmentMode: 'selection', status: 'published' });
  for (let i = 0; i < 3; i++) {
    const id = uuidv7();
    await db()
      .insert(courseSessions)
      .values({ id, cohortId, type: 'lecture', title: { ko: `강의 ${i + 1}`, en: `Lecture ${i + 1}` }, durationMinutes: 180, checkinSecret: randomUUID(), position: i });
    await db().insert(sessionLecturers).values({ id: uuidv7(), sessionId: id, userId: park.userId, feeRate: 300_000 });
  }
});
afterAll(async () => {
  await t.close();
});

describe('lecturer availability', () => {
  it('is set by the lecturer, read by staff, and audited', async () => {
    // Tuesdays 13:00–19:00 only, and not on Tuesday 9 March.
    const body = { weekly: { '2': [[780, 1140]] }, unavailableDates: ['2021-03-09'] };
    const res = await park.put('/api/v1/me/availability', body);
    expect(res.statusCode, res.body).toBe(200);
    const read = await staff.get(`/api/v1/admin/lecturers/${park.userId}/availability`);
    expect(read.json<LecturerAvailabilityViewT>()).toMatchObject({ userId: park.userId, weekly: { '2': [[780, 1140]] }, unavailableDates: ['2021-03-09'] });
    const audit = await db().select().from(auditLog).where(eq(auditLog.action, 'lecturer_availability.set'));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.entityId).toBe(park.userId);
  });

  it('refuses bad ranges with a field message, non-lecturers, and non-staff', async () => {
    const bad = await staff.put(`/api/v1/admin/lecturers/${park.userId}/availability`, { weekly: { '2': [[900, 800]] }, unavailableDates: [] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].path).toContain('weekly');
    expect((await staff.get(`/api/v1/admin/lecturers/${staff.userId}/availability`)).statusCode).toBe(404);
    const member = await t.signedIn();
    expect((await member.put('/api/v1/me/availability', { weekly: {}, unavailableDates: [] })).statusCode).toBe(403);
    expect((await member.get(`/api/v1/admin/lecturers/${park.userId}/availability`)).statusCode).toBe(403);
  });

  it("keeps the lecturer's sessions inside their hours and off their away dates when timetabling", async () => {
    const started = await staff.post('/api/v1/admin/cohorts/timetable-runs', { cohortIds: [cohortId], seed: 3, timeLimitSeconds: 20 });
    expect(started.statusCode, started.body).toBe(202);
    let run = started.json<TimetableRunViewT>();
    for (let i = 0; i < 400 && (run.status === 'queued' || run.status === 'running'); i++) {
      await new Promise((r) => setTimeout(r, 50));
      run = (await staff.get(`/api/v1/admin/timetable-runs/${run.id}`)).json<TimetableRunViewT>();
    }
    expect(run.status, JSON.stringify(run.result)).toBe('done');
    const placements = run.result!.placements!;
    expect(placements).toHaveLength(3);
    for (const p of placements) {
      const start = seoul(p.startsAt);
      const end = seoul(p.endsAt);
      expect(start.weekday, p.startsAt).toBe(2);
      expect(start.date).not.toBe('2021-03-09');
      expect(start.minutes).toBeGreaterThanOrEqual(780);
      expect(end.minutes).toBeLessThanOrEqual(1140);
    }
  });
});
