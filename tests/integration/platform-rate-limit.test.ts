/**
 * Shared rate limits (adr/0010): the counters live in the database, so two app instances on one
 * database count together, a restart forgets nothing, concurrent hits are counted exactly, and the
 * counter table holds no e-mail or IP address.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOpenCampus, type OpenCampus } from '../../src/app.js';
import { loadConfig } from '../../src/platform/config.js';
import { openDatabase, type Database } from '../../src/platform/db/client.js';
import { DbRateLimiter } from '../../src/platform/rate-limit.js';
import { CheckinThrottle } from '../../src/modules/attendance/throttle.js';
import { TestClient } from '../support/app.js';
import { openTestDatabase } from '../support/database.js';
import { movableClock } from '../support/factories.js';

const LIMIT = 3;
const clock = movableClock();
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'oc-test-rate-'));
const config = loadConfig({
  NODE_ENV: 'test',
  LOG_LEVEL: 'warn',
  DATA_DIR: dataDir,
  PUBLIC_URL: 'http://localhost:3000',
  AUTH_SECRET: 'test-secret-test-secret-test-secret-123456',
  // Per account: 3 tries a window; per address: 9.
  AUTH_RATE_LIMIT: String(LIMIT),
  AUTH_RATE_WINDOW_SECONDS: '60',
});

let database: Database;
/** On PostgreSQL the second instance has a pool of its own, as a second process would. */
let secondConnection: Database | undefined;

/** An app instance on a database it does not own: closing the instance leaves the database open. */
function startInstance(db: Database): Promise<OpenCampus> {
  return createOpenCampus({ config, database: { ...db, close: async () => undefined }, serveWeb: false, now: clock.now });
}

async function rows<T>(db: Database, query: ReturnType<typeof sql>): Promise<T[]> {
  const res = await db.db.execute(query);
  return (Array.isArray(res) ? res : (res as { rows: T[] }).rows) as T[];
}

beforeAll(async () => {
  database = await openTestDatabase();
  await database.migrate();
  if (database.kind === 'postgres') {
    const [row] = await rows<{ name: string }>(database, sql`select current_database() as name`);
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.pathname = `/${row!.name}`;
    secondConnection = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 5 });
  }
});

afterAll(async () => {
  await secondConnection?.close();
  await database.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const signIn = (campus: OpenCampus, email: string, password: string) => new TestClient(campus).post('/api/v1/auth/sign-in', { email, password });

describe('rate limits shared through the database', () => {
  it('counts sign-in attempts on two instances together, and keeps counting across a restart', async () => {
    clock.advance(3_600_000);
    // PGlite is one in-process database, so there both instances use the one handle; on PostgreSQL
    // the second instance has its own connections.
    let a = await startInstance(database);
    const b = await startInstance(secondConnection ?? database);
    try {
      const email = `shared-${Date.now()}@example.org`;
      const password = 'correct horse battery staple';
      expect((await new TestClient(a).post('/api/v1/auth/sign-up', { name: 'Shared Limit', email, password })).statusCode).toBe(202);

      // Three wrong guesses, spread over both instances: each instance alone saw fewer than the limit.
      expect((await signIn(a, email, 'wrong guess')).statusCode).toBe(401);
      expect((await signIn(b, email, 'wrong guess')).statusCode).toBe(401);
      expect((await signIn(a, email, 'wrong guess')).statusCode).toBe(401);
      const refused = await signIn(b, email, password);
      expect(refused.statusCode).toBe(429);
      expect(refused.json().error.code).toBe('rate_limited');
      const retryAfter = Number(refused.headers['retry-after']);
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect((await signIn(a, email, password)).statusCode).toBe(429);

      // A restarted instance has forgotten nothing.
      await a.close();
      a = await startInstance(database);
      expect((await signIn(a, email, password)).statusCode).toBe(429);

      // The window ends for everyone at once.
      clock.advance(61_000);
      expect((await signIn(a, email, password)).statusCode).toBe(200);

      // The counter table holds hashes only: no e-mail address, no IP address.
      const stored = await rows<{ key: string }>(database, sql`select key from rate_limit`);
      expect(stored.length).toBeGreaterThan(0);
      for (const { key } of stored) {
        expect(key).toMatch(/^[0-9a-f]{64}$/);
        expect(key).not.toContain('@');
      }
      const [found] = await rows<{ n: number }>(database, sql`select count(*)::int as n from rate_limit where key like ${'%' + email + '%'} or key like '%127.0.0.1%'`);
      expect(Number(found!.n)).toBe(0);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('shares the check-in block between instances: after five wrong codes every attempt is refused until the window ends', async () => {
    const t0 = clock.now().getTime();
    const one = new CheckinThrottle(database.db);
    const two = new CheckinThrottle((secondConnection ?? database).db);
    const user = `user-${t0}`;
    for (let i = 0; i < 5; i++) expect(await (i % 2 ? two : one).wrongCode(user, t0 + i)).toBeNull();
    expect(await one.blockedFor(user, t0 + 10)).toBeNull();
    const blockedFor = await two.wrongCode(user, t0 + 10);
    expect(blockedFor).toBeGreaterThan(0);
    expect(blockedFor).toBeLessThanOrEqual(600);
    // The other instance sees the block, until the ten-minute window has passed.
    expect(await one.blockedFor(user, t0 + 20)).toBeGreaterThan(0);
    expect(await one.blockedFor(user, t0 + 600_000)).toBeNull();
    expect(await two.wrongCode(user, t0 + 600_000)).toBeNull();
  });

  it('allows exactly the limit when 50 hits on one key arrive at once', async () => {
    const limiter = new DbRateLimiter(database.db, 'concurrency-test', 10, 60_000);
    const t0 = clock.now().getTime();
    const results = await Promise.all(Array.from({ length: 50 }, () => limiter.hit('one-key', t0)));
    expect(results.filter((r) => r.allowed)).toHaveLength(10);
    expect(Math.min(...results.map((r) => r.remaining))).toBe(0);
    for (const r of results) expect(r.retryAfterSeconds).toBe(60);
  });

  it('refuses all but the per-address limit of 50 concurrent sign-ins over HTTP', async () => {
    clock.advance(3_600_000);
    const campus = await startInstance(database);
    try {
      // Fifty different accounts, so only the per-address limit (3 × 3 = 9) can refuse.
      const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => signIn(campus, `nobody${i}-${Date.now()}@example.org`, 'wrong guess')));
      const codes = answers.map((r) => r.statusCode);
      expect(codes.filter((c) => c === 401)).toHaveLength(LIMIT * 3);
      expect(codes.filter((c) => c === 429)).toHaveLength(50 - LIMIT * 3);
      for (const r of answers.filter((x) => x.statusCode === 429)) expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
    } finally {
      await campus.close();
    }
  });

  it('sweeps rows whose window ended, and only those', async () => {
    const limiter = new DbRateLimiter(database.db, 'sweep-test', 10, 60_000);
    const t0 = clock.now().getTime() + 86_400_000;
    await limiter.hit('old', t0);
    await limiter.hit('young', t0 + 35 * 60_000);
    const count = async () => Number((await rows<{ n: number }>(database, sql`select count(*)::int as n from rate_limit`))[0]!.n);
    const before = await count();
    // Sweeping at t0 + 40 min: 'old' ended at t0 + 1 min, past the 10-minute grace; 'young' ended at
    // t0 + 36 min, within it, so an instance whose clock runs behind still counts in its window.
    expect(await limiter.sweep(t0 + 40 * 60_000)).toBeGreaterThanOrEqual(1);
    expect(await count()).toBeLessThan(before);
    // That slower instance's hits on 'young' still count: nine more reach the limit, the next is refused.
    for (let i = 0; i < 9; i++) expect((await limiter.hit('young', t0 + 35 * 60_000 + 30_000)).allowed).toBe(true);
    expect((await limiter.hit('young', t0 + 35 * 60_000 + 30_000)).allowed).toBe(false);
  });
});
