/**
 * A call fills its cohort (issue 9 point 3): the call editor's cohort is the real link
 * (cohort.call_id), checked on the server with field errors in the reader's language — an unknown
 * cohort, an open cohort, a cohort another call fills, a cohort smaller than the call — and nothing
 * is written when it is refused. Staff may cap the waitlist; at finalising everyone ranked below the
 * cap is not selected and gets the "not selected" mail, in their language.
 */
import { eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CITIZEN_COHORT_SLUG, PILOT_COHORT_SLUG } from '../../src/modules/courses/seed-2020.js';
import { applications, calls, cohorts, outboxMessages } from '../../src/platform/db/schema/index.js';
import type { CallViewT } from '../../src/shared/contracts/recruitment.js';
import type { FinaliseViewT, SelectionRunViewT } from '../../src/shared/contracts/selection.js';
import { startTestApp, type TestApp, type TestClient } from '../support/app.js';
import { callBody } from '../factories/recruitment.js';
import { seedSelectionCall } from '../factories/selection.js';

let t: TestApp;
let staff: TestClient;
let pilotId = '';
let citizenId = '';

beforeAll(async () => {
  t = await startTestApp();
  staff = await t.signedIn(['staff']);
  const rows = await db().select().from(cohorts);
  pilotId = rows.find((c) => c.slug === PILOT_COHORT_SLUG)!.id;
  citizenId = rows.find((c) => c.slug === CITIZEN_COHORT_SLUG)!.id;
});
afterAll(async () => {
  await t.close();
});

const db = () => t.campus.database.db;
type Refusal = { error: { code: string; message: string; fields?: { path: string; message: string }[] } };
const cohortRow = async (id: string) => (await db().select().from(cohorts).where(eq(cohorts.id, id)))[0]!;
const callCount = async () => (await db().select({ id: calls.id }).from(calls)).length;

async function inLang<T>(lang: 'ko' | 'en', f: () => Promise<T>): Promise<T> {
  staff.lang = lang;
  try {
    return await f();
  } finally {
    staff.lang = undefined;
  }
}

describe('the cohort a call fills', () => {
  it('refuses an unknown cohort with a field error in the reader’s language, writing nothing', async () => {
    const before = await callCount();
    for (const [lang, words] of [
      ['ko', '해당 기수가 없습니다'],
      ['en', 'There is no such cohort'],
    ] as const) {
      const res = await inLang(lang, () => staff.post('/api/v1/admin/calls', callBody({ cohortId: uuidv7() })));
      expect(res.statusCode, res.body).toBe(422);
      const body = res.json<Refusal>();
      expect(body.error.code).toBe('recruitment.cohort_unknown');
      expect(body.error.fields).toEqual([{ path: 'cohortId', message: expect.stringContaining(words) }]);
    }
    expect(await callCount()).toBe(before);
  });

  it('refuses a cohort citizens enrol in themselves', async () => {
    const res = await inLang('en', () => staff.post('/api/v1/admin/calls', callBody({ cohortId: citizenId })));
    expect(res.statusCode).toBe(422);
    expect(res.json<Refusal>().error.fields![0]).toMatchObject({ path: 'cohortId', message: expect.stringContaining('Citizens enrol in this cohort themselves') });
  });

  it('links the chosen cohort, refuses it to a second call (409, naming the first) and lets the first call change or drop it', async () => {
    const pilot = await cohortRow(pilotId);
    const previous = pilot.callId;
    // The seeded cohort may be free; the test makes it so and puts it back.
    await db().update(cohorts).set({ callId: null }).where(eq(cohorts.id, pilotId));
    try {
      const first = await staff.post('/api/v1/admin/calls', callBody({ capacity: 30, cohortId: pilotId }));
      expect(first.statusCode, first.body).toBe(201);
      const a = first.json<CallViewT>();
      expect(a.cohortId).toBe(pilotId);
      expect((await cohortRow(pilotId)).callId).toBe(a.id);
      expect((await staff.get(`/api/v1/admin/calls/${a.id}`)).json<CallViewT>().cohortId).toBe(pilotId);

      const before = await callCount();
      for (const [lang, words] of [
        ['ko', '이미 다른 모집 공고'],
        ['en', 'already filled by another call'],
      ] as const) {
        const second = await inLang(lang, () => staff.post('/api/v1/admin/calls', callBody({ title: { ko: '두 번째 공고' }, capacity: 30, cohortId: pilotId })));
        expect(second.statusCode, second.body).toBe(409);
        const body = second.json<Refusal>();
        expect(body.error.code).toBe('recruitment.already_filled_cohort');
        expect(body.error.fields![0]!.path).toBe('cohortId');
        expect(body.error.fields![0]!.message).toContain(words);
        expect(body.error.fields![0]!.message).toContain('2020 글로벌 사회혁신 오픈캠퍼스 참여자 모집');
      }
      expect(await callCount()).toBe(before);

      // A draft without a cohort may not take it by a change either; the call stays as it was.
      const b = (await staff.post('/api/v1/admin/calls', callBody({ title: { ko: '세 번째 공고' } }))).json<CallViewT>();
      const patched = await staff.patch(`/api/v1/admin/calls/${b.id}`, { cohortId: pilotId, capacity: 12 });
      expect(patched.statusCode).toBe(409);
      expect((await staff.get(`/api/v1/admin/calls/${b.id}`)).json<CallViewT>()).toMatchObject({ cohortId: null, capacity: 30 });

      // The cohort has 30 places: the call that fills it cannot select more.
      const tooMany = await inLang('en', () => staff.patch(`/api/v1/admin/calls/${a.id}`, { capacity: 31 }));
      expect(tooMany.statusCode).toBe(422);
      expect(tooMany.json<Refusal>().error.fields![0]).toEqual({ path: 'capacity', message: 'The cohort has 30 places, so a call that fills it can select at most 30 people.' });

      const dropped = await staff.patch(`/api/v1/admin/calls/${a.id}`, { cohortId: null });
      expect(dropped.json<CallViewT>().cohortId).toBeNull();
      expect((await cohortRow(pilotId)).callId).toBeNull();
      const taken = await staff.patch(`/api/v1/admin/calls/${b.id}`, { cohortId: pilotId });
      expect(taken.statusCode, taken.body).toBe(200);
      expect((await cohortRow(pilotId)).callId).toBe(b.id);
    } finally {
      await db().update(cohorts).set({ callId: previous }).where(eq(cohorts.id, pilotId));
    }
  });
});

describe('the waitlist cap', () => {
  it('keeps the first N ranked on the waitlist; the rest are not selected and told so kindly, in Korean and English', async () => {
    // A, C, E, F selected; B, D, G, H ranked 1–4 behind them; I not scored (selection-finalise.test.ts).
    const spec: [string, string, number[], 'ko' | 'en'][] = [
      ['A', 'company', [90], 'ko'],
      ['B', 'company', [88], 'ko'],
      ['C', 'civil', [86], 'ko'],
      ['D', 'civil', [84], 'en'],
      ['E', 'public', [70], 'ko'],
      ['F', 'public', [60], 'ko'],
      ['G', 'university', [50], 'en'],
      ['H', 'public', [40], 'ko'],
      ['I', 'civil', [], 'ko'],
    ];
    const quotas = [
      { attribute: 'sector', value: 'public', min: 2 },
      { attribute: 'sector', value: 'company', max: 1 },
    ];
    const seeded = await seedSelectionCall(db(), { capacity: 4, quotas, applicants: spec.map(([name, sector, scores, locale]) => ({ name, sector, scores, locale })) });
    const id = (name: string) => seeded.applicants.find((a) => a.name === name)!.applicationId;

    // The call is closed; its waitlist size may still change until the selection is final.
    const capped = await staff.patch(`/api/v1/admin/calls/${seeded.callId}`, { waitlistSize: 2 });
    expect(capped.statusCode, capped.body).toBe(200);
    expect(capped.json<CallViewT>().waitlistSize).toBe(2);
    const refused = await staff.patch(`/api/v1/admin/calls/${seeded.callId}`, { capacity: 5 });
    expect(refused.json<Refusal>().error.code).toBe('recruitment.call_closed');

    const run = (await staff.post(`/api/v1/admin/calls/${seeded.callId}/selection-runs`, { seed: 'fixed' })).json<SelectionRunViewT>();
    expect(run.waitlistCount).toBe(2);
    const res = await staff.post(`/api/v1/admin/selection-runs/${run.id}/finalise`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<FinaliseViewT>()).toMatchObject({ selected: 4, waitlisted: 2, notSelected: 3, participants: 4, queuedMessages: 9 });

    const outcome = async (name: string) => (await db().select().from(applications).where(eq(applications.id, id(name))))[0]!;
    expect(await outcome('B')).toMatchObject({ outcome: 'waitlisted', waitlistPosition: 1 });
    expect(await outcome('D')).toMatchObject({ outcome: 'waitlisted', waitlistPosition: 2 });
    expect(await outcome('G')).toMatchObject({ outcome: 'not_selected', waitlistPosition: null });
    expect(await outcome('H')).toMatchObject({ outcome: 'not_selected', waitlistPosition: null });

    const mail = (await db().select().from(outboxMessages)).filter((m) => m.about.callId === seeded.callId);
    const to = (name: string) => mail.filter((m) => m.about.applicationId === id(name));
    for (const name of ['G', 'H']) expect(to(name).map((m) => m.kind)).toEqual(['outcome.not_selected']);
    const [g] = to('G');
    expect(g).toMatchObject({ lang: 'en', subject: '[Open Campus] Social innovation living lab: selection result' });
    expect(g!.body).toContain('Dear G,');
    expect(g!.body).toContain('Thank you for applying to "Social innovation living lab"');
    expect(g!.body).toContain('you were not selected this time');
    expect(g!.body).not.toMatch(/waitlist/i);
    const [h] = to('H');
    expect(h).toMatchObject({ lang: 'ko', subject: '[오픈캠퍼스] 사회혁신 리빙랩 참여자 모집 선발 결과 안내' });
    expect(h!.body).toContain('H님, 안녕하세요.');
    expect(h!.body).toContain('아쉽게도 이번에는 선발되지 않으셨습니다.');
    expect(h!.body).not.toContain('대기');
    // The waitlisted still hear their place, as before.
    expect(to('D')[0]).toMatchObject({ kind: 'outcome.waitlisted', lang: 'en', subject: '[Open Campus] Social innovation living lab: waitlist no. 2' });

    // Once final, the cap no longer changes.
    const late = await inLang('en', () => staff.patch(`/api/v1/admin/calls/${seeded.callId}`, { waitlistSize: 3 }));
    expect(late.statusCode).toBe(422);
    expect(late.json<Refusal>().error.fields![0]!.path).toBe('waitlistSize');
  });
});
