import { compareIds } from './calibration.js';
import { hashSeed, mulberry32 } from '../shared/random.js';

/**
 * Quota-constrained selection as pure functions around an injected MIP solver:
 * build a CPLEX-LP model, pre-check the quotas, interpret the solver's answer, explain every
 * outcome, replay a stored run. docs/selection.md describes the model, ties and explanations.
 */

export interface Candidate {
  readonly id: string;
  /** Calibrated score; higher is better. */
  readonly score: number;
  /** e.g. { sector: 'company' | 'public' | 'university' | 'civil_society' } and staff-defined ones. */
  readonly attributes: Readonly<Record<string, string>>;
}

export interface Quota {
  readonly attribute: string;
  readonly value: string;
  readonly min?: number;
  readonly max?: number;
}

export interface Locks {
  readonly in: readonly string[];
  readonly out: readonly string[];
}

export interface SelectionInput {
  readonly candidates: readonly Candidate[];
  readonly capacity: number;
  readonly quotas: readonly Quota[];
  readonly locks?: Locks;
  /** Stored with the run; orders exact ties reproducibly. */
  readonly seed: number | string;
  /** Scores closer than this count as tied (default 0.01, for a 0..100 scale). */
  readonly scoreResolution?: number;
}

/** What an injected MIP solver returns for a CPLEX-LP model; `status` uses HiGHS's model-status words. */
export interface SolverResult {
  readonly status: string;
  readonly columns: Readonly<Record<string, number>>;
  readonly objective: number | null;
  readonly gap?: number | null;
}

/** The injected solver: HiGHS in-process (tests) or in a worker thread (the server), hence a promise. */
export type Solve = (lp: string) => SolverResult | Promise<SolverResult>;

export type InfeasibilityCode =
  | 'invalid_capacity'
  | 'invalid_score'
  | 'invalid_score_resolution'
  | 'duplicate_candidate'
  | 'unknown_locked_candidate'
  | 'locked_both_ways'
  | 'locks_exceed_capacity'
  | 'invalid_quota'
  | 'quota_min_above_max'
  | 'quota_min_exceeds_candidates'
  | 'quota_max_below_locked_in'
  | 'attribute_requirements_exceed_capacity'
  | 'quota_combination_infeasible'
  | 'solver_failed'
  | 'solution_violates_constraints';

/** A machine-readable reason; the edge turns code + params into words. */
export interface SelectionReason {
  readonly code: InfeasibilityCode;
  readonly params: Readonly<Record<string, string | number>>;
}

export type BindingCode = 'locked_in' | 'locked_out' | 'min_quota' | 'max_quota' | 'displaced_by_min_quota' | 'seat_freed_by_max_quota';

export interface Binding {
  readonly code: BindingCode;
  readonly quotaIndex?: number;
  readonly attribute?: string;
  readonly value?: string;
  readonly limit?: number;
  readonly count?: number;
}

export interface Explanation {
  readonly id: string;
  readonly status: 'selected' | 'waitlisted' | 'excluded';
  /** 1-based position by score (ties by the seeded order) among all candidates. */
  readonly rank: number;
  readonly waitlistPosition: number | null;
  readonly score: number;
  /** score − cut score: ≥ 0 above the cut; for the not selected, minus the gap to enter. */
  readonly margin: number | null;
  readonly bindings: readonly Binding[];
}

export type SelectionStatus = 'optimal' | 'feasible' | 'infeasible' | 'error';

export interface SelectionResult {
  readonly status: SelectionStatus;
  readonly selected: readonly string[];
  readonly waitlist: readonly string[];
  /** Lowest score among the selected who were not locked in; null when there are none. */
  readonly cutScore: number | null;
  readonly totalScore: number;
  readonly explanations: readonly Explanation[];
  readonly reasons: readonly SelectionReason[];
}

export interface SolverReport {
  readonly status: string;
  readonly objective: number | null;
  readonly gap: number | null;
}

/** Everything needed to audit and replay a run. */
export interface SelectionRun {
  readonly modelVersion: number;
  readonly input: SelectionInput;
  readonly parameters: { readonly scoreResolution: number };
  readonly solver: SolverReport | null;
  readonly result: SelectionResult;
}

/** Bumped whenever the model or the tie rule changes, so old runs are not "replayed" under new rules. */
export const SELECTION_MODEL_VERSION = 1;
export const DEFAULT_SCORE_RESOLUTION = 0.01;

/** The seeded tie order: candidate ids sorted, then Fisher–Yates shuffled. */
export function tieOrder(ids: readonly string[], seed: number | string): string[] {
  const order = [...ids].sort(compareIds);
  const next = mulberry32(hashSeed(seed));
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

const matches = (c: Candidate, q: Quota): boolean => c.attributes[q.attribute] === q.value;

/**
 * Checks before solving that no capacity, lock or quota is impossible on its face. Each reason
 * carries the numbers behind it. An empty list does not prove feasibility: quotas on different
 * attributes can still clash, which the solver then reports.
 */
export function checkSelectionInput(input: SelectionInput): SelectionReason[] {
  const reasons: SelectionReason[] = [];
  const { capacity } = input;
  if (!Number.isInteger(capacity) || capacity < 0) reasons.push({ code: 'invalid_capacity', params: { capacity } });
  const resolution = input.scoreResolution ?? DEFAULT_SCORE_RESOLUTION;
  if (!(resolution > 0) || !Number.isFinite(resolution)) reasons.push({ code: 'invalid_score_resolution', params: { scoreResolution: resolution } });
  const ids = new Set<string>();
  for (const c of input.candidates) {
    if (ids.has(c.id)) reasons.push({ code: 'duplicate_candidate', params: { id: c.id } });
    ids.add(c.id);
    if (typeof c.score !== 'number' || !Number.isFinite(c.score)) reasons.push({ code: 'invalid_score', params: { id: c.id } });
  }
  const lockIn = new Set(input.locks?.in ?? []);
  const lockOut = new Set(input.locks?.out ?? []);
  for (const id of [...lockIn, ...lockOut].sort(compareIds)) if (!ids.has(id)) reasons.push({ code: 'unknown_locked_candidate', params: { id } });
  for (const id of [...lockIn].sort(compareIds)) if (lockOut.has(id)) reasons.push({ code: 'locked_both_ways', params: { id } });
  if (Number.isInteger(capacity) && lockIn.size > capacity) reasons.push({ code: 'locks_exceed_capacity', params: { lockedIn: lockIn.size, capacity } });

  const lockedInCandidates = input.candidates.filter((c) => lockIn.has(c.id));
  input.quotas.forEach((q, quotaIndex) => {
    const base = { quotaIndex, attribute: q.attribute, value: q.value };
    const bad = (n: number | undefined): boolean => n !== undefined && (!Number.isInteger(n) || n < 0);
    if (bad(q.min) || bad(q.max)) {
      reasons.push({ code: 'invalid_quota', params: base });
      return;
    }
    if (q.min !== undefined && q.max !== undefined && q.min > q.max) reasons.push({ code: 'quota_min_above_max', params: { ...base, min: q.min, max: q.max } });
    if (q.min !== undefined) {
      const available = input.candidates.filter((c) => matches(c, q) && !lockOut.has(c.id)).length;
      if (q.min > available) reasons.push({ code: 'quota_min_exceeds_candidates', params: { ...base, min: q.min, available } });
    }
    if (q.max !== undefined) {
      const lockedIn = lockedInCandidates.filter((c) => matches(c, q)).length;
      if (lockedIn > q.max) reasons.push({ code: 'quota_max_below_locked_in', params: { ...base, max: q.max, lockedIn } });
    }
  });

  // Within one attribute each person holds one value, so seats each value needs (its min, or its
  // locked-in people if more) add up; other locked-in people need seats of their own.
  if (Number.isInteger(capacity)) {
    const attributes = [...new Set(input.quotas.map((q) => q.attribute))].sort(compareIds);
    for (const attribute of attributes) {
      const needs = new Map<string, number>();
      for (const q of input.quotas) if (q.attribute === attribute && q.min !== undefined) needs.set(q.value, Math.max(needs.get(q.value) ?? 0, q.min));
      const lockedByValue = new Map<string, number>();
      let lockedOther = 0;
      for (const c of lockedInCandidates) {
        const v = c.attributes[attribute];
        if (v !== undefined && needs.has(v)) lockedByValue.set(v, (lockedByValue.get(v) ?? 0) + 1);
        else lockedOther++;
      }
      let required = lockedOther;
      for (const [v, min] of needs) required += Math.max(min, lockedByValue.get(v) ?? 0);
      if (required > capacity && needs.size > 0) reasons.push({ code: 'attribute_requirements_exceed_capacity', params: { attribute, required, capacity } });
    }
  }
  return reasons;
}

/** The model: column `x_<k>` is the k-th candidate in id order. */
export interface SelectionModel {
  readonly lp: string;
  readonly columns: readonly string[];
  readonly candidateIds: readonly string[];
  /** Seeded tie order, best first among equals. */
  readonly tieOrder: readonly string[];
  readonly scoreResolution: number;
}

const column = (k: number): string => `x_${k}`;

function linear(terms: readonly string[]): string {
  // Short lines keep the text readable when stored; the LP format allows continuation lines.
  const lines: string[] = [];
  for (let i = 0; i < terms.length; i += 10) lines.push(terms.slice(i, i + 10).join(' + '));
  return lines.join('\n   + ');
}

/**
 * Builds the CPLEX-LP text. Scores are quantised to `scoreResolution` and the objective is in
 * exact integers: (seatBonus + units_i) · K + tie_i, where tie_i ∈ 1..n and K exceeds any sum of
 * ties, so ties never outweigh a real score difference, and seatBonus exceeds any score trade-off,
 * so the model fills every seat the quotas allow before it compares scores.
 */
export function buildSelectionModel(input: SelectionInput): SelectionModel {
  const resolution = input.scoreResolution ?? DEFAULT_SCORE_RESOLUTION;
  const sorted = [...input.candidates].sort((a, b) => compareIds(a.id, b.id));
  const n = sorted.length;
  const order = tieOrder(
    sorted.map((c) => c.id),
    input.seed,
  );
  const tiePos = new Map(order.map((id, i) => [id, i]));
  const units = sorted.map((c) => Math.round(c.score / resolution));
  const minUnits = n > 0 ? Math.min(...units) : 0;
  const span = n > 0 ? Math.max(...units) - minUnits : 0;
  const cap = Math.max(0, Math.min(input.capacity, n));
  const K = cap * n + 1;
  const seatBonus = cap * span + 1;
  const weights = sorted.map((c, k) => (seatBonus + units[k]! - minUnits) * K + (n - tiePos.get(c.id)!));
  const idx = new Map(sorted.map((c, k) => [c.id, k]));

  const rows: string[] = [];
  rows.push(` capacity: ${linear(sorted.map((_, k) => column(k)))} <= ${input.capacity}`);
  input.quotas.forEach((q, i) => {
    const terms = sorted.flatMap((c, k) => (matches(c, q) ? [column(k)] : []));
    if (terms.length === 0) return;
    if (q.min !== undefined && q.min > 0) rows.push(` q${i}_min: ${linear(terms)} >= ${q.min}`);
    if (q.max !== undefined) rows.push(` q${i}_max: ${linear(terms)} <= ${q.max}`);
  });
  for (const id of input.locks?.in ?? []) if (idx.has(id)) rows.push(` lock_in_${idx.get(id)!}: ${column(idx.get(id)!)} = 1`);
  for (const id of input.locks?.out ?? []) if (idx.has(id)) rows.push(` lock_out_${idx.get(id)!}: ${column(idx.get(id)!)} = 0`);

  const lp = [
    `\\ Open Campus selection model v${SELECTION_MODEL_VERSION}`,
    'Maximize',
    ` obj: ${linear(sorted.map((_, k) => `${weights[k]} ${column(k)}`))}`,
    'Subject To',
    ...rows,
    'Binary',
    ...sorted.map((_, k) => ` ${column(k)}`),
    'End',
    '',
  ].join('\n');
  return { lp, columns: sorted.map((_, k) => column(k)), candidateIds: sorted.map((c) => c.id), tieOrder: order, scoreResolution: resolution };
}

/** Maps HiGHS's model-status words onto what the selection can use. */
export function classifySolverStatus(status: string, hasSolution: boolean): SelectionStatus {
  switch (status) {
    case 'Optimal':
      return 'optimal';
    case 'Infeasible':
      return 'infeasible';
    case 'Time limit reached':
    case 'Iteration limit reached':
    case 'Bound on objective reached':
    case 'Target for objective reached':
    case 'Interrupted':
      return hasSolution ? 'feasible' : 'error';
    default:
      return 'error';
  }
}

function emptyResult(status: SelectionStatus, reasons: readonly SelectionReason[]): SelectionResult {
  return { status, selected: [], waitlist: [], cutScore: null, totalScore: 0, explanations: [], reasons };
}

/** Ranked order used everywhere: quantised score descending, then the seeded tie order. */
function rankOrder(input: SelectionInput, model: SelectionModel): Candidate[] {
  const tiePos = new Map(model.tieOrder.map((id, i) => [id, i]));
  const u = (c: Candidate): number => Math.round(c.score / model.scoreResolution);
  return [...input.candidates].sort((a, b) => u(b) - u(a) || tiePos.get(a.id)! - tiePos.get(b.id)!);
}

/**
 * Turns the solver's columns into the selection, the ranked waitlist and one explanation per
 * candidate. A solution that breaks a constraint is reported as an error, never trusted.
 */
export function interpretSelection(input: SelectionInput, model: SelectionModel, solved: SolverResult): SelectionResult {
  const hasSolution = model.columns.every((c) => typeof solved.columns[c] === 'number');
  const status = classifySolverStatus(solved.status, hasSolution);
  if (status === 'infeasible') {
    return emptyResult('infeasible', [{ code: 'quota_combination_infeasible', params: { quotas: input.quotas.map((_, i) => i).join(',') } }]);
  }
  if (status === 'error') return emptyResult('error', [{ code: 'solver_failed', params: { status: solved.status } }]);

  const chosen = new Set(model.candidateIds.filter((_, k) => solved.columns[model.columns[k]!]! > 0.5));
  const violations = violatedConstraints(input, chosen);
  if (violations.length > 0) return emptyResult('error', violations);
  return explain(input, model, chosen, status);
}

function violatedConstraints(input: SelectionInput, chosen: ReadonlySet<string>): SelectionReason[] {
  const out: SelectionReason[] = [];
  if (chosen.size > input.capacity) out.push({ code: 'solution_violates_constraints', params: { constraint: 'capacity', count: chosen.size, limit: input.capacity } });
  input.quotas.forEach((q, quotaIndex) => {
    const count = input.candidates.filter((c) => chosen.has(c.id) && matches(c, q)).length;
    if (q.min !== undefined && count < q.min) out.push({ code: 'solution_violates_constraints', params: { constraint: 'min', quotaIndex, count, limit: q.min } });
    if (q.max !== undefined && count > q.max) out.push({ code: 'solution_violates_constraints', params: { constraint: 'max', quotaIndex, count, limit: q.max } });
  });
  for (const id of input.locks?.in ?? []) if (!chosen.has(id)) out.push({ code: 'solution_violates_constraints', params: { constraint: 'lock_in', id } });
  for (const id of input.locks?.out ?? []) if (chosen.has(id)) out.push({ code: 'solution_violates_constraints', params: { constraint: 'lock_out', id } });
  return out;
}

function explain(input: SelectionInput, model: SelectionModel, chosen: ReadonlySet<string>, status: SelectionStatus): SelectionResult {
  const lockIn = new Set(input.locks?.in ?? []);
  const lockOut = new Set(input.locks?.out ?? []);
  const ranked = rankOrder(input, model);
  const selectedFree = ranked.filter((c) => chosen.has(c.id) && !lockIn.has(c.id));
  const cutScore = selectedFree.length > 0 ? Math.min(...selectedFree.map((c) => c.score)) : null;

  // What pure ranking would pick (locks kept, quotas ignored): the difference is what quotas did.
  const free = ranked.filter((c) => !lockIn.has(c.id) && !lockOut.has(c.id));
  const unconstrained = new Set([...lockIn, ...free.slice(0, Math.max(0, Math.min(input.capacity, ranked.length) - lockIn.size)).map((c) => c.id)]);

  const counts = input.quotas.map((q) => input.candidates.filter((c) => chosen.has(c.id) && matches(c, q)).length);
  const tightMin = input.quotas.flatMap((q, i) => (q.min !== undefined && q.min > 0 && counts[i] === q.min ? [i] : []));
  const tightMax = input.quotas.flatMap((q, i) => (q.max !== undefined && counts[i] === q.max ? [i] : []));
  const binding = (code: BindingCode, i: number, limit: number): Binding => {
    const q = input.quotas[i]!;
    return { code, quotaIndex: i, attribute: q.attribute, value: q.value, limit, count: counts[i]! };
  };

  const waitlist = ranked.filter((c) => !chosen.has(c.id) && !lockOut.has(c.id)).map((c) => c.id);
  const waitPos = new Map(waitlist.map((id, i) => [id, i + 1]));
  const explanations = ranked.map((c, r): Explanation => {
    const bindings: Binding[] = [];
    const isIn = chosen.has(c.id);
    if (lockIn.has(c.id)) bindings.push({ code: 'locked_in' });
    else if (lockOut.has(c.id)) bindings.push({ code: 'locked_out' });
    else if (isIn && !unconstrained.has(c.id)) {
      const own = tightMin.filter((i) => matches(c, input.quotas[i]!));
      if (own.length > 0) for (const i of own) bindings.push(binding('min_quota', i, input.quotas[i]!.min!));
      else for (const i of tightMax.filter((i) => !matches(c, input.quotas[i]!))) bindings.push(binding('seat_freed_by_max_quota', i, input.quotas[i]!.max!));
    } else if (!isIn) {
      const own = tightMax.filter((i) => matches(c, input.quotas[i]!));
      for (const i of own) bindings.push(binding('max_quota', i, input.quotas[i]!.max!));
      if (own.length === 0 && unconstrained.has(c.id)) {
        for (const i of tightMin.filter((i) => !matches(c, input.quotas[i]!))) bindings.push(binding('displaced_by_min_quota', i, input.quotas[i]!.min!));
      }
    }
    return {
      id: c.id,
      status: isIn ? 'selected' : lockOut.has(c.id) ? 'excluded' : 'waitlisted',
      rank: r + 1,
      waitlistPosition: waitPos.get(c.id) ?? null,
      score: c.score,
      margin: cutScore === null ? null : c.score - cutScore,
      bindings,
    };
  });
  return {
    status,
    selected: ranked.filter((c) => chosen.has(c.id)).map((c) => c.id),
    waitlist,
    cutScore,
    totalScore: ranked.filter((c) => chosen.has(c.id)).reduce((s, c) => s + c.score, 0),
    explanations,
    reasons: [],
  };
}

/**
 * Pre-checks, builds, solves (through the injected solver) and interprets one selection, returning
 * the record to store. Never throws on bad quotas: an impossible set comes back as reasons.
 */
export async function runSelection(input: SelectionInput, solve: Solve): Promise<SelectionRun> {
  const scoreResolution = input.scoreResolution ?? DEFAULT_SCORE_RESOLUTION;
  const base = { modelVersion: SELECTION_MODEL_VERSION, input, parameters: { scoreResolution } };
  const reasons = checkSelectionInput(input);
  if (reasons.length > 0) return { ...base, solver: null, result: emptyResult('infeasible', reasons) };
  const model = buildSelectionModel(input);
  if (input.candidates.length === 0) return { ...base, solver: null, result: explain(input, model, new Set(), 'optimal') };
  let solved: SolverResult;
  try {
    solved = await solve(model.lp);
  } catch (e) {
    // A solver crash is a run outcome to record, not a reason to lose the run.
    const status = e instanceof Error ? e.message : 'exception';
    return { ...base, solver: { status, objective: null, gap: null }, result: emptyResult('error', [{ code: 'solver_failed', params: { status } }]) };
  }
  const result = interpretSelection(input, model, solved);
  const gap = solved.gap ?? (result.status === 'optimal' ? 0 : null);
  return { ...base, solver: { status: solved.status, objective: solved.objective, gap }, result };
}

/** Re-runs a stored selection and says whether it reproduces the stored outcome exactly. */
export async function replaySelection(run: SelectionRun, solve: Solve): Promise<{ readonly identical: boolean; readonly replay: SelectionRun }> {
  const replay = await runSelection({ ...run.input, scoreResolution: run.parameters.scoreResolution }, solve);
  const same = (a: readonly unknown[], b: readonly unknown[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);
  const identical =
    run.modelVersion === SELECTION_MODEL_VERSION &&
    replay.result.status === run.result.status &&
    same(replay.result.selected, run.result.selected) &&
    same(replay.result.waitlist, run.result.waitlist) &&
    same(
      replay.result.reasons.map((r) => JSON.stringify(r)),
      run.result.reasons.map((r) => JSON.stringify(r)),
    );
  return { identical, replay };
}
