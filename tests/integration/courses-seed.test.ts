/**
 * The 2020 pilot seeded from the plan (issue 4, point 1): two programmes, the top-innovator cohort at
 * Seoul Innovation Park (16 weeks, August–November 2020, capacity 30, filled by selection) with its
 * untimed curriculum skeleton, the citizen programme with an example district cohort, and rooms.
 * Seeding again changes nothing, and never brings back or overwrites what staff changed.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCourses } from '../../src/modules/courses/seed.js';
import { cohorts, courseSessions, programmes } from '../../src/platform/db/schema/index.js';
import type { CohortDetailT, CohortListT, ProgrammeListT, PublicProgrammeListT, RoomListT } from '../../src/shared/contracts/courses.js';
import { startTestApp, type TestApp, type TestClient } from '../support/app.js';
import { countRows } from '../support/factories.js';

let t: TestApp;
let staff: TestClient;

beforeAll(async () => {
  t = await startTestApp();
  staff = await t.signedIn(['staff']);
});
afterAll(async () => {
  await t.close();
});

const db = () => t.campus.database.db;

async function pilot(): Promise<CohortDetailT> {
  const list = (await staff.get('/api/v1/admin/cohorts')).json<CohortListT>();
  const cohort = list.cohorts.find((c) => c.slug === 'top-innovator-2020')!;
  expect(cohort).toBeDefined();
  return (await staff.get(`/api/v1/admin/cohorts/${cohort.id}`)).json<CohortDetailT>();
}

async function counts() {
  const out: Record<string, number> = {};
  for (const table of ['programme', 'cohort', 'room', 'course_module', 'course_session', 'session_lecturer']) out[table] = await countRows(db(), table);
  return out;
}

describe('the 2020 pilot', () => {
  it('has the two programmes of the plan with their completion rules', async () => {
    const res = await staff.get('/api/v1/admin/programmes');
    expect(res.statusCode).toBe(200);
    const { items: list, total } = res.json<ProgrammeListT>();
    expect(total).toBe(2);
    expect(list.map((p) => [p.slug, p.kind]).sort()).toEqual([
      ['citizen-innovator', 'citizen'],
      ['top-innovator', 'top_innovator'],
    ]);
    const top = list.find((p) => p.slug === 'top-innovator')!;
    expect(top.title).toEqual({ ko: '최고 혁신가 과정', en: 'Top innovator course' });
    expect(top.completionRule).toEqual({ minAttendanceRate: 0.8, requiredSessionTypes: ['field_study'], requireExperimentReport: true });
    expect(list.find((p) => p.slug === 'citizen-innovator')!.completionRule.minAttendanceRate).toBe(0.8);
  });

  it('has the top-innovator cohort: 16 weeks at Seoul Innovation Park, capacity 30, filled by selection with no call linked yet', async () => {
    const { cohort, programme } = await pilot();
    expect(programme.slug).toBe('top-innovator');
    expect(cohort).toMatchObject({ capacity: 30, enrolmentMode: 'selection', callId: null, startsOn: '2020-08-03', endsOn: '2020-11-20', status: 'published' });
    expect(cohort.place).toEqual({ ko: '서울혁신파크', en: 'Seoul Innovation Park' });
    // 16 weeks: from the first Monday of August to the Friday of week 16.
    const days = (Date.parse(cohort.endsOn) - Date.parse(cohort.startsOn)) / 86_400_000;
    expect(Math.floor(days / 7) + 1).toBe(16);
  });

  it('has the curriculum skeleton: every session type, untimed, the 3-day field study, the presentation last', async () => {
    const { sessions, modules } = await pilot();
    expect(modules.length).toBe(6);
    expect(sessions.length).toBeGreaterThanOrEqual(20);
    expect(sessions.length).toBeLessThanOrEqual(40);
    expect(new Set(sessions.map((s) => s.type))).toEqual(new Set(['lecture', 'workshop', 'field_study', 'experiment_lab', 'mentoring', 'results_presentation']));
    for (const s of sessions) {
      expect(s.startsAt).toBeNull();
      expect(s.sequence).toBe(0);
      expect(modules.map((m) => m.id)).toContain(s.moduleId);
      for (const p of s.constraints.prerequisites ?? []) expect(sessions.map((x) => x.id)).toContain(p);
    }
    const field = sessions.filter((s) => s.type === 'field_study');
    expect(field).toHaveLength(1);
    expect(field[0]!.days).toBe(3);
    expect(field[0]!.placeText?.ko).toBeTruthy();
    const presentation = sessions.find((s) => s.type === 'results_presentation')!;
    expect(presentation.constraints.allowedWeeks).toEqual([15]);
    // The plan's lecture fees: 16 lecture days × 2 domestic lecturers at 300,000 KRW.
    const lectures = sessions.filter((s) => s.type === 'lecture');
    expect(lectures).toHaveLength(16);
    expect(lectures.flatMap((s) => s.lecturers.map((l) => l.feeRate))).toEqual(Array<number>(32).fill(300_000));
    expect(lectures.every((s) => s.lecturers.every((l) => l.kind === 'external' && l.userId === null))).toBe(true);
    expect(new Set(lectures.map((s) => s.constraints.cadenceGroup))).toEqual(new Set(['ti-lectures']));
  });

  it('has the citizen programme with one example district cohort, open enrolment, still a draft', async () => {
    const list = (await staff.get('/api/v1/admin/cohorts')).json<CohortListT>();
    const citizen = list.cohorts.filter((c) => c.enrolmentMode === 'open');
    expect(citizen).toHaveLength(1);
    expect(citizen[0]).toMatchObject({ slug: 'citizen-innovator-2020-eunpyeong', status: 'draft', callId: null });
  });

  it('has rooms at Seoul Innovation Park with capacities, enough for the cohort of 30', async () => {
    const { items: rooms } = (await staff.get('/api/v1/admin/rooms')).json<RoomListT>();
    expect(rooms.length).toBeGreaterThanOrEqual(3);
    for (const r of rooms) {
      expect(r.place.ko).toBe('서울혁신파크');
      expect(r.capacity).toBeGreaterThanOrEqual(30);
    }
  });

  it('is public: the published pilot is listed, the draft citizen cohort is not', async () => {
    const res = await t.client().get('/api/v1/programmes');
    expect(res.statusCode).toBe(200);
    const { programmes: list } = res.json<PublicProgrammeListT>();
    expect(list.map((p) => p.kind)).toEqual(['top_innovator']);
    expect(list[0]!.cohorts.map((c) => c.capacity)).toEqual([30]);
  });
});

describe('seeding again', () => {
  it('adds nothing', async () => {
    const before = await counts();
    await seedCourses(db());
    await seedCourses(db());
    expect(await counts()).toEqual(before);
  });

  it('keeps staff edits and does not bring back what staff deleted', async () => {
    const { cohort, sessions } = await pilot();
    const renamed = await staff.patch(`/api/v1/admin/cohorts/${cohort.id}`, { capacity: 28, title: { ko: '바뀐 제목' } });
    expect(renamed.statusCode).toBe(200);
    const lecture = sessions.find((s) => s.type === 'lecture')!;
    expect((await staff.patch(`/api/v1/admin/sessions/${lecture.id}`, { durationMinutes: 90 })).statusCode).toBe(200);

    // The citizen cohort is a draft without enrolments: staff may delete it.
    const list = (await staff.get('/api/v1/admin/cohorts')).json<CohortListT>();
    const citizen = list.cohorts.find((c) => c.slug === 'citizen-innovator-2020-eunpyeong')!;
    expect((await staff.delete(`/api/v1/admin/cohorts/${citizen.id}`)).statusCode).toBe(200);

    await seedCourses(db());

    const [stored] = await db().select().from(cohorts).where(eq(cohorts.id, cohort.id));
    expect(stored).toMatchObject({ capacity: 28, title: { ko: '바뀐 제목' } });
    const [session] = await db().select().from(courseSessions).where(eq(courseSessions.id, lecture.id));
    expect(session!.durationMinutes).toBe(90);
    expect(await db().select().from(cohorts).where(eq(cohorts.slug, 'citizen-innovator-2020-eunpyeong'))).toHaveLength(0);
    expect(await db().select().from(programmes)).toHaveLength(2);
  });
});
