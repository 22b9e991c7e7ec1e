/**
 * Test harness: a whole Open Campus on a fresh database, driven through `app.inject` (no sockets),
 * and clients that keep cookies and the CSRF token like a browser does.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { createOpenCampus, type OpenCampus } from '../../src/app.js';
import type { Role } from '../../src/core/access/policy.js';
import { grantGlobalRole } from '../../src/platform/auth/roles.js';
import { loadConfig } from '../../src/platform/config.js';
import { openTestDatabase, testDbKind } from './database.js';
import { logFileWriter } from './log-audit.js';
import { totpCode } from './totp.js';
import { markVerified } from './verified.js';

export interface TestApp {
  campus: OpenCampus;
  /** Every log line the app wrote, for checks that logs carry no secrets. */
  logs: string[];
  client(): TestClient;
  /**
   * A signed-in client holding `roles` (none = a plain member), its address verified unless
   * `verified: false`. Staff and admins have set up two-factor sign-in (`totpSecret`) unless
   * `twoFactor: false`, so their session has just proved a code, as after signing in with one.
   */
  signedIn(roles?: Role[], overrides?: { email?: string; password?: string; name?: string; verified?: boolean; twoFactor?: boolean }): Promise<TestClient & { userId: string; email: string; password: string; totpSecret: string | null }>;
  close(): Promise<void>;
}

export async function startTestApp(options: { env?: Record<string, string>; now?: () => Date } = {}): Promise<TestApp> {
  const logs: string[] = [];
  // Also into the run's log folder, which the log audit scans once the whole project has run.
  const toFile = logFileWriter(path.relative(process.cwd(), expect.getState().testPath ?? 'unknown'));
  const logStream = new Writable({
    write(chunk, _enc, cb) {
      logs.push(String(chunk));
      toFile(String(chunk));
      cb();
    },
  });
  // Uploaded files go to DATA_DIR/files: a folder of this test's own, never the working copy's ./data.
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'oc-test-data-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    DATA_DIR: dataDir,
    AUTH_RATE_LIMIT: '1000',
    PUBLIC_URL: 'http://localhost:3000',
    AUTH_SECRET: 'test-secret-test-secret-test-secret-123456',
    ...options.env,
  });
  const database = await openTestDatabase(testDbKind());
  const campus = await createOpenCampus({ config, database, serveWeb: false, logStream, ...(options.now ? { now: options.now } : {}) });
  let counter = 0;
  const app: TestApp = {
    campus,
    logs,
    client: () => new TestClient(campus),
    signedIn: async (roles = [], overrides = {}) => {
      counter += 1;
      const email = overrides.email ?? `user${counter}-${Date.now()}@example.org`;
      const password = overrides.password ?? 'correct horse battery staple';
      const client = new TestClient(campus);
      const up = await client.post('/api/v1/auth/sign-up', { name: overrides.name ?? `Test User ${counter}`, email, password });
      if (up.statusCode !== 202) throw new Error(`sign-up failed: ${up.statusCode} ${up.body}`);
      // Sign-up opens no session (it answers alike for known addresses), so sign in as the web app
      // then does, but past the route's throttle: tests that count sign-in attempts count their own.
      const res = await campus.auth.api.signInEmail({ body: { email, password }, asResponse: true });
      if (!res.ok) throw new Error(`sign-in after sign-up failed: ${res.status} ${await res.text()}`);
      client.adoptCookies(res.headers.getSetCookie());
      const userId = ((await res.json()) as { user: { id: string } }).user.id;
      if (overrides.verified !== false) await markVerified(campus.database.db, userId);
      let totpSecret: string | null = null;
      if (overrides.twoFactor ?? roles.some((r) => r === 'admin' || r === 'staff')) totpSecret = await enrolTwoFactor(client, password);
      for (const role of roles) await grantGlobalRole(campus.database.db, userId, role, null);
      return Object.assign(client, { userId, email, password, totpSecret });
    },
    close: async () => {
      await campus.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return app;
}

/** Sets up two-factor sign-in through the app's routes, as a person with an authenticator app does; returns the secret. */
export async function enrolTwoFactor(client: TestClient, password: string): Promise<string> {
  const start = await client.post('/api/v1/me/two-factor/enrolment', { password });
  if (start.statusCode !== 200) throw new Error(`two-factor enrolment failed: ${start.statusCode} ${start.body}`);
  const { secret } = start.json() as { secret: string };
  const confirm = await client.post('/api/v1/me/two-factor/confirm', { code: totpCode(secret) });
  if (confirm.statusCode !== 200) throw new Error(`two-factor confirmation failed: ${confirm.statusCode} ${confirm.body}`);
  return secret;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export class TestClient {
  readonly cookies = new Map<string, string>();
  lang: 'ko' | 'en' | undefined;

  constructor(private readonly campus: OpenCampus) {}

  /** Keeps the cookies of Set-Cookie headers from outside `request` (better-auth called directly). */
  adoptCookies(setCookies: string[]): void {
    for (const c of setCookies) {
      const [pair] = c.split(';');
      const eq = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, eq).trim(), decodeURIComponent(pair!.slice(eq + 1).trim()));
    }
  }

  cookieHeader(): string | undefined {
    if (this.cookies.size === 0) return undefined;
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async request(method: Method, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    if (method !== 'GET' && !this.cookies.has('oc_csrf')) await this.request('GET', '/api/v1/me');
    const h: Record<string, string> = { ...headers };
    const cookie = this.cookieHeader();
    if (cookie) h.cookie = cookie;
    if (this.lang) h['accept-language'] = this.lang;
    const csrf = this.cookies.get('oc_csrf');
    if (csrf && method !== 'GET' && !('x-csrf-token' in headers)) h['x-csrf-token'] = csrf;
    let payload: string | undefined;
    if (body !== undefined) {
      payload = typeof body === 'string' ? body : JSON.stringify(body);
      h['content-type'] ??= 'application/json';
    }
    const res = await this.campus.app.inject({ method, url, headers: h, ...(payload !== undefined ? { payload } : {}) });
    for (const c of res.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      const expired = c.maxAge === 0 || (c.expires && c.expires.getTime() < Date.now()) || c.value === '';
      if (expired) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    return res;
  }

  get(url: string, headers?: Record<string, string>) {
    return this.request('GET', url, undefined, headers);
  }
  post(url: string, body?: unknown, headers?: Record<string, string>) {
    return this.request('POST', url, body ?? {}, headers);
  }
  put(url: string, body?: unknown, headers?: Record<string, string>) {
    return this.request('PUT', url, body ?? {}, headers);
  }
  patch(url: string, body?: unknown, headers?: Record<string, string>) {
    return this.request('PATCH', url, body ?? {}, headers);
  }
  delete(url: string, headers?: Record<string, string>) {
    return this.request('DELETE', url, undefined, headers);
  }
}
