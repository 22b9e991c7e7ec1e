import { DomainError } from '../shared/domain-error.js';

/**
 * Reviewer calibration. The model and how to read its numbers are in
 * docs/calibration.md: score = applicationQuality + reviewerOffset + noise, fitted by least squares
 * with a ridge penalty λ on the offsets, solved by Gauss–Seidel (alternating exact updates).
 */

/** One reviewer's total for one application (weighted rubric total; any numeric scale). */
export interface Review {
  readonly applicationId: string;
  readonly reviewerId: string;
  readonly score: number;
}

export interface CalibrationOptions {
  /**
   * Ridge penalty on reviewer offsets, in "reviews' worth": a reviewer with n reviews has their
   * offset shrunk by n / (n + λ). 0 means plain least squares with offsets summing to zero.
   */
  readonly lambda?: number;
  /** Disagreement when the sample std-dev of offset-adjusted scores exceeds this (scale units). */
  readonly spreadThreshold?: number;
  /** Disagreement when max − min of offset-adjusted scores exceeds this (scale units). */
  readonly rangeThreshold?: number;
  /** Stop when no estimate moves by more than this in a sweep. */
  readonly tolerance?: number;
  readonly maxIterations?: number;
}

export interface ApplicationCalibration {
  readonly applicationId: string;
  readonly reviews: number;
  readonly rawMean: number;
  /** Estimated quality: the score an average reviewer (offset 0) of its component would give. */
  readonly calibrated: number;
  /** Sample std-dev of the raw scores; null with a single review. */
  readonly spread: number | null;
  /** Sample std-dev after removing each reviewer's offset; null with a single review. */
  readonly adjustedSpread: number | null;
  /** Max − min of the offset-adjusted scores (0 with a single review). */
  readonly adjustedRange: number;
  readonly disagreement: boolean;
  /** Connected component of the review graph; calibrated scores compare exactly within one. */
  readonly component: number;
}

export interface ReviewerCalibration {
  readonly reviewerId: string;
  /** Positive = lenient (scores above the consensus), negative = harsh. */
  readonly offset: number;
  readonly reviews: number;
  readonly component: number;
}

export interface Calibration {
  readonly applications: readonly ApplicationCalibration[];
  readonly reviewers: readonly ReviewerCalibration[];
  readonly components: number;
  readonly iterations: number;
  readonly converged: boolean;
  readonly parameters: Required<CalibrationOptions>;
}

/** Defaults suit a 0..100 scale; pass thresholds in the scale's own units otherwise. */
export const DEFAULT_CALIBRATION_OPTIONS: Required<CalibrationOptions> = {
  lambda: 2,
  spreadThreshold: 15,
  rangeThreshold: 30,
  tolerance: 1e-9,
  maxIterations: 10_000,
};

/** Ordinal string order, independent of the runtime's locale, so results are reproducible. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Reviews indexed by position: the fit runs on integers and typed arrays, not on maps. */
interface Indexed {
  readonly appIds: string[];
  readonly reviewerIds: string[];
  readonly edgeApp: Int32Array;
  readonly edgeReviewer: Int32Array;
  readonly edgeScore: Float64Array;
  readonly appEdges: number[][];
  readonly reviewerEdges: number[][];
  readonly appComponent: Int32Array;
  readonly reviewerComponent: Int32Array;
  readonly components: number;
}

function index(reviews: readonly Review[]): Indexed {
  const seen = new Set<string>();
  for (const r of reviews) {
    if (typeof r.score !== 'number' || !Number.isFinite(r.score)) throw new DomainError('calibration.invalid_score', { applicationId: r.applicationId, reviewerId: r.reviewerId });
    // A pair key that cannot collide: JSON quotes and escapes both parts.
    const key = JSON.stringify([r.applicationId, r.reviewerId]);
    if (seen.has(key)) throw new DomainError('calibration.duplicate_review', { applicationId: r.applicationId, reviewerId: r.reviewerId });
    seen.add(key);
  }
  const appIds = [...new Set(reviews.map((r) => r.applicationId))].sort(compareIds);
  const reviewerIds = [...new Set(reviews.map((r) => r.reviewerId))].sort(compareIds);
  const appPos = new Map(appIds.map((id, i) => [id, i]));
  const reviewerPos = new Map(reviewerIds.map((id, i) => [id, i]));
  // Edges in a canonical order, so floating-point sums do not depend on the input's order.
  const sorted = [...reviews].sort((a, b) => compareIds(a.applicationId, b.applicationId) || compareIds(a.reviewerId, b.reviewerId));
  const m = sorted.length;
  const edgeApp = new Int32Array(m);
  const edgeReviewer = new Int32Array(m);
  const edgeScore = new Float64Array(m);
  const appEdges: number[][] = appIds.map(() => []);
  const reviewerEdges: number[][] = reviewerIds.map(() => []);
  sorted.forEach((r, e) => {
    const a = appPos.get(r.applicationId)!;
    const v = reviewerPos.get(r.reviewerId)!;
    edgeApp[e] = a;
    edgeReviewer[e] = v;
    edgeScore[e] = r.score;
    appEdges[a]!.push(e);
    reviewerEdges[v]!.push(e);
  });

  // Union–find over applications (0..A−1) and reviewers (A..A+R−1).
  const A = appIds.length;
  const parent = Array.from({ length: A + reviewerIds.length }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };
  for (let e = 0; e < m; e++) {
    const ra = find(edgeApp[e]!);
    const rb = find(A + edgeReviewer[e]!);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
  // Components numbered by their first application in id order: stable across runs.
  const label = new Map<number, number>();
  const appComponent = new Int32Array(A);
  for (let a = 0; a < A; a++) {
    const root = find(a);
    if (!label.has(root)) label.set(root, label.size);
    appComponent[a] = label.get(root)!;
  }
  const reviewerComponent = new Int32Array(reviewerIds.length);
  for (let v = 0; v < reviewerIds.length; v++) reviewerComponent[v] = label.get(find(A + v))!;
  return { appIds, reviewerIds, edgeApp, edgeReviewer, edgeScore, appEdges, reviewerEdges, appComponent, reviewerComponent, components: label.size };
}

interface Fit {
  readonly quality: Float64Array;
  readonly offset: Float64Array;
  /** Applications left with no review (only when a reviewer is excluded). */
  readonly unscored: Uint8Array;
  readonly iterations: number;
  readonly converged: boolean;
}

/**
 * Gauss–Seidel on the normal equations. Each half-step is the exact minimiser for one block given
 * the other, so the objective never rises and the iteration converges to the unique minimiser
 * (unique per component: the ridge term, or the explicit centring when λ = 0, fixes the gauge).
 */
function fit(ix: Indexed, p: Required<CalibrationOptions>, excludedReviewer = -1, start?: { quality: Float64Array; offset: Float64Array }): Fit {
  const A = ix.appIds.length;
  const R = ix.reviewerIds.length;
  const quality = new Float64Array(A);
  const offset = new Float64Array(R);
  const unscored = new Uint8Array(A);
  const live = (e: number): boolean => ix.edgeReviewer[e] !== excludedReviewer;
  for (let a = 0; a < A; a++) {
    let sum = 0;
    let n = 0;
    for (const e of ix.appEdges[a]!) {
      if (!live(e)) continue;
      sum += ix.edgeScore[e]!;
      n++;
    }
    if (n === 0) unscored[a] = 1;
    quality[a] = start ? start.quality[a]! : n > 0 ? sum / n : 0;
  }
  if (start) offset.set(start.offset);
  if (excludedReviewer >= 0) offset[excludedReviewer] = 0;

  const componentSize = new Float64Array(ix.components);
  for (let v = 0; v < R; v++) if (v !== excludedReviewer) componentSize[ix.reviewerComponent[v]!]! += 1;
  const componentSum = new Float64Array(ix.components);

  let iterations = 0;
  let converged = false;
  while (iterations < p.maxIterations) {
    iterations++;
    let delta = 0;
    for (let v = 0; v < R; v++) {
      if (v === excludedReviewer) continue;
      let sum = 0;
      let n = 0;
      for (const e of ix.reviewerEdges[v]!) {
        sum += ix.edgeScore[e]! - quality[ix.edgeApp[e]!]!;
        n++;
      }
      const next = n + p.lambda > 0 ? sum / (n + p.lambda) : 0;
      delta = Math.max(delta, Math.abs(next - offset[v]!));
      offset[v] = next;
    }
    if (p.lambda === 0) {
      // Without a penalty only differences are identified; centring per component picks the
      // solution whose average reviewer has offset 0 (what the ridge solution does by itself).
      componentSum.fill(0);
      for (let v = 0; v < R; v++) if (v !== excludedReviewer) componentSum[ix.reviewerComponent[v]!]! += offset[v]!;
      for (let v = 0; v < R; v++) if (v !== excludedReviewer) offset[v]! -= componentSum[ix.reviewerComponent[v]!]! / componentSize[ix.reviewerComponent[v]!]!;
    }
    for (let a = 0; a < A; a++) {
      if (unscored[a]) continue;
      let sum = 0;
      let n = 0;
      for (const e of ix.appEdges[a]!) {
        if (!live(e)) continue;
        sum += ix.edgeScore[e]! - offset[ix.edgeReviewer[e]!]!;
        n++;
      }
      const next = sum / n;
      delta = Math.max(delta, Math.abs(next - quality[a]!));
      quality[a] = next;
    }
    if (delta <= p.tolerance) {
      converged = true;
      break;
    }
  }
  return { quality, offset, unscored, iterations, converged };
}

function sampleStd(values: readonly number[]): number | null {
  if (values.length < 2) return null;
  const mean = values.reduce((s, x) => s + x, 0) / values.length;
  const ss = values.reduce((s, x) => s + (x - mean) ** 2, 0);
  return Math.sqrt(ss / (values.length - 1));
}

function resolveOptions(options: CalibrationOptions): Required<CalibrationOptions> {
  const p = { ...DEFAULT_CALIBRATION_OPTIONS, ...options };
  if (!(p.lambda >= 0) || !Number.isFinite(p.lambda)) throw new DomainError('calibration.invalid_lambda', { lambda: p.lambda });
  if (!(p.tolerance > 0)) throw new DomainError('calibration.invalid_tolerance', { tolerance: p.tolerance });
  if (!Number.isInteger(p.maxIterations) || p.maxIterations < 1) throw new DomainError('calibration.invalid_max_iterations', { maxIterations: p.maxIterations });
  return p;
}

/** Fits reviewer offsets and calibrated application scores; deterministic for any input order. */
export function calibrate(reviews: readonly Review[], options: CalibrationOptions = {}): Calibration {
  const p = resolveOptions(options);
  const ix = index(reviews);
  const f = fit(ix, p);
  return present(ix, f, p);
}

function present(ix: Indexed, f: Fit, p: Required<CalibrationOptions>): Calibration {
  const applications = ix.appIds.map((applicationId, a): ApplicationCalibration => {
    const raw = ix.appEdges[a]!.map((e) => ix.edgeScore[e]!);
    const adjusted = ix.appEdges[a]!.map((e) => ix.edgeScore[e]! - f.offset[ix.edgeReviewer[e]!]!);
    const adjustedSpread = sampleStd(adjusted);
    const adjustedRange = Math.max(...adjusted) - Math.min(...adjusted);
    return {
      applicationId,
      reviews: raw.length,
      rawMean: raw.reduce((s, x) => s + x, 0) / raw.length,
      calibrated: f.quality[a]!,
      spread: sampleStd(raw),
      adjustedSpread,
      adjustedRange,
      disagreement: (adjustedSpread ?? 0) > p.spreadThreshold || adjustedRange > p.rangeThreshold,
      component: ix.appComponent[a]!,
    };
  });
  const reviewers = ix.reviewerIds.map((reviewerId, v): ReviewerCalibration => ({
    reviewerId,
    offset: f.offset[v]!,
    reviews: ix.reviewerEdges[v]!.length,
    component: ix.reviewerComponent[v]!,
  }));
  return { applications, reviewers, components: ix.components, iterations: f.iterations, converged: f.converged, parameters: p };
}

/**
 * Who is in: a cut on the calibrated score (in when ≥ cut), or a selection function given the
 * calibrated scores of the applications that still have reviews (e.g. the quota-aware MIP).
 */
export type Outcome = number | ((calibrated: ReadonlyMap<string, number>) => ReadonlySet<string>);

export interface FlipCheck {
  readonly applicationId: string;
  readonly selected: boolean;
  /** True when removing some single reviewer's reviews moves this application across the cut. */
  readonly flips: boolean;
  /** The reviewers whose removal alone flips it, in id order. */
  readonly flippingReviewers: readonly string[];
}

function decide(outcome: Outcome, scores: ReadonlyMap<string, number>): ReadonlySet<string> {
  if (typeof outcome === 'number') return new Set([...scores].filter(([, s]) => s >= outcome).map(([id]) => id));
  return outcome(scores);
}

/**
 * For each application, whether its outcome survives the removal of any one reviewer (all of that
 * reviewer's reviews, refitting every offset). An application left with no review counts as not
 * selected. Refits start from the full solution, so each converges in a few sweeps.
 */
export function flipsWithoutReviewer(reviews: readonly Review[], outcome: Outcome, options: CalibrationOptions = {}): FlipCheck[] {
  const p = resolveOptions(options);
  const ix = index(reviews);
  const full = fit(ix, p);
  const scoresOf = (f: Fit): Map<string, number> => {
    const m = new Map<string, number>();
    ix.appIds.forEach((id, a) => {
      if (!f.unscored[a]) m.set(id, f.quality[a]!);
    });
    return m;
  };
  const base = decide(outcome, scoresOf(full));
  const flippers: string[][] = ix.appIds.map(() => []);
  for (let v = 0; v < ix.reviewerIds.length; v++) {
    const without = decide(outcome, scoresOf(fit(ix, p, v, full)));
    ix.appIds.forEach((id, a) => {
      if (base.has(id) !== without.has(id)) flippers[a]!.push(ix.reviewerIds[v]!);
    });
  }
  return ix.appIds.map((applicationId, a) => ({
    applicationId,
    selected: base.has(applicationId),
    flips: flippers[a]!.length > 0,
    flippingReviewers: flippers[a]!,
  }));
}
