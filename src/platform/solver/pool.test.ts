import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCandidates, type ApplicationProfile, type ReviewerProfile } from '../../core/assignment/affinity.js';
import { solveAssignment, type AssignmentPhase, type SolverOutcome } from '../../core/assignment/model.js';
import { runSelection, type Candidate, type SelectionInput, type SolverResult } from '../../core/recruitment/selection.js';
import { runSelectionInPool, solveAssignmentInPool } from './adapters.js';
import { createSolverPool, SolverPoolError, type SolverPool } from './pool.js';
import { mulberry32 } from '../../core/shared/random.js';
import { findConflicts } from '../../core/courses/timetable-conflicts.js';
import type { TimetableProblem } from '../../core/courses/timetable-model.js';
import { solveTimetable, type TimetableProgress } from '../../core/courses/timetable-solver.js';
import { generateTimetableProblem } from '../../../bench/timetable.js';

type Highs = Awaited<ReturnType<typeof import('highs').default>>;
let highs: Highs;
let pool: SolverPool;
beforeAll(async () => {
  highs = await (await import('highs')).default();
  pool = createSolverPool({ size: 1, timeLimitSeconds: 20 });
});
afterAll(() => pool.close());

const prng = mulberry32;

const SMALL_LP = 'Maximize\n obj: x + 2 y + 3 z\nSubject To\n c1: x + y + z <= 4\n c2: x + 3 z <= 6\nBounds\n 0 <= x <= 3\n 0 <= y <= 1\n 0 <= z <= 5\nEnd\n';

/** A binary multidimensional knapsack: tiny to write, slow to prove optimal (seconds or more). */
function hardMip(n = 100, m = 10, seed = 3): string {
  const rnd = prng(seed);
  const rows: string[] = [];
  for (let j = 0; j < m; j++) {
    const w = Array.from({ length: n }, () => 1 + Math.floor(rnd() * 1000));
    rows.push(` k${j}: ${w.map((x, i) => `+ ${x} y${i}`).join(' ')} <= ${Math.floor(w.reduce((a, b) => a + b) / 2)}`);
  }
  const obj = Array.from({ length: n }, (_, i) => `+ ${1 + Math.floor(rnd() * 1000)} y${i}`).join(' ');
  return `Maximize\n obj: ${obj}\nSubject To\n${rows.join('\n')}\nBinary\n ${Array.from({ length: n }, (_, i) => `y${i}`).join(' ')}\nEnd\n`;
}

function assignmentInstance(nApps: number, nReviewers: number) {
  const sectors = ['civil_society', 'business', 'public'];
  const topics = ['housing', 'energy', 'care', 'mobility', 'food'];
  const rnd = prng(7);
  const pick = <T>(from: readonly T[], n: number) => from.filter(() => rnd() < n / from.length);
  const apps: ApplicationProfile[] = Array.from({ length: nApps }, (_, i) => ({
    id: `A${i}`,
    email: `a${i}@app${i}.org`,
    organisation: null,
    sector: sectors[Math.floor(rnd() * sectors.length)],
    topics: pick(topics, 2),
  }));
  const reviewers: ReviewerProfile[] = Array.from({ length: nReviewers }, (_, j) => ({
    id: `R${j}`,
    email: `r${j}@gmail.com`,
    organisation: null,
    declaredConflicts: [],
    sectors: pick(sectors, 1),
    topics: pick(topics, 2),
    expertise: pick([...topics, ...sectors], 1),
    load: 24,
  }));
  return { apps, reviewers };
}

describe('solver pool', () => {
  it('solves an LP in the worker exactly as HiGHS does in-process', async () => {
    const inProcess = highs.solve(SMALL_LP, { output_flag: false } as never);
    const inWorker = await pool.solve(SMALL_LP);
    expect(inWorker.status).toBe('Optimal');
    expect(inWorker.objective).toBe(inProcess.ObjectiveValue);
    expect(inWorker.columns).toEqual(Object.fromEntries(Object.entries(inProcess.Columns).map(([name, c]) => [name, (c as { Primal: number }).Primal])));
  });

  it('runs the selection core through the pool with the same outcome as an in-process solver', async () => {
    const rnd = prng(11);
    const candidates: Candidate[] = Array.from({ length: 40 }, (_, i) => ({
      id: `c${String(i).padStart(2, '0')}`,
      score: Math.round(4000 + 5000 * rnd()) / 100,
      attributes: { sector: ['company', 'public', 'university', 'civil_society'][i % 4]! },
    }));
    const input: SelectionInput = { candidates, capacity: 12, quotas: [{ attribute: 'sector', value: 'civil_society', min: 4 }, { attribute: 'sector', value: 'company', max: 3 }], seed: 'run-1' };
    const local = await runSelection(input, (lp): SolverResult => {
      const r = highs.solve(lp, { mip_rel_gap: 0, output_flag: false } as never);
      const columns: Record<string, number> = {};
      for (const [name, col] of Object.entries(r.Columns)) if ('Primal' in col) columns[name] = col.Primal;
      return { status: r.Status, columns, objective: r.Status === 'Optimal' ? r.ObjectiveValue : null };
    });
    const remote = await runSelectionInPool(pool, input);
    expect(remote.result.status).toBe('optimal');
    expect(remote.result).toEqual(local.result);
    expect(remote.solver).toEqual(local.solver);
  });

  it('keeps the event loop responsive while a large assignment LP solves', async () => {
    const { apps, reviewers } = assignmentInstance(300, 60);
    const candidates = buildCandidates(apps, reviewers, { k: 3, topK: 30 });
    expect(candidates.reviewer.length).toBe(9000);
    const lags: number[] = [];
    let last = performance.now();
    const tick = setInterval(() => {
      const now = performance.now();
      lags.push(now - last - 5);
      last = now;
    }, 5);
    const phases: AssignmentPhase[] = [];
    const started = performance.now();
    const result = await solveAssignmentInPool(pool, candidates, (p) => phases.push(p));
    const solveMs = performance.now() - started;
    clearInterval(tick);
    expect(result.status).toBe('assigned');
    expect(phases).toEqual(['diagnosing', 'building', 'solving', 'verifying', 'done']);
    // The timer kept firing throughout (not once at the end, as with an in-process solve).
    expect(lags.length).toBeGreaterThan(solveMs / 5 / 4);
    const p99 = [...lags].sort((a, b) => a - b)[Math.floor(lags.length * 0.99)]!;
    console.info(`assignment LP (9000 variables) in the pool: ${Math.round(solveMs)} ms, ${lags.length} ticks, interval lag p99 ${p99.toFixed(1)} ms, max ${Math.max(...lags).toFixed(1)} ms`);
    expect(p99).toBeLessThan(100);
    // Same optimum as the core with HiGHS in-process.
    const local = await solveAssignment(candidates, (lp) => highs.solve(lp, { output_flag: false } as never) as SolverOutcome);
    expect(local.status === 'assigned' && result.status === 'assigned' && local.objective === result.objective).toBe(true);
  });

  it('runs a whole assignment task in the worker (profiles in, pairs and reasons out) with progress, as the core does in-process', async () => {
    const { apps, reviewers } = assignmentInstance(600, 90);
    const phases: AssignmentPhase[] = [];
    const lags: number[] = [];
    let last = performance.now();
    const tick = setInterval(() => {
      const now = performance.now();
      lags.push(now - last - 5);
      last = now;
    }, 5);
    const task = await pool.assign({ kind: 'assignment', applications: apps, reviewers, options: { k: 3, topK: 30, seed: 7 } }, { onPhase: (p) => phases.push(p) });
    clearInterval(tick);
    expect(task.result.status).toBe('assigned');
    expect(phases).toEqual(['diagnosing', 'building', 'solving', 'verifying', 'done']);
    const local = await solveAssignment(buildCandidates(apps, reviewers, { k: 3, topK: 30, seed: 7 }), (lp) => highs.solve(lp, { output_flag: false } as never) as SolverOutcome);
    expect(task.result).toEqual(local);
    if (task.result.status !== 'assigned') return;
    expect(task.why).toHaveLength(task.result.pairs.length);
    expect(task.why.every((w, i) => w.points === (task.result.status === 'assigned' ? task.result.pairs[i]!.points : -1))).toBe(true);
    expect(task.candidatePairs).toBe(600 * 30);
    // Candidate generation and the LP were built in the worker too: the loop never stalled.
    const p99 = [...lags].sort((a, b) => a - b)[Math.floor(lags.length * 0.99)]!;
    expect(p99).toBeLessThan(100);
  });

  it('reports an infeasible assignment task with its reasons instead of failing', async () => {
    const { apps, reviewers } = assignmentInstance(50, 2);
    const task = await pool.assign({ kind: 'assignment', applications: apps, reviewers: reviewers.map((r) => ({ ...r, load: 1 })), options: { k: 3 } });
    expect(task.result.status).toBe('infeasible');
    if (task.result.status === 'infeasible') expect(task.result.reasons.map((r) => r.code)).toContain('not_enough_slots');
  });

  it("passes HiGHS' time limit: a hard MIP stops with its best solution", async () => {
    const started = performance.now();
    const r = await pool.solve(hardMip(), { timeLimitSeconds: 0.5, highs: { mip_rel_gap: 0 } });
    const elapsed = performance.now() - started;
    expect(r.status).toBe('Time limit reached');
    expect(r.objective).toBeGreaterThan(0);
    expect(Object.keys(r.columns)).toHaveLength(100);
    // The best solution so far comes with its proven relative gap, which is what staff are told.
    expect(r.gap).toBeGreaterThan(0);
    expect(r.gap).toBeLessThan(1);
    expect(elapsed).toBeLessThan(3000);
  });

  it('reports a MIP solved to optimality with gap 0 and the same optimum as the in-process solver', async () => {
    const lp = hardMip(12, 3, 5);
    const r = await pool.solve(lp, { highs: { mip_rel_gap: 0 } });
    const local = highs.solve(lp, { mip_rel_gap: 0, output_flag: false } as never) as SolverOutcome;
    expect(r.status).toBe('Optimal');
    expect(r.gap).toBe(0);
    expect(r.objective).toBeCloseTo(local.ObjectiveValue, 6);
    expect(Object.keys(r.columns)).toHaveLength(12);
  });

  it('terminates a worker that outlives its wall-clock deadline and serves the next request with a fresh one', async () => {
    const started = performance.now();
    const stuck = pool.solve(hardMip(), { timeLimitSeconds: 60, highs: { mip_rel_gap: 0 }, deadlineMs: 300 });
    const queued = pool.solve(SMALL_LP);
    await expect(stuck).rejects.toMatchObject({ name: 'SolverPoolError', code: 'timeout', message: expect.stringContaining('terminated and replaced') });
    expect(performance.now() - started).toBeLessThan(2000);
    expect((await queued).objective).toBe(highs.solve(SMALL_LP, { output_flag: false } as never).ObjectiveValue);
  });

  it('turns a HiGHS exception into a rejected request, not a dead pool', async () => {
    await expect(pool.solve(SMALL_LP, { highs: { no_such_option: 1 } })).rejects.toMatchObject({ code: 'solver_error', message: expect.stringMatching(/no_such_option/) });
    expect((await pool.solve(SMALL_LP)).status).toBe('Optimal');
  });

  it('solves a whole timetable in the worker, as the core does in-process, with progress and a responsive event loop', async () => {
    const problem = generateTimetableProblem({ districts: 25, lecturers: 40, seed: 2020, timeLimit: 60 });
    expect(problem.sessions.length).toBeGreaterThan(350);
    const caps = { repairIterations: 200_000, improveIterations: 20_000 };
    const progress: TimetableProgress[] = [];
    const lags: number[] = [];
    let last = performance.now();
    const tick = setInterval(() => {
      const now = performance.now();
      lags.push(now - last - 5);
      last = now;
    }, 5);
    const started = performance.now();
    const remote = await pool.timetable({ kind: 'timetable', problem, seed: 2020, ...caps, progressEvery: 500 }, { timeLimitSeconds: 60, onProgress: (p) => progress.push(p) });
    const ms = performance.now() - started;
    clearInterval(tick);
    expect(findConflicts(problem, remote.placements)).toEqual([]);
    expect(remote.placements.length + remote.unplaced.length).toBe(problem.sessions.length);
    // Progress crossed the thread boundary in order, ending with 'done' and no hard conflicts left.
    const phases = [...new Set(progress.map((p) => p.phase))];
    expect(phases[0]).toBe('checking');
    expect(phases).toContain('constructing');
    expect(phases.at(-1)).toBe('done');
    expect(progress.at(-1)).toMatchObject({ phase: 'done', hardConflicts: 0, placed: remote.placements.length });
    expect(progress.some((p) => p.phase === 'improving' && p.iteration > 0)).toBe(true);
    // Same seed and iteration caps: the same timetable as the core in this thread (the clock only stops it).
    const local = solveTimetable(problem, { seed: 2020, ...caps });
    expect(remote.placements).toEqual(local.placements);
    expect(remote.unplaced).toEqual(local.unplaced);
    expect(remote.stats.msTotal).toEqual(expect.any(Number));
    const p99 = [...lags].sort((a, b) => a - b)[Math.floor(lags.length * 0.99)]!;
    console.info(`timetable (${problem.sessions.length} sessions) in the pool: ${Math.round(ms)} ms, ${progress.length} progress reports, interval lag p99 ${p99.toFixed(1)} ms`);
    expect(lags.length).toBeGreaterThan(ms / 5 / 4);
    expect(p99).toBeLessThan(100);
  }, 60_000);

  it('stops a timetable at its time limit with a conflict-free partial answer that names what it left out', async () => {
    // kim is free in two slots of the whole calendar and teaches three sessions: each fits alone, all
    // three never do, which local search cannot prove, so only the time limit ends the search.
    const problem: TimetableProblem = {
      calendar: { startDate: '2020-08-03', days: 7, slots: [{ id: 'am', start: 540, end: 720 }, { id: 'pm', start: 780, end: 960 }] },
      rooms: [{ id: 'hall', capacity: 40 }],
      lecturers: [{ id: 'kim', availability: { weekly: [{ weekday: 1 }] } }],
      cohorts: [{ id: 'a', size: 10 }, { id: 'b', size: 10 }, { id: 'c', size: 10 }],
      sessions: ['a', 'b', 'c'].map((c) => ({ id: `s-${c}`, type: 'lecture' as const, cohortId: c, lecturerIds: ['kim'] })),
    };
    const started = performance.now();
    const result = await pool.timetable({ kind: 'timetable', problem, seed: 1 }, { timeLimitSeconds: 0.5 });
    const elapsed = performance.now() - started;
    expect(result.stats.stoppedBy).toBe('time_limit');
    expect(elapsed).toBeGreaterThanOrEqual(450);
    expect(elapsed).toBeLessThan(3000);
    expect(result.status).toBe('partial');
    expect(result.placements).toHaveLength(2);
    expect(result.unplaced).toEqual([expect.objectContaining({ reason: expect.objectContaining({ code: 'unresolved_conflict' }) })]);
    expect(findConflicts(problem, result.placements)).toEqual([]);
    // The pool still serves HiGHS requests after a timetable.
    expect((await pool.solve(SMALL_LP)).status).toBe('Optimal');
  });

  it('close() rejects pending requests and refuses new ones', async () => {
    const own = createSolverPool({ timeLimitSeconds: 30 });
    const running = own.solve(hardMip());
    const waiting = own.solve(SMALL_LP);
    // Observe both outcomes before closing: close() rejects them synchronously.
    const outcomes = Promise.allSettled([running, waiting]);
    await own.close();
    const [a, b] = await outcomes;
    expect(a).toMatchObject({ status: 'rejected', reason: { code: 'closed' } });
    expect(b).toMatchObject({ status: 'rejected', reason: { code: 'closed' } });
    expect((a as PromiseRejectedResult).reason).toBeInstanceOf(SolverPoolError);
    await expect(own.solve(SMALL_LP)).rejects.toMatchObject({ code: 'closed' });
  });

  it('close() terminates the workers, so a process using the pool exits (also checks the worker starts under tsx)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'oc-solver-'));
    const script = join(dir, 'use-pool.mts');
    const poolUrl = new URL('./pool.ts', import.meta.url).href;
    writeFileSync(script, `import { createSolverPool } from ${JSON.stringify(poolUrl)};\nconst pool = createSolverPool({ timeLimitSeconds: 5 });\nconst r = await pool.solve(${JSON.stringify(SMALL_LP)});\nawait pool.close();\nconsole.log(JSON.stringify(r));\n`);
    try {
      // Run from the temporary directory so nothing depends on the working directory being the project.
      const out = await new Promise<string>((resolve, reject) => {
        execFile(process.execPath, ['--import', import.meta.resolve('tsx'), script], { cwd: dir, timeout: 15_000 }, (error, stdout, stderr) =>
          error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout),
        );
      });
      expect(JSON.parse(out)).toMatchObject({ status: 'Optimal', objective: 8 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 20_000);
});
