/**
 * The real programs, as an operator runs them: `tsx src/cli/start.ts` and `tsx
 * src/cli/create-admin.ts` on an embedded database in a folder. The server becomes ready, serves
 * the plan, stops cleanly on SIGTERM, keeps its data across a restart without seeding the plan
 * twice, and refuses bad configuration with a clear message; the command line adds an
 * administrator with the password read from stdin. One folder serves the whole story, since each
 * fresh embedded database costs seconds to create. Embedded database only: the programs' own
 * storage is what is under test here.
 */
import { rmSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { globalRoles } from '../../src/platform/auth/roles.js';
import { openDatabase } from '../../src/platform/db/client.js';
import { users } from '../../src/platform/db/schema/index.js';
import { testDbKind } from '../support/database.js';
import { freePort, HttpClient, runTs, tempDataDir, waitFor, type Spawned } from '../support/factories.js';
import { totpCode } from '../support/totp.js';

interface Budget {
  planned: number;
  lines: { id: string; key: string | null; kind: string; planned: number }[];
}

const running = new Set<Spawned>();
const dirs: string[] = [];

afterAll(async () => {
  for (const p of running) {
    p.child.kill('SIGKILL');
    await p.exited;
  }
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function start(dataDir: string, extraEnv: Record<string, string> = {}) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const proc = runTs('src/cli/start.ts', [], { DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', PUBLIC_URL: base, LOG_LEVEL: 'warn', ...extraEnv });
  running.add(proc);
  void proc.exited.then(() => running.delete(proc));
  const ready = await Promise.race([
    waitFor(
      async () => {
        const res = await fetch(`${base}/readyz`);
        return res.status === 200 ? ((await res.json()) as { status: string }) : undefined;
      },
      90_000,
      () => `server on ${base} never became ready; stderr: ${proc.stderr().slice(-2000)}`,
    ),
    proc.exited.then((code) => {
      throw new Error(`exited early with ${code}: ${proc.stderr().slice(-2000)}`);
    }),
  ]);
  expect(ready).toEqual({ status: 'ready' });
  return { proc, base, client: () => new HttpClient(base) };
}

async function stop(proc: Spawned): Promise<number | string> {
  const started = Date.now();
  proc.child.kill('SIGTERM');
  const timeout = new Promise<string>((r) => setTimeout(() => r('did not exit within 10 s'), 10_000));
  const code = await Promise.race([proc.exited, timeout]);
  expect(Date.now() - started).toBeLessThan(10_000);
  return code;
}

describe.skipIf(testDbKind() === 'postgres')('the start and create-admin commands', () => {
  it('create-admin refuses a password that is too short, with exit code 2', async () => {
    const dataDir = tempDataDir();
    dirs.push(dataDir);
    const run = runTs('src/cli/create-admin.ts', ['--email', 'cli@example.org', '--name', 'CLI'], { DATA_DIR: dataDir, LOG_LEVEL: 'silent' }, 'short\n');
    running.add(run);
    expect(await run.exited).toBe(2);
    expect(run.stderr()).toMatch(/password/);
    expect(run.stdout() + run.stderr()).not.toContain('short\n');
  }, 60_000);

  it('create-admin refuses a common password, in both languages, with exit code 2', async () => {
    const dataDir = tempDataDir();
    dirs.push(dataDir);
    const run = runTs('src/cli/create-admin.ts', ['--email', 'cli@example.org', '--name', 'CLI'], { DATA_DIR: dataDir, LOG_LEVEL: 'silent' }, 'Password123!\n');
    running.add(run);
    expect(await run.exited).toBe(2);
    expect(run.stderr()).toContain('one of the most common or leaked passwords');
    expect(run.stderr()).toContain('유출된 적이 있는 비밀번호');
    expect(run.stdout() + run.stderr()).not.toContain('Password123');
  }, 60_000);

  it('serves, stops on SIGTERM, takes a command-line admin, restarts on the same data without seeding twice', async () => {
    const dataDir = tempDataDir();
    dirs.push(dataDir);

    // ---- first start: a fresh campus ----
    const first = await start(dataDir);
    const token = await waitFor(
      async () => /one-time setup token:\s+(\S+)/.exec(first.proc.stdout())?.[1],
      10_000,
      () => `no setup token printed: ${first.proc.stdout()}`,
    );
    const anon = first.client();
    const budget = await (await anon.request('GET', '/api/v1/budget')).json<Budget>();
    expect(budget.planned).toBe(204_000_000);
    expect((await (await anon.request('GET', '/healthz')).json<{ status: string }>()).status).toBe('ok');

    const admin = first.client();
    const password = 'process test admin password';
    const setup = await admin.request('POST', '/api/v1/setup', { token, name: '운영자', email: 'operator@example.org', password });
    expect(setup.status).toBe(201);
    // An administrator sets up two-factor sign-in before using the staff area (adr/0013).
    const enrol = await admin.request('POST', '/api/v1/me/two-factor/enrolment', { password });
    expect(enrol.status).toBe(200);
    const { secret } = await enrol.json<{ secret: string }>();
    expect((await admin.request('POST', '/api/v1/me/two-factor/confirm', { code: totpCode(secret) })).status).toBe(200);
    const fixed = budget.lines.find((l) => l.kind === 'fixed')!;
    const change = await admin.request('PATCH', `/api/v1/admin/budget-lines/${fixed.id}`, { amount: fixed.planned + 1_000_000 });
    expect(change.status).toBe(200);
    const changed = await (await anon.request('GET', '/api/v1/budget')).json<Budget>();
    expect(changed.planned).toBe(205_000_000);
    const sessionCookie = admin.cookies.get('oc.session_token');
    expect(sessionCookie).toBeDefined();

    expect(await stop(first.proc)).toBe(0);
    expect(first.proc.stderr()).not.toMatch(/shutdown (took too long|failed)/);

    // ---- a second administrator from the command line, password on stdin ----
    const cliPassword = 'cli admin password 2019';
    const cli = runTs('src/cli/create-admin.ts', ['--email', 'CLI.Admin@example.org', '--name', 'CLI Admin'], { DATA_DIR: dataDir, LOG_LEVEL: 'silent' }, `${cliPassword}\n`);
    running.add(cli);
    expect(await cli.exited, cli.stderr()).toBe(0);
    expect(cli.stdout()).toContain('cli.admin@example.org');
    expect(cli.stdout() + cli.stderr()).not.toContain(cliPassword);
    const database = await openDatabase({ kind: 'pglite', dataDir });
    try {
      const [user] = await database.db.select().from(users).where(eq(users.email, 'cli.admin@example.org'));
      expect(user?.name).toBe('CLI Admin');
      expect(await globalRoles(database.db, user!.id)).toContain('admin');
    } finally {
      await database.close();
    }

    // ---- second start on the same folder ----
    const second = await start(dataDir);
    const after = await (await second.client().request('GET', '/api/v1/budget')).json<Budget>();
    expect(after.lines).toHaveLength(budget.lines.length);
    expect(after.lines.map((l) => l.key)).toEqual(budget.lines.map((l) => l.key));
    expect(after.planned).toBe(205_000_000);
    expect(after.lines.find((l) => l.id === fixed.id)?.planned).toBe(fixed.planned + 1_000_000);
    const plan = await (await second.client().request('GET', '/api/v1/plan')).json<{ workPackages: unknown[]; milestones: unknown[] }>();
    expect(plan.workPackages).toHaveLength(4);
    expect(plan.milestones).toHaveLength(5);
    // An administrator exists now: no new setup token is printed.
    expect(second.proc.stdout()).not.toMatch(/setup token/);

    // The session from before the restart is still valid (the auth secret was kept), and so is the password.
    const resumed = second.client();
    resumed.cookies.set('oc.session_token', sessionCookie!);
    const me = await (await resumed.request('GET', '/api/v1/me')).json<{ user: { roles: string[] } | null; setupRequired: boolean }>();
    expect(me.user?.roles).toContain('admin');
    expect(me.setupRequired).toBe(false);
    // The password is accepted; the code step follows (202), as the operator has two-factor sign-in on.
    expect((await second.client().request('POST', '/api/v1/auth/sign-in', { email: 'operator@example.org', password })).status).toBe(202);
    const cliAdmin = second.client();
    const cliSignIn = await cliAdmin.request('POST', '/api/v1/auth/sign-in', { email: 'cli.admin@example.org', password: cliPassword });
    expect(cliSignIn.status).toBe(200);
    expect((await cliSignIn.json<{ roles: string[] }>()).roles).toContain('admin');
    const audit = await (await resumed.request('GET', '/api/v1/admin/audit-log')).json<{ items: { action: string }[] }>();
    expect(audit.items.map((e) => e.action)).toEqual(expect.arrayContaining(['budget_line.update', 'role.grant']));
    expect(audit.items.filter((e) => e.action === 'role.grant')).toHaveLength(2); // setup, then the command line

    expect(await stop(second.proc)).toBe(0);
  }, 300_000);

  it('refuses bad configuration with exit code 2 and names the setting', async () => {
    const dataDir = tempDataDir();
    dirs.push(dataDir);
    const proc = runTs('src/cli/start.ts', [], { DATA_DIR: dataDir, PORT: 'abc', AUTH_SECRET: 'too short' });
    running.add(proc);
    expect(await proc.exited).toBe(2);
    expect(proc.stderr()).toMatch(/PORT/);
    expect(proc.stderr()).toMatch(/AUTH_SECRET/); // every problem at once, not one per attempt
    expect(proc.stderr()).not.toMatch(/\n\s+at /); // a message, not a stack trace
  }, 60_000);
});
