/**
 * The staff assignment page of the demo call (300 applications × 20 reviewers, with reviews): the
 * requests the page makes when it opens, timed on file-backed PGlite as `npm start` runs it.
 * Prints min / median / max over several runs of each request and of the whole page load (all
 * requests at once, as the browser sends them), and the bytes each answer carries.
 * Runs alone: `npx tsx bench/assignment-page.ts` (RUNS, default 5).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createOpenCampus } from '../src/app.js';
import { loadDemo } from '../src/modules/recruitment/demo.js';
import { grantGlobalRole } from '../src/platform/auth/roles.js';
import { loadConfig } from '../src/platform/config.js';
import { TestClient } from '../tests/support/app.js';
import { markVerified } from '../tests/support/verified.js';

export interface Timing {
  label: string;
  ms: number[];
  bytes: number;
}
export interface AssignmentPageBench {
  runs: number;
  requests: Timing[];
  page: Timing;
}

/** The requests the assignment page sends on opening (web/src/selection/AssignmentPage.tsx). */
export const pageRequests = (callId: string): string[] => [
  `/api/v1/admin/calls/${callId}/review-settings`,
  `/api/v1/admin/calls/${callId}/assignment-runs`,
  `/api/v1/admin/calls/${callId}/assignments`,
  `/api/v1/admin/calls/${callId}/applications?status=submitted&pageSize=100`,
  `/api/v1/admin/calls/${callId}/reviewers?status=accepted&pageSize=100`,
];

export async function benchAssignmentPage(runs: number): Promise<AssignmentPageBench> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'oc-bench-ap-'));
  const config = loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'warn', DATA_DIR: dataDir, PORT: '0', PUBLIC_URL: 'http://127.0.0.1' });
  const campus = await createOpenCampus({ config, serveWeb: false });
  try {
    const demo = await loadDemo(campus.database.db, campus.auth, { password: 'demo password 2020', withReviews: true });
    const staff = new TestClient(campus);
    // Sign-up opens no session and answers alike for every address, so sign in as the web app does.
    const body = { name: 'Bench Staff', email: 'bench-staff@example.org', password: 'correct horse battery staple' };
    const up = await staff.post('/api/v1/auth/sign-up', body);
    if (up.statusCode !== 202) throw new Error(`sign-up: ${up.statusCode} ${up.body}`);
    const signIn = await campus.auth.api.signInEmail({ body: { email: body.email, password: body.password }, asResponse: true });
    if (!signIn.ok) throw new Error(`sign-in: ${signIn.status}`);
    staff.adoptCookies(signIn.headers.getSetCookie());
    const userId = ((await signIn.json()) as { user: { id: string } }).user.id;
    await markVerified(campus.database.db, userId);
    await grantGlobalRole(campus.database.db, userId, 'staff', null);
    const urls = pageRequests(demo.callId);
    const requests: Timing[] = urls.map((u) => ({ label: u.replace(demo.callId, ':id'), ms: [], bytes: 0 }));
    const page: Timing = { label: 'whole page (all at once)', ms: [], bytes: 0 };
    for (let run = 0; run <= runs; run++) {
      // Run 0 warms up (JIT, PGlite caches) and is not counted.
      for (const [i, u] of urls.entries()) {
        const t0 = performance.now();
        const res = await staff.get(u);
        const ms = performance.now() - t0;
        if (res.statusCode !== 200) throw new Error(`${u}: ${res.statusCode} ${res.body.slice(0, 200)}`);
        if (run > 0) requests[i]!.ms.push(ms);
        requests[i]!.bytes = res.rawPayload.length;
      }
      const t0 = performance.now();
      const all = await Promise.all(urls.map((u) => staff.get(u)));
      if (run > 0) page.ms.push(performance.now() - t0);
      page.bytes = all.reduce((n, r) => n + r.rawPayload.length, 0);
    }
    return { runs, requests, page };
  } finally {
    await campus.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const stats = (ms: number[]) => {
  const s = [...ms].sort((a, b) => a - b);
  return { min: s[0]!, median: s[Math.floor(s.length / 2)]!, max: s[s.length - 1]! };
};

export function formatAssignmentPageBench(r: AssignmentPageBench): string[] {
  const row = (t: Timing) => {
    const s = stats(t.ms);
    return `  ${t.label}: min ${s.min.toFixed(0)} / median ${s.median.toFixed(0)} / max ${s.max.toFixed(0)} ms, ${(t.bytes / 1024).toFixed(0)} KiB`;
  };
  return [`assignment page of the demo call (300 × 20, with reviews), ${r.runs} runs`, ...r.requests.map(row), row(r.page)];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const r = await benchAssignmentPage(Number(process.env.RUNS ?? 5));
  for (const line of formatAssignmentPageBench(r)) process.stdout.write(`${line}\n`);
}
