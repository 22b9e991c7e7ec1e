/**
 * Lecturer availability (issue 4, point 3): a lecturer of the network states weekly open hours and
 * dates they cannot come (themselves or through staff); the timetable places their sessions only
 * inside those hours and never on those dates. Slot wishes (preferred / avoided) are soft: the
 * timetable follows them when it can and the run reports how far it did. Audited; only 'mentor'
 * accounts have it.
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, cohorts, courseSessions, lecturerAvailability, programmes, rooms, sessionLecturers } from '../../src/platform/db/schema/index.js';
import type { TimetableRunViewT } from '../../src/shared/contracts/timetable.js';
import type { LecturerAvailabilityViewT } from '../../src/shared/contracts/courses.js';
import { startTestApp, type TestApp, type TestClient } from '../support/app.js';
import { waitFor } from '../support/factories.js';

let t: TestApp;
let staff: Awaited<ReturnType<TestApp['signedIn']>>;
let park: Awaited<ReturnType<TestApp['signedIn']>>;
let cohortId: string;
let programme: string;
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
  programme = uuidv7();
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
    // The first save replaces nothing; wishes not sent are none.
    expect(audit[0]!.before).toBeNull();
    expect(audit[0]!.after).toMatchObject({ weekly: { '2': [[780, 1140]] }, unavailableDates: ['2021-03-09'], preferred: [], avoided: [] });
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
    const run = await timetable(cohortId, 3);
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

async function timetable(cohort: string, seed: number): Promise<TimetableRunViewT> {
  const started = await staff.post('/api/v1/admin/cohorts/timetable-runs', { cohortIds: [cohort], seed, timeLimitSeconds: 20 });
  expect(started.statusCode, started.body).toBe(202);
  const id = started.json<TimetableRunViewT>().id;
  const run = await waitFor(
    async () => {
      const polled = (await staff.get(`/api/v1/admin/timetable-runs/${id}`)).json<TimetableRunViewT>();
      return polled.status === 'queued' || polled.status === 'running' ? undefined : polled;
    },
    20_000,
    () => `timetable run ${id} did not finish`,
    50,
  );
  expect(run.status, JSON.stringify(run.result)).toBe('done');
  return run;
}

describe('slot wishes', () => {
  let choi: Awaited<ReturnType<TestApp['signedIn']>>;
  let wishCohort: string;
  const HANGUL = /[\uac00-\ud7a3]/;
  const auditRows = async (userId: string) => (await db().select().from(auditLog).where(eq(auditLog.action, 'lecturer_availability.set'))).filter((a) => a.entityId === userId);
  const stored = async (userId: string) => (await db().select().from(lecturerAvailability).where(eq(lecturerAvailability.userId, userId)))[0];

  beforeAll(async () => {
    choi = await t.signedIn(['mentor'], { name: '최다온' });
    // Three weeks (Thursdays 4, 11 and 18 March), three lectures of choi, nothing else in the cohort.
    wishCohort = uuidv7();
    await db().insert(cohorts).values({ id: wishCohort, programmeId: programme, title: { ko: '시험 2기', en: 'Test cohort 2' }, place: { ko: '시험센터', en: 'Test centre' }, startsOn: '2021-03-01', endsOn: '2021-03-21', capacity: 20, enrolmentMode: 'selection', status: 'published' });
    for (let i = 0; i < 3; i++) {
      const id = uuidv7();
      await db()
        .insert(courseSessions)
        .values({ id, cohortId: wishCohort, type: 'lecture', title: { ko: `특강 ${i + 1}`, en: `Talk ${i + 1}` }, durationMinutes: 180, checkinSecret: randomUUID(), position: i });
      await db().insert(sessionLecturers).values({ id: uuidv7(), sessionId: id, userId: choi.userId, feeRate: 300_000 });
    }
  });

  it('are stated by the lecturer: each wish once, in weekday and slot order, read back by staff', async () => {
    const res = await choi.put('/api/v1/me/availability', {
      weekly: {},
      unavailableDates: [],
      preferred: [{ slot: 'pm', weekday: 4 }, { weekday: 2 }, { weekday: 4, slot: 'pm' }, { slot: 'am' }],
      avoided: [{ weekday: 1 }],
    });
    expect(res.statusCode, res.body).toBe(200);
    const expected = { preferred: [{ slot: 'am' }, { weekday: 2 }, { weekday: 4, slot: 'pm' }], avoided: [{ weekday: 1 }] };
    expect(res.json<LecturerAvailabilityViewT>()).toMatchObject(expected);
    expect(res.json<LecturerAvailabilityViewT>().updatedAt).not.toBeNull();
    const read = await staff.get(`/api/v1/admin/lecturers/${choi.userId}/availability`);
    expect(read.json<LecturerAvailabilityViewT>()).toEqual({ ...res.json<LecturerAvailabilityViewT>(), ...expected });
    expect((await choi.get('/api/v1/me/availability')).json<LecturerAvailabilityViewT>()).toEqual(read.json<LecturerAvailabilityViewT>());
    const audit = await auditRows(choi.userId);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: choi.userId, before: null, after: { userId: choi.userId, ...expected } });
  });

  it('are changed by staff, audited with what they replaced', async () => {
    const body = { weekly: {}, unavailableDates: ['2021-03-11'], preferred: [{ weekday: 4, slot: 'pm' }], avoided: [{ weekday: 1 }] };
    const res = await staff.put(`/api/v1/admin/lecturers/${choi.userId}/availability`, body);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<LecturerAvailabilityViewT>()).toMatchObject(body);
    const audit = await auditRows(choi.userId);
    expect(audit).toHaveLength(2);
    const last = audit.find((a) => a.actorId === staff.userId)!;
    expect(last.before).toMatchObject({ preferred: [{ slot: 'am' }, { weekday: 2 }, { weekday: 4, slot: 'pm' }], avoided: [{ weekday: 1 }], unavailableDates: [] });
    expect(last.after).toMatchObject(body);
    expect(await stored(choi.userId)).toMatchObject({ preferred: [{ weekday: 4, slot: 'pm' }], avoided: [{ weekday: 1 }], unavailableDates: ['2021-03-11'] });
  });

  it('refuses a wish for an unknown slot, an empty wish, or one both preferred and avoided, in Korean and English, writing nothing', async () => {
    const before = { row: await stored(choi.userId), audit: (await auditRows(choi.userId)).length };
    const base = { weekly: {}, unavailableDates: [] };
    const cases: [TestClient, string, unknown, string, string][] = [
      [choi, '/api/v1/me/availability', { ...base, preferred: [{ weekday: 4, slot: 'night' }] }, 'preferred.0.slot', 'The slot is one of'],
      [staff, `/api/v1/admin/lecturers/${choi.userId}/availability`, { ...base, avoided: [{ weekday: 2 }, {}] }, 'avoided.1', 'Choose a weekday, a slot, or both.'],
      [choi, '/api/v1/me/availability', { ...base, preferred: [{ weekday: 8 }] }, 'preferred.0.weekday', 'Weekdays are 1 (Monday) to 7 (Sunday).'],
      [
        staff,
        `/api/v1/admin/lecturers/${choi.userId}/availability`,
        { ...base, preferred: [{ weekday: 4, slot: 'pm' }], avoided: [{ slot: 'pm', weekday: 4 }] },
        'avoided.0',
        'The same slot cannot be both preferred and avoided; choose one.',
      ],
      [choi, '/api/v1/me/availability', { ...base, preferred: [{ day: 4 }] }, 'preferred.0', ''],
    ];
    for (const [client, url, body, path, en] of cases)
      for (const lang of ['ko', 'en'] as const) {
        const res = await client.put(url, body, { 'accept-language': lang });
        expect(res.statusCode, res.body).toBe(400);
        const field = (res.json().error.fields as { path: string; message: string }[]).find((f) => f.path === path);
        expect(field, `${lang} ${path}: ${res.body}`).toBeDefined();
        if (lang === 'ko') expect(field!.message).toMatch(HANGUL);
        else {
          expect(field!.message).not.toMatch(HANGUL);
          expect(field!.message).toContain(en);
        }
      }
    expect(await stored(choi.userId)).toEqual(before.row);
    expect(await auditRows(choi.userId)).toHaveLength(before.audit);
  });

  it("places the lecturer's sessions on Thursday afternoons and never on Monday, and the run says so", async () => {
    // choi prefers Thursday afternoon, avoids Monday, and cannot come on Thursday 11 March.
    const run = await timetable(wishCohort, 5);
    const placements = run.result!.placements!;
    expect(placements).toHaveLength(3);
    const starts = placements.map((p) => seoul(p.startsAt));
    for (const s of starts) expect(s.weekday).not.toBe(1);
    const thursdays = starts.filter((s) => s.weekday === 4);
    expect(thursdays.map((s) => s.date).sort()).toEqual(['2021-03-04', '2021-03-18']);
    for (const s of thursdays) expect(s.minutes).toBe(780);
    // The third is in the week of the 11th (one a week is the even share), not on the 11th itself.
    const third = starts.find((s) => s.weekday !== 4)!;
    expect(third.date >= '2021-03-08' && third.date <= '2021-03-12').toBe(true);
    expect(run.result!.quality).toMatchObject({ preferenceHits: 2, preferenceMisses: 1, avoidedSlotsUsed: 0, spreadExcess: 0 });
    expect(run.result!.lecturerPreferences).toEqual([{ userId: choi.userId, name: '최다온', sessions: 3, hits: 2, misses: 1, avoided: 0 }]);
    // Applied, the stored times are the proposed ones.
    expect((await staff.post(`/api/v1/admin/timetable-runs/${run.id}/apply`)).statusCode).toBe(200);
    const rows = await db().select().from(courseSessions).where(eq(courseSessions.cohortId, wishCohort));
    expect(rows.map((r) => r.startsAt!.toISOString()).sort()).toEqual(placements.map((p) => p.startsAt).sort());
  });

  it('still timetables every session of a lecturer who avoids every weekday, and counts each one', async () => {
    await staff.put(`/api/v1/admin/lecturers/${choi.userId}/availability`, { weekly: {}, unavailableDates: [], avoided: [1, 2, 3, 4, 5].map((weekday) => ({ weekday })) });
    const run = await timetable(wishCohort, 6);
    expect(run.result!.status).toBe('complete');
    expect(run.result!.placements).toHaveLength(3);
    expect(run.result!.quality).toMatchObject({ avoidedSlotsUsed: 3, preferenceHits: 0, preferenceMisses: 0 });
    expect(run.result!.lecturerPreferences).toEqual([{ userId: choi.userId, name: '최다온', sessions: 3, hits: 0, misses: 0, avoided: 3 }]);
  });
});
