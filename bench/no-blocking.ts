/**
 * No blocking (issue 3, point 8): while a full-size reviewer assignment (10,000 × 1,000 × 3, top-50)
 * runs in the app's solver pool, a simple endpoint (GET /readyz, which also asks the database) is loaded with autocannon
 * from another process; its p99 is compared with the same load on an idle app. Target: p99 < 100 ms.
 *   npx tsx bench/no-blocking.ts       (APPS=10000 REVIEWERS=1000 CONNECTIONS=10)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createOpenCampus } from '../src/app.js';
import { loadConfig } from '../src/platform/config.js';
import { generateAssignmentData } from './assignment.js';
import { measure, type LoadResult } from './load.js';

export interface NoBlockingResult {
  apps: number;
  reviewers: number;
  idle: LoadResult;
  duringSolve: LoadResult;
  solveMs: number;
  solveStatus: string;
  loadWholeSolve: boolean;
}

export async function benchNoBlocking(apps: number, reviewers: number, connections: number): Promise<NoBlockingResult> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'oc-bench-nb-'));
  const config = loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'warn', DATA_DIR: dataDir, PORT: '0', PUBLIC_URL: 'http://127.0.0.1', SOLVER_TIME_LIMIT_SECONDS: '300' });
  const campus = await createOpenCampus({ config, serveWeb: false });
  try {
    await campus.app.listen({ port: 0, host: '127.0.0.1' });
    const url = `http://127.0.0.1:${(campus.app.server.address() as AddressInfo).port}/readyz`;
    const idle = await measure('GET /readyz, idle', url, { seconds: 5, connections });
    const { apps: applications, reviewers: pool } = generateAssignmentData({ apps, reviewers, k: 3, topK: 50, seed: 2019, timeLimit: 300 });
    const started = performance.now();
    let solveMs = 0;
    let solveStatus = 'running';
    const solving = campus.deps.solver.assign({ kind: 'assignment', applications, reviewers: pool, options: { k: 3, topK: 50, seed: 2019 } }).then((r) => {
      solveMs = performance.now() - started;
      solveStatus = r.result.status;
    });
    // Measure for most of the expected solve; the flag below says whether the solve outlasted the load.
    const duringSolve = await measure('GET /readyz, during the solve', url, { seconds: Math.max(5, Math.round((apps / 10_000) * 15)), connections });
    const loadWholeSolve = solveStatus === 'running';
    await solving;
    return { apps, reviewers, idle, duringSolve, solveMs, solveStatus, loadWholeSolve };
  } finally {
    await campus.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export function formatNoBlocking(r: NoBlockingResult): string[] {
  const row = (l: LoadResult) => `  ${l.label}: ${Math.round(l.requestsPerSecond)} req/s, p50 ${l.p50} ms, p99 ${l.p99} ms, errors ${l.errors + l.non2xx}`;
  return [
    `no blocking: assignment ${r.apps} × ${r.reviewers} × 3 in the solver pool while the app serves requests`,
    row(r.idle),
    row(r.duringSolve),
    `  solve: ${(r.solveMs / 1000).toFixed(1)} s, ${r.solveStatus}; load ran ${r.loadWholeSolve ? 'entirely within' : 'partly outside'} the solve`,
  ];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const r = await benchNoBlocking(Number(process.env.APPS ?? 10_000), Number(process.env.REVIEWERS ?? 1_000), Number(process.env.CONNECTIONS ?? 10));
  for (const line of formatNoBlocking(r)) process.stdout.write(`${line}\n`);
}
