/**
 * Staff editing of programmes, rooms, cohorts and the curriculum (issue 4, points 1 and 2): bad input
 * is refused with field messages in Korean and English and leaves nothing behind; cross-field rules
 * are checked on the merged record; every change is audited; a session's time or place change bumps
 * its iCalendar sequence, and nothing else does.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/platform/db/schema/index.js';
import type { CohortViewT, LecturerViewT, ModuleViewT, ProgrammeViewT, RoomViewT, SessionViewT } from '../../src/shared/contracts/courses.js';
import { startTestApp, type TestApp, type TestClient } from '../support/app.js';
import { countRows } from '../support/factories.js';

let t: TestApp;
let staff: TestClient & { userId: string };
let programme: ProgrammeViewT;
let cohort: CohortViewT;
let room: RoomViewT;

const HANGUL = /[\uAC00-\uD7A3]/;
const TABLES = ['programme', 'cohort', 'room', 'course_module', 'course_session', 'session_lecturer', 'material', 'audit_log'];

async function snapshot(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of TABLES) out[table] = await countRows(t.campus.database.db, table);
  return out;
}

function fieldsOf(body: string): { path: string; message: string }[] {
  return (JSON.parse(body) as { error: { fields?: { path: string; message: string }[] } }).error.fields ?? [];
}

/** Sends the same bad request in both languages; expects the status and a message on `path` in each language. */
async function refusedInBothLanguages(send: (c: TestClient) => Promise<{ statusCode: number; body: string }>, status: number, path: string): Promise<void> {
  const before = await snapshot();
  for (const lang of ['ko', 'en'] as const) {
    staff.lang = lang;
    const res = await send(staff);
    expect(res.statusCode, res.body).toBe(status);
    const field = fieldsOf(res.body).find((f) => f.path === path);
    expect(field, `${lang}: ${res.body}`).toBeDefined();
    if (lang === 'ko') expect(field!.message).toMatch(HANGUL);
    else expect(field!.message).not.toMatch(HANGUL);
  }
  staff.lang = undefined;
  expect(await snapshot()).toEqual(before);
}

const cohortBody = (overrides: Record<string, unknown> = {}) => ({
  programmeId: programme.id,
  title: { ko: '시민 혁신가 과정 · 마포', en: 'Citizen innovators · Mapo' },
  place: { ko: '마포구 청년센터', en: 'Mapo youth centre' },
  startsOn: '2021-03-02',
  endsOn: '2021-05-28',
  capacity: 25,
  enrolmentMode: 'open',
  ...overrides,
});

beforeAll(async () => {
  t = await startTestApp();
  staff = await t.signedIn(['staff']);
  const p = await staff.post('/api/v1/admin/programmes', {
    kind: 'citizen',
    title: { ko: '시민 혁신가 과정 2021', en: 'Citizen innovators 2021' },
    description: { ko: '시민이 함께 찾는 해결책' },
    completionRule: { minAttendanceRate: 0.75, requiredSessionTypes: [], requireExperimentReport: false },
  });
  expect(p.statusCode, p.body).toBe(201);
  programme = p.json();
  const r = await staff.post('/api/v1/admin/rooms', { name: { ko: '마포 강의실' }, place: { ko: '마포구' }, capacity: 30, availability: { '1': [[1080, 1260]] } });
  expect(r.statusCode, r.body).toBe(201);
  room = r.json();
  const c = await staff.post('/api/v1/admin/cohorts', cohortBody());
  expect(c.statusCode, c.body).toBe(201);
  cohort = c.json();
});
afterAll(async () => {
  await t.close();
});

describe('programmes, rooms and cohorts', () => {
  it('creates them as sent, with server-set fields, and audits each', async () => {
    expect(programme).toMatchObject({ slug: null, kind: 'citizen', cohortCount: 0 });
    expect(room.availability).toEqual({ '1': [[1080, 1260]] });
    expect(cohort).toMatchObject({ status: 'draft', callId: null, enrolmentOpensAt: null, capacity: 25, sessionCount: 0 });
    const entries = await t.campus.database.db.select().from(auditLog).where(eq(auditLog.entityId, cohort.id));
    expect(entries.map((e) => e.action)).toEqual(['cohort.create']);
    expect(entries[0]!.actorId).toBe(staff.userId);
  });

  it('refuses a cohort ending before it starts, in both languages, writing nothing', async () => {
    await refusedInBothLanguages((c) => c.post('/api/v1/admin/cohorts', cohortBody({ endsOn: '2021-03-01' })), 400, 'endsOn');
  });

  it('refuses a patch whose end falls before the stored start (checked on the merged record)', async () => {
    await refusedInBothLanguages((c) => c.patch(`/api/v1/admin/cohorts/${cohort.id}`, { endsOn: '2021-01-01' }), 422, 'endsOn');
  });

  it('refuses a call on an open cohort, an unknown call, and a closing time before the opening', async () => {
    await refusedInBothLanguages((c) => c.post('/api/v1/admin/cohorts', cohortBody({ callId: '0190d6a1-4c1e-7000-8000-000000000001' })), 400, 'callId');
    await refusedInBothLanguages((c) => c.post('/api/v1/admin/cohorts', cohortBody({ enrolmentMode: 'selection', callId: '0190d6a1-4c1e-7000-8000-000000000001' })), 422, 'callId');
    await refusedInBothLanguages(
      (c) => c.patch(`/api/v1/admin/cohorts/${cohort.id}`, { enrolmentOpensAt: '2021-02-10T09:00:00+09:00', enrolmentClosesAt: '2021-02-01T09:00:00+09:00' }),
      422,
      'enrolmentClosesAt',
    );
  });

  it('refuses unknown fields (mass assignment), bad capacities, rates and weekdays', async () => {
    await refusedInBothLanguages((c) => c.post('/api/v1/admin/cohorts', { ...cohortBody(), slug: 'mine' }), 400, '');
    await refusedInBothLanguages((c) => c.post('/api/v1/admin/cohorts', cohortBody({ capacity: 0 })), 400, 'capacity');
    await refusedInBothLanguages(
      (c) => c.patch(`/api/v1/admin/programmes/${programme.id}`, { completionRule: { minAttendanceRate: 1.5, requiredSessionTypes: [], requireExperimentReport: false } }),
      400,
      'completionRule.minAttendanceRate',
    );
    await refusedInBothLanguages((c) => c.patch(`/api/v1/admin/rooms/${room.id}`, { availability: { '8': [[0, 60]] } }), 400, 'availability');
    await refusedInBothLanguages((c) => c.patch(`/api/v1/admin/rooms/${room.id}`, { availability: { '1': [[600, 540]] } }), 400, 'availability.1.0');
  });

  it('answers 404 for ids that do not exist', async () => {
    const missing = '0190d6a1-4c1e-7000-8000-0000000000ff';
    expect((await staff.patch(`/api/v1/admin/cohorts/${missing}`, { capacity: 3 })).statusCode).toBe(404);
    expect((await staff.get(`/api/v1/admin/cohorts/${missing}`)).statusCode).toBe(404);
    expect((await staff.post(`/api/v1/admin/cohorts/${missing}/sessions`, { type: 'lecture', title: { ko: 'x' }, durationMinutes: 60 })).statusCode).toBe(404);
    expect((await staff.delete(`/api/v1/admin/programmes/${missing}`)).statusCode).toBe(404);
  });

  it('links a selection cohort to a call once: a second cohort on the same call is a conflict', async () => {
    const call = await staff.post('/api/v1/admin/calls', {
      title: { ko: '모집' },
      description: { ko: '설명' },
      programme: '최고 혁신가 과정',
      opensAt: '2021-01-01T09:00:00+09:00',
      closesAt: '2021-01-31T18:00:00+09:00',
      capacity: 30,
    });
    expect(call.statusCode, call.body).toBe(201);
    const callId = call.json<{ id: string }>().id;
    const first = await staff.post('/api/v1/admin/cohorts', cohortBody({ enrolmentMode: 'selection', callId }));
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json<CohortViewT>().callId).toBe(callId);
    const second = await staff.post('/api/v1/admin/cohorts', cohortBody({ enrolmentMode: 'selection', callId }));
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe('courses.already_linked_call');
    // Switching the first cohort to open while it keeps its call is refused; with the call cleared it is fine.
    const toOpen = await staff.patch(`/api/v1/admin/cohorts/${first.json<CohortViewT>().id}`, { enrolmentMode: 'open' });
    expect(toOpen.statusCode).toBe(422);
    expect(toOpen.json().error.fields[0].path).toBe('callId');
    const cleared = await staff.patch(`/api/v1/admin/cohorts/${first.json<CohortViewT>().id}`, { enrolmentMode: 'open', callId: null });
    expect(cleared.statusCode, cleared.body).toBe(200);
  });

  it('deletes narrowly: not a programme with cohorts, not a room in use, not a published cohort', async () => {
    const p = await staff.delete(`/api/v1/admin/programmes/${programme.id}`);
    expect(p.statusCode).toBe(409);
    const s = await staff.post(`/api/v1/admin/cohorts/${cohort.id}/sessions`, { type: 'lecture', title: { ko: '방 쓰는 세션' }, durationMinutes: 60, roomId: room.id });
    expect(s.statusCode, s.body).toBe(201);
    expect((await staff.delete(`/api/v1/admin/rooms/${room.id}`)).statusCode).toBe(409);
    expect((await staff.delete(`/api/v1/admin/sessions/${s.json<SessionViewT>().id}`)).statusCode).toBe(200);
    const published = await staff.post('/api/v1/admin/cohorts', cohortBody({ status: 'published' }));
    expect((await staff.delete(`/api/v1/admin/cohorts/${published.json<CohortViewT>().id}`)).statusCode).toBe(409);
  });
});

describe('modules and sessions', () => {
  let module: ModuleViewT;
  let first: SessionViewT;

  it('adds a module and an untimed session in it', async () => {
    const m = await staff.post(`/api/v1/admin/cohorts/${cohort.id}/modules`, { title: { ko: '문제 발견', en: 'Finding problems' }, goals: { ko: '지역 문제를 찾는다' } });
    expect(m.statusCode, m.body).toBe(201);
    module = m.json();
    const s = await staff.post(`/api/v1/admin/cohorts/${cohort.id}/sessions`, {
      moduleId: module.id,
      type: 'workshop',
      title: { ko: '동네 문제 워크숍', en: 'Neighbourhood workshop' },
      goals: { ko: '문제를 고른다' },
      durationMinutes: 120,
    });
    expect(s.statusCode, s.body).toBe(201);
    first = s.json();
    expect(first).toMatchObject({ moduleId: module.id, startsAt: null, endsAt: null, days: 1, sequence: 0, heldAt: null, lecturers: [], materials: [] });
    expect(JSON.stringify(first)).not.toContain('checkin');
  });

  it('derives the end from the start, the length and the days', async () => {
    const s = await staff.post(`/api/v1/admin/cohorts/${cohort.id}/sessions`, {
      type: 'field_study',
      title: { ko: '현장학습' },
      durationMinutes: 480,
      days: 3,
      startsAt: '2021-04-07T09:00:00+09:00',
      placeText: { ko: '전주 (현장)' },
      constraints: { prerequisites: [first.id], allowedWeeks: [5, 4, 5] },
    });
    expect(s.statusCode, s.body).toBe(201);
    const field = s.json<SessionViewT>();
    expect(field.startsAt).toBe('2021-04-07T00:00:00.000Z');
    // Three consecutive days, 09:00–17:00 each: the block ends on the third day at 17:00.
    expect(field.endsAt).toBe('2021-04-09T08:00:00.000Z');
    expect(field.constraints).toEqual({ prerequisites: [first.id], allowedWeeks: [4, 5] });
  });

  it('refuses sessions that do not fit their cohort, in both languages, writing nothing', async () => {
    const base = { type: 'lecture', title: { ko: '강연' }, durationMinutes: 60 };
    await refusedInBothLanguages((c) => c.post(`/api/v1/admin/cohorts/${cohort.id}/sessions`, { ...base, type: 'seminar' }), 400, 'type');
    await refusedInBothLanguages((c) => c.post(`/api/v1/admin/cohorts/${cohort.id}/sessions`, { ...base, durationMinutes: 5 }), 400, 'durationMinutes');
    await refusedInBothLanguages((c) => c.post(`/api/v1/admin/cohorts/${cohort.id}/sessions`, { ...base, startsAt: '2021-04-07 09:00' }), 400, 'startsAt');
    await refusedInBothLanguages(
      (c) => c.post(`/api/v1/admin/cohorts/${cohort.id}/sessions`, { ...base, startsAt: '2021-04-07T09:00:00+09:00', endsAt: '2021-04-07T08:00:00+09:00' }),
      422,
      'endsAt',
    );
    await refusedInBothLanguages((c) => c.post(`/api/v1/admin/cohorts/${cohort.id}/sessions`, { ...base, endsAt: '2021-04-07T08:00:00+09:00' }), 422, 'endsAt');
    await refusedInBothLanguages((c) => c.post(`/api/v1/admin/cohorts/${cohort.id}/sessions`, { ...base, roomId: '0190d6a1-4c1e-7000-8000-0000000000aa' }), 422, 'roomId');
    await refusedInBothLanguages(
      (c) => c.post(`/api/v1/admin/cohorts/${cohort.id}/sessions`, { ...base, constraints: { prerequisites: ['0190d6a1-4c1e-7000-8000-0000000000aa'] } }),
      422,
      'constraints.prerequisites',
    );
    await refusedInBothLanguages((c) => c.post(`/api/v1/admin/cohorts/${cohort.id}/sessions`, { ...base, constraints: { cadenceGroup: 'Weekly Lectures!' } }), 400, 'constraints.cadenceGroup');
    // A module of another cohort is not this cohort's.
    const other = await staff.post('/api/v1/admin/cohorts', cohortBody());
    const otherModule = await staff.post(`/api/v1/admin/cohorts/${other.json<CohortViewT>().id}/modules`, { title: { ko: '다른 모듈' } });
    await refusedInBothLanguages((c) => c.post(`/api/v1/admin/cohorts/${cohort.id}/sessions`, { ...base, moduleId: otherModule.json<ModuleViewT>().id }), 422, 'moduleId');
  });

  it('refuses prerequisites that would go round in a circle', async () => {
    const list = (await staff.get(`/api/v1/admin/cohorts/${cohort.id}/sessions`)).json<{ sessions: SessionViewT[] }>().sessions;
    const field = list.find((s) => s.type === 'field_study')!;
    await refusedInBothLanguages((c) => c.patch(`/api/v1/admin/sessions/${first.id}`, { constraints: { prerequisites: [field.id] } }), 422, 'constraints.prerequisites');
    await refusedInBothLanguages((c) => c.patch(`/api/v1/admin/sessions/${first.id}`, { constraints: { prerequisites: [first.id] } }), 422, 'constraints.prerequisites');
  });

  it('bumps the sequence when the time or the place changes, and only then', async () => {
    const patch = async (body: Record<string, unknown>) => {
      const res = await staff.patch(`/api/v1/admin/sessions/${first.id}`, body);
      expect(res.statusCode, res.body).toBe(200);
      return res.json<SessionViewT>();
    };
    expect((await patch({ title: { ko: '이름만 바꿈' }, goals: null })).sequence).toBe(0);
    const timed = await patch({ startsAt: '2021-03-10T19:00:00+09:00' });
    expect(timed).toMatchObject({ sequence: 1, startsAt: '2021-03-10T10:00:00.000Z', endsAt: '2021-03-10T12:00:00.000Z' });
    // The same time again is no change.
    expect((await patch({ startsAt: '2021-03-10T19:00:00+09:00' })).sequence).toBe(1);
    expect((await patch({ roomId: room.id })).sequence).toBe(2);
    expect((await patch({ placeText: { ko: '마포구 2층' } })).sequence).toBe(3);
    // A longer session ends later: a time change.
    const longer = await patch({ durationMinutes: 150 });
    expect(longer).toMatchObject({ sequence: 4, endsAt: '2021-03-10T12:30:00.000Z' });
    expect((await patch({ type: 'lecture', position: 7, moduleId: null })).sequence).toBe(4);
    expect((await patch({ startsAt: null })).sequence).toBe(5);
    expect((await patch({ startsAt: null })).endsAt).toBeNull();
    const audited = await t.campus.database.db.select().from(auditLog).where(eq(auditLog.entityId, first.id));
    expect(audited.filter((e) => e.action === 'course_session.update').length).toBeGreaterThanOrEqual(8);
    expect(JSON.stringify(audited)).not.toContain('checkinSecret');
  });

  it('lists the cohort with its modules and sessions for staff', async () => {
    const res = await staff.get(`/api/v1/admin/cohorts/${cohort.id}`);
    expect(res.statusCode).toBe(200);
    const detail = res.json<{ modules: ModuleViewT[]; sessions: SessionViewT[]; cohort: CohortViewT }>();
    expect(detail.modules.map((m) => m.id)).toEqual([module.id]);
    expect(detail.sessions.length).toBe(2);
    expect(detail.cohort.sessionCount).toBe(2);
  });

  it('deleting a session takes it out of the others’ prerequisites', async () => {
    const list = (await staff.get(`/api/v1/admin/cohorts/${cohort.id}/sessions`)).json<{ sessions: SessionViewT[] }>().sessions;
    const field = list.find((s) => s.type === 'field_study')!;
    expect((await staff.delete(`/api/v1/admin/sessions/${first.id}`)).statusCode).toBe(200);
    const after = (await staff.get(`/api/v1/admin/sessions/${field.id}`)).json<SessionViewT>();
    expect(after.constraints).toEqual({ allowedWeeks: [4, 5] });
    expect((await staff.get(`/api/v1/admin/sessions/${first.id}`)).statusCode).toBe(404);
  });
});

describe('lecturers', () => {
  let session: SessionViewT;

  beforeAll(async () => {
    const s = await staff.post(`/api/v1/admin/cohorts/${cohort.id}/sessions`, { type: 'lecture', title: { ko: '강연' }, durationMinutes: 120 });
    session = s.json();
  });

  it('takes a network lecturer holding mentor, or an external name, with a fee rate', async () => {
    const mentor = await t.signedIn(['mentor'], { name: '김멘토' });
    const a = await staff.post(`/api/v1/admin/sessions/${session.id}/lecturers`, { userId: mentor.userId, feeRate: 300_000 });
    expect(a.statusCode, a.body).toBe(201);
    expect(a.json<LecturerViewT>()).toMatchObject({ kind: 'network', userId: mentor.userId, displayName: '김멘토', feeRate: 300_000, externalName: null });
    const b = await staff.post(`/api/v1/admin/sessions/${session.id}/lecturers`, { externalName: '박교수 (외부)', feeRate: 250_000 });
    expect(b.statusCode, b.body).toBe(201);
    expect(b.json<LecturerViewT>()).toMatchObject({ kind: 'external', userId: null, displayName: '박교수 (외부)' });
    const again = await staff.post(`/api/v1/admin/sessions/${session.id}/lecturers`, { userId: mentor.userId });
    expect(again.statusCode).toBe(409);
    const patched = await staff.patch(`/api/v1/admin/sessions/${session.id}/lecturers/${b.json<LecturerViewT>().id}`, { feeRate: 200_000 });
    expect(patched.json<LecturerViewT>().feeRate).toBe(200_000);
    const renameNetwork = await staff.patch(`/api/v1/admin/sessions/${session.id}/lecturers/${a.json<LecturerViewT>().id}`, { externalName: '다른 이름' });
    expect(renameNetwork.statusCode).toBe(422);
    const pool = await staff.get('/api/v1/admin/lecturers');
    expect(pool.json<{ items: { userId: string }[] }>().items.map((l) => l.userId)).toContain(mentor.userId);
  });

  it('refuses an account without mentor, both or neither of account and name, and bad fees', async () => {
    const plain = await t.signedIn([]);
    await refusedInBothLanguages((c) => c.post(`/api/v1/admin/sessions/${session.id}/lecturers`, { userId: plain.userId, feeRate: 1 }), 422, 'userId');
    await refusedInBothLanguages((c) => c.post(`/api/v1/admin/sessions/${session.id}/lecturers`, { feeRate: 1 }), 400, 'userId');
    await refusedInBothLanguages((c) => c.post(`/api/v1/admin/sessions/${session.id}/lecturers`, { userId: plain.userId, externalName: '둘 다', feeRate: 1 }), 400, 'userId');
    await refusedInBothLanguages((c) => c.post(`/api/v1/admin/sessions/${session.id}/lecturers`, { externalName: '강사', feeRate: -5 }), 400, 'feeRate');
    await refusedInBothLanguages((c) => c.post(`/api/v1/admin/sessions/${session.id}/lecturers`, { externalName: '강사', feeRate: 1.5 }), 400, 'feeRate');
  });
});
