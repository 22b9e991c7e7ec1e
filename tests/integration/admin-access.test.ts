/**
 * Deny by default on the administration area, and an audit trail nobody can rewrite: not over
 * HTTP (there is no route) and not with SQL (the database refuses UPDATE, DELETE and TRUNCATE).
 */
import { asc, count, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/platform/db/schema/index.js';
import type { BudgetViewT } from '../../src/shared/contracts/plan.js';
import { startTestApp, type TestApp, type TestClient } from '../support/app.js';

let t: TestApp;
let member: TestClient;
let staff: TestClient;
let admin: TestClient & { userId: string };
let someLineId: string;

beforeAll(async () => {
  t = await startTestApp();
  member = await t.signedIn([]);
  staff = await t.signedIn(['staff']);
  admin = await t.signedIn(['admin']);
  someLineId = (await t.client().get('/api/v1/budget')).json<BudgetViewT>().lines[0]!.id;
});
afterAll(async () => {
  await t.close();
});

const adminRoutes = () => t.campus.routes.filter((r) => r.url.startsWith('/api/v1/admin'));
const concrete = (url: string) => url.replace(':id', someLineId).replace(':spendingId', '01890000-0000-7000-8000-000000000000');
const body = { parentId: null, title: { ko: '침입' }, kind: 'fixed', amount: 1, roles: ['admin'] };

async function auditRows(): Promise<number> {
  const [row] = await t.campus.database.db.select({ n: count() }).from(auditLog);
  return row!.n;
}

async function send(client: TestClient, method: string, url: string) {
  return client.request(method as 'GET', url, method === 'GET' || method === 'DELETE' ? undefined : body);
}

describe('the admin routes', () => {
  it('are all there, and all staff- or admin-only', () => {
    const routes = adminRoutes();
    const names = routes.map((r) => `${r.method} ${r.url}`);
    for (const expected of [
      'POST /api/v1/admin/work-packages',
      'PATCH /api/v1/admin/work-packages/:id',
      'DELETE /api/v1/admin/work-packages/:id',
      'POST /api/v1/admin/milestones',
      'PATCH /api/v1/admin/milestones/:id',
      'DELETE /api/v1/admin/milestones/:id',
      'POST /api/v1/admin/budget-lines',
      'PATCH /api/v1/admin/budget-lines/:id',
      'POST /api/v1/admin/budget-lines/:id/move',
      'DELETE /api/v1/admin/budget-lines/:id',
      'GET /api/v1/admin/budget-lines/:id/spending',
      'POST /api/v1/admin/budget-lines/:id/spending',
      'DELETE /api/v1/admin/budget-lines/:id/spending/:spendingId',
      'GET /api/v1/admin/audit-log',
      'GET /api/v1/admin/users',
      'PUT /api/v1/admin/users/:id/roles',
    ]) {
      expect(names).toContain(expected);
    }
    for (const r of routes) {
      expect(r.policy.kind, `${r.method} ${r.url}`).toBe('roles');
      if (r.policy.kind === 'roles') expect(r.policy.roles.every((role) => role === 'admin' || role === 'staff')).toBe(true);
    }
  });

  it('answer 403 to a signed-in member, whatever the request, and change nothing', async () => {
    const before = await auditRows();
    const budgetBefore = (await t.client().get('/api/v1/budget')).body;
    for (const r of adminRoutes()) {
      const res = await send(member, r.method, concrete(r.url));
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(403);
      expect(res.json<{ error: { code: string } }>().error.code).toBe('forbidden');
    }
    expect(await auditRows()).toBe(before);
    expect((await t.client().get('/api/v1/budget')).body).toBe(budgetBefore);
  });

  it('answer 401 to an anonymous visitor', async () => {
    for (const r of adminRoutes()) {
      const res = await send(t.client(), r.method, concrete(r.url));
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(401);
    }
  });

  it('answer 403 to staff on the admin-only ones', async () => {
    const adminOnly = adminRoutes().filter((r) => r.policy.kind === 'roles' && !r.policy.roles.includes('staff'));
    expect(adminOnly.map((r) => `${r.method} ${r.url}`).sort()).toEqual(['GET /api/v1/admin/users', 'PUT /api/v1/admin/users/:id/roles']);
    for (const r of adminOnly) expect((await send(staff, r.method, concrete(r.url))).statusCode).toBe(403);
  });

  it('refuse a staff write without the CSRF token', async () => {
    const res = await staff.post('/api/v1/admin/budget-lines', body, { 'x-csrf-token': 'wrong' });
    expect(res.statusCode).toBe(403);
    expect(res.json<{ error: { code: string } }>().error.code).toBe('csrf');
  });
});

describe('the audit log', () => {
  it('has no route that changes it', async () => {
    const auditRoutes = t.campus.routes.filter((r) => r.url.includes('audit'));
    expect(auditRoutes.map((r) => r.method)).toEqual(['GET']);
    const before = await auditRows();
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'] as const) {
      for (const url of ['/api/v1/admin/audit-log', '/api/v1/admin/audit-log/01890000-0000-7000-8000-000000000000']) {
        const res = await admin.request(method, url, method === 'DELETE' ? undefined : { action: 'forged' });
        // The list exists for GET only (405 with Allow: GET, HEAD); single entries have no route at all.
        expect(res.statusCode, `${method} ${url}`).toBe(url.endsWith('audit-log') ? 405 : 404);
      }
    }
    expect(await auditRows()).toBe(before);
  });

  it('refuses UPDATE, DELETE and TRUNCATE in the database itself', async () => {
    const line = (await t.client().get('/api/v1/budget')).json<BudgetViewT>().lines.find((l) => l.key === 'network')!;
    expect((await admin.patch(`/api/v1/admin/budget-lines/${line.id}`, { title: { ko: '네트워크 운영' } })).statusCode).toBe(200);
    const db = t.campus.database.db;
    const snapshot = await db.select().from(auditLog).orderBy(asc(auditLog.id));
    expect(snapshot.length).toBeGreaterThan(0);

    // The refusal comes from the append-only trigger, not from some unrelated failure.
    const refusal = async (label: string, statement: ReturnType<typeof sql>) => {
      const err: unknown = await db.execute(statement).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err, label).toBeInstanceOf(Error);
      const cause = (err as Error & { cause?: Error }).cause;
      expect(`${(err as Error).message} ${cause?.message ?? ''}`).toContain('append-only');
    };
    await refusal('update all', sql`UPDATE audit_log SET action = 'forged'`);
    await refusal('update some', sql`UPDATE audit_log SET actor_id = NULL WHERE entity_type = 'budget_line'`);
    await refusal('delete all', sql`DELETE FROM audit_log`);
    await refusal('delete some', sql`DELETE FROM audit_log WHERE action = 'budget_line.update'`);
    await refusal('truncate', sql`TRUNCATE audit_log`);

    expect(await db.select().from(auditLog).orderBy(asc(auditLog.id))).toEqual(snapshot);
    // Appending still works: the trail grows with the next change.
    expect((await admin.patch(`/api/v1/admin/budget-lines/${line.id}`, { title: { ko: '글로벌 사회혁신 오픈 캠퍼스 네트워크 운영' } })).statusCode).toBe(200);
    expect(await auditRows()).toBe(snapshot.length + 1);
  });
});
