/**
 * Browser-side protections on every kind of response — API data, API errors, not-found, the web
 * app's HTML — and HSTS only where it means something (ASVS 3.4.1, 3.4.3–3.4.6; KISA 4, 5, 21).
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenCampus } from '../../src/app.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { concretePath, rawRequest, startWebApp } from '../support/factories.js';

let t: TestApp;
let web: OpenCampus;

beforeAll(async () => {
  [t, web] = await Promise.all([startTestApp(), startWebApp()]);
});
afterAll(async () => {
  await Promise.all([t.close(), web.close()]);
});

function expectProtected(res: LightMyRequestResponse, label: string) {
  const csp = String(res.headers['content-security-policy'] ?? '');
  expect(csp, `${label}: CSP`).toContain("object-src 'none'");
  expect(csp, `${label}: CSP`).toContain("base-uri 'none'");
  expect(csp, `${label}: CSP`).toContain("frame-ancestors 'none'");
  expect(csp, `${label}: CSP`).toMatch(/default-src 'self'/);
  expect(csp, `${label}: CSP`).toMatch(/script-src 'self'(;|$)/);
  expect(res.headers['x-content-type-options'], `${label}: nosniff`).toBe('nosniff');
  expect(res.headers['referrer-policy'], `${label}: referrer-policy`).toBe('strict-origin-when-cross-origin');
  expect(res.headers['x-powered-by'], `${label}: x-powered-by`).toBeUndefined();
  // Plain HTTP: HSTS would be ignored by browsers and wrong to send.
  expect(res.headers['strict-transport-security'], `${label}: no HSTS over http`).toBeUndefined();
}

/** Error bodies say what went wrong in words, never how the server is built. */
function expectNoInternals(res: LightMyRequestResponse, label: string) {
  expect(res.headers['content-type'], label).toMatch(/^application\/json/);
  const body = res.json();
  expect(body.error?.code, `${label}: ${res.body}`).toEqual(expect.any(String));
  expect(body.error?.message, label).toEqual(expect.any(String));
  expect(res.body, label).not.toMatch(/\bat .+\(.*:\d+:\d+\)|node_modules|\/work\/|\.ts:\d+|FST_|stack|SELECT |postgres/i);
}

describe('security headers', () => {
  it('protects API data and API errors', async () => {
    const admin = await t.signedIn(['admin']);
    const cases: [string, LightMyRequestResponse][] = [
      ['GET /api/v1/budget', await t.client().get('/api/v1/budget')],
      ['GET /api/v1/me', await t.client().get('/api/v1/me')],
      ['GET /api/v1/budget/export.csv', await t.client().get('/api/v1/budget/export.csv')],
      ['GET /api/v1/openapi.json', await t.client().get('/api/v1/openapi.json')],
      ['401', await t.client().get('/api/v1/admin/audit-log')],
      ['403', await (await t.signedIn()).get('/api/v1/admin/audit-log')],
      ['400', await t.client().post('/api/v1/auth/sign-in', { email: 'x' })],
      ['400 bad JSON', await t.client().post('/api/v1/auth/sign-in', '{', { 'content-type': 'application/json' })],
      ['404 route', await t.client().get('/api/v1/no-such-thing')],
      ['404 entity', await admin.delete('/api/v1/admin/milestones/00000000-0000-4000-8000-000000000000')],
      ['404 over-long path', await t.client().get(`/api/v1/admin/milestones/${'x'.repeat(500)}`)],
      ['404 malformed path', await rawRequest(t.campus, { method: 'GET', url: '/api/v1/admin/milestones/%E0%A4%A' })],
      ['413', await t.client().post('/api/v1/auth/sign-in', JSON.stringify({ email: 'x'.repeat(2_000_000) }), { 'content-type': 'application/json' })],
      ['415', await t.client().post('/api/v1/auth/sign-in', 'a=1', { 'content-type': 'application/x-www-form-urlencoded' })],
      ['/healthz', await t.client().get('/healthz')],
    ];
    for (const [label, res] of cases) {
      expectProtected(res, label);
      if (res.statusCode >= 400) expectNoInternals(res, label);
      if (label !== '/healthz') expect(res.headers['cache-control'], `${label}: API answers are not cached`).toBe('no-store');
    }
  });

  it('protects the web app’s HTML and its not-found answers', async () => {
    const page = await rawRequest(web, { method: 'GET', url: '/plan/budget', headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.body).toContain('<html lang="ko"');
    expectProtected(page, 'SPA fallback');
    const english = await rawRequest(web, { method: 'GET', url: '/', headers: { cookie: 'oc_lang=en' } });
    expect(english.body).toContain('<html lang="en"');
    expectProtected(english, 'SPA root');

    const asset = await rawRequest(web, { method: 'GET', url: '/assets/app.js' });
    expect(asset.statusCode).toBe(200);
    expectProtected(asset, 'asset');
    for (const url of ['/assets/missing.js', '/assets/..%2F..%2Fpackage.json', '/api/v1/nothing-here']) {
      const res = await rawRequest(web, { method: 'GET', url });
      expect(res.statusCode, url).toBe(404);
      expectProtected(res, url);
      expectNoInternals(res, url);
    }
    const post = await rawRequest(web, { method: 'POST', url: '/plan', headers: { 'content-type': 'application/json' }, payload: '{}' });
    expect(post.statusCode).toBe(404);
    expectNoInternals(post, 'POST to a page');
  });

  it('gives the web app’s own routes (assets, favicon) a policy and protected answers', async () => {
    const apiOnly = new Set(t.campus.routes.map((r) => `${r.method} ${r.url}`));
    const webOnly = web.routes.filter((r) => !apiOnly.has(`${r.method} ${r.url}`));
    expect(webOnly.map((r) => r.url)).toEqual(expect.arrayContaining(['/assets/*', '/favicon.svg', '/robots.txt']));
    for (const r of webOnly) {
      expect(r.policy, r.url).toEqual({ kind: 'public' });
      const res = await rawRequest(web, { method: 'GET', url: concretePath(r.url) });
      expect(res.statusCode, `${r.url} → ${res.statusCode}`).toBeLessThan(500);
      expectProtected(res, r.url);
    }
  });

  it('answers unknown methods and paths with JSON, not stack traces', async () => {
    for (const [method, url] of [
      ['TRACE', '/api/v1/budget'],
      ['OPTIONS', '/api/v1/budget'],
      ['DELETE', '/api/v1/budget'],
      ['PUT', '/api/v1/plan'],
      ['PATCH', '/api/v1/me'],
      ['GET', '/api/v1/auth/sign-in'],
      ['GET', '/api/v2/budget'],
      ['GET', '/.env'],
      ['GET', '/api/v1/../../etc/passwd'],
      ['HEAD', '/api/v1/nothing'],
    ] as const) {
      const res = await rawRequest(t.campus, { method, url });
      const label = `${method} ${url}`;
      expect([404, 405], `${label} → ${res.statusCode}`).toContain(res.statusCode);
      expectProtected(res, label);
      if (method !== 'HEAD') expectNoInternals(res, label);
    }
  });

  it('does not expose the authentication library’s own endpoints', async () => {
    for (const [method, url] of [
      ['POST', '/api/auth/sign-in/email'],
      ['POST', '/api/auth/sign-up/email'],
      ['GET', '/api/auth/get-session'],
      ['GET', '/api/auth/list-sessions'],
    ] as const) {
      const res = await rawRequest(t.campus, { method, url, headers: { 'content-type': 'application/json' }, ...(method === 'POST' ? { payload: '{}' } : {}) });
      expect(res.statusCode, `${method} ${url}`).toBe(404);
    }
  });
});

describe('HTTPS behind a trusted proxy', () => {
  let proxied: TestApp;
  beforeAll(async () => {
    proxied = await startTestApp({ env: { TRUST_PROXY: 'true', PUBLIC_URL: 'https://campus.example' } });
  });
  afterAll(async () => {
    await proxied.close();
  });

  it('sends HSTS for at least a year only when the request came over HTTPS', async () => {
    const https = await rawRequest(proxied.campus, { method: 'GET', url: '/api/v1/budget', headers: { 'x-forwarded-proto': 'https', host: 'campus.example' } });
    expect(https.headers['strict-transport-security']).toMatch(/max-age=(\d+)/);
    const maxAge = Number(/max-age=(\d+)/.exec(String(https.headers['strict-transport-security']))![1]);
    expect(maxAge).toBeGreaterThanOrEqual(31_536_000);
    const error = await rawRequest(proxied.campus, { method: 'GET', url: '/api/v1/nothing', headers: { 'x-forwarded-proto': 'https' } });
    expect(error.headers['strict-transport-security']).toBeDefined();

    const plain = await rawRequest(proxied.campus, { method: 'GET', url: '/api/v1/budget', headers: { 'x-forwarded-proto': 'http' } });
    expect(plain.headers['strict-transport-security']).toBeUndefined();
  });

  it('ignores a client’s claim of HTTPS when the proxy is not trusted', async () => {
    const res = await rawRequest(t.campus, { method: 'GET', url: '/api/v1/budget', headers: { 'x-forwarded-proto': 'https' } });
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });

  it('marks cookies Secure over HTTPS', async () => {
    const headers = { 'x-forwarded-proto': 'https', host: 'campus.example', origin: 'https://campus.example', 'content-type': 'application/json' };
    const me = await rawRequest(proxied.campus, { method: 'GET', url: '/api/v1/me', headers });
    const csrfCookie = [me.headers['set-cookie']].flat().map(String).find((c) => c.startsWith('oc_csrf='))!;
    expect(csrfCookie).toMatch(/;\s*Secure/i);
    const email = `secure-${Date.now()}@example.org`;
    const up = await rawRequest(proxied.campus, {
      method: 'POST',
      url: '/api/v1/auth/sign-up',
      headers,
      payload: JSON.stringify({ name: '보안', email, password: 'long enough password' }),
    });
    expect(up.statusCode, up.body).toBe(202);
    const signIn = await rawRequest(proxied.campus, {
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      headers: { ...headers, cookie: csrfCookie.split(';')[0]!, 'x-csrf-token': csrfCookie.split(';')[0]!.split('=')[1]! },
      payload: JSON.stringify({ email, password: 'long enough password' }),
    });
    expect(signIn.statusCode, signIn.body).toBe(200);
    const session = [signIn.headers['set-cookie']].flat().map(String).find((c) => c.includes('session_token='));
    expect(session).toBeDefined();
    expect(session).toMatch(/;\s*Secure/i);
    expect(session).toMatch(/;\s*HttpOnly/i);
    expect(session).toMatch(/^__Secure-/);
  });
});
