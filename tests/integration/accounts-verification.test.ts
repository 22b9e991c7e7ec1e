/**
 * E-mail addresses are confirmed through a link in the outbox before an account may apply, enrol,
 * review or be given a role. The refusal is a coded 403 in the reader's language; the link's secret
 * travels in the fragment; "send again" retires the link still waiting in the outbox.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxMessages } from '../../src/platform/db/schema/index.js';
import { startTestApp, type TestApp, type TestClient } from '../support/app.js';
import { callBody } from '../factories/recruitment.js';

let t: TestApp;
let staff: TestClient;
let admin: TestClient;
beforeAll(async () => {
  t = await startTestApp();
  staff = await t.signedIn(['staff']);
  admin = await t.signedIn(['admin']);
});
afterAll(async () => {
  await t.close();
});

const verificationMails = (userId: string) =>
  t.campus.database.db
    .select()
    .from(outboxMessages)
    .where(and(eq(outboxMessages.toUserId, userId), eq(outboxMessages.kind, 'account_email_verification')))
    .orderBy(outboxMessages.createdAt);
const tokenOf = (body: string) => /\/verify-email#token=([^\s]+)/.exec(body)?.[1];

async function openCallId(): Promise<string> {
  const res = await staff.post('/api/v1/admin/calls', callBody());
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json<{ id: string }>().id;
  expect((await staff.post(`/api/v1/admin/calls/${id}/publish`)).statusCode).toBe(200);
  return id;
}

describe('e-mail verification', () => {
  it('queues a link at sign-up, refuses applying until it is opened, then lets the person apply', async () => {
    const callId = await openCallId();
    const person = await t.signedIn([], { verified: false, name: 'Lee Pending' });
    const me = (await person.get('/api/v1/me')).json().user;
    expect(me).toMatchObject({ id: person.userId, emailVerified: false });

    const [mail, ...more] = await verificationMails(person.userId);
    expect(more).toHaveLength(0);
    expect(mail).toMatchObject({ toEmail: person.email, lang: 'ko', status: 'pending', subject: '[오픈캠퍼스] 이메일 주소를 확인해 주세요' });
    expect(mail!.body).toContain('Lee Pending님');
    // The secret is in the fragment, never in a query string that servers log.
    expect(mail!.body).toMatch(/http:\/\/localhost:3000\/verify-email#token=\S+/);
    expect(mail!.body).not.toContain('?token=');

    const refused = await person.put(`/api/v1/calls/${callId}/my-application`, { answers: { motivation: '초안' } });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error).toEqual({ code: 'accounts.email_unverified', message: expect.stringContaining('먼저 이메일 주소를 확인해 주세요') });
    const en = await person.put(`/api/v1/calls/${callId}/my-application`, { answers: {} }, { 'accept-language': 'en' });
    expect(en.json().error.message).toMatch(/^Please confirm your e-mail address first/);
    // Reading stays open: only the actions are refused.
    expect((await person.get(`/api/v1/calls/${callId}`)).statusCode).toBe(200);

    const verified = await t.client().post('/api/v1/auth/verify-email', { token: tokenOf(mail!.body) });
    expect(verified.statusCode, verified.body).toBe(200);
    expect((await person.get('/api/v1/me')).json().user.emailVerified).toBe(true);
    const applied = await person.put(`/api/v1/calls/${callId}/my-application`, { answers: { motivation: '초안' } });
    expect(applied.statusCode, applied.body).toBe(200);
  });

  it('refuses enrolling, answering an invitation and reviewing, before any lookup', async () => {
    const person = await t.signedIn([], { verified: false });
    const id = '0193a1b2-7c3d-7e4f-8a9b-0c1d2e3f4a5b';
    for (const [method, url] of [
      ['POST', `/api/v1/cohorts/${id}/enrolment`],
      ['POST', `/api/v1/me/reviewer-invitations/${id}/accept`],
      ['PUT', `/api/v1/me/reviews/${id}`],
      ['POST', `/api/v1/me/reviews/${id}/submit`],
      ['POST', `/api/v1/calls/${id}/my-application/submit`],
    ] as const) {
      const res = await person.request(method, url, {});
      expect(res.statusCode, `${method} ${url}`).toBe(403);
      expect(res.json().error.code).toBe('accounts.email_unverified');
    }
    // The same requests from a verified account get past the gate (and find nothing).
    const verified = await t.signedIn();
    expect((await verified.post(`/api/v1/cohorts/${id}/enrolment`, {})).statusCode).not.toBe(403);
  });

  it('refuses a role to an unverified account, and allows it once verified', async () => {
    const person = await t.signedIn([], { verified: false });
    const refused = await admin.put(`/api/v1/admin/users/${person.userId}/roles`, { roles: ['staff'] });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error).toEqual({ code: 'accounts.target_unverified', message: '이 계정은 아직 이메일 주소를 확인하지 않아 역할을 줄 수 없습니다.' });
    const [mail] = await verificationMails(person.userId);
    expect((await t.client().post('/api/v1/auth/verify-email', { token: tokenOf(mail!.body) })).statusCode).toBe(200);
    expect((await admin.put(`/api/v1/admin/users/${person.userId}/roles`, { roles: ['staff'] })).statusCode).toBe(200);
  });

  it('sends the link again, retiring the one still waiting; refuses once verified', async () => {
    const person = await t.signedIn([], { verified: false });
    const again = await person.post('/api/v1/me/verification-mail');
    expect(again.statusCode, again.body).toBe(202);
    const mails = await verificationMails(person.userId);
    expect(mails.map((m) => m.status)).toEqual(['superseded', 'pending']);
    expect(tokenOf(mails[1]!.body)).toBeDefined();
    // Either link confirms the address (one delivered earlier may be the one the person opens).
    expect((await t.client().post('/api/v1/auth/verify-email', { token: tokenOf(mails[0]!.body) })).statusCode).toBe(200);
    const done = await person.post('/api/v1/me/verification-mail');
    expect(done.statusCode).toBe(409);
    expect(done.json().error.code).toBe('accounts.already_verified');
    expect((await t.client().post('/api/v1/me/verification-mail')).statusCode).toBe(401);
  });

  it('refuses a forged or altered link with a field message', async () => {
    const person = await t.signedIn([], { verified: false });
    const [mail] = await verificationMails(person.userId);
    const token = tokenOf(mail!.body)!;
    for (const bad of ['not-a-token', `${token.slice(0, -4)}AAAA`]) {
      const res = await t.client().post('/api/v1/auth/verify-email', { token: bad }, { 'accept-language': 'en' });
      expect(res.statusCode, bad).toBe(422);
      expect(res.json().error).toMatchObject({ code: 'auth.verification_invalid', fields: [{ path: 'token', message: expect.stringMatching(/^This confirmation link is not valid/) }] });
    }
    expect((await person.get('/api/v1/me')).json().user.emailVerified).toBe(false);
  });

  it('marks the first administrator verified at setup', async () => {
    const app = await startTestApp();
    try {
      const client = app.client();
      const res = await client.post('/api/v1/setup', { token: app.campus.setupToken!, name: '운영자', email: `setup-${Date.now()}@example.org`, password: 'a long and unusual setup sentence' });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({ emailVerified: true, roles: expect.arrayContaining(['admin']) });
    } finally {
      await app.close();
    }
  });
});
