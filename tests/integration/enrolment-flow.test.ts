/**
 * Enrolment in open courses, one step at a time (issue 4, point 4): seats and the waitlist,
 * enrolling again, Idempotency-Key replays and refusals, the window and the cohort's mode,
 * cancellation with promotion and its e-mail, my enrolments, the staff list (access-logged) and
 * who may call what.
 */
import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCitizens, insertCohort, type Citizen } from '../factories/enrolment.js';
import { accessLog, cohorts, enrolments, outboxMessages } from '../../src/platform/db/schema/index.js';
import type { CohortEnrolmentsListT, EnrolmentViewT, MyEnrolmentsListT } from '../../src/shared/contracts/enrolment.js';
import { startTestApp, type TestApp, type TestClient } from '../support/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

function clientOf(citizen: Citizen, lang?: 'ko' | 'en'): TestClient {
  const c = t.client();
  c.cookies.set('oc.session_token', citizen.sessionCookie);
  c.cookies.set('oc_csrf', 'flow-test-csrf');
  if (lang) c.lang = lang;
  return c;
}

const enrolPath = (cohortId: string) => `/api/v1/cohorts/${cohortId}/enrolment`;
const HOUR = 3600_000;

async function people(n: number, prefix: string, locale: 'ko' | 'en' = 'ko') {
  const citizens = await createCitizens(t.campus, n, { prefix, locale });
  return citizens.map((c) => Object.assign(clientOf(c), { citizen: c }));
}

describe('seats, the waitlist and enrolling again', () => {
  it('fills the seats, then numbers the waitlist; enrolling again answers 200 with the same enrolment', async () => {
    const cohortId = await insertCohort(t.campus.database.db, { capacity: 2 });
    const [a, b, c, d] = await people(4, 'seats');
    const ra = await a!.post(enrolPath(cohortId));
    expect(ra.statusCode).toBe(201);
    expect(ra.json<EnrolmentViewT>()).toMatchObject({ cohortId, status: 'enrolled', waitlistPosition: null, cancelledAt: null });
    expect((await b!.post(enrolPath(cohortId))).json<EnrolmentViewT>().status).toBe('enrolled');
    const rc = await c!.post(enrolPath(cohortId));
    expect(rc.statusCode).toBe(201);
    expect(rc.json<EnrolmentViewT>()).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    expect((await d!.post(enrolPath(cohortId))).json<EnrolmentViewT>()).toMatchObject({ status: 'waitlisted', waitlistPosition: 2 });

    const again = await a!.post(enrolPath(cohortId));
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(ra.json());
    const againWaiting = await d!.post(enrolPath(cohortId), undefined, { 'idempotency-key': 'a-fresh-key' });
    expect(againWaiting.statusCode).toBe(200);
    expect(againWaiting.json<EnrolmentViewT>()).toMatchObject({ status: 'waitlisted', waitlistPosition: 2 });
    const rows = await t.campus.database.db.select().from(enrolments).where(eq(enrolments.cohortId, cohortId));
    expect(rows).toHaveLength(4);
    // The public cohort page says the course is full and how long the waitlist is.
    const page = await t.client().get(`/api/v1/cohorts/${cohortId}`);
    expect(page.statusCode, page.body).toBe(200);
    expect(page.json().cohort).toMatchObject({ capacity: 2, seatsLeft: 0, waitlisted: 2 });
  });
});

describe('Idempotency-Key', () => {
  it('a retry with the same key gets the first answer (status and body) and enrols once', async () => {
    const db = t.campus.database.db;
    const cohortId = await insertCohort(db, { capacity: 1 });
    const [first, me] = await people(2, 'idem');
    await first!.post(enrolPath(cohortId));
    const key = '3f1c2a7e-8d4b-4c1e-9b6a-2f0e5d7c9a11';
    const one = await me!.post(enrolPath(cohortId), undefined, { 'idempotency-key': key });
    const two = await me!.post(enrolPath(cohortId), undefined, { 'idempotency-key': key });
    expect(one.statusCode).toBe(201);
    expect(two.statusCode).toBe(201);
    expect(two.body).toBe(one.body);
    expect(one.headers['idempotent-replayed']).toBeUndefined();
    expect(two.headers['idempotent-replayed']).toBe('true');
    expect(one.json<EnrolmentViewT>()).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    const mine = await db.select().from(enrolments).where(eq(enrolments.userId, me!.citizen.userId));
    expect(mine).toHaveLength(1);
    expect(mine[0]!.idempotencyKey).toBe(key);
  });

  it('the same key for another cohort is refused with a clear message, and nothing is written', async () => {
    const db = t.campus.database.db;
    const first = await insertCohort(db, { capacity: 5 });
    const other = await insertCohort(db, { capacity: 5 });
    const [me] = await people(1, 'reuse');
    me!.lang = 'en';
    expect((await me!.post(enrolPath(first), undefined, { 'idempotency-key': 'my-key-1' })).statusCode).toBe(201);
    const refused = await me!.post(enrolPath(other), undefined, { 'idempotency-key': 'my-key-1' });
    expect(refused.statusCode).toBe(422);
    const body = refused.json<{ error: { code: string; message: string; fields?: { path: string; message: string }[] } }>();
    expect(body.error.code).toBe('enrolment.idempotency_key_reused');
    expect(body.error.message).toMatch(/already used for a different request/);
    expect(body.error.fields?.[0]?.path).toBe('idempotency-key');
    expect(await db.select().from(enrolments).where(eq(enrolments.cohortId, other))).toHaveLength(0);
    // Another person may use the same key: keys belong to one person.
    const [someoneElse] = await people(1, 'reuse-other');
    expect((await someoneElse!.post(enrolPath(other), undefined, { 'idempotency-key': 'my-key-1' })).statusCode).toBe(201);
  });

  it('a malformed key is a 400 with a field message in the reader’s language', async () => {
    const cohortId = await insertCohort(t.campus.database.db, { capacity: 5 });
    const [me] = await people(1, 'badkey');
    for (const bad of ['has space', 'x'.repeat(201), '']) {
      for (const lang of ['ko', 'en'] as const) {
        me!.lang = lang;
        const res = await me!.post(enrolPath(cohortId), undefined, { 'idempotency-key': bad });
        expect(res.statusCode).toBe(400);
        const fields = res.json<{ error: { fields: { path: string; message: string }[] } }>().error.fields;
        expect(fields).toEqual([{ path: 'idempotency-key', message: lang === 'en' ? expect.stringMatching(/1 to 200 visible characters/) : expect.stringMatching(/1~200자/) }]);
      }
    }
    expect(await t.campus.database.db.select().from(enrolments).where(eq(enrolments.userId, me!.citizen.userId))).toHaveLength(0);
    // The longest allowed key is fine.
    expect((await me!.post(enrolPath(cohortId), undefined, { 'idempotency-key': 'k'.repeat(200) })).statusCode).toBe(201);
  });
});

describe('which cohorts take enrolments', () => {
  const refusal = async (client: TestClient, cohortId: string) => {
    const res = await client.post(enrolPath(cohortId));
    return { status: res.statusCode, ...res.json<{ error: { code: string; message: string } }>().error };
  };

  it('refuses selection cohorts, drafts, finished cohorts, and enrolment outside the window, with clear messages', async () => {
    const db = t.campus.database.db;
    const [me] = await people(1, 'window', 'en');
    me!.lang = 'en';
    const now = Date.now();

    const selection = await insertCohort(db, { capacity: 30, enrolmentMode: 'selection' });
    expect(await refusal(me!, selection)).toMatchObject({ status: 422, code: 'enrolment.selection_cohort', message: expect.stringMatching(/selection call, not by enrolment/) });
    me!.lang = 'ko';
    expect((await refusal(me!, selection)).message).toMatch(/모집 공고/);
    me!.lang = 'en';

    expect(await refusal(me!, await insertCohort(db, { capacity: 30, status: 'draft' }))).toMatchObject({ status: 404, code: 'enrolment.cohort_not_found' });
    expect(await refusal(me!, '01890000-0000-7000-8000-000000000000')).toMatchObject({ status: 404, code: 'enrolment.cohort_not_found' });
    expect(await refusal(me!, await insertCohort(db, { capacity: 30, status: 'finished' }))).toMatchObject({ status: 409, code: 'enrolment.state_finished' });

    // 2030-01-15 09:00 Seoul = 00:00 UTC.
    const notYet = await insertCohort(db, { capacity: 30, enrolmentOpensAt: new Date(Date.UTC(2030, 0, 15, 0, 0)) });
    expect(await refusal(me!, notYet)).toMatchObject({ status: 409, code: 'enrolment.state_not_open', message: 'Enrolment for this course opens at Tue 15 Jan 2030, 09:00 (Seoul time).' });
    const closed = await insertCohort(db, { capacity: 30, enrolmentOpensAt: new Date(now - 48 * HOUR), enrolmentClosesAt: new Date(now - HOUR) });
    expect(await refusal(me!, closed)).toMatchObject({ status: 409, code: 'enrolment.state_closed' });

    const open = await insertCohort(db, { capacity: 30, enrolmentOpensAt: new Date(now - HOUR), enrolmentClosesAt: new Date(now + HOUR) });
    expect((await me!.post(enrolPath(open))).statusCode).toBe(201);
    expect(await db.select().from(enrolments).where(eq(enrolments.userId, me!.citizen.userId))).toHaveLength(1);
  });
});

describe('cancelling', () => {
  it('frees the seat for the first on the waitlist, who is told by e-mail in their language; the waitlist closes up', async () => {
    const db = t.campus.database.db;
    const cohortId = await insertCohort(db, { capacity: 2, title: { ko: '시민 혁신가 과정 (마포구)', en: 'Citizen innovator course (Mapo-gu)' } });
    const [a, b] = await people(2, 'cancel-seat');
    const [c] = await people(1, 'cancel-en', 'en');
    const [d, e] = await people(2, 'cancel-wait');
    for (const p of [a, b, c, d, e]) expect((await p!.post(enrolPath(cohortId))).statusCode).toBe(201);

    const cancelled = await a!.delete(enrolPath(cohortId));
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json<EnrolmentViewT>()).toMatchObject({ status: 'cancelled', waitlistPosition: null, cancelledAt: expect.any(String) });

    const byUser = async () => new Map((await db.select().from(enrolments).where(eq(enrolments.cohortId, cohortId))).map((r) => [r.userId, r]));
    let rows = await byUser();
    expect(rows.get(c!.citizen.userId)).toMatchObject({ status: 'enrolled', waitlistPosition: null });
    expect(rows.get(d!.citizen.userId)).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    expect(rows.get(e!.citizen.userId)).toMatchObject({ status: 'waitlisted', waitlistPosition: 2 });

    const promotedId = rows.get(c!.citizen.userId)!.id;
    const [mail] = await db.select().from(outboxMessages).where(eq(outboxMessages.dedupeKey, `enrolment-promoted:${promotedId}:1`));
    expect(mail).toMatchObject({ kind: 'enrolment.promoted', toEmail: c!.citizen.email, toUserId: c!.citizen.userId, lang: 'en', status: 'pending' });
    expect(mail!.subject).toBe('[Open Campus] Citizen innovator course (Mapo-gu): you have a place');
    expect(mail!.body).toContain('Seoul Innovation Park, 2020-09-01 – 2020-11-30');
    expect(mail!.body).toContain(`http://localhost:3000/courses/${cohortId}`);
    expect(mail!.about).toEqual({ cohortId, enrolmentId: promotedId });

    // A waitlisted person may cancel too: those behind move up.
    expect((await d!.delete(enrolPath(cohortId))).json<EnrolmentViewT>().status).toBe('cancelled');
    rows = await byUser();
    expect(rows.get(e!.citizen.userId)).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });

    // Cancelling again answers the cancelled enrolment; someone never enrolled gets a 404.
    const twice = await a!.delete(enrolPath(cohortId));
    expect(twice.statusCode).toBe(200);
    expect(twice.json()).toEqual(cancelled.json());
    const [stranger] = await people(1, 'cancel-stranger');
    const none = await stranger!.delete(enrolPath(cohortId));
    expect(none.statusCode).toBe(404);
    expect(none.json<{ error: { code: string } }>().error.code).toBe('enrolment.enrolment_not_found');

    // Enrolling again after cancelling: the same row, at the end of the line.
    const back = await a!.post(enrolPath(cohortId), undefined, { 'idempotency-key': 'back-again' });
    expect(back.statusCode).toBe(201);
    expect(back.json<EnrolmentViewT>()).toMatchObject({ id: cancelled.json<EnrolmentViewT>().id, status: 'waitlisted', waitlistPosition: 2, cancelledAt: null });

    // The person promoted once leaves; e moves up (its first promotion); a second promotion of the
    // same enrolment gets the next number in its dedupe key.
    await c!.delete(enrolPath(cohortId));
    await e!.delete(enrolPath(cohortId)); // e (now enrolled) leaves → a moves up
    await e!.post(enrolPath(cohortId)); // e waits again, at 1
    await b!.delete(enrolPath(cohortId)); // → e moves up a second time
    const eId = (await byUser()).get(e!.citizen.userId)!.id;
    const eMails = await db.select({ key: outboxMessages.dedupeKey, lang: outboxMessages.lang }).from(outboxMessages).where(like(outboxMessages.dedupeKey, `enrolment-promoted:${eId}:%`));
    expect(eMails.map((m) => m.key).sort()).toEqual([`enrolment-promoted:${eId}:1`, `enrolment-promoted:${eId}:2`]);
    expect(eMails.every((m) => m.lang === 'ko')).toBe(true);
    rows = await byUser();
    expect([...rows.values()].filter((r) => r.status === 'enrolled').map((r) => r.userId).sort()).toEqual([a!.citizen.userId, e!.citizen.userId].sort());
  });

  it('a finished cohort cannot be cancelled out of', async () => {
    const db = t.campus.database.db;
    const cohortId = await insertCohort(db, { capacity: 2 });
    const [me] = await people(1, 'finished');
    await me!.post(enrolPath(cohortId));
    await db.update(cohorts).set({ status: 'finished' }).where(eq(cohorts.id, cohortId));
    const res = await me!.delete(enrolPath(cohortId));
    expect(res.statusCode).toBe(409);
    expect(res.json<{ error: { code: string } }>().error.code).toBe('enrolment.state_finished');
  });
});

describe('reading enrolments', () => {
  it('my enrolments list the cohort’s title, place and dates with status and position', async () => {
    const db = t.campus.database.db;
    const full = await insertCohort(db, { capacity: 1, title: { ko: '가득 찬 과정', en: 'Full course' } });
    const roomy = await insertCohort(db, { capacity: 10, title: { ko: '넉넉한 과정', en: 'Roomy course' } });
    const [first, me] = await people(2, 'mine');
    await first!.post(enrolPath(full));
    await me!.post(enrolPath(full));
    await me!.post(enrolPath(roomy));
    const res = await me!.get('/api/v1/me/enrolments');
    expect(res.statusCode).toBe(200);
    const list = res.json<MyEnrolmentsListT>().enrolments;
    expect(list).toHaveLength(2);
    expect(list.find((e) => e.cohortId === full)).toMatchObject({
      status: 'waitlisted',
      waitlistPosition: 1,
      cohort: { id: full, title: { ko: '가득 찬 과정', en: 'Full course' }, place: { ko: '서울혁신파크', en: 'Seoul Innovation Park' }, startsOn: '2020-09-01', endsOn: '2020-11-30', status: 'published' },
    });
    expect(list.find((e) => e.cohortId === roomy)).toMatchObject({ status: 'enrolled', waitlistPosition: null });
  });

  it('staff read a cohort’s list with names and addresses, and the read is access-logged', async () => {
    const db = t.campus.database.db;
    const cohortId = await insertCohort(db, { capacity: 1 });
    const [a, b, c] = await people(3, 'stafflist');
    for (const p of [a, b, c]) await p!.post(enrolPath(cohortId));
    await a!.delete(enrolPath(cohortId));
    const staff = await t.signedIn(['staff']);
    const res = await staff.get(`/api/v1/admin/cohorts/${cohortId}/enrolments`);
    expect(res.statusCode).toBe(200);
    const list = res.json<CohortEnrolmentsListT>();
    expect(list).toMatchObject({ cohortId, capacity: 1, counts: { enrolled: 1, waitlisted: 1, cancelled: 1 } });
    expect(list.enrolments.map((e) => [e.email, e.status, e.waitlistPosition])).toEqual([
      [b!.citizen.email, 'enrolled', null],
      [c!.citizen.email, 'waitlisted', 1],
      [a!.citizen.email, 'cancelled', null],
    ]);
    expect(list.enrolments[0]!.name).toBe(b!.citizen.name);
    const logged = await db
      .select()
      .from(accessLog)
      .where(and(eq(accessLog.actorId, staff.userId), eq(accessLog.subjectType, 'enrolment')));
    expect(logged).toHaveLength(1);
    expect(logged[0]!).toMatchObject({ action: 'view', subjectCount: 3, detail: { cohortId, list: 'enrolments' } });
    expect([...logged[0]!.subjectIds].sort()).toEqual(list.enrolments.map((e) => e.id).sort());

    expect((await staff.get('/api/v1/admin/cohorts/01890000-0000-7000-8000-000000000000/enrolments')).statusCode).toBe(404);
  });
});

describe('who may call what', () => {
  it('anonymous callers get 401; non-staff get 403 on the staff list', async () => {
    const cohortId = await insertCohort(t.campus.database.db, { capacity: 3 });
    const anonymous = t.client();
    expect((await anonymous.post(enrolPath(cohortId))).statusCode).toBe(401);
    expect((await anonymous.delete(enrolPath(cohortId))).statusCode).toBe(401);
    expect((await anonymous.get('/api/v1/me/enrolments')).statusCode).toBe(401);
    expect((await anonymous.get(`/api/v1/admin/cohorts/${cohortId}/enrolments`)).statusCode).toBe(401);
    for (const roles of [[], ['participant'], ['reviewer'], ['mentor']] as const) {
      const someone = await t.signedIn([...roles]);
      expect((await someone.get(`/api/v1/admin/cohorts/${cohortId}/enrolments`)).statusCode).toBe(403);
    }
    expect(await t.campus.database.db.select().from(enrolments).where(eq(enrolments.cohortId, cohortId))).toHaveLength(0);
  });

  it('an enrolment needs the CSRF token like every other change', async () => {
    const cohortId = await insertCohort(t.campus.database.db, { capacity: 3 });
    const [me] = await people(1, 'csrf');
    const res = await me!.post(enrolPath(cohortId), undefined, { 'x-csrf-token': 'wrong' });
    expect(res.statusCode).toBe(403);
    expect(await t.campus.database.db.select().from(enrolments).where(eq(enrolments.cohortId, cohortId))).toHaveLength(0);
  });
});
