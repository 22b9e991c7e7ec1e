/**
 * `npm run bench`: figures, never pass/fail. Not part of `npm test`.
 *  (a) the HTTP framework's own cost: a trivial Fastify route against a bare node:http server
 *      returning the same JSON;
 *  (b) GET /api/v1/budget of the real app on file-backed PGlite and on PostgreSQL;
 *  (c) the core: buildBudgetTree on a generated 10,000-line tree;
 *  (d) reviewer assignment (issue 3) at 10,000 × 1,000 × 3 with HiGHS (BENCH_ASSIGNMENT=0 skips it);
 *  (e) selection of 300 of 5,000 under 30 quota rows, in the solver pool;
 *  (f) no blocking: the app's p99 on a simple endpoint while the full-size assignment solves in the pool;
 *  (g) timetabling (issue 4): about 400 sessions, one 16-week course and 25 district courses sharing 40 lecturers;
 *  (h) enrolment rush (issue 4): 2,000 concurrent attempts for 500 seats over HTTP, on PGlite and PostgreSQL;
 *  (i) the requests of the staff assignment page for the demo call (300 × 20 with reviews), min/median/max;
 *  (j) the same page in Chromium: navigation to the pairs table shown (needs `npm run build:web`).
 * BENCH_SECONDS (default 10) per HTTP run, BENCH_CONNECTIONS (default 20), BENCH_DATABASE_URL
 * (default postgres://postgres@127.0.0.1:5432/postgres; skipped when unreachable).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import pg from 'pg';
import { createOpenCampus, type OpenCampus } from '../src/app.js';
import { loadConfig } from '../src/platform/config.js';
import { benchAssignment, formatAssignmentBench } from './assignment.js';
import { benchAssignmentPage, formatAssignmentPageBench } from './assignment-page.js';
import { benchAssignmentPageBrowser, formatAssignmentPageBrowserBench } from './assignment-page-browser.js';
import { benchBudgetTree } from './budget-tree.js';
import { benchEnrolment, formatEnrolmentBench } from './enrolment.js';
import { benchNoBlocking, formatNoBlocking } from './no-blocking.js';
import { benchSelection, formatSelectionBench } from './selection.js';
import { benchTimetable, formatTimetableBench } from './timetable.js';
import { measure, type LoadResult } from './load.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 20);
const pgBase = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
if (!Number.isFinite(seconds) || seconds < 1) throw new Error('BENCH_SECONDS must be a number ≥ 1');
if (!Number.isInteger(connections) || connections < 1) throw new Error('BENCH_CONNECTIONS must be a whole number ≥ 1');

const say = (line: string) => process.stdout.write(`${line}\n`);
const load = { seconds, connections };

/** The same bytes from both servers, so only the framework differs. */
const PAYLOAD = { name: 'Open Campus', plan: 'seoul-2019', budgetTotal: 204_000_000, unit: 'KRW', lines: 12 };

function listenNode(): Promise<http.Server> {
  const body = JSON.stringify(PAYLOAD);
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function frameworkOverhead(): Promise<{ node: LoadResult; fastify: LoadResult }> {
  const nodeServer = await listenNode();
  const fastify = Fastify({ logger: false });
  fastify.get('/', async () => PAYLOAD);
  await fastify.listen({ port: 0, host: '127.0.0.1' });
  try {
    const nodeUrl = `http://127.0.0.1:${(nodeServer.address() as AddressInfo).port}/`;
    const fastifyUrl = `http://127.0.0.1:${(fastify.server.address() as AddressInfo).port}/`;
    const [a, b] = await Promise.all([fetch(nodeUrl).then((r) => r.text()), fetch(fastifyUrl).then((r) => r.text())]);
    if (a !== b) throw new Error(`the two servers answer differently: ${a} vs ${b}`);
    say(`(a) node:http vs Fastify, ${seconds}s each, ${connections} connections…`);
    const node = await measure('node:http  GET / (same JSON)', nodeUrl, load);
    const fast = await measure('Fastify    GET / (same JSON)', fastifyUrl, load);
    return { node, fastify: fast };
  } finally {
    await fastify.close();
    await new Promise<void>((resolve) => nodeServer.close(() => resolve()));
  }
}

async function startApp(env: Record<string, string>): Promise<{ campus: OpenCampus; url: string }> {
  const config = loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'warn', HOST: '127.0.0.1', PORT: '0', PUBLIC_URL: 'http://127.0.0.1', ...env });
  const campus = await createOpenCampus({ config, serveWeb: false });
  await campus.app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(campus.app.server.address() as AddressInfo).port}/api/v1/budget`;
  // A sanity check that the figures are about the real budget, not an error page.
  const res = await fetch(url);
  const body = (await res.json()) as { planned?: number };
  if (res.status !== 200 || body.planned !== 204_000_000) throw new Error(`GET /api/v1/budget answered ${res.status} ${JSON.stringify(body).slice(0, 200)}`);
  return { campus, url };
}

/**
 * autocannon stops by dropping its sockets, but the server may still be answering those requests;
 * closing the app then would pull the database out from under them. One more request, answered
 * after the queued ones, and a short pause let them finish.
 */
async function drain(url: string): Promise<void> {
  await fetch(url).then((r) => r.arrayBuffer());
  await new Promise((resolve) => setTimeout(resolve, 500));
}

async function appOnPglite(): Promise<LoadResult> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'oc-bench-'));
  say(`(b) the app on PGlite (${dataDir})…`);
  const { campus, url } = await startApp({ DATA_DIR: dataDir });
  try {
    const result = await measure('app GET /api/v1/budget, PGlite (file)', url, load);
    await drain(url);
    return result;
  } finally {
    await campus.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function reachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: pgBase });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

async function appOnPostgres(): Promise<LoadResult | string> {
  const where = new URL(pgBase);
  const shown = `${where.hostname}:${where.port || 5432}`;
  if (!(await reachable(pgBase))) return `skipped: no PostgreSQL at ${shown} (set BENCH_DATABASE_URL)`;
  const name = `oc_bench_${randomBytes(6).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  say(`(b) the app on PostgreSQL (${shown}, database ${name})…`);
  let campus: OpenCampus | null = null;
  // Unused with DATABASE_URL, but kept out of the working directory all the same.
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'oc-bench-'));
  try {
    const url = new URL(pgBase);
    url.pathname = `/${name}`;
    const started = await startApp({ DATABASE_URL: url.toString(), DATA_DIR: dataDir });
    campus = started.campus;
    const result = await measure('app GET /api/v1/budget, PostgreSQL', started.url, load);
    await drain(started.url);
    return result;
  } finally {
    await campus?.close();
    await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

// ---------- report ----------

function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const httpRow = (r: LoadResult) => [r.label, fmt(r.requestsPerSecond), fmt(r.p50, 1), fmt(r.p99, 1), fmt(r.total), String(r.errors + r.non2xx)];

async function main(): Promise<void> {
  say(`Open Campus benchmarks — node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, BENCH_SECONDS=${seconds}, BENCH_CONNECTIONS=${connections}\n`);
  const { node, fastify } = await frameworkOverhead();
  const pglite = await appOnPglite();
  const postgres = await appOnPostgres();
  say('(c) buildBudgetTree on 10,000 generated lines…');
  const core = benchBudgetTree(10_000, 30);

  const rows = [httpRow(node), httpRow(fastify), httpRow(pglite)];
  if (typeof postgres === 'string') rows.push(['app GET /api/v1/budget, PostgreSQL', postgres, '', '', '', '']);
  else rows.push(httpRow(postgres));
  say('');
  say(table(['HTTP', 'req/s', 'p50 ms', 'p99 ms', 'requests', 'errors'], rows));
  say(`\nFastify ÷ node:http throughput: ${fmt(fastify.requestsPerSecond / node.requestsPerSecond, 3)} (p50 ${fmt(fastify.p50, 1)} vs ${fmt(node.p50, 1)} ms)`);
  say('');
  say(
    table(
      ['core', 'lines', 'depth', 'runs', 'median ms', 'min ms', 'p90 ms', 'retained MB'],
      [['buildBudgetTree', fmt(core.lines), String(core.depth), String(core.runs), fmt(core.medianMs, 2), fmt(core.minMs, 2), fmt(core.p90Ms, 2), fmt(core.retainedMb, 2)]],
    ),
  );
  say(`(generated tree total: ${fmt(core.planned)} KRW)`);

  // (d) Issue 3's reviewer assignment at full size (about 25 s and 0.9 GB here); BENCH_ASSIGNMENT=0 skips it.
  if (process.env.BENCH_ASSIGNMENT !== '0') {
    say('\n(d) reviewer assignment: 10,000 applications × 1,000 reviewers × 3 reviews, top-50 candidates…');
    const result = await benchAssignment({ apps: 10_000, reviewers: 1_000, k: 3, topK: 50, seed: 2019, timeLimit: 120 });
    for (const line of formatAssignmentBench(result)) say(line);
  }

  say('\n(e) selection: 300 of 5,000 under 30 quota rows…');
  for (const line of formatSelectionBench(await benchSelection({ candidates: 5_000, capacity: 300, seed: 2020, timeLimit: 10 }))) say(line);

  if (process.env.BENCH_ASSIGNMENT !== '0') {
    say('\n(f) no blocking: GET /readyz under load while the full-size assignment solves in the pool…');
    for (const line of formatNoBlocking(await benchNoBlocking(10_000, 1_000, 10))) say(line);
  }

  say('\n(g) timetabling: 16-week course + 25 district citizen courses, 40 lecturers…');
  for (const line of formatTimetableBench(await benchTimetable({ districts: 25, lecturers: 40, seed: 2020, timeLimit: 60 }))) say(line);

  say('\n(h) enrolment rush: 2,000 concurrent attempts for 500 seats…');
  for (const line of formatEnrolmentBench(await benchEnrolment({ attempts: 2_000, seats: 500, sockets: 2_000, databaseUrl: pgBase }))) say(line);

  say('\n(i) the staff assignment page of the demo call: its requests on opening…');
  for (const line of formatAssignmentPageBench(await benchAssignmentPage(5))) say(line);

  say('\n(j) the staff assignment page of the demo call in Chromium, navigation to the pairs table shown…');
  for (const line of formatAssignmentPageBrowserBench(await benchAssignmentPageBrowser(5))) say(line);
}

main().catch((err: unknown) => {
  process.stderr.write(`benchmark failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
