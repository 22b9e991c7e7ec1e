/**
 * When the database goes away under a running app (a restart, a failover, a closed pool), requests
 * are answered 503 with Retry-After and a message in the reader's language: never a 500 that
 * blames a bug, and nothing half-written (the transaction never reached the server).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  // The app is up and has served a request; then its database is gone.
  expect((await t.campus.app.inject({ method: 'GET', url: '/api/v1/budget' })).statusCode).toBe(200);
  await t.campus.database.close();
});
afterAll(async () => {
  // The app closes its database too: a second close of a pg pool throws, which is not this test's concern.
  await t.close().catch(() => undefined);
});

describe('database unavailable', () => {
  it('answers a public read with 503, Retry-After and a localized message', async () => {
    for (const [lang, text] of [
      ['ko', '데이터베이스에 연결할 수 없습니다'],
      ['en', 'The database cannot be reached just now'],
    ] as const) {
      const res = await t.campus.app.inject({ method: 'GET', url: '/api/v1/budget', headers: { 'accept-language': lang } });
      expect(res.statusCode).toBe(503);
      expect(res.headers['retry-after']).toBe('5');
      expect(res.json().error.code).toBe('database_unavailable');
      expect(res.json().error.message).toContain(text);
    }
  });

  it('answers a sign-in (rate limit, then accounts) with 503, not 500', async () => {
    const client = t.client();
    const res = await client.post('/api/v1/auth/sign-in', { email: 'someone@example.org', password: 'correct horse battery staple' });
    expect(res.statusCode).toBe(503);
    expect(res.json().error.code).toBe('database_unavailable');
  });

  it('reports not ready, and logs a warning rather than an unhandled error', async () => {
    expect((await t.campus.app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(503);
    const lines = t.logs.join('');
    expect(lines).toContain('database unavailable');
    expect(lines).not.toContain('unhandled error');
  });
});
