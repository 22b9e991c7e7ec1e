/**
 * `npm run demo:load` as a new user runs it (tsx src/cli/load-demo.ts) on an embedded database in a
 * folder: it loads, prints the sign-in addresses and the password it was given, and refuses a
 * second load with a clear message and its own exit code. Embedded database only.
 */
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/platform/db/client.js';
import { testDbKind } from '../support/database.js';
import { countRows, runTs, tempDataDir } from '../support/factories.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe.skipIf(testDbKind() === 'postgres')('the demo:load command', () => {
  it('loads once, prints how to sign in, and refuses to load twice', async () => {
    const dataDir = tempDataDir();
    dirs.push(dataDir);
    const env = { DATA_DIR: dataDir, LOG_LEVEL: 'silent', OC_DEMO_PASSWORD: 'demo-cli-password' };
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

    const database = await openDatabase({ kind: 'pglite', dataDir });
    try {
      expect(await countRows(database.db, 'application')).toBe(300);
      expect(await countRows(database.db, 'call_reviewer')).toBe(20);
      expect(await countRows(database.db, 'review')).toBe(0);
    } finally {
      await database.close();
    }
  }, 180_000);
});
