/**
 * Shared pieces for the platform tests: the roles to try, route paths with made-up ids, a movable
 * clock, raw requests that bypass the browser-like client, row counts, and helpers for tests that
 * start the real command-line programs.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { createOpenCampus, type OpenCampus } from '../../src/app.js';
import type { Role } from '../../src/core/access/policy.js';
import type { Db } from '../../src/platform/db/client.js';
import { loadConfig } from '../../src/platform/config.js';
import type { RegisteredRoute } from '../../src/platform/http/server.js';
import type { TestApp, TestClient } from './app.js';
import { openTestDatabase } from './database.js';

export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');

/** Who a request can come from: nobody, or an account holding exactly one global role. */
export type Who = 'anonymous' | Role;
export const EVERYONE: readonly Who[] = ['anonymous', 'member', 'participant', 'reviewer', 'mentor', 'partner', 'staff', 'admin'];

/** One client per kind of caller; 'member' is a plain account with no granted role. */
export async function clientsByRole(t: TestApp): Promise<Map<Who, TestClient>> {
  const clients = new Map<Who, TestClient>();
  for (const who of EVERYONE) {
    if (who === 'anonymous') clients.set(who, t.client());
    else clients.set(who, await t.signedIn(who === 'member' ? [] : [who]));
  }
  return clients;
}

/**
 * Whether `policy` should let `who` in, worked out here on its own rather than by calling the
 * server's decide(), so a mistake there cannot hide from the test.
 */
export function expectedAccess(route: Pick<RegisteredRoute, 'policy'>, who: Who): 'allow' | 'unauthenticated' | 'forbidden' {
  const { policy } = route;
  if (policy.kind === 'public') return 'allow';
  if (who === 'anonymous') return 'unauthenticated';
  if (policy.kind === 'signedIn') return 'allow';
  // Every account is a member as well as whatever it was granted.
  return policy.roles.includes(who) || policy.roles.includes('member') ? 'allow' : 'forbidden';
}

/** A concrete path for a route pattern: `:param` becomes a fresh UUID, a wildcard a harmless file name. */
export function concretePath(url: string, fill: (param: string) => string = () => randomUUID()): string {
  return url
    .split('/')
    .map((seg) => {
      // ':id.pdf' is a parameter followed by a fixed suffix: keep the suffix.
      const param = /^:(\w+)(.*)$/.exec(seg);
      if (param) return fill(param[1]!) + param[2]!;
      if (seg === '*') return 'missing-file.js';
      return seg;
    })
    .join('/');
}

/** Fastify's `/a/:id` as OpenAPI's `/a/{id}`. */
export function openApiPath(url: string): string {
  return url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

/** A clock the test moves by hand; the app reads it through `deps.now`. */
export function movableClock() {
  let offset = 0;
  return {
    now: () => new Date(Date.now() + offset),
    advance(ms: number) {
      offset += ms;
    },
    reset() {
      offset = 0;
    },
  };
}

/** A request straight to the app with exactly the headers given (no CSRF token added for us). */
export function rawRequest(
  campus: OpenCampus,
  req: { method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS' | 'TRACE' | 'HEAD'; url: string; headers?: Record<string, string>; payload?: string | Buffer },
): Promise<LightMyRequestResponse> {
  return campus.app.inject({ method: req.method, url: req.url, headers: req.headers ?? {}, ...(req.payload !== undefined ? { payload: req.payload } : {}) });
}

/** Row count of a table, read directly from the database. */
export async function countRows(db: Db, table: string): Promise<number> {
  const res = await db.execute(sql.raw(`select count(*)::int as n from "${table}"`));
  const rows = (Array.isArray(res) ? res : (res as { rows: { n: number }[] }).rows) as { n: number }[];
  return Number(rows[0]?.n ?? 0);
}

/** Counts of every table whose rows a request could add or remove (sessions excepted: reading touches them). */
export const CONTENT_TABLES = ['user', 'account', 'role_grant', 'audit_log', 'plan', 'budget_line', 'budget_spending', 'work_package', 'milestone', 'system_state', 'verification', 'call', 'application', 'call_reviewer', 'assignment_run', 'review_assignment', 'review', 'selection_run', 'participant', 'stored_file', 'outbox_message', 'programme', 'cohort', 'room', 'course_session', 'enrolment', 'attendance', 'certificate'];
export async function snapshotCounts(db: Db): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of CONTENT_TABLES) out[table] = await countRows(db, table);
  return out;
}

export interface BudgetLineT {
  id: string;
  parentId: string | null;
  key: string | null;
  kind: 'group' | 'fixed' | 'formula';
  planned: number;
}

export async function budgetOf(client: TestClient): Promise<{ planned: number; lines: BudgetLineT[] }> {
  const res = await client.get('/api/v1/budget');
  if (res.statusCode !== 200) throw new Error(`GET /api/v1/budget: ${res.statusCode} ${res.body}`);
  return res.json();
}

/** The app with the web front end served from a tiny stand-in build, for checks on the HTML fallback. */
export async function startWebApp(): Promise<OpenCampus> {
  const dist = mkdtempSync(path.join(os.tmpdir(), 'oc-web-'));
  mkdirSync(path.join(dist, 'assets'));
  writeFileSync(path.join(dist, 'index.html'), '<!doctype html><html lang="ko"><head><title>Open Campus</title></head><body><div id="root"></div></body></html>');
  writeFileSync(path.join(dist, 'assets', 'app.js'), 'console.log(1);');
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    PUBLIC_URL: 'http://localhost:3000',
    AUTH_SECRET: 'test-secret-test-secret-test-secret-123456',
    WEB_DIST_DIR: dist,
  });
  const campus = await createOpenCampus({ config, database: await openTestDatabase(), serveWeb: true });
  const close = campus.close.bind(campus);
  campus.close = async () => {
    await close();
    rmSync(dist, { recursive: true, force: true });
  };
  return campus;
}

// ---- real processes ----

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const addr = server.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export function tempDataDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'oc-data-'));
}

export interface Spawned {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /** Resolves with the exit code (or the signal's name) once the process has ended. */
  exited: Promise<number | string>;
}

/** Runs a TypeScript entry point the way `npm start` does (through tsx), in the repository root. */
export function runTs(script: string, args: string[], env: Record<string, string>, stdin?: string): Spawned {
  const child = spawn(path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx'), [script, ...args], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? os.tmpdir(), ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | string>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  if (stdin !== undefined) child.stdin!.end(stdin);
  else child.stdin!.end();
  return { child, stdout: () => out, stderr: () => err, exited };
}

/**
 * The suite's one wait with a deadline: polls `check` every `intervalMs` until it returns a value,
 * and fails with `describe()` (and the last error `check` threw, if any) after `timeoutMs`.
 */
export async function waitFor<T>(check: () => Promise<T | undefined>, timeoutMs: number, describe: () => string, intervalMs = 200): Promise<T> {
  const until = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    const value = await check().catch((err: unknown) => {
      lastError = err;
      return undefined;
    });
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms: ${describe()}${lastError ? ` (last error: ${lastError instanceof Error ? lastError.message : JSON.stringify(lastError)})` : ''}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** A minimal browser over real HTTP: keeps cookies and echoes the CSRF cookie on mutations. */
export class HttpClient {
  readonly cookies = new Map<string, string>();
  constructor(readonly base: string) {}

  async request(method: string, url: string, body?: unknown): Promise<{ status: number; json: <T>() => Promise<T>; headers: Headers }> {
    if (method !== 'GET' && !this.cookies.has('oc_csrf')) await this.request('GET', '/api/v1/me');
    const headers: Record<string, string> = {};
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (method !== 'GET') headers['x-csrf-token'] = this.cookies.get('oc_csrf') ?? '';
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(this.base + url, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (value === '' || /max-age=0/i.test(c)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return { status: res.status, json: <T>() => res.json() as Promise<T>, headers: res.headers };
  }
}
