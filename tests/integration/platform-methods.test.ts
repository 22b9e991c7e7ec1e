/** Unneeded methods are refused with 405 and an Allow header (KISA 21, ASVS 13.4): never a 5xx or a page. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('methods', () => {
  it('answers 405 with Allow for a known path and a method it does not have', async () => {
    const res = await t.campus.app.inject({ method: 'DELETE', url: '/api/v1/budget' });
    expect(res.statusCode).toBe(405);
    expect(res.headers.allow).toBe('GET, HEAD');
    expect(res.json().error.code).toBe('method_not_allowed');
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  });

  it('matches parameterised paths', async () => {
    const res = await t.campus.app.inject({ method: 'GET', url: '/api/v1/admin/budget-lines/0190a9a8-0000-7000-8000-000000000000/move' });
    expect(res.statusCode).toBe(405);
    expect(res.headers.allow).toBe('POST');
    const put = await t.campus.app.inject({ method: 'PUT', url: '/api/v1/admin/work-packages/0190a9a8-0000-7000-8000-000000000000', headers: { 'accept-language': 'en' } });
    expect(put.statusCode).toBe(405);
    expect(put.headers.allow).toBe('DELETE, PATCH');
    expect(put.json().error.message).toBe('This request method is not allowed.');
  });

  it('keeps 404 for paths that do not exist at all, and TRACE is never served', async () => {
    expect((await t.campus.app.inject({ method: 'GET', url: '/api/v1/nothing-here' })).statusCode).toBe(404);
    const trace = await t.campus.app.inject({ method: 'TRACE' as 'GET', url: '/api/v1/budget' });
    expect([404, 405]).toContain(trace.statusCode);
    expect(trace.body).not.toContain('stack');
  });
});
