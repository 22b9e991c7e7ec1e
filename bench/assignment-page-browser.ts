/**
 * The staff assignment page of the demo call (300 applications × 20 reviewers, with reviews) in
 * Chromium: the time from navigation to the pairs table being shown with its rows, as a person
 * waits for it. The app runs as `npm start` does (file-backed PGlite, the built web app from
 * WEB_DIST_DIR, default dist/web: run `npm run build:web` first). Prints min / median / max over
 * RUNS page loads (default 5) after one warm-up load, and how many rows the table drew.
 * Runs alone: `npx tsx bench/assignment-page-browser.ts`; skipped when Chromium is missing.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { createOpenCampus } from '../src/app.js';
import { loadDemo } from '../src/modules/recruitment/demo.js';
import { grantGlobalRole } from '../src/platform/auth/roles.js';
import { loadConfig } from '../src/platform/config.js';
import { markVerified } from '../tests/support/verified.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface BrowserPageBench {
  runs: number;
  ms: number[];
  rows: number;
  /** The API requests of the last counted load: path, ms from navigation start to their answer, bytes. */
  requests: { path: string; endMs: number; kib: number }[];
  /** Set when the bench could not run (no Chromium, no built web app). */
  skipped?: string;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export async function benchAssignmentPageBrowser(runs: number): Promise<BrowserPageBench> {
  const webDist = path.resolve(process.env.WEB_DIST_DIR ?? 'dist/web');
  if (!existsSync(CHROMIUM)) return { runs, ms: [], rows: 0, requests: [], skipped: `no Chromium at ${CHROMIUM}` };
  if (!existsSync(path.join(webDist, 'index.html'))) return { runs, ms: [], rows: 0, requests: [], skipped: `no built web app in ${webDist} (npm run build:web)` };
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'oc-bench-apb-'));
  const userDir = mkdtempSync(path.join(os.tmpdir(), 'oc-bench-chromium-'));
  const config = loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'warn', DATA_DIR: dataDir, PORT: String(port), PUBLIC_URL: baseUrl, WEB_DIST_DIR: webDist, AUTH_SECRET: 'bench-secret-bench-secret-bench-secret-1234' });
  const campus = await createOpenCampus({ config });
  await campus.app.listen({ port, host: '127.0.0.1' });
  const context = await chromium.launchPersistentContext(userDir, { executablePath: CHROMIUM, headless: true, viewport: { width: 1280, height: 900 }, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
  try {
    const demo = await loadDemo(campus.database.db, campus.auth, { password: 'demo password 2020', withReviews: true });
    const email = 'bench-staff@example.org';
    const password = 'correct horse battery staple';
    const res = await campus.auth.api.signUpEmail({ body: { email, password, name: 'Bench Staff', locale: 'en' } });
    await markVerified(campus.database.db, res.user.id);
    await grantGlobalRole(campus.database.db, res.user.id, 'staff', null);
    const page = await context.newPage();
    page.setDefaultTimeout(60_000);
    // Signed in through the form, as staff are, for the page loads below.
    await page.goto(`${baseUrl}/sign-in`);
    await page.locator('input[type="email"]').fill(email);
    await page.locator('input[type="password"]').fill(password);
    await page.locator('input[type="password"]').press('Enter');
    await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
    const url = `${baseUrl}/admin/review/calls/${demo.callId}/assignment`;
    const ms: number[] = [];
    let rows = 0;
    let requests: BrowserPageBench['requests'] = [];
    for (let run = 0; run <= runs; run++) {
      await page.goto('about:blank');
      const t0 = performance.now();
      await page.goto(url);
      await page.getByTestId('pairs-table').locator('tbody tr').first().waitFor();
      const took = performance.now() - t0;
      rows = await page.getByTestId('pairs-table').locator('tbody tr').count();
      requests = await page.evaluate(() =>
        (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
          .filter((r) => r.name.includes('/api/v1/'))
          .map((r) => ({ path: new URL(r.name).pathname.replace(/[0-9a-f-]{36}/g, ':id'), endMs: Math.round(r.responseEnd), kib: Math.round(r.encodedBodySize / 1024) })),
      );
      // Run 0 warms up (JIT, PGlite and browser caches) and is not counted.
      if (run > 0) ms.push(took);
    }
    return { runs, ms, rows, requests };
  } finally {
    await context.close();
    await campus.close();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(userDir, { recursive: true, force: true });
  }
}

export function formatAssignmentPageBrowserBench(r: BrowserPageBench): string[] {
  if (r.skipped) return [`assignment page in Chromium: skipped (${r.skipped})`];
  const s = [...r.ms].sort((a, b) => a - b);
  const [min, median, max] = [s[0]!, s[Math.floor(s.length / 2)]!, s[s.length - 1]!];
  return [`assignment page of the demo call in Chromium, navigation to pairs table shown (${r.rows} rows drawn), ${r.runs} runs: min ${min.toFixed(0)} / median ${median.toFixed(0)} / max ${max.toFixed(0)} ms`, ...r.requests.map((q) => `  ${q.path}: answered at ${q.endMs} ms, ${q.kib} KiB`)];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const r = await benchAssignmentPageBrowser(Number(process.env.RUNS ?? 5));
  for (const line of formatAssignmentPageBrowserBench(r)) process.stdout.write(`${line}\n`);
}
