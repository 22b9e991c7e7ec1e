/**
 * No blocking (issue 3, point 8), at a size the suite can afford: while an assignment of 2,000
 * applications × 200 reviewers × 3 solves as a background job, a simple endpoint served over a real
 * socket keeps answering. The whole model (conflicts, candidates, LP, solve) is built in the
 * solver's worker thread, so many requests due during the solve are served, at a median under
 * 100 ms; a solve on this thread would serve none until it ended. A request counts as "while
 * solving" only when looks at the run bracket it on both sides, so the edges of the solve are not
 * guessed from a poll. Loading profiles and writing pairs happen on this thread, in slices; the
 * whole run's latencies are printed.
 *
 * The p99 target is a speed figure and lives in `npm run bench` (bench/no-blocking.ts, at the full
 * 10,000 × 1,000, with the load from another process): here p99 is printed, not asserted, because
 * whatever else a CI machine runs moves it. It runs in the `timing` project, after every other test.
 */
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../../src/core/shared/random.js';
import { applications, callReviewers, users } from '../../src/platform/db/schema/index.js';
import type { AssignmentRunViewT } from '../../src/shared/contracts/review.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { reviewCallBody, SECTORS, TOPICS } from '../factories/review.js';

const APPS = 2_000;
const REVIEWERS = 200;
let t: TestApp;
let base: string;
let callId: string;
let staff: Awaited<ReturnType<TestApp['signedIn']>>;

beforeAll(async () => {
  t = await startTestApp();
  staff = await t.signedIn(['staff']);
  const db = t.campus.database.db;
  const created = await staff.post('/api/v1/admin/calls', reviewCallBody({ capacity: 30 }));
  expect(created.statusCode, created.body).toBe(201);
  callId = created.json<{ id: string }>().id;
  expect((await staff.put(`/api/v1/admin/calls/${callId}/review-settings`, { rubric: { scaleMin: 1, scaleMax: 5, criteria: [{ key: 'impact', label: { ko: '영향', en: 'Impact' }, weight: 1 }] }, reviewsPerApplication: 3, blindReview: false })).statusCode).toBe(200);

  // Bulk rows straight into the database: thousands of sign-ups through argon2 would take minutes.
  const rand = mulberry32(8);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
  const people = Array.from({ length: APPS }, (_, i) => ({ id: randomUUID(), name: `지원자 ${i}`, email: `a${i}-${randomUUID().slice(0, 8)}@org${i % 150}.or.kr`, locale: 'ko' }));
  for (let i = 0; i < people.length; i += 500) await db.insert(users).values(people.slice(i, i + 500));
  const apps = people.map((p, i) => ({
    id: uuidv7(),
    callId,
    userId: p.id,
    status: 'submitted' as const,
    answers: { org: `단체 ${i % 150}`, sector: pick(SECTORS), topics: [pick(TOPICS), pick(TOPICS)] },
    submittedAt: new Date(),
  }));
  for (let i = 0; i < apps.length; i += 500) await db.insert(applications).values(apps.slice(i, i + 500));
  await db.insert(callReviewers).values(
    Array.from({ length: REVIEWERS }, (_, j) => ({
      id: uuidv7(),
      callId,
      email: `r${j}-${randomUUID().slice(0, 8)}@example.org`,
      status: 'accepted' as const,
      organisation: `단체 ${j % 150}`,
      sectors: [pick(SECTORS)],
      topics: [pick(TOPICS), pick(TOPICS)],
      expertise: [pick(TOPICS)],
      load: 40,
    })),
  );
  await t.campus.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.campus.app.server.address() as AddressInfo).port}`;
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe('no blocking while an assignment solves', () => {
  it('keeps serving a simple endpoint while a 2,000 × 200 × 3 assignment solves, and reports p50 and p99', async () => {
    const started = await staff.post(`/api/v1/admin/calls/${callId}/assignment-runs`, { k: 3, topK: 30 });
    expect(started.statusCode, started.body).toBe(202);
    const runId = started.json<AssignmentRunViewT>().id;

    let finished: AssignmentRunViewT | null = null;
    const latencies: number[] = [];
    const slow: string[] = [];
    /** Every request: when it was due and when its answer was read. */
    const requests: { dueAt: number; doneAt: number; took: number }[] = [];
    /** Every look at the run: sent and read times bracket the moment the phase was read. */
    const looks: { sentAt: number; readAt: number; phase: string }[] = [];
    let phase = 'start';
    // An open loop over real sockets: one request due every 10 ms whatever happened to the last one.
    // Latency counts from when a request was due, so requests that could not even be sent during a
    // stalled event loop count the stall too (no coordinated omission).
    const inFlight: Promise<void>[] = [];
    const t0 = performance.now();
    let due = 0;
    const ticker = setInterval(() => {
      while (t0 + due * 10 <= performance.now()) {
        const dueAt = t0 + due * 10;
        due += 1;
        const duePhase = phase;
        inFlight.push(
          fetch(`${base}/healthz`).then(async (res) => {
            await res.arrayBuffer();
            const doneAt = performance.now();
            const took = doneAt - dueAt;
            latencies.push(took);
            requests.push({ dueAt, doneAt, took });
            if (res.status !== 200) slow.push(`status ${res.status}`);
            if (took > 100) slow.push(`${Math.round(took)}ms@${duePhase}`);
          }),
        );
      }
    }, 10);
    const watcher = async () => {
      const deadline = Date.now() + 90_000;
      while (!finished && Date.now() < deadline) {
        const sentAt = performance.now();
        const res = await staff.get(`/api/v1/admin/assignment-runs/${runId}`);
        const run = res.json<AssignmentRunViewT>();
        phase = `${run.status}/${run.phase}`;
        looks.push({ sentAt, readAt: performance.now(), phase });
        if (run.status !== 'queued' && run.status !== 'running') finished = run;
        else await new Promise((r) => setTimeout(r, 50));
      }
      finished ??= { status: 'timed out' } as unknown as AssignmentRunViewT;
    };
    await watcher();
    clearInterval(ticker);
    await Promise.all(inFlight);

    expect(finished!.status).toBe('assigned');
    expect(finished!.result).toMatchObject({ pairs: APPS * 3, optimal: true });
    // "While solving" means wholly inside the solve: the run was seen building or solving in a look
    // read before the request was due, and again in a look sent after its answer came. A request at
    // the edge — due in the last moments of the solve, answered after the main thread took the
    // result and started saving — belongs to that database work, which the whole-run figure reports.
    const inSolve = (phaseSeen: string) => phaseSeen === 'running/building' || phaseSeen === 'running/solving';
    const solving = requests
      .filter((r) => looks.some((l) => inSolve(l.phase) && l.readAt <= r.dueAt) && looks.some((l) => inSolve(l.phase) && l.sentAt >= r.doneAt))
      .map((r) => r.took);
    const p = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))]!;
    console.info(
      `healthz: whole run ${latencies.length} requests, p50 ${p(latencies, 0.5).toFixed(1)} ms, p99 ${p(latencies, 0.99).toFixed(1)} ms; ` +
        `while solving ${solving.length} requests, p50 ${p(solving, 0.5).toFixed(1)} ms, p99 ${p(solving, 0.99).toFixed(1)} ms`,
    );
    // While the assignment solves, the HTTP thread only waits for the worker. Loading the inputs and
    // writing 6,000 pairs before and after are database work, which with the embedded PGlite runs on
    // this thread in slices; they are reported above, not held to the solve's bound.
    expect(solving.length).toBeGreaterThan(50);
    // On failure, the slow requests with the run's phase when they were due say where the loop stalled.
    expect(p(solving, 0.5), slow.join(' ')).toBeLessThan(100);
  }, 120_000);
});
