/**
 * Applicants over HTTP: draft (gaps allowed), submit (everything required), edit until the
 * deadline, withdraw and draft again. The window is enforced with the app's own clock; one
 * application per person per call is held by the database (row 34); consents follow PIPA (row 29);
 * nobody reaches another person's application (row 2) or sets server-owned fields (row 3).
 */
import { and, eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applications } from '../../src/platform/db/schema/index.js';
import type { ApplicationListT, CallViewT, MyApplicationViewT } from '../../src/shared/contracts/recruitment.js';
import { startTestApp, type TestApp, type TestClient } from '../support/app.js';
import { movableClock } from '../support/factories.js';
import { callBody, HOUR } from '../factories/recruitment.js';

type SignedIn = TestClient & { userId: string };

const clock = movableClock();
let t: TestApp;
let staff: SignedIn;

beforeAll(async () => {
  t = await startTestApp({ now: clock.now });
  staff = await t.signedIn(['staff']);
});
afterAll(async () => {
  await t.close();
});

/** A published call open from an hour before the app's clock for two days. */
async function openCall(overrides: Record<string, unknown> = {}): Promise<CallViewT> {
  const res = await staff.post('/api/v1/admin/calls', callBody(overrides, clock.now()));
  expect(res.statusCode, res.body).toBe(201);
  const call = res.json<CallViewT>();
  expect((await staff.post(`/api/v1/admin/calls/${call.id}/publish`)).statusCode).toBe(200);
  return call;
}

const complete = { motivation: '도시 문제를 시민과 함께 풀고 싶습니다.', sector: 'civil' };
const url = (callId: string, action = '') => `/api/v1/calls/${callId}/my-application${action}`;

async function rowsOf(callId: string, userId?: string) {
  const db = t.campus.database.db;
  return db
    .select()
    .from(applications)
    .where(userId ? and(eq(applications.callId, callId), eq(applications.userId, userId)) : eq(applications.callId, callId));
}

describe('drafting and submitting', () => {
  it('saves a partial draft, refuses to submit it, then submits the complete one', async () => {
    const call = await openCall();
    const me = await t.signedIn();
    expect((await me.get(url(call.id))).statusCode).toBe(404);

    const draft = await me.put(url(call.id), { answers: { motivation: '초안' } });
    expect(draft.statusCode, draft.body).toBe(200);
    expect(draft.json<MyApplicationViewT>().status).toBe('draft');

    const early = await me.post(url(call.id, '/submit'));
    expect(early.statusCode).toBe(422);
    expect(early.json().error).toMatchObject({ code: 'recruitment.answer_required', fields: [{ path: 'answers.sector' }] });

    await me.put(url(call.id), { answers: complete, consents: [{ key: 'selection', granted: true }] });
    const sent = await me.post(url(call.id, '/submit'));
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json<MyApplicationViewT>()).toMatchObject({ status: 'submitted', answers: complete });
    expect(sent.json<MyApplicationViewT>().submittedAt).not.toBeNull();
  });

  it('checks answer types and limits even in drafts, with the field named, and takes only a file id as a file answer', async () => {
    const call = await openCall({
      questions: [...callBody().questions, { key: 'cv', type: 'file', required: false, label: { ko: '이력서' } }],
    });
    const me = await t.signedIn();
    const long = await me.put(url(call.id), { answers: { motivation: '가'.repeat(1001) } });
    expect(long.statusCode).toBe(422);
    expect(long.json().error).toMatchObject({ code: 'recruitment.answer_too_long', fields: [{ path: 'answers.motivation' }] });
    const choice = await me.put(url(call.id), { answers: { sector: 'military' } });
    expect(choice.json().error.code).toBe('recruitment.answer_choice');
    const unknown = await me.put(url(call.id), { answers: { resident_number: '900101-1234567' } });
    expect(unknown.json().error).toMatchObject({ code: 'recruitment.answer_unknown', fields: [{ path: 'answers.resident_number' }] });
    // A file answer is the id of a file this applicant uploaded for that question, never a name.
    const file = await me.put(url(call.id), { answers: { cv: 'cv.pdf' } });
    expect(file.json().error).toMatchObject({ code: 'recruitment.answer_file', fields: [{ path: 'answers.cv' }] });
    // The refused saves left the draft as it was (here: never created, since each refusal rolled back).
    expect(await rowsOf(call.id, me.userId)).toHaveLength(0);
  });

  it('keeps a submitted application complete when it is edited before the deadline', async () => {
    const call = await openCall();
    const me = await t.signedIn();
    await me.put(url(call.id), { answers: complete, consents: [{ key: 'selection', granted: true }] });
    await me.post(url(call.id, '/submit'));
    const edited = await me.put(url(call.id), { answers: { ...complete, motivation: '고쳐 쓴 지원 동기' } });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json<MyApplicationViewT>()).toMatchObject({ status: 'submitted', answers: { motivation: '고쳐 쓴 지원 동기' } });
    const gap = await me.put(url(call.id), { answers: { motivation: '분야를 지움' } });
    expect(gap.statusCode).toBe(422);
    expect(gap.json().error.code).toBe('recruitment.answer_required');
  });

  it('withdraws, and lets the person draft again on the same row', async () => {
    const call = await openCall();
    const me = await t.signedIn();
    await me.put(url(call.id), { answers: complete, consents: [{ key: 'selection', granted: true }] });
    await me.post(url(call.id, '/submit'));
    const gone = await me.post(url(call.id, '/withdraw'));
    expect(gone.json<MyApplicationViewT>()).toMatchObject({ status: 'withdrawn' });
    expect((await me.post(url(call.id, '/submit'))).json().error.code).toBe('recruitment.application_withdrawn');
    const again = await me.put(url(call.id), { answers: complete });
    expect(again.json<MyApplicationViewT>()).toMatchObject({ status: 'draft', withdrawnAt: null, submittedAt: null });
    expect(await rowsOf(call.id, me.userId)).toHaveLength(1);
  });
});

describe('the application window', () => {
  it('refuses drafts, submissions and withdrawals before the opening and from the deadline on', async () => {
    const call = await openCall();
    const me = await t.signedIn();
    await me.put(url(call.id), { answers: complete, consents: [{ key: 'selection', granted: true }] });
    try {
      clock.advance(-2 * HOUR);
      const before = await me.put(url(call.id), { answers: complete });
      expect(before.statusCode).toBe(422);
      expect(before.json().error.code).toBe('recruitment.window_not_open');

      clock.reset();
      clock.advance(48 * HOUR);
      for (const res of [await me.put(url(call.id), { answers: complete }), await me.post(url(call.id, '/submit')), await me.post(url(call.id, '/withdraw'))]) {
        expect(res.statusCode).toBe(422);
        expect(res.json().error.code).toBe('recruitment.window_closed');
      }
      const [row] = await rowsOf(call.id, me.userId);
      expect(row!.status).toBe('draft');
      // The applicant still sees what they had.
      expect((await me.get(url(call.id))).statusCode).toBe(200);
    } finally {
      clock.reset();
    }
  });

  it('refuses everything once staff close the call', async () => {
    const call = await openCall();
    const me = await t.signedIn();
    await me.put(url(call.id), { answers: complete });
    await staff.post(`/api/v1/admin/calls/${call.id}/close`);
    const res = await me.put(url(call.id), { answers: complete });
    expect(res.json().error.code).toBe('recruitment.call_closed');
  });
});

describe('one application per person per call', () => {
  it('keeps one row when one person saves 50 times at once', async () => {
    const call = await openCall();
    const me = await t.signedIn();
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => me.put(url(call.id), { answers: { motivation: `저장 ${i}` } })));
    expect(results.map((r) => r.statusCode).filter((s) => s !== 200)).toEqual([]);
    expect(await rowsOf(call.id, me.userId)).toHaveLength(1);
  });

  it('is enforced by the database itself', async () => {
    const call = await openCall();
    const me = await t.signedIn();
    await me.put(url(call.id), { answers: {} });
    const db = t.campus.database.db;
    await expect(db.insert(applications).values({ id: uuidv7(), callId: call.id, userId: me.userId })).rejects.toThrow();
    expect(await rowsOf(call.id, me.userId)).toHaveLength(1);
  });
});

describe('consent (PIPA §15, §22)', () => {
  it('submits with the optional item refused, and stores the version and time of consent', async () => {
    const call = await openCall();
    const me = await t.signedIn();
    await me.put(url(call.id), {
      answers: complete,
      consents: [
        { key: 'selection', granted: true },
        { key: 'publicity', granted: false },
      ],
    });
    const res = await me.post(url(call.id, '/submit'));
    expect(res.statusCode, res.body).toBe(200);
    const [row] = await rowsOf(call.id, me.userId);
    expect(row).toMatchObject({ status: 'submitted', consentVersion: 1, consents: [{ key: 'selection', granted: true }, { key: 'publicity', granted: false }] });
    expect(row!.consentedAt).toBeInstanceOf(Date);
    expect(Math.abs(row!.consentedAt!.getTime() - clock.now().getTime())).toBeLessThan(60_000);
  });

  it('refuses to submit without the required item, naming it', async () => {
    const call = await openCall();
    const me = await t.signedIn();
    await me.put(url(call.id), { answers: complete, consents: [{ key: 'selection', granted: false }, { key: 'publicity', granted: true }] });
    const res = await me.post(url(call.id, '/submit'));
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({ code: 'recruitment.consent_required', fields: [{ path: 'consents.selection' }] });
    me.lang = 'en';
    expect((await me.post(url(call.id, '/submit'))).json().error.message).toMatch(/required/);
    const [row] = await rowsOf(call.id, me.userId);
    expect(row!.status).toBe('draft');
  });

  it('asks for consent again when staff change the consent text', async () => {
    const call = await openCall();
    const me = await t.signedIn();
    await me.put(url(call.id), { answers: complete, consents: [{ key: 'selection', granted: true }] });
    await staff.patch(`/api/v1/admin/calls/${call.id}`, { consentItems: [{ ...callBody().consentItems[0], retention: { ko: '선발 후 2년' } }] });
    const stale = await me.post(url(call.id, '/submit'));
    expect(stale.json().error.code).toBe('recruitment.consent_outdated');
    await me.put(url(call.id), { answers: complete, consents: [{ key: 'selection', granted: true }] });
    const ok = await me.post(url(call.id, '/submit'));
    expect(ok.json<MyApplicationViewT>()).toMatchObject({ status: 'submitted', consentVersion: 2 });
  });
});

describe("nobody reaches someone else's application", () => {
  it('answers each person with their own row only, whatever id they put in the path', async () => {
    const call = await openCall();
    const alice = await t.signedIn();
    const bob = await t.signedIn();
    const mine = (await alice.put(url(call.id), { answers: { motivation: 'Alice의 비밀 답변' } })).json<MyApplicationViewT>();

    // Bob on the same call sees no application, and Alice's application id is not a call id.
    expect((await bob.get(url(call.id))).statusCode).toBe(404);
    expect((await bob.get(url(mine.id))).statusCode).toBe(404);
    expect((await bob.put(url(mine.id), { answers: {} })).statusCode).toBe(404);
    expect((await bob.post(url(mine.id, '/withdraw'))).statusCode).toBe(404);
    expect((await bob.post(url(call.id, '/withdraw'))).statusCode).toBe(404);
    // Bob saving his own draft makes his own row and leaves Alice's untouched.
    await bob.put(url(call.id), { answers: { motivation: 'Bob' } });
    const [aliceRow] = await rowsOf(call.id, alice.userId);
    expect(aliceRow!.answers).toEqual({ motivation: 'Alice의 비밀 답변' });
    expect((await bob.get(url(call.id))).body).not.toContain('Alice');
    expect((await t.client().get(url(call.id))).statusCode).toBe(401);
  });

  it('refuses server-owned fields on the application (mass assignment)', async () => {
    const call = await openCall();
    const me = await t.signedIn();
    for (const extra of [{ status: 'submitted' }, { userId: staff.userId }, { consentVersion: 1 }, { consentedAt: '2020-01-01T00:00:00Z' }, { submittedAt: '2020-01-01T00:00:00Z' }]) {
      const res = await me.put(url(call.id), { answers: {}, ...extra });
      expect(res.statusCode, JSON.stringify(extra)).toBe(400);
    }
    expect(await rowsOf(call.id)).toHaveLength(0);
  });
});

describe('staff list applications', () => {
  it('shows each application with its status, to staff only', async () => {
    const call = await openCall();
    const a = await t.signedIn();
    const b = await t.signedIn();
    await a.put(url(call.id), { answers: complete, consents: [{ key: 'selection', granted: true }] });
    await a.post(url(call.id, '/submit'));
    await b.put(url(call.id), { answers: {} });
    const res = await staff.get(`/api/v1/admin/calls/${call.id}/applications`);
    expect(res.statusCode).toBe(200);
    const statuses = Object.fromEntries(res.json<ApplicationListT>().items.map((x) => [x.userId, x.status]));
    expect(statuses).toEqual({ [a.userId]: 'submitted', [b.userId]: 'draft' });
    expect((await a.get(`/api/v1/admin/calls/${call.id}/applications`)).statusCode).toBe(403);
  });
});
