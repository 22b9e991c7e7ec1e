/** Messages between the solver pool (main thread) and a HiGHS worker thread. */

/** HiGHS option values as the legacy `solve` accepts them (e.g. time_limit, mip_rel_gap, presolve). */
export type HighsOptionValues = Readonly<Record<string, number | string | boolean>>;

import type { AffinityBreakdown, ApplicationProfile, CandidateOptions, ReviewerProfile } from '../../core/assignment/affinity.js';
import type { AssignmentPhase, AssignmentResult } from '../../core/assignment/model.js';

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

export interface SolveRequest {
  readonly id: number;
  /** The model in CPLEX LP format (empty when `task` is set). */
  readonly lp: string;
  readonly options: HighsOptionValues;
  readonly task?: AssignmentTask;
}

/** Sent by the worker before its reply while a task moves through its phases. */
export interface ProgressMessage {
  readonly id: number;
  readonly progress: AssignmentPhase;
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
}
