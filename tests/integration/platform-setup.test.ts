/**
 * The first administrator, through the web with the one-time setup token printed at first start.
 * The token opens the door once and never again. (The command-line way, `create-admin`, is tested
 * with the other real processes in platform-process.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countAdmins } from '../../src/platform/auth/roles.js';
import { enrolTwoFactor, startTestApp, type TestApp } from '../support/app.js';
import { countRows } from '../support/factories.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

const setupBody = (token: string, email: string) => ({ token, name: '첫 관리자', email, password: 'first admin password' });

describe('first-admin setup through the API', () => {
  it('creates the first administrator once, with the right token only', async () => {
    const token = t.campus.setupToken;
    expect(token).toEqual(expect.any(String));
    expect(token!.length).toBeGreaterThanOrEqual(24);
    expect((await t.client().get('/api/v1/me')).json()).toEqual({ user: null, setupRequired: true });

    const wrong = await t.client().post('/api/v1/setup', setupBody('W'.repeat(token!.length), 'wrong-token@example.org'));
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().error.code).toBe('setup.invalid_token');
    // The refused attempt left no account behind.
    expect(await countRows(t.campus.database.db, 'user')).toBe(0);
    const tooShort = await t.client().post('/api/v1/setup', { ...setupBody(token!, 'short@example.org'), password: 'short' });
    expect(tooShort.statusCode).toBe(400);

    const client = t.client();
    const auditBefore = await countRows(t.campus.database.db, 'audit_log');
    const ok = await client.post('/api/v1/setup', setupBody(token!, 'First.Admin@Example.org'));
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ email: 'first.admin@example.org', roles: ['admin', 'member'] });

    // Signed in straight away, and the campus no longer asks for setup.
    const me = (await client.get('/api/v1/me')).json();
    expect(me.user.roles).toContain('admin');
    expect(me.setupRequired).toBe(false);
    expect((await t.client().get('/api/v1/me')).json().setupRequired).toBe(false);

    const again = await t.client().post('/api/v1/setup', setupBody(token!, 'second@example.org'));
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('setup.not_required');
    expect((await t.client().post('/api/v1/auth/sign-in', { email: 'second@example.org', password: 'first admin password' })).statusCode).toBe(401);

    expect(await countRows(t.campus.database.db, 'audit_log')).toBe(auditBefore + 1);
    // The new administrator is asked to set up two-factor sign-in before using the staff area (adr/0013).
    const closed = await client.get('/api/v1/admin/audit-log?entityType=user');
    expect(closed.statusCode).toBe(403);
    expect(closed.json().error.code).toBe('accounts.two_factor_required');
    await enrolTwoFactor(client, 'first admin password');
    const log = (await client.get('/api/v1/admin/audit-log?entityType=user')).json();
    // Newest first: the enrolment, then the grant.
    expect(log.items.map((e: { action: string }) => e.action)).toEqual(['two_factor.enable', 'role.grant']);
    expect(log.items[1]).toMatchObject({ action: 'role.grant', entityType: 'user', entityId: me.user.id, actorLabel: 'setup', after: { roles: ['admin'] } });
  });

  it('lets only one of two simultaneous setups win', async () => {
    const fresh = await startTestApp();
    try {
      const token = fresh.campus.setupToken!;
      const results = await Promise.all(['one', 'two', 'three'].map((n) => fresh.client().post('/api/v1/setup', setupBody(token, `race-${n}@example.org`))));
      const statuses = results.map((r) => r.statusCode).sort();
      expect(statuses.filter((s) => s === 201), statuses.join(',')).toHaveLength(1);
      for (const s of statuses) expect([201, 403, 409]).toContain(s);
      expect(await countAdmins(fresh.campus.database.db)).toBe(1);
      // The losers left no account behind.
      expect(await countRows(fresh.campus.database.db, 'user')).toBe(1);
    } finally {
      await fresh.close();
    }
  });
});
