/**
 * Passwords that attackers try first are refused wherever a password is chosen: sign-up, the
 * first-admin setup and a password change (admin:create in platform-process.test.ts), with a
 * field message in the reader's language. A password change asks for the current password and
 * ends the account's other sessions.
 */
import { sql } from 'drizzle-orm';
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
const count = async (table: typeof users | typeof outboxMessages) => (await t.campus.database.db.select({ n: sql<number>`count(*)::int` }).from(table))[0]!.n;

describe('common and guessable passwords', () => {
  it('are refused at sign-up with a field message in Korean and English, before the address is looked at', async () => {
    const owner = await t.signedIn();
    const [usersBefore, mailsBefore] = [await count(users), await count(outboxMessages)];
    for (const password of ['password123', 'Qwerty123!', 'iloveyou1', '1q2w3e4r5t', 'sunshine2026']) {
      for (const email of [unique('weak'), owner.email]) {
        const ko = await t.client().post('/api/v1/auth/sign-up', { name: '약함', email, password });
        expect(ko.statusCode, `${password} ${ko.body}`).toBe(422);
        expect(ko.json().error.code).toBe('auth.password_common');
        expect(ko.json().error.fields).toEqual([{ path: 'password', message: expect.stringContaining('유출된 적이 있는 비밀번호') }]);
      }
    }
    const en = await t.client().post('/api/v1/auth/sign-up', { name: 'Weak', email: unique('weak'), password: 'password123' }, { 'accept-language': 'en' });
    expect(en.json().error.fields[0].message).toMatch(/^This password is one of the most common or leaked passwords/);
    // Refused alike for a known address: no account, no notice to the owner.
    expect(await count(users)).toBe(usersBefore);
    expect(await count(outboxMessages)).toBe(mailsBefore);
  });

  it('are refused when made of the address or the site’s name', async () => {
    const email = unique('kim.minji');
    for (const password of [email, email.split('@')[0]!, `${email.split('@')[0]!}2026!`, 'OpenCampus2026', '오픈캠퍼스1234']) {
      const res = await t.client().post('/api/v1/auth/sign-up', { name: 'Kim', email, password });
      expect(res.statusCode, password).toBe(422);
      expect(res.json().error.code).toBe('auth.password_context');
      expect(res.json().error.fields[0].path).toBe('password');
    }
  });

  it('let a sentence of ordinary words through', async () => {
    expect((await t.client().post('/api/v1/auth/sign-up', { name: 'Ok', email: unique('ok'), password: 'my cat naps on the piano' })).statusCode).toBe(202);
  });

  it('are refused at first-admin setup, and the token still works afterwards', async () => {
    const app = await startTestApp();
    try {
      const token = app.campus.setupToken!;
      const weak = await app.client().post('/api/v1/setup', { token, name: '운영자', email: unique('setup'), password: 'administrator' });
      expect(weak.statusCode).toBe(422);
      expect(weak.json().error.fields[0]).toMatchObject({ path: 'password' });
      const ok = await app.client().post('/api/v1/setup', { token, name: '운영자', email: unique('setup'), password: 'a long and unusual setup sentence' });
      expect(ok.statusCode, ok.body).toBe(201);
      expect(ok.json().roles).toContain('admin');
    } finally {
      await app.close();
    }
  });
});

describe('changing one’s password', () => {
  it('asks for the current password, screens the new one, and ends the other sessions', async () => {
    const user = await t.signedIn([], { password: 'the first long password' });
    const laptop = t.client();
    expect((await laptop.post('/api/v1/auth/sign-in', { email: user.email, password: user.password })).statusCode).toBe(200);

    const wrong = await user.post('/api/v1/me/password', { currentPassword: 'not my password', newPassword: 'a brand new long password' });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().error.fields).toEqual([{ path: 'currentPassword', message: '현재 비밀번호가 맞지 않습니다.' }]);

    const common = await user.post('/api/v1/me/password', { currentPassword: user.password, newPassword: 'letmein123' }, { 'accept-language': 'en' });
    expect(common.statusCode).toBe(422);
    expect(common.json().error.fields[0]).toMatchObject({ path: 'newPassword', message: expect.stringMatching(/^This password is one of the most common/) });

    const short = await user.post('/api/v1/me/password', { currentPassword: user.password, newPassword: 'short' });
    expect(short.statusCode).toBe(400);

    const ok = await user.post('/api/v1/me/password', { currentPassword: user.password, newPassword: 'a brand new long password' });
    expect(ok.statusCode, ok.body).toBe(200);
    // This browser stays signed in; the other one is signed out on the server.
    expect((await user.get('/api/v1/me')).json().user?.id).toBe(user.userId);
    expect((await laptop.get('/api/v1/me')).json().user).toBeNull();
    expect((await t.client().post('/api/v1/auth/sign-in', { email: user.email, password: user.password })).statusCode).toBe(401);
    expect((await t.client().post('/api/v1/auth/sign-in', { email: user.email, password: 'a brand new long password' })).statusCode).toBe(200);
    // Nobody signed out can change a password.
    expect((await t.client().post('/api/v1/me/password', { currentPassword: 'x', newPassword: 'a brand new long password' })).statusCode).toBe(401);
  });
});
