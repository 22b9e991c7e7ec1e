/**
 * A worker thread that owns one HiGHS WebAssembly instance. HiGHS' `solve` is synchronous and can
 * run for minutes, so it must not run on the thread that serves HTTP; the pool (pool.ts) sends
 * one request at a time here and keeps the clock. Every request gets exactly one reply: a thrown
 * solver error becomes an `error` reply instead of killing the thread.
 */
import { parentPort } from 'node:worker_threads';
import { affinity, buildCandidates } from '../../core/assignment/affinity.js';
import { detectConflicts } from '../../core/assignment/conflicts.js';
import { solveAssignment, type SolverOutcome } from '../../core/assignment/model.js';
import { solveTimetable } from '../../core/courses/timetable-solver.js';
import type { AssignmentTask, AssignmentTaskResult, ProgressMessage, SolveReply, SolveRequest, TaskProgress, TimetableTask } from './protocol.js';

type Highs = Awaited<ReturnType<typeof import('highs').default>>;

/** Statuses whose solution fields carry a primal point worth returning. */
const WITH_SOLUTION = new Set(['Optimal', 'Time limit reached', 'Iteration limit reached', 'Bound on objective reached', 'Target for objective reached', 'Solution limit reached', 'Interrupted by user']);

let loading: Promise<Highs> | null = null;

/** Loaded once per thread (compiling the Wasm module costs tens of milliseconds), reloaded after an abort. */
function loadHighs(): Promise<Highs> {
  loading ??= import('highs').then((m) => m.default());
  return loading;
}

function errorText(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

/** The legacy solver's words for the Model API's status codes, so every reply speaks one vocabulary. */
const STATUS_WORDS: Readonly<Record<number, string>> = {
  0: 'Not Set',
  1: 'Load error',
  2: 'Model error',
  3: 'Presolve error',
  4: 'Solve error',
  5: 'Postsolve error',
  6: 'Empty',
  7: 'Optimal',
  8: 'Infeasible',
  9: 'Primal infeasible or unbounded',
  10: 'Unbounded',
  11: 'Bound on objective reached',
  12: 'Target for objective reached',
  13: 'Time limit reached',
  14: 'Iteration limit reached',
  15: 'Unknown',
  16: 'Solution limit reached',
  17: 'Interrupted by user',
};

/** An LP-format model with integer or binary columns: solved through the Model API, which reports the MIP gap. */
const INTEGER_SECTION = /^\s*(general|generals|gen|binary|binaries|bin)\s*$/im;

function solveMip(highs: Highs, request: SolveRequest): SolveReply {
  return highs.withModel({ format: 'lp', data: request.lp }, (model) => {
    model.options.set(request.options as Record<string, number | string | boolean>);
    model.run();
    const status = STATUS_WORDS[model.getModelStatus()] ?? 'Unknown';
    const columns: Record<string, number> = {};
    let hasSolution = false;
    if (WITH_SOLUTION.has(status)) {
      const values = model.getSolution().colValue;
      // primal_solution_status 2 = a feasible point exists (a limit may stop the search before one is found).
      hasSolution = status === 'Optimal' || Number(model.info.get('primal_solution_status')) === 2;
      if (hasSolution) for (let i = 0; i < values.length; i++) columns[model.getColName(i)] = values[i]!;
    }
    const gap = hasSolution ? Number(model.info.get('mip_gap')) : null;
    return { id: request.id, status, objective: hasSolution ? model.getObjectiveValue() : null, columns, gap: gap !== null && Number.isFinite(gap) ? gap : null };
  });
}

/** Profiles to pairs, all in this thread; `report` forwards each phase to the pool. */
async function runAssignment(highs: Highs, request: SolveRequest, task: AssignmentTask, report: (phase: TaskProgress) => void): Promise<AssignmentTaskResult> {
  const conflicts = detectConflicts(task.applications, task.reviewers);
  let conflictPairs = 0;
  for (const row of conflicts.values()) conflictPairs += row.size;
  const candidates = buildCandidates(task.applications, task.reviewers, { ...task.options, conflicts });
  const result = await solveAssignment(candidates, (lp) => highs.solve(lp, request.options as never) as SolverOutcome, report);
  const apps = new Map(task.applications.map((a) => [a.id, a]));
  const reviewers = new Map(task.reviewers.map((r) => [r.id, r]));
  const why = result.status === 'assigned' ? result.pairs.map((p) => affinity(apps.get(p.applicationId)!, reviewers.get(p.reviewerId)!)) : [];
  return { result, why, conflicts: conflictPairs, candidatePairs: candidates.reviewer.length };
}

/**
 * A timetable, solved synchronously in this thread with this thread's clock: the request's
 * `time_limit` bounds every phase, and each progress report goes straight to the pool (posted
 * messages are delivered while the loop here keeps running).
 */
function runTimetable(request: SolveRequest, task: TimetableTask, report: (progress: TaskProgress) => void): SolveReply {
  const seconds = Number(request.options.time_limit);
  const result = solveTimetable(task.problem, {
    seed: task.seed,
    now: () => performance.now(),
    ...(Number.isFinite(seconds) && seconds > 0 ? { timeLimitMs: seconds * 1000 } : {}),
    ...(task.repairIterations !== undefined ? { repairIterations: task.repairIterations } : {}),
    ...(task.improveIterations !== undefined ? { improveIterations: task.improveIterations } : {}),
    ...(task.progressEvery !== undefined ? { progressEvery: task.progressEvery } : {}),
    onProgress: report,
  });
  return { id: request.id, status: result.status, objective: null, columns: {}, timetable: result };
}

export async function handle(request: SolveRequest, report: (phase: TaskProgress) => void = () => {}): Promise<SolveReply> {
  try {
    // The timetabling heuristic needs no HiGHS: it does not wait for (or fail with) the Wasm module.
    if (request.task?.kind === 'timetable') return runTimetable(request, request.task, report);
    const highs = await loadHighs();
    if (request.task) {
      const assignment = await runAssignment(highs, request, request.task, report);
      return { id: request.id, status: assignment.result.status, objective: null, columns: {}, assignment };
    }
    if (INTEGER_SECTION.test(request.lp)) return solveMip(highs, request);
    const result = highs.solve(request.lp, request.options as never);
    const status: string = result.Status;
    const columns: Record<string, number> = {};
    let hasSolution = WITH_SOLUTION.has(status);
    if (hasSolution) {
      for (const [name, column] of Object.entries(result.Columns)) {
        const primal = (column as { Primal?: number }).Primal;
        if (typeof primal === 'number') columns[name] = primal;
      }
      // A limit can stop the solve before any primal point exists; then there is no objective either.
      hasSolution = status === 'Optimal' || Object.keys(columns).length > 0;
    }
    return { id: request.id, status, objective: hasSolution ? result.ObjectiveValue : null, columns };
  } catch (error) {
    // After a Wasm trap (out of memory, abort) the instance's memory may be inconsistent: load a
    // fresh one for the next request rather than trust it.
    if (error instanceof WebAssembly.RuntimeError || /abort|memory/i.test(errorText(error))) loading = null;
    return { id: request.id, status: 'Error', objective: null, columns: {}, error: errorText(error) };
  }
}

const port = parentPort;
if (port) {
  port.on('message', (request: SolveRequest) => {
    void handle(request, (progress) => port.postMessage({ id: request.id, progress } satisfies ProgressMessage)).then((reply) => port.postMessage(reply));
  });
  // Start compiling HiGHS before the first request arrives; a failure surfaces as that request's error reply.
  loadHighs().catch(() => {
    loading = null;
  });
}
