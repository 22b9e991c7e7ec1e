/**
 * The command-line tools beside a running campus, as an operator would run them (real processes
 * through tsx). On the embedded database a server holds its data folder: demo:load, admin:create
 * and retention:purge are refused with a message naming the server's pid and command, and change
 * nothing; once the server has stopped they run. On PostgreSQL (TEST_DATABASE_URL) the same
 * commands run beside the server, and each says which database it uses. A demo load killed
 * half-way, then run again, completes or refuses — never a second call.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/platform/db/client.js';
import { DEMO_TITLE } from '../../src/modules/recruitment/demo-data.js';
import { calls, users } from '../../src/platform/db/schema/index.js';
import { LOCK_FILE } from '../../src/platform/db/folder-lock.js';
import { testDbKind } from '../support/database.js';
import { freePort, HttpClient, runTs, tempDataDir, waitFor, type Spawned } from '../support/factories.js';

const onPostgres = testDbKind() === 'postgres';
const running = new Set<Spawned>();
const cleanups: (() => Promise<void> | void)[] = [];

afterAll(async () => {
  for (const p of running) {
    p.child.kill('SIGKILL');
    await p.exited;
  }
  for (const c of cleanups.reverse()) await c();
});

function run(script: string, args: string[], env: Record<string, string>, stdin?: string): Spawned {
  const p = runTs(script, args, env, stdin);
  running.add(p);
  void p.exited.then(() => running.delete(p));
  return p;
}

/** The environment of one campus: a fresh folder, and on PostgreSQL a fresh database too. */
async function campusEnv(): Promise<{ env: Record<string, string>; open: () => Promise<Database> }> {
  const dataDir = tempDataDir();
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const port = await freePort();
  const env: Record<string, string> = { DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', OC_DEMO_PASSWORD: 'demo cli password' };
  if (!onPostgres) return { env, open: () => openDatabase({ kind: 'pglite', dataDir }) };
  const base = process.env.TEST_DATABASE_URL!;
  const name = `oc_cli_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  cleanups.push(async () => {
    const dropper = new pg.Client({ connectionString: base });
    await dropper.connect();
    await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await dropper.end();
  });
  const url = new URL(base);
  url.pathname = `/${name}`;
  env.DATABASE_URL = url.toString();
  return { env, open: () => openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 2 }) };
}

/** tsx runs the program in a child node process: that one holds the lock and is the one to kill. */
async function programPid(p: Spawned): Promise<number> {
  return waitFor(
    async () => {
      for (const entry of readdirSync('/proc')) {
        if (!/^\d+$/.test(entry)) continue;
        try {
          const ppid = /^PPid:\s+(\d+)$/m.exec(readFileSync(`/proc/${entry}/status`, 'utf8'))?.[1];
          if (Number(ppid) === p.child.pid) return Number(entry);
        } catch {
          // gone meanwhile
        }
      }
      return undefined;
    },
    20_000,
    () => `no program process under tsx ${p.child.pid}`,
  );
}

async function startServer(env: Record<string, string>): Promise<Spawned> {
  const proc = run('src/cli/start.ts', [], env);
  const base = `http://127.0.0.1:${env.PORT}`;
  await Promise.race([
    waitFor(
      async () => ((await fetch(`${base}/readyz`)).status === 200 ? true : undefined),
      90_000,
      () => `server never became ready; stderr: ${proc.stderr().slice(-2000)}`,
    ),
    proc.exited.then((code) => {
      throw new Error(`server exited early with ${code}: ${proc.stderr().slice(-2000)}`);
    }),
  ]);
  return proc;
}

async function stopServer(proc: Spawned): Promise<void> {
  proc.child.kill('SIGTERM');
  expect(await proc.exited).toBe(0);
}

async function demoCalls(open: () => Promise<Database>): Promise<number> {
  const database = await open();
  try {
    const rows = await database.db.select({ id: calls.id }).from(calls).where(sql`${calls.title}->>'ko' = ${DEMO_TITLE.ko}`);
    return rows.length;
  } finally {
    await database.close();
  }
}

async function countDemoUsers(open: () => Promise<Database>): Promise<number> {
  const database = await open();
  try {
    return (await database.db.select({ id: users.id }).from(users).where(sql`${users.email} like '%opencampus.example'`)).length;
  } finally {
    await database.close();
  }
}

const ADMIN = ['--email', 'cli.lock@example.org', '--name', 'CLI Lock'];
const ADMIN_PASSWORD = 'cli lock admin password\n';

describe('the command-line tools beside a running server', () => {
  it.skipIf(onPostgres)('are refused on the data folder a server holds, naming its pid, and run once it has stopped', async () => {
    const { env, open } = await campusEnv();
    const server = await startServer(env);
    const pid = String(await programPid(server));

    for (const [script, args, stdin] of [
      ['src/cli/load-demo.ts', [], undefined],
      ['src/cli/create-admin.ts', ADMIN, ADMIN_PASSWORD],
      ['src/cli/purge-retention.ts', [], undefined],
    ] as const) {
      const cli = run(script, [...args], env, stdin);
      expect(await cli.exited, `${script}: ${cli.stderr()}`).toBe(4);
      expect(cli.stderr()).toContain(`in use by process ${pid} (npm start (src/cli/start.ts)) since 20`);
      expect(cli.stderr()).toContain(env.DATA_DIR!);
      expect(cli.stdout()).not.toMatch(/Demo loaded|Administrator ready|anonymised/);
    }
    // A second server is refused the same way, and the first keeps serving.
    const second = run('src/cli/start.ts', [], { ...env, PORT: String(await freePort()) });
    expect(await second.exited).toBe(4);
    expect(second.stderr()).toContain(`in use by process ${pid}`);
    const anon = new HttpClient(`http://127.0.0.1:${env.PORT}`);
    expect((await anon.request('GET', '/api/v1/budget')).status).toBe(200);

    await stopServer(server);
    expect(await demoCalls(open)).toBe(0);

    const admin = run('src/cli/create-admin.ts', ADMIN, env, ADMIN_PASSWORD);
    expect(await admin.exited, admin.stderr()).toBe(0);
    expect(admin.stdout()).toContain(`using the embedded database in ${env.DATA_DIR} (DATA_DIR)`);
    const demo = run('src/cli/load-demo.ts', [], env);
    expect(await demo.exited, demo.stderr()).toBe(0);
    // The configured port, not a default.
    expect(demo.stdout()).toContain(`Sign in at http://localhost:${env.PORT}/sign-in`);
    const purge = run('src/cli/purge-retention.ts', [], env);
    expect(await purge.exited, purge.stderr()).toBe(0);
    expect(purge.stdout()).toContain('0 applications anonymised');
    expect(await demoCalls(open)).toBe(1);
  }, 300_000);

  it.runIf(onPostgres)('run beside the server on PostgreSQL, say which database, and the demo signs in with the printed password', async () => {
    const { env } = await campusEnv();
    const server = await startServer(env);
    const admin = run('src/cli/create-admin.ts', ADMIN, env, ADMIN_PASSWORD);
    expect(await admin.exited, admin.stderr()).toBe(0);
    expect(admin.stdout()).toMatch(/using PostgreSQL 127\.0\.0\.1:5432\/oc_cli_\w+ \(DATABASE_URL\)/);
    expect(admin.stdout()).not.toContain('postgres@');
    const demo = run('src/cli/load-demo.ts', [], { ...env, PUBLIC_URL: 'https://campus.example' });
    expect(await demo.exited, demo.stderr()).toBe(0);
    expect(demo.stdout()).toContain('Sign in at https://campus.example/sign-in');
    const again = run('src/cli/load-demo.ts', [], env);
    expect(await again.exited).toBe(3);
    const purge = run('src/cli/purge-retention.ts', [], env);
    expect(await purge.exited, purge.stderr()).toBe(0);

    // The server sees what the command wrote: the demo staff signs in.
    const staff = new HttpClient(`http://127.0.0.1:${env.PORT}`);
    const signIn = await staff.request('POST', '/api/v1/auth/sign-in', { email: 'demo-staff@opencampus.example', password: 'demo cli password' });
    expect(signIn.status).toBe(200);
    await stopServer(server);
  }, 300_000);
});

describe('an interrupted demo load', () => {
  it('killed half-way, then run again: completes or refuses, with one demo call and a staff who can sign in', async () => {
    const { env, open } = await campusEnv();
    // Let it get into its work (accounts, then the call's transaction), then kill it without warning.
    const first = run('src/cli/load-demo.ts', [], { ...env, OC_DEMO_PASSWORD: 'first run password' });
    const pid = await programPid(first);
    const lockFile = path.join(env.DATA_DIR!, LOCK_FILE);
    if (onPostgres) {
      // Killed once it is writing: its first accounts are in the database.
      await waitFor(async () => ((await countDemoUsers(open)) > 0 ? true : undefined), 60_000, () => `no demo account written: ${first.stderr()}`);
    } else {
      // The folder cannot be read while it runs; its lock says it has opened the database.
      await waitFor(async () => (existsSync(lockFile) ? true : undefined), 60_000, () => `no lock taken: ${first.stderr()}`);
      await new Promise((r) => setTimeout(r, 4_000));
    }
    let killed = true;
    try {
      process.kill(pid, 'SIGKILL');
    } catch (err) {
      // ESRCH: on a quiet machine the load may end before the kill. Then it must have succeeded
      // (never died of something else), and the second run below must refuse it.
      if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err;
      killed = false;
    }
    const firstCode = await first.exited;
    if (killed) {
      expect(first.stdout()).not.toContain('Demo loaded');
      // On the embedded database the killed process's lock is left behind, and taken over below.
      if (!onPostgres) expect(existsSync(lockFile)).toBe(true);
    } else {
      expect(firstCode, first.stderr()).toBe(0);
      expect(first.stdout()).toContain('Demo loaded');
    }

    const second = run('src/cli/load-demo.ts', [], env);
    const code = await second.exited;
    expect([0, 3], second.stderr()).toContain(code);
    expect(await demoCalls(open)).toBe(1);
    expect(existsSync(lockFile)).toBe(false);
    const third = run('src/cli/load-demo.ts', [], env);
    expect(await third.exited).toBe(3);
    expect(third.stderr()).toMatch(/already loaded .*nothing was changed/);
    expect(await demoCalls(open)).toBe(1);

    if (code === 0) {
      // The password that works is the one the completing run printed.
      expect(second.stdout()).toContain('shared password: demo cli password');
      const server = await startServer(env);
      const staff = new HttpClient(`http://127.0.0.1:${env.PORT}`);
      const signIn = await staff.request('POST', '/api/v1/auth/sign-in', { email: 'demo-staff@opencampus.example', password: 'demo cli password' });
      expect(signIn.status).toBe(200);
      await stopServer(server);
    }
  }, 300_000);
});
