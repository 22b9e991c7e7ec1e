/**
 * Attendance over HTTP (issue 4 point 5): staff see a rotating six-digit code and its QR code only
 * inside the session's window (15 minutes before the start until the end); participants of the
 * cohort check in once with the current or the previous code; wrong codes are refused and then
 * throttled; outsiders learn nothing about the session; staff corrections need a reason and are
 * audited; rates per participant, session and cohort count only sessions that have started.
 */
import { createHmac } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessLog, attendance, auditLog, courseSessions } from '../../src/platform/db/schema/index.js';
import type { AttendanceCorrectionResultT, AttendanceRecordViewT, CheckinCodeViewT, CheckinResultT, CohortAttendanceViewT } from '../../src/shared/contracts/attendance.js';
import { startTestApp, type TestApp, type TestClient } from '../support/app.js';
import { movableClock } from '../support/factories.js';
import { DAY, HOUR, MIN, enrol, makeCohort, makeProgramme, makeSession } from '../factories/attendance.js';

type SignedIn = TestClient & { userId: string };

const PERIOD = 30_000;
const clock = movableClock();
let t: TestApp;
let staff: SignedIn;
let ann: SignedIn;
let bob: SignedIn;
let cy: SignedIn;
let outsider: SignedIn;
let cohortId: string;
let programmeId: string;

beforeAll(async () => {
  // Staff stay signed in across the clock jumps below.
  t = await startTestApp({ now: clock.now, env: { STAFF_SESSION_IDLE_MINUTES: '1440' } });
  staff = await t.signedIn(['staff']);
  ann = await t.signedIn([], { name: '김하나' });
  bob = await t.signedIn([], { name: 'Bob Lee' });
  cy = await t.signedIn([], { name: '박셋' });
  outsider = await t.signedIn(['participant']);
  programmeId = await makeProgramme(t.campus.database.db);
  cohortId = await makeCohort(t.campus.database.db, programmeId, [ann.userId, bob.userId, cy.userId]);
});
afterAll(async () => {
  await t.close();
});

const db = () => t.campus.database.db;
const codeOf = (sessionId: string) => staff.get(`/api/v1/admin/sessions/${sessionId}/checkin-code`);
const checkIn = (client: TestClient, body: Record<string, unknown>) => client.post('/api/v1/me/checkins', body);
const secretOf = async (sessionId: string) => (await db().select().from(courseSessions).where(eq(courseSessions.id, sessionId)))[0]!.checkinSecret;

/** The code of a time step, worked out here independently of the server (HOTP truncation of HMAC-SHA256). */
function expectedCode(secret: string, step: number): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const d = createHmac('sha256', secret).update(counter).digest();
  const o = d[d.length - 1]! & 0xf;
  return String(d.readUInt32BE(o) & 0x7fffffff).padStart(10, '0').slice(-6);
}
/** A six-digit code that is neither of the two accepted now. */
function wrongCodeFor(secret: string): string {
  const step = Math.floor(clock.now().getTime() / PERIOD);
  const taken = new Set([expectedCode(secret, step), expectedCode(secret, step - 1), expectedCode(secret, step + 1)]);
  for (let n = 123456; ; n++) if (!taken.has(String(n))) return String(n);
}
/** Moves the clock to one second after the start of the next code step, so a test never straddles one by accident. */
function alignToStep() {
  const now = clock.now().getTime();
  clock.advance(PERIOD - (now % PERIOD) + 1000);
}

describe('the code staff show', () => {
  it('exists only inside the window, rotates, and matches HMAC-SHA256 of the time step', async () => {
    const start = new Date(clock.now().getTime() + 30 * MIN);
    const sessionId = await makeSession(db(), cohortId, start, 120);
    const secret = await secretOf(sessionId);

    // 16 minutes before the start: not yet.
    clock.advance(14 * MIN);
    const early = await codeOf(sessionId);
    expect(early.statusCode, early.body).toBe(409);
    expect(early.json().error.code).toBe('attendance.state_not_open');
    expect(early.json().error.message).toContain('15분 전');

    // 14 minutes before the start: open.
    clock.advance(2 * MIN);
    alignToStep();
    const res = await codeOf(sessionId);
    expect(res.statusCode, res.body).toBe(200);
    const view = res.json<CheckinCodeViewT>();
    const step = Math.floor(clock.now().getTime() / PERIOD);
    expect(view.code).toMatch(/^\d{6}$/);
    expect(view.code).toBe(expectedCode(secret, step));
    expect(view.rotationSeconds).toBe(30);
    expect(Date.parse(view.validFrom)).toBe(step * PERIOD);
    expect(Date.parse(view.rotatesAt)).toBe((step + 1) * PERIOD);
    expect(Date.parse(view.window.opensAt)).toBe(start.getTime() - 15 * MIN);
    expect(Date.parse(view.window.closesAt)).toBe(start.getTime() + 120 * MIN);
    expect(view.checkinUrl).toBe(`http://localhost:3000/me/checkin?session=${sessionId}&code=${view.code}`);
    expect(view.qrSvg.startsWith('<svg')).toBe(true);
    expect(view.qrSvg).not.toMatch(/<script|href=/i);
    // The secret itself never leaves the server.
    expect(res.body).not.toContain(secret);

    // The same step gives the same code; the next step a new one.
    expect((await codeOf(sessionId)).json<CheckinCodeViewT>().code).toBe(view.code);
    clock.advance(PERIOD);
    const next = (await codeOf(sessionId)).json<CheckinCodeViewT>();
    expect(next.code).toBe(expectedCode(secret, step + 1));
    expect(next.code).not.toBe(view.code);

    // Still open at the very end; closed right after.
    clock.advance(start.getTime() + 120 * MIN - clock.now().getTime() - 1000);
    expect((await codeOf(sessionId)).statusCode).toBe(200);
    clock.advance(2000);
    const late = await codeOf(sessionId);
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('attendance.state_closed');
  });

  it('has no code for a session without times or an unknown session, and none for non-staff', async () => {
    const unscheduled = await makeSession(db(), cohortId, null);
    const res = await codeOf(unscheduled);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('attendance.state_not_scheduled');
    expect((await codeOf('0190a0a0-0000-7000-8000-000000000000')).statusCode).toBe(404);
    expect((await ann.get(`/api/v1/admin/sessions/${unscheduled}/checkin-code`)).statusCode).toBe(403);
    expect((await t.client().get(`/api/v1/admin/sessions/${unscheduled}/checkin-code`)).statusCode).toBe(401);
  });
});

describe('checking in', () => {
  let sessionId: string;
  let secret: string;

  beforeAll(async () => {
    const start = new Date(clock.now().getTime() + 10 * MIN);
    sessionId = await makeSession(db(), cohortId, start, 180, 'workshop', '워크숍');
    secret = await secretOf(sessionId);
  });

  it('accepts the current code once; a second check-in answers 200 with the same record', async () => {
    alignToStep();
    const { code } = (await codeOf(sessionId)).json<CheckinCodeViewT>();
    const first = await checkIn(ann, { sessionId, code });
    expect(first.statusCode, first.body).toBe(201);
    const body = first.json<CheckinResultT>();
    expect(body.created).toBe(true);
    expect(body.attendance).toMatchObject({ sessionId, userId: ann.userId, status: 'present', method: 'code', reason: null });
    expect(body.session).toMatchObject({ id: sessionId, cohortId, title: { ko: '워크숍' } });

    const again = await checkIn(ann, { sessionId, code });
    expect(again.statusCode).toBe(200);
    expect(again.json<CheckinResultT>()).toMatchObject({ created: false, attendance: { id: body.attendance.id } });
    const rows = await db().select().from(attendance).where(and(eq(attendance.sessionId, sessionId), eq(attendance.userId, ann.userId)));
    expect(rows).toHaveLength(1);
  });

  it('accepts the previous code after a rotation, but not an older one', async () => {
    alignToStep();
    const old = (await codeOf(sessionId)).json<CheckinCodeViewT>().code;
    clock.advance(PERIOD);
    expect((await codeOf(sessionId)).json<CheckinCodeViewT>().code).not.toBe(old);
    const res = await checkIn(bob, { sessionId, code: old });
    expect(res.statusCode, res.body).toBe(201);

    const older = (await codeOf(sessionId)).json<CheckinCodeViewT>().code;
    clock.advance(2 * PERIOD);
    const stale = await checkIn(cy, { sessionId, code: older });
    expect(stale.statusCode).toBe(422);
    expect(stale.json().error).toMatchObject({ code: 'attendance.code_invalid', fields: [{ path: 'code' }] });
  });

  it('finds the session from the code alone when the link carried no session', async () => {
    const other = await t.signedIn();
    await enrol(db(), cohortId, other.userId);
    const { code } = (await codeOf(sessionId)).json<CheckinCodeViewT>();
    const res = await checkIn(other, { code });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<CheckinResultT>().session.id).toBe(sessionId);
  });

  it('refuses wrong codes, then throttles the person (right codes too) until the window passes', async () => {
    const dee = await t.signedIn();
    const another = await t.signedIn();
    await enrol(db(), cohortId, dee.userId);
    await enrol(db(), cohortId, another.userId);
    const wrong = wrongCodeFor(secret);
    for (let i = 0; i < 5; i++) {
      const res = await checkIn(dee, { sessionId, code: wrong });
      expect(res.statusCode, `attempt ${i + 1}`).toBe(422);
      expect(res.json().error.code).toBe('attendance.code_invalid');
    }
    const sixth = await checkIn(dee, { sessionId, code: wrong });
    expect(sixth.statusCode).toBe(429);
    expect(Number(sixth.headers['retry-after'])).toBeGreaterThan(0);
    expect(sixth.json().error.code).toBe('attendance.too_many_attempts');
    // While blocked the right code is refused as well, so a guesser cannot tell right from wrong.
    const right = (await codeOf(sessionId)).json<CheckinCodeViewT>().code;
    expect((await checkIn(dee, { sessionId, code: right })).statusCode).toBe(429);
    expect((await checkIn(dee, { code: right })).statusCode).toBe(429);
    // Someone else is not affected.
    expect((await checkIn(another, { sessionId, code: right })).statusCode).toBe(201);
    // After the throttle window (10 minutes) the right code works.
    clock.advance(10 * MIN + 1000);
    const fresh = (await codeOf(sessionId)).json<CheckinCodeViewT>().code;
    const ok = await checkIn(dee, { sessionId, code: fresh });
    expect(ok.statusCode, ok.body).toBe(201);
  });

  it('refuses badly formed codes at the boundary', async () => {
    for (const code of ['12345', '1234567', 'abcdef', '']) {
      const res = await checkIn(ann, { sessionId, code });
      expect(res.statusCode, code).toBe(400);
      expect(res.json().error.fields[0].path).toBe('code');
    }
    const missing = await checkIn(ann, { sessionId });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.fields[0].message).toBe('출석 코드를 입력해 주세요.');
    // Clients cannot set the status, the method or the person.
    const extra = await checkIn(ann, { sessionId, code: '123456', status: 'present', userId: bob.userId });
    expect(extra.statusCode).toBe(400);
  });

  it('tells outsiders nothing: 404 with a session id, "no open session" without one', async () => {
    const { code } = (await codeOf(sessionId)).json<CheckinCodeViewT>();
    const res = await checkIn(outsider, { sessionId, code });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('attendance.session_not_found');
    const unknown = await checkIn(outsider, { sessionId: '0190a0a0-0000-7000-8000-000000000000', code });
    expect(unknown.json()).toEqual(res.json());
    const noSession = await checkIn(outsider, { code });
    expect(noSession.statusCode).toBe(409);
    expect(noSession.json().error.code).toBe('attendance.state_no_open_session');
    expect(await db().select().from(attendance).where(eq(attendance.userId, outsider.userId))).toHaveLength(0);
    expect((await t.client().post('/api/v1/me/checkins', { sessionId, code })).statusCode).toBe(401);
  });

  it('refuses check-in outside the window with a clear message, but still shows an existing record', async () => {
    const later = await makeSession(db(), cohortId, new Date(clock.now().getTime() + 2 * HOUR), 60);
    const before = await checkIn(cy, { sessionId: later, code: '000000' });
    expect(before.statusCode).toBe(409);
    expect(before.json().error.code).toBe('attendance.state_not_open');
    const en = await cy.post('/api/v1/me/checkins', { sessionId: later, code: '000000' }, { 'accept-language': 'en' });
    expect(en.json().error.message).toMatch(/^Check-in opens 15 minutes before the session starts \((?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2} [A-Z][a-z]{2} \d{4}, \d\d:\d\d\)\.$/);

    clock.advance(4 * HOUR);
    const after = await checkIn(cy, { sessionId: later, code: '000000' });
    expect(after.statusCode).toBe(409);
    expect(after.json().error.code).toBe('attendance.state_closed');
    // Ann checked in to the workshop earlier; asking again after it ended shows her record.
    const again = await checkIn(ann, { sessionId, code: '000000' });
    expect(again.statusCode).toBe(200);
    expect(again.json<CheckinResultT>().created).toBe(false);
  });
});

describe('staff corrections and rates', () => {
  let rateCohort: string;
  let s1: string;
  let s2: string;
  let s3: string;
  let future: string;

  beforeAll(async () => {
    rateCohort = await makeCohort(db(), programmeId, [ann.userId, bob.userId, cy.userId]);
    const now = clock.now().getTime();
    s1 = await makeSession(db(), rateCohort, new Date(now - 3 * DAY));
    s2 = await makeSession(db(), rateCohort, new Date(now - 2 * DAY));
    s3 = await makeSession(db(), rateCohort, new Date(now - 1 * DAY));
    future = await makeSession(db(), rateCohort, new Date(now + 5 * DAY));
  });

  const correct = (sessionId: string, userId: string, body: unknown) => staff.put(`/api/v1/admin/sessions/${sessionId}/attendance/${userId}`, body);

  it('requires a reason of 5 to 500 characters, in the reader’s language', async () => {
    const none = await correct(s1, ann.userId, { status: 'present' });
    expect(none.statusCode).toBe(400);
    expect(none.json().error.fields).toEqual([{ path: 'reason', message: '정정 사유를 입력해 주세요.' }]);
    const short = await staff.put(`/api/v1/admin/sessions/${s1}/attendance/${ann.userId}`, { status: 'present', reason: 'ok' }, { 'accept-language': 'en' });
    expect(short.json().error.fields).toEqual([{ path: 'reason', message: 'Please give a reason of at least 5 characters.' }]);
    expect((await correct(s1, ann.userId, { status: 'present', reason: 'x'.repeat(501) })).statusCode).toBe(400);
    expect((await correct(s1, ann.userId, { status: 'late', reason: '지각 처리합니다' })).statusCode).toBe(400);
    expect(await db().select().from(attendance).where(eq(attendance.sessionId, s1))).toHaveLength(0);
  });

  it('records the correction and audits it with the record before and after', async () => {
    const first = await correct(s1, ann.userId, { status: 'absent', reason: '출석 코드 미입력' });
    expect(first.statusCode, first.body).toBe(200);
    const created = first.json<AttendanceCorrectionResultT>();
    // No certificate in this cohort: nothing to say about one (attendance-certificates.test.ts covers the rest).
    expect(created).toMatchObject({ status: 'absent', method: 'manual', reason: '출석 코드 미입력', certificate: null });

    const fixed = await correct(s1, ann.userId, { status: 'present', reason: '  휴대전화 고장으로 종이 명부에 서명함  ' });
    expect(fixed.statusCode).toBe(200);
    expect(fixed.json<AttendanceRecordViewT>()).toMatchObject({ id: created.id, status: 'present', reason: '휴대전화 고장으로 종이 명부에 서명함' });

    const audits = await db().select().from(auditLog).where(and(eq(auditLog.action, 'attendance.correct'), eq(auditLog.entityId, created.id))).orderBy(auditLog.id);
    expect(audits).toHaveLength(2);
    expect(audits[0]!.before).toBeNull();
    expect(audits[0]!.actorId).toBe(staff.userId);
    expect(audits[1]!.before).toMatchObject({ status: 'absent', reason: '출석 코드 미입력' });
    expect(audits[1]!.after).toMatchObject({ status: 'present', method: 'manual', reason: '휴대전화 고장으로 종이 명부에 서명함', recordedBy: staff.userId });
  });

  it('corrects only the cohort’s people, and only staff may', async () => {
    const res = await correct(s1, outsider.userId, { status: 'present', reason: '명단에 없는 사람' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('attendance.member_not_found');
    expect((await ann.put(`/api/v1/admin/sessions/${s1}/attendance/${ann.userId}`, { status: 'present', reason: '스스로 출석 처리' })).statusCode).toBe(403);
  });

  it('computes rates per participant, per session and per cohort over started sessions only', async () => {
    // ann: s1 present (above), s2 present, s3 excused → 2 of 2 due. bob: s1 present, s2 absent → 1 of 3. cy: nothing → 0 of 3.
    for (const [s, u, status] of [
      [s2, ann.userId, 'present'],
      [s3, ann.userId, 'excused'],
      [s1, bob.userId, 'present'],
      [s2, bob.userId, 'absent'],
      [future, cy.userId, 'present'],
    ] as const) {
      expect((await correct(s, u, { status, reason: '출석부 대조 결과' })).statusCode).toBe(200);
    }
    const res = await staff.get(`/api/v1/admin/cohorts/${rateCohort}/attendance`);
    expect(res.statusCode, res.body).toBe(200);
    const view = res.json<CohortAttendanceViewT>();
    const person = Object.fromEntries(view.items.map((p) => [p.userId, p]));
    expect(person[ann.userId]).toMatchObject({ name: '김하나', due: 2, present: 2, excused: 1, rate: 1 });
    expect(person[ann.userId]!.statuses).toEqual({ [s1]: 'present', [s2]: 'present', [s3]: 'excused' });
    expect(person[bob.userId]).toMatchObject({ due: 3, present: 1, excused: 0 });
    expect(person[bob.userId]!.rate).toBeCloseTo(1 / 3);
    expect(person[cy.userId]).toMatchObject({ due: 3, present: 0, rate: 0 });
    const session = Object.fromEntries(view.sessions.map((s) => [s.sessionId, s]));
    expect(session[s1]).toMatchObject({ started: true, due: 3, present: 2 });
    expect(session[s3]).toMatchObject({ started: true, due: 2, present: 0, excused: 1, rate: 0 });
    // The future session is not due, whatever is recorded for it.
    expect(session[future]).toMatchObject({ started: false, due: 0, present: 0, rate: null });
    expect(view.cohort).toEqual({ due: 8, present: 3, excused: 1, rate: 3 / 8 });

    // The list names people: the read is access-logged.
    const logs = await db().select().from(accessLog).where(eq(accessLog.actorId, staff.userId));
    const entry = logs.find((l) => (l.detail as { cohortId?: string }).cohortId === rateCohort);
    expect(entry).toBeDefined();
    expect([...entry!.subjectIds].sort()).toEqual([ann.userId, bob.userId, cy.userId].sort());
  });

  it('answers 404 for an unknown cohort and 403 for participants', async () => {
    expect((await staff.get('/api/v1/admin/cohorts/0190a0a0-0000-7000-8000-000000000000/attendance')).statusCode).toBe(404);
    expect((await ann.get(`/api/v1/admin/cohorts/${rateCohort}/attendance`)).statusCode).toBe(403);
  });
});
