/**
 * The published API description is a valid OpenAPI 3.1 document and lists every API route the
 * server has, so integrators and the web app's contract never drift from the router.
 */
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { openApiPath } from '../support/factories.js';

interface OpenApiDoc {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, Operation>>;
  components: { securitySchemes: Record<string, unknown>; schemas: Record<string, unknown> };
}

interface Operation {
  summary?: string;
  operationId?: string;
  tags?: string[];
  security?: Record<string, string[]>[];
  requestBody?: unknown;
  parameters?: { in: string; name: string; required?: boolean }[];
  responses: Record<string, { content?: Record<string, { schema: { $ref?: string } }> }>;
}

let t: TestApp;
let doc: OpenApiDoc;

beforeAll(async () => {
  t = await startTestApp();
  const res = await t.client().get('/api/v1/openapi.json');
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  doc = res.json();
});
afterAll(async () => {
  await t.close();
});

describe('OpenAPI document', () => {
  it('is valid OpenAPI 3.1', async () => {
    expect(doc.openapi).toMatch(/^3\.1\./);
    const result = await new Validator().validate(doc as unknown as Record<string, unknown>);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('lists every /api/v1 route of the router, with its method, summary and inputs', () => {
    const apiRoutes = t.campus.routes.filter((r) => r.url.startsWith('/api/v1/') && r.url !== '/api/v1/openapi.json');
    expect(apiRoutes.length).toBeGreaterThan(15);
    const missing: string[] = [];
    for (const r of apiRoutes) {
      const op = doc.paths[openApiPath(r.url)]?.[r.method.toLowerCase()];
      if (!op) {
        missing.push(`${r.method} ${r.url}`);
        continue;
      }
      expect(op.summary, `${r.method} ${r.url} summary`).toEqual(expect.any(String));
      if (r.hasBody) expect(op.requestBody, `${r.method} ${r.url} body`).toBeDefined();
      if (r.hasParams) expect(op.parameters?.some((p) => p.in === 'path'), `${r.method} ${r.url} path params`).toBe(true);
      if (r.hasQuery) expect(op.parameters?.some((p) => p.in === 'query'), `${r.method} ${r.url} query`).toBe(true);
    }
    expect(missing).toEqual([]);
  });

  it('lists nothing the router does not serve', () => {
    const served = new Set(t.campus.routes.map((r) => `${r.method.toLowerCase()} ${openApiPath(r.url)}`));
    const extra: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const method of Object.keys(ops)) if (!served.has(`${method} ${path}`)) extra.push(`${method} ${path}`);
    }
    expect(extra).toEqual([]);
  });

  const operations = () => Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ path, method, op })));

  it('gives every operation a unique operationId and a tag', () => {
    const ids = operations().map((o) => o.op.operationId);
    expect(ids.every((id) => typeof id === 'string' && /^[a-z][A-Za-z0-9]+$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { path, method, op } of operations()) expect(op.tags?.length, `${method} ${path}`).toBeGreaterThan(0);
  });

  it('leaves the web app (assets, favicon, robots.txt, the page fallback) out of the API', () => {
    const paths = Object.keys(doc.paths);
    expect(paths.length).toBeGreaterThan(15);
    expect(paths.filter((p) => !p.startsWith('/api/v1/'))).toEqual([]);
  });

  it('puts the session cookie on every signed-in route, the CSRF header on its changes, and none on public routes', () => {
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(['csrf', 'session']);
    for (const r of t.campus.routes.filter((x) => x.url.startsWith('/api/v1/') && x.url !== '/api/v1/openapi.json')) {
      const op = doc.paths[openApiPath(r.url)]![r.method.toLowerCase()]!;
      const where = `${r.method} ${r.url}`;
      if (r.policy.kind === 'public') {
        expect(op.security, where).toEqual([]);
        continue;
      }
      const changes = r.method !== 'GET';
      expect(op.security, where).toEqual([changes ? { session: [], csrf: [] } : { session: [] }]);
      expect(op.responses['401']?.content?.['application/json']?.schema.$ref, where).toBe('#/components/schemas/Error');
      if (r.policy.kind === 'roles') expect(op.responses['403'], where).toBeDefined();
      if (r.hasParams) expect(op.responses['404'], where).toBeDefined();
      if (changes) for (const s of ['403', '409', '422']) expect(op.responses[s], `${where} ${s}`).toBeDefined();
    }
  });

  it('documents 429 on the rate-limited routes and requires the reason of a personal-data export', () => {
    for (const path of ['/api/v1/auth/sign-in', '/api/v1/auth/sign-up', '/api/v1/setup', '/api/v1/me/checkins']) {
      expect(doc.paths[path]!.post!.responses['429'], path).toBeDefined();
    }
    const exportOp = doc.paths['/api/v1/admin/calls/{id}/applications/export.xlsx']!.get!;
    expect(exportOp.parameters?.find((p) => p.in === 'query' && p.name === 'reason')?.required).toBe(true);
    expect(Object.keys(exportOp.responses['200']?.content ?? {})).toEqual(['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']);
  });
});
