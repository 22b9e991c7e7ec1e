/**
 * The solver pool within its times, measured alone (the timing project runs before the rest of the
 * suite, so the two cores are not shared): the event loop keeps turning (interval lag p99 < 100 ms)
 * while an assignment LP, a whole assignment task or a whole timetable solves in a worker; HiGHS'
 * time limit and the pool's hard deadline stop a solve when they should.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCandidates } from '../../src/core/assignment/affinity.js';
import { solveAssignment, type AssignmentPhase, type SolverOutcome } from '../../src/core/assignment/model.js';
import { findConflicts } from '../../src/core/courses/timetable-conflicts.js';
import type { TimetableProblem } from '../../src/core/courses/timetable-model.js';
import { solveTimetable, type TimetableProgress } from '../../src/core/courses/timetable-solver.js';
import { solveAssignmentInPool } from '../../src/platform/solver/adapters.js';
import { createSolverPool, type SolverPool } from '../../src/platform/solver/pool.js';
import { assignmentInstance, hardMip, SMALL_LP } from '../factories/solver.js';
import { generateTimetableProblem } from '../factories/timetable.js';

type Highs = Awaited<ReturnType<typeof import('highs').default>>;
let highs: Highs;
let pool: SolverPool;
beforeAll(async () => {
  highs = await (await import('highs')).default();
  pool = createSolverPool({ size: 1, timeLimitSeconds: 20 });
});
afterAll(() => pool.close());

/** How late a 5 ms interval timer fires, each tick, until stop(): the event loop's lag. */
function lagMonitor(): { stop: () => number[] } {
  const lags: number[] = [];
  let last = performance.now();
  const tick = setInterval(() => {
    const now = performance.now();
    lags.push(now - last - 5);
    last = now;
  }, 5);
  return {
    stop: () => {
      clearInterval(tick);
      return lags;
    },
  };
}

const p99Of = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length * 0.99)]!;

describe('solver pool, timed', () => {
  it('keeps the event loop responsive while a large assignment LP solves', async () => {
    const { apps, reviewers } = assignmentInstance(300, 60);
    const candidates = buildCandidates(apps, reviewers, { k: 3, topK: 30 });
    expect(candidates.reviewer.length).toBe(9000);
    const lag = lagMonitor();
    const phases: AssignmentPhase[] = [];
    const started = performance.now();
    const result = await solveAssignmentInPool(pool, candidates, (p) => phases.push(p));
    const solveMs = performance.now() - started;
    const lags = lag.stop();
    expect(result.status).toBe('assigned');
    expect(phases).toEqual(['diagnosing', 'building', 'solving', 'verifying', 'done']);
    // The timer kept firing throughout (not once at the end, as with an in-process solve).
    expect(lags.length).toBeGreaterThan(solveMs / 5 / 4);
    const p99 = p99Of(lags);
    console.info(`assignment LP (9000 variables) in the pool: ${Math.round(solveMs)} ms, ${lags.length} ticks, interval lag p99 ${p99.toFixed(1)} ms, max ${Math.max(...lags).toFixed(1)} ms`);
    expect(p99).toBeLessThan(100);
    // Same optimum as the core with HiGHS in-process.
    const local = await solveAssignment(candidates, (lp) => highs.solve(lp, { output_flag: false } as never) as SolverOutcome);
    expect(local.status === 'assigned' && result.status === 'assigned' && local.objective === result.objective).toBe(true);
  });

  it('runs a whole assignment task in the worker (profiles in, pairs and reasons out) with progress, as the core does in-process', async () => {
    const { apps, reviewers } = assignmentInstance(600, 90);
    const phases: AssignmentPhase[] = [];
    const lag = lagMonitor();
    const task = await pool.assign({ kind: 'assignment', applications: apps, reviewers, options: { k: 3, topK: 30, seed: 7 } }, { onPhase: (p) => phases.push(p) });
    const lags = lag.stop();
    expect(task.result.status).toBe('assigned');
    expect(phases).toEqual(['diagnosing', 'building', 'solving', 'verifying', 'done']);
    const local = await solveAssignment(buildCandidates(apps, reviewers, { k: 3, topK: 30, seed: 7 }), (lp) => highs.solve(lp, { output_flag: false } as never) as SolverOutcome);
    expect(task.result).toEqual(local);
    if (task.result.status !== 'assigned') return;
    expect(task.why).toHaveLength(task.result.pairs.length);
    expect(task.why.every((w, i) => w.points === (task.result.status === 'assigned' ? task.result.pairs[i]!.points : -1))).toBe(true);
    expect(task.candidatePairs).toBe(600 * 30);
    // Candidate generation and the LP were built in the worker too: the loop never stalled.
    const p99 = p99Of(lags);
    expect(p99).toBeLessThan(100);
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

  it('terminates a worker that outlives its wall-clock deadline and serves the next request with a fresh one', async () => {
    const started = performance.now();
    const stuck = pool.solve(hardMip(), { timeLimitSeconds: 60, highs: { mip_rel_gap: 0 }, deadlineMs: 300 });
    const queued = pool.solve(SMALL_LP);
    await expect(stuck).rejects.toMatchObject({ name: 'SolverPoolError', code: 'timeout', message: expect.stringContaining('terminated and replaced') });
    expect(performance.now() - started).toBeLessThan(2000);
    expect((await queued).objective).toBe(highs.solve(SMALL_LP, { output_flag: false } as never).ObjectiveValue);
  });

  it('solves a whole timetable in the worker, as the core does in-process, with progress and a responsive event loop', async () => {
    const problem = generateTimetableProblem({ districts: 25, lecturers: 40, seed: 2020, timeLimit: 60 });
    expect(problem.sessions.length).toBeGreaterThan(350);
    const caps = { repairIterations: 200_000, improveIterations: 20_000 };
    const progress: TimetableProgress[] = [];
    const lag = lagMonitor();
    const started = performance.now();
    const remote = await pool.timetable({ kind: 'timetable', problem, seed: 2020, ...caps, progressEvery: 500 }, { timeLimitSeconds: 60, onProgress: (p) => progress.push(p) });
    const ms = performance.now() - started;
    const lags = lag.stop();
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
    const p99 = p99Of(lags);
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

});
