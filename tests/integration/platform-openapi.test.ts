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
  paths: Record<string, Record<string, { summary?: string; tags?: string[]; requestBody?: unknown; parameters?: { in: string; name: string }[] }>>;
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
});
