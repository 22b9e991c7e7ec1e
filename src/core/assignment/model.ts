/**
 * The assignment as a linear programme (docs/assignment.md): variables only for candidate pairs,
 * every application exactly k reviewers (less any kept from before), every reviewer at most their load, total affinity
 * maximised. It is a bipartite b-matching, whose constraint matrix is totally unimodular, so the
 * LP optimum HiGHS returns at a vertex is already 0/1; the integrality is still checked and, should
 * a solver ever return an interior point, the same model is re-solved with integer variables.
 * Infeasible requests are diagnosed before solving, in numbers staff can act on.
 */
import type { CandidateSet } from './affinity.js';

export type InfeasibilityReason =
  | { code: 'invalid_request'; field: 'k'; value: number }
  | { code: 'not_enough_slots'; needed: number; available: number; missing: number }
  | { code: 'too_few_conflict_free_reviewers'; k: number; applications: { id: string; conflictFree: number }[] }
  | { code: 'candidate_cut_too_narrow'; needed: number; reachable: number; topK: number }
  | { code: 'shared_reviewers_overloaded'; applicationIds: string[]; reviewerIds: string[]; needed: number; available: number }
  | { code: 'no_assignment_exists' };

/** Caps the ids listed in one reason: staff need the first few and the count, not 10,000 ids. */
export const MAX_LISTED_IDS = 50;

/**
 * Necessary conditions checked before any solver runs, each with the numbers to change. The last
 * two are Hall-type checks on the candidate graph: a set S of applications needs k·|S| reviews,
 * and reviewer r can give S at most min(load r, candidates of r in S).
 */
export function diagnoseAssignment(c: CandidateSet): InfeasibilityReason[] {
  const reasons: InfeasibilityReason[] = [];
  const A = c.applicationIds.length;
  if (!Number.isInteger(c.k) || c.k < 1) return [{ code: 'invalid_request', field: 'k', value: c.k }];
  if (A === 0) return [];
  // Reviews still to place: k each, less those kept from earlier (CandidateSet.need).
  let needed = 0;
  for (let a = 0; a < A; a++) needed += c.need[a]!;
  let available = 0;
  for (const load of c.loads) available += load;
  if (available < needed) reasons.push({ code: 'not_enough_slots', needed, available, missing: needed - available });

  const short: { id: string; conflictFree: number }[] = [];
  // Reviewers already kept on an application count as free of conflict for it in the message, so
  // the number shown compares with k as the text says.
  for (let a = 0; a < A; a++) if (c.conflictFree[a]! < c.need[a]!) short.push({ id: c.applicationIds[a]!, conflictFree: c.conflictFree[a]! + c.k - c.need[a]! });
  if (short.length > 0) reasons.push({ code: 'too_few_conflict_free_reviewers', k: c.k, applications: short });

  const degree = new Int32Array(c.reviewerIds.length);
  for (const r of c.reviewer) degree[r]!++;
  let reachable = 0;
  for (let r = 0; r < degree.length; r++) reachable += Math.min(c.loads[r]!, degree[r]!);
  // Only a separate finding when the loads themselves would do: otherwise it repeats the first.
  if (reachable < needed && available >= needed) {
    let cut = false;
    for (let a = 0; a < A && !cut; a++) cut = c.need[a]! > 0 && c.offsets[a + 1]! - c.offsets[a]! < c.conflictFree[a]!;
    if (cut) reasons.push({ code: 'candidate_cut_too_narrow', needed, reachable, topK: c.topK });
    else {
      // Nothing was cut: conflicts alone leave the reachable reviewers too little load.
      const reviewers: string[] = [];
      for (let r = 0; r < degree.length && reviewers.length < MAX_LISTED_IDS; r++) if (degree[r]! > c.loads[r]!) reviewers.push(c.reviewerIds[r]!);
      reasons.push({ code: 'shared_reviewers_overloaded', applicationIds: c.applicationIds.slice(0, MAX_LISTED_IDS), reviewerIds: reviewers, needed, available: reachable });
    }
  }

  // Hall check on the applications with the fewest options (at most 2k candidates, since their
  // reviewers are the likeliest to be overbooked), when no earlier finding already explains it.
  if (reasons.length === 0) {
    const tight: number[] = [];
    for (let a = 0; a < A; a++) if (c.need[a]! > 0 && c.offsets[a + 1]! - c.offsets[a]! <= 2 * c.need[a]!) tight.push(a);
    if (tight.length > 0) {
      const inSet = new Map<number, number>();
      for (const a of tight) for (let e = c.offsets[a]!; e < c.offsets[a + 1]!; e++) inSet.set(c.reviewer[e]!, (inSet.get(c.reviewer[e]!) ?? 0) + 1);
      let cap = 0;
      for (const [r, d] of inSet) cap += Math.min(c.loads[r]!, d);
      let need = 0;
      for (const a of tight) need += c.need[a]!;
      if (cap < need) {
        reasons.push({
          code: 'shared_reviewers_overloaded',
          applicationIds: tight.slice(0, MAX_LISTED_IDS).map((a) => c.applicationIds[a]!),
          reviewerIds: [...inSet.keys()].slice(0, MAX_LISTED_IDS).map((r) => c.reviewerIds[r]!),
          needed: need,
          available: cap,
        });
      }
    }
  }
  return reasons;
}

/** Variable name of candidate entry e: short, because there can be half a million of them. */
export const varName = (e: number): string => `x${e}`;

export interface AssignmentLp {
  text: string;
  variables: number;
  rows: number;
}

/** Terms per line: readers accept long lines, but people reading an exported model do not. */
const TERMS_PER_LINE = 12;

/**
 * The model in CPLEX LP format, built as an array of line parts joined once (string concatenation
 * of half a million terms would copy quadratically). A reviewer row is written only when their
 * candidate count exceeds their load; otherwise the 0..1 bounds already keep it.
 */
export function buildAssignmentLp(c: CandidateSet, options: { integer?: boolean } = {}): AssignmentLp {
  const n = c.reviewer.length;
  const parts: string[] = ['\\ Open Campus review assignment\nMaximize\n obj:'];
  let line: string[] = [];
  const flush = (into: string[]) => {
    if (line.length > 0) into.push(` ${line.join(' ')}\n`);
    line = [];
  };
  for (let e = 0; e < n; e++) {
    line.push(`+ ${c.points[e]} ${varName(e)}`);
    if (line.length === TERMS_PER_LINE) flush(parts);
  }
  flush(parts);
  if (n === 0) parts.push(' 0\n');
  parts.push('Subject To\n');
  let rows = 0;
  for (let a = 0; a < c.applicationIds.length; a++) {
    const from = c.offsets[a]!;
    const to = c.offsets[a + 1]!;
    // No candidates: nothing left to place (need 0), or diagnosed before solving; a row without
    // variables is not valid LP.
    if (from === to) continue;
    parts.push(` a${a}:`);
    for (let e = from; e < to; e++) {
      line.push(`+ ${varName(e)}`);
      if (line.length === TERMS_PER_LINE) flush(parts);
    }
    flush(parts);
    parts.push(` = ${c.need[a]}\n`);
    rows++;
  }
  // Group entries by reviewer with a counting sort: two integer arrays, no per-reviewer lists.
  const R = c.reviewerIds.length;
  const start = new Int32Array(R + 1);
  for (let e = 0; e < n; e++) start[c.reviewer[e]! + 1]!++;
  for (let r = 0; r < R; r++) start[r + 1]! += start[r]!;
  const fill = start.slice(0, R);
  const byReviewer = new Int32Array(n);
  for (let e = 0; e < n; e++) byReviewer[fill[c.reviewer[e]!]!++] = e;
  for (let r = 0; r < R; r++) {
    if (start[r + 1]! - start[r]! <= c.loads[r]!) continue;
    parts.push(` r${r}:`);
    for (let i = start[r]!; i < start[r + 1]!; i++) {
      line.push(`+ ${varName(byReviewer[i]!)}`);
      if (line.length === TERMS_PER_LINE) flush(parts);
    }
    flush(parts);
    parts.push(` <= ${c.loads[r]}\n`);
    rows++;
  }
  parts.push('Bounds\n');
  for (let e = 0; e < n; e++) parts.push(` 0 <= ${varName(e)} <= 1\n`);
  if (options.integer) {
    parts.push('General\n');
    for (let e = 0; e < n; e++) {
      line.push(varName(e));
      if (line.length === TERMS_PER_LINE) flush(parts);
    }
    flush(parts);
  }
  parts.push('End\n');
  return { text: parts.join(''), variables: n, rows };
}

/** The parts of a solver answer this module reads (HiGHS's legacy `solve` result fits). */
export interface SolverOutcome {
  Status: string;
  ObjectiveValue: number;
  Columns: Readonly<Record<string, { Primal?: number } | undefined>>;
}

/** Values within this distance of 0 or 1 count as integral (HiGHS's feasibility tolerance is 1e-7). */
export const INTEGRALITY_TOLERANCE = 1e-6;

/** Whether every candidate variable in the solution is 0 or 1 (a missing column reads as 0). */
export function isIntegral(c: CandidateSet, outcome: SolverOutcome): boolean {
  for (let e = 0; e < c.reviewer.length; e++) {
    const v = outcome.Columns[varName(e)]?.Primal ?? 0;
    if (Math.abs(v - Math.round(v)) > INTEGRALITY_TOLERANCE) return false;
  }
  return true;
}

export interface AssignedPair {
  applicationId: string;
  reviewerId: string;
  points: number;
  /** 1 = the application's best-scoring candidate. */
  rank: number;
  candidates: number;
}

export type AssignmentResult =
  | { status: 'assigned'; pairs: AssignedPair[]; objective: number; solvedAsInteger: boolean }
  | { status: 'infeasible'; reasons: InfeasibilityReason[] }
  | { status: 'not_solved'; solverStatus: string };

/** Pairs chosen in an optimal 0/1 solution, in application then rank order. */
export function readPairs(c: CandidateSet, outcome: SolverOutcome): AssignedPair[] {
  const pairs: AssignedPair[] = [];
  for (let a = 0; a < c.applicationIds.length; a++) {
    const from = c.offsets[a]!;
    const to = c.offsets[a + 1]!;
    for (let e = from; e < to; e++) {
      if ((outcome.Columns[varName(e)]?.Primal ?? 0) < 0.5) continue;
      pairs.push({
        applicationId: c.applicationIds[a]!,
        reviewerId: c.reviewerIds[c.reviewer[e]!]!,
        points: c.points[e]!,
        rank: e - from + 1,
        candidates: to - from,
      });
    }
  }
  return pairs;
}

export type AssignmentPhase = 'diagnosing' | 'building' | 'solving' | 'verifying' | 'resolving_integer' | 'done';

/**
 * Diagnose, build, solve, verify, read. `solve` is the solver (HiGHS in a worker thread, with its
 * time limit) passed in, so this stays pure; `onPhase` reports progress. Never throws for an
 * infeasible request: the reasons come back as data.
 */
export async function solveAssignment(
  c: CandidateSet,
  solve: (lp: string) => SolverOutcome | Promise<SolverOutcome>,
  onPhase: (phase: AssignmentPhase) => void = () => {},
): Promise<AssignmentResult> {
  onPhase('diagnosing');
  const reasons = diagnoseAssignment(c);
  if (reasons.length > 0) {
    onPhase('done');
    return { status: 'infeasible', reasons };
  }
  let totalNeed = 0;
  for (const n of c.need) totalNeed += n;
  if (totalNeed === 0) {
    onPhase('done');
    return { status: 'assigned', pairs: [], objective: 0, solvedAsInteger: false };
  }
  let solvedAsInteger = false;
  onPhase('building');
  const lp = buildAssignmentLp(c).text;
  onPhase('solving');
  let outcome = await solve(lp);
  onPhase('verifying');
  if (outcome.Status === 'Optimal' && !isIntegral(c, outcome)) {
    onPhase('resolving_integer');
    outcome = await solve(buildAssignmentLp(c, { integer: true }).text);
    solvedAsInteger = true;
  }
  onPhase('done');
  if (outcome.Status === 'Optimal') return { status: 'assigned', pairs: readPairs(c, outcome), objective: Math.round(outcome.ObjectiveValue), solvedAsInteger };
  if (outcome.Status === 'Infeasible' || outcome.Status === 'Primal infeasible or unbounded') return { status: 'infeasible', reasons: [{ code: 'no_assignment_exists' }] };
  return { status: 'not_solved', solverStatus: outcome.Status };
}
