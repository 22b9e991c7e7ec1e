/**
 * `npm run demo:load` as a new user runs it (tsx src/cli/load-demo.ts) on an embedded database in a
 * folder, and on PostgreSQL through DATABASE_URL: it loads, prints the sign-in addresses and the
 * password it was given, and refuses a second load with a clear message and its own exit code.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { cliCampus, type CliCampus } from '../support/cli-campus.js';
import { countRows, runTs } from '../support/factories.js';

const campuses: CliCampus[] = [];
afterAll(async () => {
  for (const c of campuses) await c.cleanup();
});

describe('the demo:load command', () => {
  it('loads once, prints how to sign in, and refuses to load twice', async () => {
    const campus = await cliCampus({ LOG_LEVEL: 'silent', OC_DEMO_PASSWORD: 'demo-cli-password' });
    campuses.push(campus);
    const env = campus.env;
    const first = runTs('src/cli/load-demo.ts', [], env);
    expect(await first.exited, first.stderr()).toBe(0);
    expect(first.stdout()).toContain('300 submitted applications, 20 reviewers, 0 assignments');
    expect(first.stdout()).toContain('demo-staff@opencampus.example');
    expect(first.stdout()).toContain('shared password: demo-cli-password');

    const second = runTs('src/cli/load-demo.ts', ['--with-reviews'], env);
    expect(await second.exited).toBe(3);
    expect(second.stderr()).toMatch(/already loaded .*nothing was changed/);

    const bad = runTs('src/cli/load-demo.ts', ['--seed', 'x'], env);
    expect(await bad.exited).toBe(2);

    // It says which database it used: the folder's embedded one, or the server's (no credentials).
    const usedDatabase = campus.kind === 'pglite' ? `the embedded database in ${campus.dataDir}` : `PostgreSQL 127.0.0.1:5432${new URL(campus.env.DATABASE_URL!).pathname}`;
    expect(first.stdout()).toContain(`using ${usedDatabase}`);
    const database = await campus.open();
    try {
      expect(await countRows(database.db, 'application')).toBe(300);
      expect(await countRows(database.db, 'call_reviewer')).toBe(20);
      expect(await countRows(database.db, 'review')).toBe(0);
    } finally {
      await database.close();
    }
  }, 180_000);
});
