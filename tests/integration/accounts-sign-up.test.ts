/**
 * Sign-up does not tell anyone whether an address already has an account (ASVS 6.3.8): same
 * status, same body, no session either way, about the same time; the address's owner is told by
 * mail through the outbox, at most once an hour.
 */
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxMessages, users } from '../../src/platform/db/schema/index.js';
import { startTestApp, type TestApp } from '../support/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

const unique = (tag: string) => `${tag}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.org`;
const setCookies = (res: { headers: Record<string, unknown> }) => [res.headers['set-cookie'] ?? []].flat().map(String);
/** What a caller can tell apart: status, body, cookies and the headers other than the request's own. */
const visible = (res: { statusCode: number; body: string; headers: Record<string, unknown> }) => {
  const { date: _date, 'x-request-id': _id, 'set-cookie': _cookies, ...headers } = res.headers;
  return { status: res.statusCode, body: res.body, sessionCookie: setCookies(res).some((c) => c.includes('session_token=')), headers };
};
const mailsTo = (userId: string) => t.campus.database.db.select().from(outboxMessages).where(eq(outboxMessages.toUserId, userId));
const userCount = async () => (await t.campus.database.db.select({ n: sql<number>`count(*)::int` }).from(users))[0]!.n;

describe('sign-up with an address that already has an account', () => {
  it('answers exactly as for a new address, creates nothing and leaves the owner’s password alone', async () => {
    const owner = await t.signedIn([], { name: 'Owner' });
    const fresh = await t.client().post('/api/v1/auth/sign-up', { name: 'New', email: unique('new'), password: 'another long password' });
    const before = await userCount();
    const taken = await t.client().post('/api/v1/auth/sign-up', { name: 'Intruder', email: owner.email, password: 'another long password' });
    const shouted = await t.client().post('/api/v1/auth/sign-up', { name: 'Intruder', email: owner.email.toUpperCase(), password: 'another long password' });

    expect(visible(taken)).toEqual(visible(fresh));
    expect(visible(shouted)).toEqual(visible(fresh));
    expect(fresh.statusCode).toBe(202);
    expect(fresh.json()).toEqual({ accepted: true });
    expect(await userCount()).toBe(before);

    // The intruder's password opens nothing; the owner's still does.
    expect((await t.client().post('/api/v1/auth/sign-in', { email: owner.email, password: 'another long password' })).statusCode).toBe(401);
    expect((await t.client().post('/api/v1/auth/sign-in', { email: owner.email, password: owner.password })).statusCode).toBe(200);
  });

  it('tells the owner by mail in their language, once an hour however often it is tried', async () => {
    const owner = await t.signedIn([], { name: 'Park Owner' });
    await t.campus.database.db.update(users).set({ locale: 'en' }).where(eq(users.id, owner.userId));
    for (let i = 0; i < 3; i++) {
      expect((await t.client().post('/api/v1/auth/sign-up', { name: 'Mallory', email: owner.email, password: `guessed password ${i}` })).statusCode).toBe(202);
    }
    const mails = await mailsTo(owner.userId);
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    expect(mail).toMatchObject({ kind: 'account_sign_up_attempt', toEmail: owner.email, lang: 'en', status: 'pending' });
    expect(mail!.subject).toBe('[Open Campus] Someone tried to sign up with your address');
    expect(mail!.body).toContain('Dear Park Owner,');
    expect(mail!.body).toContain('http://localhost:3000/sign-in');
    // Nothing of what the other person typed reaches the owner.
    expect(mail!.body).not.toMatch(/Mallory|guessed password/);
  });

  it('writes in Korean to an owner whose language is Korean, and nothing to a new address', async () => {
    const owner = await t.signedIn([], { name: '김주인' });
    await t.client().post('/api/v1/auth/sign-up', { name: '누군가', email: owner.email, password: 'another long password' });
    const [mail] = await mailsTo(owner.userId);
    expect(mail!.subject).toBe('[오픈캠퍼스] 회원님의 이메일로 가입 시도가 있었습니다');
    expect(mail!.body).toContain('김주인님');

    const newcomer = await t.signedIn();
    expect((await mailsTo(newcomer.userId)).filter((m) => m.kind === 'account_sign_up_attempt')).toHaveLength(0);
  });

  it('takes about as long as a new sign-up', async () => {
    const owner = await t.signedIn();
    // Alternating, so whatever else the machine is doing weighs on both kinds alike.
    const samples = { known: [] as number[], fresh: [] as number[] };
    for (let i = 0; i < 9; i++) {
      for (const kind of ['fresh', 'known'] as const) {
        const start = performance.now();
        const res = await t.client().post('/api/v1/auth/sign-up', { name: 'Timing', email: kind === 'known' ? owner.email : unique('timing'), password: 'another long password' });
        samples[kind].push(performance.now() - start);
        expect(res.statusCode).toBe(202);
      }
    }
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[4]!;
    const known = median(samples.known);
    const fresh = median(samples.fresh);
    console.log(`sign-up median: new address ${fresh.toFixed(1)} ms, known address ${known.toFixed(1)} ms`);
    // Both pay one argon2id hash, most of the time on PGlite. On PostgreSQL over TCP a new account
    // costs a few more round trips (about 20 ms here): a known gap (adr/0013), bounded here so it
    // cannot grow unnoticed.
    expect(Math.abs(known - fresh)).toBeLessThan(Math.max(30, Math.max(fresh, known) * 0.5));
  });
});
