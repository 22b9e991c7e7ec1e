/** Messages between the solver pool (main thread) and a HiGHS worker thread. */

/** HiGHS option values as the legacy `solve` accepts them (e.g. time_limit, mip_rel_gap, presolve). */
export type HighsOptionValues = Readonly<Record<string, number | string | boolean>>;

import type { AffinityBreakdown, ApplicationProfile, CandidateOptions, ReviewerProfile } from '../../core/assignment/affinity.js';
import type { AssignmentPhase, AssignmentResult } from '../../core/assignment/model.js';
import type { TimetableProblem } from '../../core/courses/timetable-model.js';
import type { TimetableProgress, TimetableResult } from '../../core/courses/timetable-solver.js';

/**
 * A whole reviewer assignment, run in the worker from profiles to pairs: conflict detection,
 * candidate generation, the LP and reading the solution are CPU work too (seconds at 10,000 × 1,000),
 * so none of it may run on the thread that serves HTTP. Only profiles go in and pairs come out.
 */
export interface AssignmentTask {
  readonly kind: 'assignment';
  readonly applications: readonly ApplicationProfile[];
  readonly reviewers: readonly ReviewerProfile[];
  readonly options: Omit<CandidateOptions, 'conflicts'>;
}

export interface AssignmentTaskResult {
  readonly result: AssignmentResult;
  /** Why each pair was made, in the order of `result.pairs` (empty unless assigned). */
  readonly why: readonly AffinityBreakdown[];
  /** Conflicted pairs found (declared, same organisation, same domain). */
  readonly conflicts: number;
  readonly candidatePairs: number;
}

/**
 * A whole timetable (docs/timetabling.md): the pure heuristic of src/core/courses is synchronous CPU
 * work (seconds on the 400-session benchmark, up to its time limit on a knot it cannot untie), so
 * it runs here, not on the HTTP thread. HiGHS is not involved; the time limit is the request's
 * `time_limit` (seconds), read by the solver through the worker's own clock.
 */
export interface TimetableTask {
  readonly kind: 'timetable';
  readonly problem: TimetableProblem;
  readonly seed: number | string;
  /** Iteration caps, for reproducible runs (the time limit still applies). */
  readonly repairIterations?: number;
  readonly improveIterations?: number;
  /** Iterations between progress reports (the solver's default: 2,000). */
  readonly progressEvery?: number;
}

export type SolverTask = AssignmentTask | TimetableTask;

export interface SolveRequest {
  readonly id: number;
  /** The model in CPLEX LP format (empty when `task` is set). */
  readonly lp: string;
  readonly options: HighsOptionValues;
  readonly task?: SolverTask;
}

/** What a task reports while it runs: an assignment's phase, or a timetable's phase and counts. */
export type TaskProgress = AssignmentPhase | TimetableProgress;

/** Sent by the worker before its reply while a task moves through its phases. */
export interface ProgressMessage {
  readonly id: number;
  readonly progress: TaskProgress;
}

export interface SolveReply {
  readonly id: number;
  /** HiGHS model-status words ('Optimal', 'Infeasible', 'Time limit reached', …); 'Error' when `error` is set. */
  readonly status: string;
  /** Null unless HiGHS reports a usable solution (optimal, or a limit reached with a primal solution). */
  readonly objective: number | null;
  /** Primal value by column name; empty when there is no solution. */
  readonly columns: Record<string, number>;
  /** Relative MIP gap when the model had integer columns and a solution; absent for pure LPs. */
  readonly gap?: number | null;
  /** Set when HiGHS threw (unreadable model, bad option, Wasm abort or out of memory). */
  readonly error?: string;
  /** The outcome of an assignment task. */
  readonly assignment?: AssignmentTaskResult;
  /** The outcome of a timetable task. */
  readonly timetable?: TimetableResult;
}
