/**
 * Deny by default, proven from the router itself: every registered route is called by every kind of
 * caller, and the answer must match the route's declared policy (ASVS 8.2.1; KISA 11).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/platform/http/server.js';
import { startTestApp, type TestApp, type TestClient } from '../support/app.js';
import { clientsByRole, concretePath, EVERYONE, expectedAccess, rawRequest, type Who } from '../support/factories.js';

let t: TestApp;
let clients: Map<Who, TestClient>;

beforeAll(async () => {
  t = await startTestApp();
  clients = await clientsByRole(t);
});
afterAll(async () => {
  await t.close();
});

describe('the route registry', () => {
  it('holds every route with a policy, including the known ones', () => {
    const { routes } = t.campus;
    expect(routes.length).toBeGreaterThan(10);
    const keys = new Set(routes.map((r) => `${r.method} ${r.url}`));
    for (const known of [
      'GET /api/v1/me',
      'POST /api/v1/auth/sign-in',
      'POST /api/v1/setup',
      'GET /api/v1/budget',
      'PATCH /api/v1/admin/budget-lines/:id',
      'PUT /api/v1/admin/users/:id/roles',
      'GET /api/v1/admin/audit-log',
      'GET /api/v1/openapi.json',
      'GET /readyz',
    ]) {
      expect(keys, known).toContain(known);
    }
    for (const r of routes) expect(['public', 'signedIn', 'roles'], `${r.method} ${r.url}`).toContain(r.policy.kind);
  });

  // The matrix below checks the server against the declared policies; these check the declarations
  // themselves, so a staff route mistakenly opened to everyone cannot pass unnoticed.
  it('opens only the expected routes to the public', () => {
    const open = t.campus.routes
      .filter((r) => r.policy.kind === 'public')
      .map((r) => `${r.method} ${r.url}`)
      .sort();
    expect(open).toEqual(
      [
        'GET /healthz',
        'GET /readyz',
        'GET /api/v1/me',
        'GET /api/v1/openapi.json',
        'POST /api/v1/auth/sign-up',
        'POST /api/v1/auth/sign-in',
        'POST /api/v1/auth/verify-email',
        // The code step of signing in: its cookie from the password step is the credential.
        'POST /api/v1/auth/two-factor',
        'POST /api/v1/setup',
        'GET /api/v1/plan',
        'GET /api/v1/plan/schedule',
        'GET /api/v1/budget',
        'GET /api/v1/budget/export.xlsx',
        'GET /api/v1/budget/export.csv',
        'GET /api/v1/calls',
        'GET /api/v1/calls/:id',
        'GET /api/v1/programmes',
        'GET /api/v1/upcoming',
        'GET /api/v1/cohorts/:id',
        'GET /api/v1/certificates/verify/:token',
        'GET /api/v1/calendars/cohorts/:id.ics',
        'GET /api/v1/calendars/feeds/:token.ics',
        'GET /api/v1/mail/unsubscribe',
        'POST /api/v1/mail/unsubscribe',
        'GET /api/v1/open-data',
        'GET /api/v1/open-data/catalog.jsonld',
        'GET /api/v1/open-data/:dataset.json',
        'GET /api/v1/open-data/:dataset.csv',
      ].sort(),
    );
  });

  it('keeps the admin area to staff, and accounts to administrators', () => {
    for (const r of t.campus.routes.filter((r) => r.url.startsWith('/api/v1/admin/'))) {
      const label = `${r.method} ${r.url}`;
      expect(r.policy.kind, label).toBe('roles');
      const roles = r.policy.kind === 'roles' ? [...r.policy.roles].sort() : [];
      if (r.url.startsWith('/api/v1/admin/users')) expect(roles, label).toEqual(['admin']);
      else expect(roles, label).toEqual(['admin', 'staff']);
    }
  });

  it('refuses to register a route without a policy', async () => {
    const { app } = await buildServer({ logLevel: 'silent', trustProxy: false, publicUrl: 'http://localhost:3000', resolvePrincipal: async () => null });
    try {
      expect(() => app.route({ method: 'GET', url: '/no-policy', handler: () => ({ ok: true }) })).toThrow(/no policy/);
      expect(() => app.post('/also-no-policy', () => ({ ok: true }))).toThrow(/no policy/);
      // With a policy the same registration goes through, so the refusal above is about the policy.
      expect(() => app.route({ method: 'GET', url: '/with-policy', config: { policy: { kind: 'public' } }, handler: () => ({ ok: true }) })).not.toThrow();
    } finally {
      await app.close();
    }
  });
});

describe('route × role matrix', () => {
  it('answers every caller on every route as the policy says', async () => {
    // Sign-out ends the caller's session, so it goes last.
    const routes = [...t.campus.routes].sort((a, b) => Number(a.url.endsWith('/sign-out')) - Number(b.url.endsWith('/sign-out')));
    const failures: string[] = [];
    let allowedCells = 0;
    let deniedCells = 0;
    for (const route of routes) {
      const url = concretePath(route.url);
      for (const who of EVERYONE) {
        const client = clients.get(who)!;
        const res = await client.request(route.method as 'GET', url, route.method === 'GET' || route.method === 'DELETE' ? undefined : {});
        const cell = `${who} ${route.method} ${route.url} → ${res.statusCode}`;
        if (res.statusCode >= 500) failures.push(`${cell} (server error) ${res.body.slice(0, 200)}`);
        const expected = expectedAccess(route, who);
        if (expected === 'allow') {
          allowedCells += 1;
          if (res.statusCode === 401 || res.statusCode === 403) failures.push(`${cell}: allowed by policy but refused ${res.body.slice(0, 200)}`);
        } else {
          deniedCells += 1;
          const want = expected === 'unauthenticated' ? 401 : 403;
          if (res.statusCode !== want) failures.push(`${cell}: policy refuses, expected ${want}`);
          else expect(res.json().error.code).toBe(expected);
        }
        // Fastify answers HEAD for every GET route by itself; the same policy must hold there.
        if (route.method === 'GET') {
          const cookie = client.cookieHeader();
          const head = await rawRequest(t.campus, { method: 'HEAD', url, headers: cookie ? { cookie } : {} });
          const headCell = `${who} HEAD ${route.url} → ${head.statusCode}`;
          if (head.statusCode >= 500) failures.push(`${headCell} (server error)`);
          else if (expected === 'allow' && (head.statusCode === 401 || head.statusCode === 403)) failures.push(`${headCell}: allowed by policy but refused`);
          else if (expected !== 'allow' && head.statusCode !== (expected === 'unauthenticated' ? 401 : 403)) failures.push(`${headCell}: policy refuses`);
        }
      }
    }
    expect(failures).toEqual([]);
    // The matrix exercised both sides of the rule.
    expect(allowedCells).toBeGreaterThan(0);
    expect(deniedCells).toBeGreaterThan(0);
    // Every route × every role (and HEAD): it grows with the API, so it has its own time budget.
  }, 180_000);

  it('lets a staff member read the audit log but not manage accounts', async () => {
    // The matrix signed its clients out at its end.
    const fresh = await t.signedIn(['staff']);
    expect((await fresh.get('/api/v1/admin/audit-log')).statusCode).toBe(200);
    expect((await fresh.get('/api/v1/admin/users')).statusCode).toBe(403);
  });
});
