/**
 * Input is checked at the boundary (ASVS 2.2.1, 2.2.2; Top 10 A10): every route that takes a body,
 * path parameters or a query string gets junk, as an admin so the policy lets it through, and must
 * answer with a 4xx — never a 5xx — with field-level messages in the reader's language. A refused
 * change leaves nothing half-written.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegisteredRoute } from '../../src/platform/http/server.js';
import { startTestApp, type TestApp, type TestClient } from '../support/app.js';
import { budgetOf, concretePath, rawRequest, snapshotCounts } from '../support/factories.js';

const ACCEPTABLE = new Set([400, 404, 409, 413, 415, 422]);
const HANGUL = /[\uAC00-\uD7A3]/;

let t: TestApp;
let admin: TestClient;
interface Operation {
  requestBody?: { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> };
  parameters?: { in: string; name: string }[];
}
let openapi: { paths: Record<string, Record<string, Operation>> };

beforeAll(async () => {
  t = await startTestApp();
  // Every role, so each route's own checks (not its policy) meet the junk: e.g. /me/availability is for mentors.
  admin = await t.signedIn(['admin', 'staff', 'reviewer', 'mentor', 'participant', 'partner']);
  openapi = (await t.client().get('/api/v1/openapi.json')).json();
});
afterAll(async () => {
  await t.close();
});

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Field names a route's body declares, read from the API's own description. */
function bodyFields(route: RegisteredRoute): string[] {
  const op = openapi.paths[route.url.replace(/:(\w+)/g, '{$1}')]?.[route.method.toLowerCase()];
  const schema = op?.requestBody?.content?.['application/json']?.schema;
  return Object.keys(schema?.properties ?? {});
}
function queryFields(route: RegisteredRoute): string[] {
  const op = openapi.paths[route.url.replace(/:(\w+)/g, '{$1}')]?.[route.method.toLowerCase()];
  return (op?.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
}

function nested(depth: number): unknown {
  let v: unknown = 'x';
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
}
/** Nesting too deep to build as an object here: written out as JSON text. */
const deepJson = (depth: number, key: string) => `{"${key}":`.repeat(depth) + '1' + '}'.repeat(depth);

const LONG = '가'.repeat(100_000);
/** Values of the wrong type or shape for any field. */
const JUNK: [string, unknown][] = [
  ['number', 12345],
  ['negative', -1],
  ['float', 1.5],
  ['huge number', 1e300],
  ['boolean', true],
  ['array', [1, 'two', null]],
  ['object', { nested: { deeper: 1 } }],
  ['null', null],
  ['empty string', ''],
  ['100k string', LONG],
  ['deep nesting', nested(200)],
  ['script', '<script>alert(1)</script>'],
  ['sql', "'; drop table \"user\"; --"],
  ['NUL character', 'a\u0000b'],
  ['control characters', '\u0001\u001b[31m\r\n'],
  ['lone surrogate', '\ud800'],
];

const PER_FIELD = new Set(['number', 'array', 'null', '100k string', 'NUL character']);

interface Outcome {
  label: string;
  status: number;
  body: string;
}

const mutating = (r: RegisteredRoute) => r.method !== 'GET' && r.method !== 'DELETE';
/** Sign-out would end the admin's session; it takes no input anyway. */
const targets = () => t.campus.routes.filter((r) => (r.hasBody || r.hasParams || r.hasQuery) && !r.url.endsWith('/sign-out'));

async function send(client: TestClient, route: RegisteredRoute, url: string, body: unknown, headers: Record<string, string> = {}): Promise<Outcome> {
  const res = await client.request(route.method as Method, url, mutating(route) ? body : undefined, headers);
  return { label: '', status: res.statusCode, body: res.body };
}

function problems(outcomes: Outcome[]): string[] {
  const bad: string[] = [];
  for (const o of outcomes) {
    if (!ACCEPTABLE.has(o.status)) bad.push(`${o.label} → ${o.status} ${o.body.slice(0, 300)}`);
    else if (o.status === 400) {
      const err = JSON.parse(o.body).error as { code: string; message: string; fields?: { path: string; message: string }[] };
      if (!err?.message) bad.push(`${o.label}: 400 without a message`);
      if (err.code === 'validation') {
        if (!err.fields?.length) bad.push(`${o.label}: validation error without fields`);
        for (const f of err.fields ?? []) {
          if (typeof f.path !== 'string' || !f.message) bad.push(`${o.label}: malformed field entry ${JSON.stringify(f)}`);
          else if (!HANGUL.test(f.message)) bad.push(`${o.label}: field message not in Korean: ${f.message}`);
        }
      }
    }
  }
  return bad;
}

describe('malformed bodies', () => {
  it('gets a 4xx for every kind of junk on every route with a body', async () => {
    const outcomes: Outcome[] = [];
    const routes = targets().filter((r) => r.hasBody);
    expect(routes.length).toBeGreaterThan(8);
    for (const route of routes) {
      const url = concretePath(route.url);
      const fields = bodyFields(route);
      expect(fields.length, `${route.method} ${route.url} documents its body`).toBeGreaterThan(0);
      const record = async (label: string, body: unknown, headers?: Record<string, string>) => {
        const o = await send(admin, route, url, body, headers);
        outcomes.push({ ...o, label: `${route.method} ${route.url} ${label}` });
        return o;
      };

      const broken = await record('broken JSON', '{"title": {"ko": "x"', { 'content-type': 'application/json' });
      expect(broken.status, broken.body).toBe(400);
      expect(JSON.parse(broken.body).error.code).toBe('bad_json');
      for (const top of ['123', '"text"', '[]', '[{}]', 'null', 'true']) await record(`top-level ${top}`, top, { 'content-type': 'application/json' });
      await record('empty object', {});
      const unknown = await record('unknown field', { zzUnknown: 1 });
      expect(unknown.status).toBe(400);
      expect(unknown.body).toContain('zzUnknown');
      for (const [name, value] of JUNK) {
        await record(`every field ${name}`, Object.fromEntries(fields.map((f) => [f, value])));
        // One field at a time for the main shapes (every value for every field would be slow).
        if (PER_FIELD.has(name)) for (const f of fields) await record(`field ${f} ${name}`, { [f]: value });
      }
      for (const [label, json] of [
        ['deeply nested junk', deepJson(100_000, 'a')],
        ['deeply nested arrays', '['.repeat(100_000) + ']'.repeat(100_000)],
        ['deeply nested field', `{"${fields[0]}":${deepJson(20_000, 'a')}}`],
        ['prototype poisoning', '{"__proto__":{"isAdmin":true}}'],
        ['nested prototype poisoning', deepJson(1_000, '__proto__')],
        ['constructor poisoning', '{"constructor":{"prototype":{"isAdmin":true}}}'],
      ] as const) {
        await record(label, json, { 'content-type': 'application/json' });
      }
      const tooLarge = await record('2 MB body', JSON.stringify({ [fields[0]!]: 'x'.repeat(2 * 1024 * 1024) }), { 'content-type': 'application/json' });
      expect(tooLarge.status).toBe(413);
      for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml']) {
        const wrongType = await record(`${type} body`, 'a=1', { 'content-type': type });
        expect(wrongType.status, `${route.method} ${route.url} ${type}`).toBe(415);
      }
    }
    expect(problems(outcomes)).toEqual([]);
    // Exhaustive over every route with a body, so it grows with the API; its own budget keeps the rest strict.
  }, 120_000);
});

describe('malformed path parameters and queries', () => {
  it('gets a 4xx for bad ids on every route with parameters', async () => {
    const outcomes: Outcome[] = [];
    const routes = targets().filter((r) => r.hasParams);
    expect(routes.length).toBeGreaterThan(5);
    for (const route of routes) {
      for (const bad of ['not-a-uuid', '0', '-1', '%00', "1'%20OR%20'1'='1", '..%2F..%2Fetc%2Fpasswd', 'x'.repeat(300), randomUUID().toUpperCase() + 'x']) {
        const o = await send(admin, route, concretePath(route.url, () => bad), {});
        outcomes.push({ ...o, label: `${route.method} ${route.url} id=${bad.slice(0, 40)}` });
      }
      // A well-formed id that does not exist is "not found", not a crash.
      const missing = await send(admin, route, concretePath(route.url), route.method === 'POST' && route.url.endsWith('/move') ? { parentId: null, position: 0 } : {});
      outcomes.push({ ...missing, label: `${route.method} ${route.url} unknown id` });
      // A parameter that names one of a few things (`:kind` = participant | lecturer; `:dataset` = plan | budget | …)
      // is a bad value, not a missing record.
      const expected = /\/:(kind|dataset)(\/|\.|$)/.test(route.url) ? 400 : 404;
      if (route.method === 'GET' || route.method === 'DELETE') expect(missing.status, `${route.method} ${route.url}`).toBe(expected);
    }
    expect(problems(outcomes)).toEqual([]);
  });

  it('gets a 4xx for bad query strings', async () => {
    const outcomes: Outcome[] = [];
    const routes = targets().filter((r) => r.hasQuery);
    expect(routes.length).toBeGreaterThan(2);
    for (const route of routes) {
      const base = concretePath(route.url);
      const names = queryFields(route);
      expect(names.length, `${route.method} ${route.url} documents its query`).toBeGreaterThan(0);
      const variants = ['zzUnknown=1'];
      for (const n of names) {
        for (const v of ['abc', '-1', '1.5', '99999999999999999999', 'x'.repeat(5_000), '%00', "'%20OR%201=1--"]) variants.push(`${n}=${v}`);
        variants.push(`${n}=1&${n}=2`, `${n}[a]=1`);
      }
      for (const q of variants) {
        const o = await send(admin, route, `${base}?${q}`, undefined);
        // Free-text filters may legitimately accept any short text.
        if (o.status === 200) continue;
        outcomes.push({ ...o, label: `${route.method} ${route.url}?${q.slice(0, 40)}` });
      }
      const unknown = await send(admin, route, `${base}?zzUnknown=1`, undefined);
      expect(unknown.status, `${route.method} ${route.url}?zzUnknown=1`).toBe(400);
    }
    expect(problems(outcomes)).toEqual([]);
  });
});

describe('error messages', () => {
  it('names the field in Korean by default and in English on request', async () => {
    const body = { name: '테스트', email: `short-${Date.now()}@example.org`, password: 'short' };
    const ko = await t.client().post('/api/v1/auth/sign-up', body);
    expect(ko.statusCode).toBe(400);
    expect(ko.json().error.code).toBe('validation');
    expect(ko.json().error.message).toBe('입력값을 확인해 주세요.');
    expect(ko.json().error.fields).toEqual([{ path: 'password', message: '비밀번호는 8자 이상이어야 합니다.' }]);

    const en = await t.client().post('/api/v1/auth/sign-up', body, { 'accept-language': 'en-US,en;q=0.9' });
    expect(en.statusCode).toBe(400);
    expect(en.json().error.message).toBe('Please check what you entered.');
    expect(en.json().error.fields).toEqual([{ path: 'password', message: 'Passwords must be at least 8 characters long.' }]);
  });

  it('words zod’s own checks and unknown fields in the reader’s language too', async () => {
    const body = { name: '', email: 'not-an-email', password: 'long enough password', extra: 1 };
    const ko = (await t.client().post('/api/v1/auth/sign-up', body)).json().error.fields as { path: string; message: string }[];
    const en = (await t.client().post('/api/v1/auth/sign-up', body, { 'accept-language': 'en' })).json().error.fields as { path: string; message: string }[];
    expect(ko.map((f) => f.path).sort()).toEqual(en.map((f) => f.path).sort());
    expect(ko.map((f) => f.path)).toEqual(expect.arrayContaining(['name', 'email']));
    for (const f of ko) expect(f.message, f.path).toMatch(HANGUL);
    for (const f of en) expect(f.message, f.path).not.toMatch(HANGUL);
    expect(en.map((f) => f.message).join(' ')).toContain('extra');
  });

  it('follows the remembered language cookie when no header says otherwise', async () => {
    const res = await rawRequest(t.campus, {
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      headers: { 'content-type': 'application/json', cookie: 'oc_lang=en' },
      payload: '{',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toBe('The request body is not valid JSON.');
  });
});

describe('refused changes leave nothing half-written', () => {
  it('keeps the budget, the audit log and every table as they were', async () => {
    const before = await budgetOf(admin);
    const countsBefore = await snapshotCounts(t.campus.database.db);
    const fixed = before.lines.find((l) => l.kind === 'fixed')!;
    const group = before.lines.find((l) => l.kind === 'group')!;
    const title = { ko: '새 항목', en: 'New line' };

    const refusals: [string, () => Promise<{ statusCode: number; body: string }>, number][] = [
      ['line under a non-group parent', () => admin.post('/api/v1/admin/budget-lines', { parentId: fixed.id, title, kind: 'fixed', amount: 1000 }), 409],
      ['line under a missing parent', () => admin.post('/api/v1/admin/budget-lines', { parentId: randomUUID(), title, kind: 'fixed', amount: 1000 }), 404],
      ['formula line without unit price', () => admin.post('/api/v1/admin/budget-lines', { parentId: group.id, title, kind: 'formula', factors: [] }), 422],
      ['fixed line without amount', () => admin.post('/api/v1/admin/budget-lines', { parentId: group.id, title, kind: 'fixed' }), 422],
      ['group with sub-lines turned into a fixed line', () => admin.patch(`/api/v1/admin/budget-lines/${group.id}`, { kind: 'fixed', amount: 1 }), 409],
      ['line moved under itself', () => admin.post(`/api/v1/admin/budget-lines/${group.id}/move`, { parentId: group.id, position: 0 }), 409],
      [
        'work package linked to a missing budget line',
        () => admin.post('/api/v1/admin/work-packages', { code: 'X9', title, start: '2020-01', end: '2020-02', budgetLineId: randomUUID() }),
        404,
      ],
      ['milestone linked to a missing work package', () => admin.post('/api/v1/admin/milestones', { title, start: '2020-01', end: '2020-02', workPackageId: randomUUID() }), 404],
      ['milestone ending before it starts', () => admin.post('/api/v1/admin/milestones', { title, start: '2020-05', end: '2020-02' }), 400],
      ['spending with a negative amount', () => admin.post(`/api/v1/admin/budget-lines/${fixed.id}/spending`, { amount: -5, spentOn: '2020-03-01', description: { ko: '지출' } }), 400],
    ];
    for (const [label, run, status] of refusals) {
      const res = await run();
      expect(res.statusCode, `${label}: ${res.body}`).toBe(status);
    }

    const after = await budgetOf(admin);
    expect(after.planned).toBe(before.planned);
    expect(after.lines).toEqual(before.lines);
    expect(await snapshotCounts(t.campus.database.db)).toEqual(countsBefore);
  });
});
