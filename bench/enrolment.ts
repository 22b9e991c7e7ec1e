/**
 * Enrolment rush (issue 4, point 4): 2,000 signed-in citizens try to enrol in one open cohort of 500
 * seats at the same moment, over real HTTP, against the app on file-backed PGlite and on PostgreSQL
 * (a throw-away database; skipped when no server answers). Prints throughput, p50/p99 and what the
 * database holds afterwards: exactly 500 enrolled, the rest waitlisted at positions 1..n, no errors.
 *   npx tsx bench/enrolment.ts      (ATTEMPTS=2000 SEATS=500 SOCKETS=2000 BENCH_DATABASE_URL=postgres://…)
 *
 * Signing up 2,000 people through the API would mostly measure argon2, so the citizens are inserted
 * directly with a session each, and the session cookie is signed the way better-auth signs it
 * (createCitizens in tests/factories/enrolment.ts, shared with the integration tests). The load comes from a
 * separate Node process (on 2 cores a generator inside the server's event loop would compete with
 * the server it measures) that opens every request at once and times each one.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { createOpenCampus, type OpenCampus } from '../src/app.js';
import { loadConfig } from '../src/platform/config.js';
import { cohortState, createCitizens, gapless, insertCohort } from '../tests/factories/enrolment.js';

// ---------- the load generator (a separate process) ----------

/** Plain ESM run by `node --input-type=module`: every request opened at once, each timed. */
const GENERATOR = String.raw`
import http from 'node:http';
let input = '';
for await (const chunk of process.stdin) input += chunk;
const { port, path, sockets, requests } = JSON.parse(input);
const agent = new http.Agent({ keepAlive: true, maxSockets: sockets });
const one = (r) => new Promise((resolve) => {
  const started = performance.now();
  const req = http.request({ host: '127.0.0.1', port, path, method: 'POST', agent,
    headers: { cookie: r.cookie, 'x-csrf-token': 'bench', 'idempotency-key': r.key, 'content-type': 'application/json', 'content-length': 2 } }, (res) => {
    let body = '';
    res.setEncoding('utf8');
    res.on('data', (c) => (body += c));
    res.on('end', () => {
      let status = null;
      try { status = JSON.parse(body).status ?? null; } catch {}
      resolve({ code: res.statusCode, ms: performance.now() - started, status });
    });
  });
  req.on('error', (e) => resolve({ code: 0, ms: performance.now() - started, status: null, error: e.code ?? e.message }));
  req.end('{}');
});
const t0 = performance.now();
const results = await Promise.all(requests.map(one));
const wallMs = performance.now() - t0;
agent.destroy();
process.stdout.write(JSON.stringify({ wallMs, results }));
`;

interface Fired {
  wallMs: number;
  results: { code: number; ms: number; status: string | null; error?: string }[];
}

function fire(port: number, urlPath: string, sockets: number, requests: { cookie: string; key: string }[]): Promise<Fired> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', GENERATOR], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`load generator exited with ${code}: ${err.slice(0, 500)}`));
      try {
        resolve(JSON.parse(out) as Fired);
      } catch {
        reject(new Error(`load generator printed no JSON: ${out.slice(0, 200)} ${err.slice(0, 200)}`));
      }
    });
    child.stdin.end(JSON.stringify({ port, path: urlPath, sockets, requests }));
  });
}

// ---------- the benchmark ----------

export interface EnrolmentBenchResult {
  database: 'pglite' | 'postgresql';
  attempts: number;
  seats: number;
  sockets: number;
  wallMs: number;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  max: number;
  /** As answered over HTTP. */
  answered: { enrolled: number; waitlisted: number };
  /** As the database holds them afterwards. */
  stored: { enrolled: number; waitlisted: number; gapless: boolean; rows: number };
  /** Non-2xx answers and failed connections. */
  errors: number;
  errorKinds: Record<string, number>;
  setupMs: number;
  /**
   * CPU the app's process (server, and on PGlite the database too) spent per attempt: a figure that
   * holds on a machine shared with other work, where wall-clock throughput does not.
   */
  serverCpuMsPerRequest: number;
}

export type EnrolmentBenchOutcome = EnrolmentBenchResult | { database: 'postgresql'; skipped: string };

const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;

async function rush(campus: OpenCampus, database: EnrolmentBenchResult['database'], attempts: number, seats: number, sockets: number): Promise<EnrolmentBenchResult> {
  const setupStarted = performance.now();
  const cohortId = await insertCohort(campus.database.db, { capacity: seats });
  const citizens = await createCitizens(campus, attempts, { prefix: `bench-${database}` });
  const setupMs = performance.now() - setupStarted;
  await campus.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = campus.app.server.address() as AddressInfo;
  const urlPath = `/api/v1/cohorts/${cohortId}/enrolment`;
  const requests = citizens.map((c, i) => ({ cookie: `oc.session_token=${c.sessionCookie}; oc_csrf=bench`, key: `bench-${i}` }));
  const cpuBefore = process.cpuUsage();
  const { wallMs, results } = await fire(port, urlPath, sockets, requests);
  const cpu = process.cpuUsage(cpuBefore);
  const latencies = results.map((r) => r.ms).sort((a, b) => a - b);
  const errorKinds: Record<string, number> = {};
  for (const r of results) {
    if (r.code >= 200 && r.code < 300) continue;
    const kind = r.error ?? String(r.code);
    errorKinds[kind] = (errorKinds[kind] ?? 0) + 1;
  }
  const stored = await cohortState(campus.database.db, cohortId);
  return {
    database,
    attempts,
    seats,
    sockets,
    wallMs,
    requestsPerSecond: (results.length / wallMs) * 1000,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: latencies.at(-1) ?? 0,
    answered: { enrolled: results.filter((r) => r.status === 'enrolled').length, waitlisted: results.filter((r) => r.status === 'waitlisted').length },
    stored: { enrolled: stored.enrolled, waitlisted: stored.waitlisted, gapless: gapless(stored.positions), rows: stored.rows },
    errors: results.filter((r) => !(r.code >= 200 && r.code < 300)).length,
    errorKinds,
    setupMs,
    serverCpuMsPerRequest: (cpu.user + cpu.system) / 1000 / results.length,
  };
}

function appConfig(env: Record<string, string>) {
  // A fixed secret, so the benchmark signs its session cookies with the key the app checks them with.
  return loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'warn', HOST: '127.0.0.1', PORT: '0', PUBLIC_URL: 'http://127.0.0.1', AUTH_SECRET: randomBytes(32).toString('hex'), ...env });
}

async function onPglite(attempts: number, seats: number, sockets: number): Promise<EnrolmentBenchResult> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'oc-bench-enrol-'));
  const campus = await createOpenCampus({ config: appConfig({ DATA_DIR: dataDir }), serveWeb: false });
  try {
    return await rush(campus, 'pglite', attempts, seats, sockets);
  } finally {
    await campus.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function adminQuery(base: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: base, connectionTimeoutMillis: 2_000 });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

async function onPostgres(base: string, attempts: number, seats: number, sockets: number): Promise<EnrolmentBenchOutcome> {
  const where = new URL(base);
  const shown = `${where.hostname}:${where.port || 5432}`;
  try {
    await adminQuery(base, 'select 1');
  } catch {
    return { database: 'postgresql', skipped: `no PostgreSQL at ${shown} (set BENCH_DATABASE_URL)` };
  }
  const name = `oc_bench_enrol_${randomBytes(6).toString('hex')}`;
  await adminQuery(base, `CREATE DATABASE ${name}`);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'oc-bench-enrol-'));
  let campus: OpenCampus | null = null;
  try {
    const url = new URL(base);
    url.pathname = `/${name}`;
    campus = await createOpenCampus({ config: appConfig({ DATABASE_URL: url.toString(), DATA_DIR: dataDir }), serveWeb: false });
    return await rush(campus, 'postgresql', attempts, seats, sockets);
  } finally {
    await campus?.close();
    await adminQuery(base, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export interface EnrolmentBenchOptions {
  attempts: number;
  seats: number;
  /** Most sockets the generator opens at once (all attempts are in flight at once either way). */
  sockets: number;
  databaseUrl: string;
}

export async function benchEnrolment(options: EnrolmentBenchOptions): Promise<EnrolmentBenchOutcome[]> {
  const { attempts, seats, sockets } = options;
  return [await onPglite(attempts, seats, sockets), await onPostgres(options.databaseUrl, attempts, seats, sockets)];
}

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

export function formatEnrolmentBench(outcomes: readonly EnrolmentBenchOutcome[]): string[] {
  const lines: string[] = [];
  for (const r of outcomes) {
    if ('skipped' in r) {
      lines.push(`  ${r.database}: skipped: ${r.skipped}`);
      continue;
    }
    const exact = r.stored.enrolled === r.seats && r.stored.enrolled + r.stored.waitlisted === r.attempts && r.stored.gapless;
    lines.push(
      `  ${r.database}: ${fmt(r.attempts)} attempts for ${fmt(r.seats)} seats (${fmt(r.sockets)} sockets) in ${fmt(r.wallMs / 1000, 2)} s: ` +
        `${fmt(r.requestsPerSecond)} req/s, p50 ${fmt(r.p50, 1)} ms, p99 ${fmt(r.p99, 1)} ms, max ${fmt(r.max, 1)} ms`,
      `    enrolled ${fmt(r.stored.enrolled)}, waitlisted ${fmt(r.stored.waitlisted)} (positions ${r.stored.gapless ? `1..${r.stored.waitlisted} without gaps` : 'WITH GAPS'}), ` +
        `errors ${r.errors}${r.errors ? ` ${JSON.stringify(r.errorKinds)}` : ''} — ${exact && r.errors === 0 ? 'exact' : 'NOT EXACT'}` +
        ` (answers: ${fmt(r.answered.enrolled)} enrolled, ${fmt(r.answered.waitlisted)} waitlisted; app CPU ${fmt(r.serverCpuMsPerRequest, 2)} ms per attempt; setup ${fmt(r.setupMs)} ms)`,
    );
  }
  return lines;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const attempts = Number(process.env.ATTEMPTS ?? 2_000);
  const seats = Number(process.env.SEATS ?? 500);
  const sockets = Number(process.env.SOCKETS ?? attempts);
  const databaseUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  process.stdout.write(`enrolment rush: ${fmt(attempts)} concurrent attempts for ${fmt(seats)} seats over HTTP\n`);
  for (const line of formatEnrolmentBench(await benchEnrolment({ attempts, seats, sockets, databaseUrl }))) process.stdout.write(`${line}\n`);
}
