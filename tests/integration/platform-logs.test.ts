/**
 * Logs are for operators, not a second copy of personal data (PIPA; ASVS 16.2.5; 안전조치기준 §8):
 * after the requests that handle secrets, the log holds no password, e-mail address, session
 * token, CSRF token or setup token, and every line is one JSON object.
 */
import { eq, sql } from 'drizzle-orm';
import { outboxMessages } from '../../src/platform/db/schema/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { budgetOf } from '../support/factories.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('logs', () => {
  it('hold no secrets or personal data after sign-up, sign-in, failures and admin changes', async () => {
    const stamp = Date.now();
    const secrets: string[] = [];
    const keep = (s: string | undefined) => {
      if (s) secrets.push(s);
      return s;
    };

    // Sign-up and sign-in of a citizen.
    const email = keep(`canary.citizen.${stamp}@example.org`)!;
    const password = keep(`canary-password-${stamp}`)!;
    const citizen = t.client();
    expect((await citizen.post('/api/v1/auth/sign-up', { name: `Canary ${stamp}`, email, password })).statusCode).toBe(202);
    expect((await citizen.post('/api/v1/auth/sign-in', { email, password })).statusCode).toBe(200);
    keep(citizen.cookies.get('oc.session_token'));
    keep(citizen.cookies.get('oc.session_token')?.split('.')[0]);
    keep(citizen.cookies.get('oc_csrf'));

    // Failed sign-ins: a wrong password, an unknown address, and input that fails validation.
    const wrongPassword = keep(`wrong-canary-${stamp}`)!;
    expect((await t.client().post('/api/v1/auth/sign-in', { email, password: wrongPassword })).statusCode).toBe(401);
    const unknownEmail = keep(`canary.unknown.${stamp}@example.org`)!;
    expect((await t.client().post('/api/v1/auth/sign-in', { email: unknownEmail, password: wrongPassword })).statusCode).toBe(401);
    const rejected = keep(`canary-rejected-${stamp}`)!;
    expect((await t.client().post('/api/v1/auth/sign-up', { name: 'x', email: `not-an-email-${stamp}`, password: rejected, extra: 1 })).statusCode).toBe(400);
    keep(`not-an-email-${stamp}`);
    expect((await t.client().post('/api/v1/auth/sign-in', `{"email":"${email}","password":"${password}`, { 'content-type': 'application/json' })).statusCode).toBe(400);

    // A setup attempt with a made-up token.
    const fakeToken = keep(`canary-setup-token-${stamp}`)!;
    expect((await t.client().post('/api/v1/setup', { token: fakeToken, name: 'x', email: `setup.${stamp}@example.org`, password: 'long enough password' })).statusCode).toBe(403);
    keep(`setup.${stamp}@example.org`);

    // An admin's changes, a search by e-mail, and a role change.
    const adminEmail = keep(`canary.admin.${stamp}@example.org`)!;
    const adminPassword = keep(`canary-admin-password-${stamp}`)!;
    const admin = await t.signedIn(['admin'], { email: adminEmail, password: adminPassword });
    keep(admin.cookies.get('oc.session_token'));
    keep(admin.cookies.get('oc_csrf'));
    const line = (await budgetOf(admin)).lines.find((l) => l.kind === 'fixed')!;
    expect((await admin.patch(`/api/v1/admin/budget-lines/${line.id}`, { amount: 1_234_000 })).statusCode).toBe(200);
    expect((await admin.get(`/api/v1/admin/users?q=${encodeURIComponent(email)}`)).json().total).toBe(1);
    const citizenId = (await citizen.get('/api/v1/me')).json().user.id as string;
    // The citizen confirms the address (a role needs it); the link's secret must not reach the log.
    const [verification] = await t.campus.database.db.select().from(outboxMessages).where(eq(outboxMessages.toUserId, citizenId));
    const verificationToken = keep(/#token=(\S+)/.exec(verification!.body)?.[1])!;
    expect((await citizen.post('/api/v1/auth/verify-email', { token: verificationToken })).statusCode).toBe(200);
    expect((await t.client().post('/api/v1/auth/verify-email', { token: `${verificationToken}x` })).statusCode).toBe(422);
    expect((await admin.put(`/api/v1/admin/users/${citizenId}/roles`, { roles: ['staff'] })).statusCode).toBe(200);
    expect((await citizen.post('/api/v1/auth/sign-out')).statusCode).toBe(200);

    // Personal data where no field name gives it away: in a path, and in a query string.
    const pathEmail = keep(`canary.path.${stamp}@example.org`)!;
    const phone = keep('010-9876-5432')!;
    expect((await t.client().get(`/api/v1/no-such/${encodeURIComponent(pathEmail)}/${phone}`)).statusCode).toBe(404);
    expect((await t.client().get(`/api/v1/no-such/${pathEmail}/01098765432?phone=${phone}`)).statusCode).toBe(404);
    keep('01098765432');
    keep(encodeURIComponent(pathEmail));

    // A database failing mid-request: the driver's error carries the query's parameters
    // (e-mail, password hash, session token); the log must not.
    const db = t.campus.database.db;
    const failEmail = keep(`canary.dbfail.${stamp}@example.org`)!;
    const failPassword = keep(`canary-dbfail-password-${stamp}`)!;
    const before = t.logs.length;
    await db.execute(sql.raw('alter table "user" rename column "email" to "email_moved"'));
    try {
      expect((await t.client().post('/api/v1/auth/sign-in', { email: failEmail, password: failPassword })).statusCode).toBeGreaterThanOrEqual(500);
      expect((await t.client().post('/api/v1/auth/sign-up', { name: 'x', email: failEmail, password: failPassword })).statusCode).toBeGreaterThanOrEqual(400);
      expect((await admin.get('/api/v1/admin/audit-log')).statusCode).toBe(503);
    } finally {
      await db.execute(sql.raw('alter table "user" rename column "email_moved" to "email"'));
    }
    const failureLog = t.logs.slice(before).join('');
    expect(failureLog, 'the failures were logged').toContain('"level":50');

    const text = t.logs.join('');
    const lines = text.split('\n').filter((l) => l.trim() !== '');
    expect(lines.length).toBeGreaterThan(20);
    for (const line of lines) {
      const parsed = (() => {
        try {
          return JSON.parse(line) as Record<string, unknown>;
        } catch {
          return undefined;
        }
      })();
      expect(parsed, `not a JSON line: ${line.slice(0, 200)}`).toBeTypeOf('object');
      expect(parsed!.level).toEqual(expect.any(Number));
      expect(parsed!.time).toEqual(expect.any(Number));
    }
    // The log does say what happened, so it is worth keeping.
    expect(text).toContain('/api/v1/auth/sign-in');
    expect(text).toContain('"statusCode":401');

    for (const s of secrets) expect(text.includes(s), `log contains ${s}`).toBe(false);
    for (const s of secrets) expect(text.toLowerCase().includes(s.toLowerCase()), `log contains ${s} (any case)`).toBe(false);
    expect(text).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.]+/); // no e-mail address at all
    expect(text).not.toMatch(/\$argon2/);
    expect(text).toContain('/api/v1/no-such/[redacted email]/[redacted phone]');
  });
});
