/**
 * Accounts and sessions as the security guide asks (ASVS 6.2, 6.3, 7.2–7.4, 3.3, 3.5; KISA 7, 9,
 * 10, 16, 18, 20): argon2id hashes, HttpOnly SameSite cookies, server-side sign-out, no account
 * enumeration, throttling per account and per address, CSRF, demotion and idle timeouts that take
 * effect on the next request.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accounts } from '../../src/platform/db/schema/index.js';
import { startTestApp, type TestApp, type TestClient } from '../support/app.js';
import { budgetOf, concretePath, countRows, movableClock, rawRequest, snapshotCounts } from '../support/factories.js';

const clock = movableClock();
let t: TestApp;

beforeAll(async () => {
  t = await startTestApp({ now: clock.now });
});
afterAll(async () => {
  await t.close();
});

function setCookies(res: { headers: Record<string, string | string[] | number | undefined> }): string[] {
  const raw = res.headers['set-cookie'];
  return raw === undefined ? [] : Array.isArray(raw) ? raw : [String(raw)];
}
const uniqueEmail = (tag: string) => `${tag}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.org`;

describe('sign-up, sign-in and sign-out', () => {
  it('sets an HttpOnly, SameSite session cookie and a readable CSRF cookie', async () => {
    const client = t.client();
    const email = uniqueEmail('cookie');
    const up = await client.post('/api/v1/auth/sign-up', { name: '쿠키', email, password: 'long enough password' });
    // Sign-up answers alike for new and known addresses and opens no session (accounts-sign-up.test.ts).
    expect(up.statusCode, up.body).toBe(202);
    expect(up.json()).toEqual({ accepted: true });
    expect(setCookies(up).some((c) => c.includes('session_token='))).toBe(false);

    const signIn = await client.post('/api/v1/auth/sign-in', { email, password: 'long enough password' });
    expect(signIn.statusCode).toBe(200);
    expect(signIn.json()).toMatchObject({ email, roles: ['member'], locale: 'ko' });
    const session = setCookies(signIn).find((c) => c.startsWith('oc.session_token='));
    expect(session, 'session cookie').toBeDefined();
    expect(session).toMatch(/;\s*HttpOnly/i);
    expect(session).toMatch(/;\s*SameSite=(Lax|Strict)/i);
    expect(session).toMatch(/;\s*Path=\//i);

    const csrf = setCookies(await t.client().get('/api/v1/me')).find((c) => c.startsWith('oc_csrf='));
    expect(csrf).toBeDefined();
    expect(csrf).not.toMatch(/HttpOnly/i); // the web app must read it to echo it
    expect(csrf).toMatch(/SameSite=Strict/i);
  });

  it('issues a new session at every sign-in', async () => {
    const user = await t.signedIn();
    const first = user.cookies.get('oc.session_token');
    const again = await user.post('/api/v1/auth/sign-in', { email: user.email, password: user.password });
    expect(again.statusCode).toBe(200);
    expect(user.cookies.get('oc.session_token')).toBeDefined();
    expect(user.cookies.get('oc.session_token')).not.toBe(first);
  });

  it('revokes the session on the server at sign-out', async () => {
    const staff = await t.signedIn(['staff']);
    expect((await staff.get('/api/v1/admin/audit-log')).statusCode).toBe(200);
    const oldCookie = staff.cookieHeader()!;
    const out = await staff.post('/api/v1/auth/sign-out');
    expect(out.statusCode).toBe(200);

    // Replaying the cookie from before sign-out, as a thief who copied it would.
    const me = await rawRequest(t.campus, { method: 'GET', url: '/api/v1/me', headers: { cookie: oldCookie } });
    expect(me.json().user).toBeNull();
    const admin = await rawRequest(t.campus, { method: 'GET', url: '/api/v1/admin/audit-log', headers: { cookie: oldCookie } });
    expect(admin.statusCode).toBe(401);
    expect(admin.json().error.code).toBe('unauthenticated');
  });

  it('stores the password only as an argon2id hash', async () => {
    const password = 'a distinctive passphrase 4711';
    const user = await t.signedIn([], { password });
    const rows = await t.campus.database.db.select({ password: accounts.password }).from(accounts).where(eq(accounts.userId, user.userId));
    expect(rows).toHaveLength(1);
    const stored = rows[0]!.password!;
    expect(stored.startsWith('$argon2id$')).toBe(true);
    expect(stored).toMatch(/m=19456,t=2,p=1/);
    expect(stored).not.toContain(password);
    expect(stored).not.toContain(Buffer.from(password).toString('base64').replace(/=+$/, ''));
  });

  it('answers a wrong password and an unknown e-mail alike', async () => {
    const user = await t.signedIn();
    const wrong = await t.client().post('/api/v1/auth/sign-in', { email: user.email, password: 'not the password' });
    const unknown = await t.client().post('/api/v1/auth/sign-in', { email: uniqueEmail('nobody'), password: 'not the password' });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(wrong.statusCode);
    expect(unknown.body).toBe(wrong.body);
    expect(wrong.json().error.code).toBe('auth.invalid_credentials');
    expect(setCookies(wrong).some((c) => c.startsWith('oc.session_token='))).toBe(false);
  });
});

describe('CSRF protection', () => {
  let admin: TestClient & { userId: string };
  let lineId: string;
  let csrf: string;

  beforeAll(async () => {
    admin = await t.signedIn(['admin']);
    await admin.get('/api/v1/me');
    csrf = admin.cookies.get('oc_csrf')!;
    lineId = (await budgetOf(admin)).lines.find((l) => l.kind === 'fixed')!.id;
  });

  const patchTitle = (headers: Record<string, string>) =>
    rawRequest(t.campus, {
      method: 'PATCH',
      url: `/api/v1/admin/budget-lines/${lineId}`,
      headers: { 'content-type': 'application/json', cookie: admin.cookieHeader()!, ...headers },
      payload: JSON.stringify({ title: { ko: '위조된 제목' } }),
    });

  it('refuses a cookie-authenticated change without the token, with a wrong one, or from a foreign origin', async () => {
    const before = await budgetOf(admin);
    const audit = await countRows(t.campus.database.db, 'audit_log');
    for (const [label, headers] of [
      ['no token', {}],
      ['wrong token', { 'x-csrf-token': 'x'.repeat(32) }],
      ['empty token', { 'x-csrf-token': '' }],
      ['foreign origin', { 'x-csrf-token': csrf, origin: 'https://evil.example' }],
      ['look-alike origin', { 'x-csrf-token': csrf, origin: 'http://localhost:3000.evil.example' }],
    ] as const) {
      const res = await patchTitle(headers);
      expect(res.statusCode, label).toBe(403);
      expect(res.json().error.code, label).toBe('csrf');
    }
    expect(await budgetOf(admin)).toEqual(before);
    expect(await countRows(t.campus.database.db, 'audit_log')).toBe(audit);
  });

  it('accepts the same change with the token from the app’s own origin', async () => {
    const res = await patchTitle({ 'x-csrf-token': csrf, origin: 'http://localhost:3000' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().title.ko).toBe('위조된 제목');
  });

  it('refuses a sign-in posted from a foreign origin (login CSRF)', async () => {
    const user = await t.signedIn();
    const res = await rawRequest(t.campus, {
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
      payload: JSON.stringify({ email: user.email, password: user.password }),
    });
    expect(res.statusCode).toBe(403);
    expect(setCookies(res).some((c) => c.startsWith('oc.session_token='))).toBe(false);
  });

  it('never changes anything on a GET', async () => {
    const db = t.campus.database.db;
    const before = await snapshotCounts(db);
    const gets = t.campus.routes.filter((r) => r.method === 'GET');
    expect(gets.length).toBeGreaterThan(5);
    for (const client of [admin, t.client()]) {
      for (const r of gets) {
        const res = await client.get(concretePath(r.url, () => lineId));
        expect(res.statusCode, r.url).toBeLessThan(500);
      }
    }
    expect(await snapshotCounts(db)).toEqual(before);
  });
});

describe('roles and sessions', () => {
  it('takes a removed role away on the very next request', async () => {
    const admin = await t.signedIn(['admin']);
    const other = await t.signedIn(['admin']);
    expect((await other.get('/api/v1/admin/users')).statusCode).toBe(200);
    const demote = await admin.put(`/api/v1/admin/users/${other.userId}/roles`, { roles: ['staff'] });
    expect(demote.statusCode, demote.body).toBe(200);
    expect(demote.json().roles).toEqual(['staff', 'member']);
    const next = await other.get('/api/v1/admin/users');
    expect(next.statusCode).toBe(403);
    expect((await other.get('/api/v1/admin/audit-log')).statusCode).toBe(200);
    const me = (await other.get('/api/v1/me')).json();
    expect(me.user.roles).not.toContain('admin');
  });

  it('ends an idle staff session but keeps an active one and a citizen’s', async () => {
    const minutes = t.campus.deps.config.staffSessionIdleMinutes;
    const idle = await t.signedIn(['staff']);
    const active = await t.signedIn(['staff']);
    const citizen = await t.signedIn();
    try {
      clock.advance((minutes - 5) * 60_000);
      expect((await active.get('/api/v1/admin/audit-log')).statusCode).toBe(200);
      clock.advance(10 * 60_000); // idle: minutes + 5 since sign-in; active: 10 since its last request
      const refused = await idle.get('/api/v1/admin/audit-log');
      expect(refused.statusCode).toBe(401);
      expect((await idle.get('/api/v1/me')).json().user).toBeNull();
      expect((await active.get('/api/v1/admin/audit-log')).statusCode).toBe(200);
      expect((await citizen.get('/api/v1/me')).json().user?.id).toBe(citizen.userId);
    } finally {
      clock.reset();
    }
    // The idle session is gone for good, not merely refused while the clock was ahead.
    expect((await idle.get('/api/v1/me')).json().user).toBeNull();
  });

  it('never removes the last administrator', async () => {
    const me = await t.signedIn(['admin']);
    const list = (await me.get('/api/v1/admin/users?role=admin&pageSize=100')).json<{ items: { id: string; roles: string[] }[] }>();
    for (const u of list.items.filter((u) => u.roles.includes('admin') && u.id !== me.userId)) {
      expect((await me.put(`/api/v1/admin/users/${u.id}/roles`, { roles: [] })).statusCode).toBe(200);
    }
    const audit = await countRows(t.campus.database.db, 'audit_log');
    const res = await me.put(`/api/v1/admin/users/${me.userId}/roles`, { roles: ['staff'] });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('roles.last_admin');
    expect((await me.get('/api/v1/me')).json().user.roles).toContain('admin');
    expect(await countRows(t.campus.database.db, 'audit_log')).toBe(audit);
  });
});

describe('throttling', () => {
  const limit = 3;
  const throttleClock = movableClock();
  let r: TestApp;
  const signIn = (email: string, password: string, headers: Record<string, string> = {}) => r.client().post('/api/v1/auth/sign-in', { email, password }, headers);

  beforeAll(async () => {
    // Per account: 3 tries a window; per address: 9 (three times wider, for shared offices).
    r = await startTestApp({ env: { AUTH_RATE_LIMIT: String(limit), AUTH_RATE_WINDOW_SECONDS: '60' }, now: throttleClock.now });
  });
  afterAll(async () => {
    await r.close();
  });

  it('slows guessing on one account without locking out others, and lets the owner back in later', async () => {
    const victim = await r.signedIn();
    const bystander = await r.signedIn();
    for (let i = 0; i < limit; i++) expect((await signIn(victim.email, 'wrong guess')).statusCode).toBe(401);

    const refused = await signIn(victim.email, victim.password);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe('rate_limited');
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.json().error.message).toContain(`${retryAfter}초`);
    const en = await signIn(victim.email, victim.password, { 'accept-language': 'en' });
    expect(en.statusCode).toBe(429);
    expect(en.json().error.message).toMatch(/^Too many attempts\. Try again in \d+ seconds\.$/);
    // The same account written in capitals is the same account.
    expect((await signIn(victim.email.toUpperCase(), victim.password)).statusCode).toBe(429);

    // Another account from the same address still gets in.
    expect((await signIn(bystander.email, bystander.password)).statusCode).toBe(200);

    throttleClock.advance(61_000);
    expect((await signIn(victim.email, victim.password)).statusCode).toBe(200);
  });

  it('caps one address across accounts, and a forged X-Forwarded-For does not reset it', async () => {
    throttleClock.advance(61_000);
    const owner = await r.signedIn();
    // Spread over many accounts so only the per-address limit (3 × 3) can trigger.
    for (let i = 0; i < limit * 3; i++) expect((await signIn(`guess${i}@example.org`, 'wrong guess')).statusCode).toBe(401);
    const refused = await signIn(owner.email, owner.password);
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['retry-after']).toBeDefined();
    const spoofed = await signIn(owner.email, owner.password, { 'x-forwarded-for': '203.0.113.7', 'x-real-ip': '203.0.113.7' });
    expect(spoofed.statusCode).toBe(429);

    throttleClock.advance(61_000);
    expect((await signIn(owner.email, owner.password)).statusCode).toBe(200);
  });
});
