/**
 * Connects the pure solver-driven cores to the worker pool: the cores take the solver as a
 * function that may answer with a promise, so the pool's `solve` is passed straight through,
 * reshaped to what each core reads.
 */
import { solveAssignment, type AssignmentPhase, type AssignmentResult, type SolverOutcome } from '../../core/assignment/model.js';
import type { CandidateSet } from '../../core/assignment/affinity.js';
import { runSelection, type SelectionInput, type SelectionRun, type SolverResult } from '../../core/recruitment/selection.js';
import type { SolveOptions, SolverPool, SolverPoolResult } from './pool.js';

/** The pool's answer in the shape solveAssignment reads (HiGHS' legacy result). */
export function toSolverOutcome(result: SolverPoolResult): SolverOutcome {
  const Columns: Record<string, { Primal: number }> = {};
  for (const [name, primal] of Object.entries(result.columns)) Columns[name] = { Primal: primal };
  return { Status: result.status, ObjectiveValue: result.objective ?? Number.NaN, Columns };
}

/** The pool's answer in the shape runSelection reads (it already matches). */
export function toSelectionSolverResult(result: SolverPoolResult): SolverResult {
  return result;
}

/** runSelection with its MIP solved in the pool; solver failures become the run's `solver_failed` outcome, as in the core. */
export function runSelectionInPool(pool: SolverPool, input: SelectionInput, options: SolveOptions = {}): Promise<SelectionRun> {
  // The selection must be exact: the cut score and explanations assume a proven optimum.
  const solveOptions: SolveOptions = { ...options, highs: { mip_rel_gap: 0, ...options.highs } };
  return runSelection(input, async (lp) => toSelectionSolverResult(await pool.solve(lp, solveOptions)));
}

/**
 * solveAssignment with its LP (and, if ever needed, integer re-solve) in the pool. A pool failure
 * (timeout, dead worker, HiGHS error) rejects, as a throwing solve makes the core throw.
 */
export function solveAssignmentInPool(pool: SolverPool, candidates: CandidateSet, onPhase: (phase: AssignmentPhase) => void = () => {}, options: SolveOptions = {}): Promise<AssignmentResult> {
  return solveAssignment(candidates, async (lp) => toSolverOutcome(await pool.solve(lp, options)), onPhase);
}
