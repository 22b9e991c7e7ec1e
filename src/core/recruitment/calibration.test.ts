import { describe, expect, it } from 'vitest';
import { DomainError } from '../shared/domain-error.js';
import { calibrate, flipsWithoutReviewer, type Review } from './calibration.js';

/** Deterministic test data: a small LCG and Box–Muller noise. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}
function gaussian(next: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
}

/** 300 applications × 20 reviewers, 3 distinct reviewers each, offsets −9.5..+9.5 summing to zero. */
function synthetic(apps = 300, reviewers = 20, perApp = 3, noise = 3, seed = 7) {
  const next = rng(seed);
  const offsets = Array.from({ length: reviewers }, (_, r) => r - (reviewers - 1) / 2);
  const quality = Array.from({ length: apps }, () => 40 + 40 * next());
  const reviews: Review[] = [];
  for (let a = 0; a < apps; a++) {
    const chosen = new Set<number>();
    while (chosen.size < perApp) chosen.add(Math.floor(next() * reviewers));
    for (const r of chosen) reviews.push({ applicationId: `a${String(a).padStart(3, '0')}`, reviewerId: `r${String(r).padStart(2, '0')}`, score: quality[a]! + offsets[r]! + noise * gaussian(next) });
  }
  return { reviews, offsets, quality };
}

const rmse = (xs: number[], ys: number[]) => Math.sqrt(xs.reduce((s, x, i) => s + (x - ys[i]!) ** 2, 0) / xs.length);

describe('calibrate', () => {
  it('solves a fully crossed 2 × 2 design exactly', () => {
    const reviews: Review[] = [
      { applicationId: 'A', reviewerId: 'r1', score: 60 },
      { applicationId: 'A', reviewerId: 'r2', score: 80 },
      { applicationId: 'B', reviewerId: 'r1', score: 40 },
      { applicationId: 'B', reviewerId: 'r2', score: 60 },
    ];
    const c = calibrate(reviews, { lambda: 0 });
    expect(c.converged).toBe(true);
    expect(c.reviewers.map((r) => r.offset)).toEqual([expect.closeTo(-10, 6), expect.closeTo(10, 6)]);
    const [a, b] = c.applications;
    expect(a).toMatchObject({ applicationId: 'A', reviews: 2, rawMean: 70, disagreement: false });
    expect(a!.calibrated).toBeCloseTo(70, 6);
    expect(b!.calibrated).toBeCloseTo(50, 6);
    expect(a!.spread).toBeCloseTo(Math.SQRT2 * 10, 6);
    // The 20-point gap is the reviewers' standards, not a disagreement about A.
    expect(a!.adjustedSpread).toBeCloseTo(0, 6);
  });

  it('shrinks offsets by n / (n + λ) under the ridge penalty', () => {
    const reviews: Review[] = [
      { applicationId: 'A', reviewerId: 'r1', score: 60 },
      { applicationId: 'A', reviewerId: 'r2', score: 80 },
    ];
    const c = calibrate(reviews, { lambda: 1 });
    // One application: q = 70 − mean(o) and o_r = (s_r − q) / (1 + λ) ⇒ o = ∓5.
    expect(c.reviewers[0]!.offset).toBeCloseTo(-5, 6);
    expect(c.reviewers[1]!.offset).toBeCloseTo(5, 6);
    expect(c.applications[0]!.calibrated).toBeCloseTo(70, 6);
  });

  it('recovers known harsh and lenient reviewers and beats the raw mean', () => {
    const { reviews, offsets, quality } = synthetic();
    for (const lambda of [0, 2]) {
      const c = calibrate(reviews, { lambda });
      expect(c.converged).toBe(true);
      expect(c.components).toBe(1);
      for (const r of c.reviewers) expect(Math.abs(r.offset - offsets[Number(r.reviewerId.slice(1))]!)).toBeLessThan(1.5);
      const truth = c.applications.map((a) => quality[Number(a.applicationId.slice(1))]!);
      const calibratedError = rmse(c.applications.map((a) => a.calibrated), truth);
      const rawError = rmse(c.applications.map((a) => a.rawMean), truth);
      expect(calibratedError).toBeLessThan(rawError / 2);
      expect(c.reviewers.reduce((s, r) => s + r.offset, 0)).toBeCloseTo(0, 6);
    }
  });

  it('calibrates disconnected panels separately, each centred on its own average reviewer', () => {
    const reviews: Review[] = [
      { applicationId: 'A', reviewerId: 'r1', score: 50 },
      { applicationId: 'A', reviewerId: 'r2', score: 70 },
      { applicationId: 'B', reviewerId: 'r3', score: 90 },
      { applicationId: 'B', reviewerId: 'r4', score: 80 },
      { applicationId: 'C', reviewerId: 'r3', score: 70 },
    ];
    const c = calibrate(reviews, { lambda: 0 });
    expect(c.components).toBe(2);
    expect(c.applications.map((a) => a.component)).toEqual([0, 1, 1]);
    expect(c.reviewers[0]!.offset + c.reviewers[1]!.offset).toBeCloseTo(0, 6);
    expect(c.reviewers[2]!.offset + c.reviewers[3]!.offset).toBeCloseTo(0, 6);
  });

  it('flags disagreement and leaves the spread null for a single review', () => {
    const c = calibrate(
      [
        { applicationId: 'A', reviewerId: 'r1', score: 20 },
        { applicationId: 'A', reviewerId: 'r2', score: 90 },
        { applicationId: 'B', reviewerId: 'r1', score: 55 },
        { applicationId: 'B', reviewerId: 'r2', score: 55 },
        { applicationId: 'C', reviewerId: 'r1', score: 60 },
        { applicationId: 'D', reviewerId: 'r1', score: 50 },
        { applicationId: 'D', reviewerId: 'r2', score: 52 },
        { applicationId: 'E', reviewerId: 'r1', score: 70 },
        { applicationId: 'E', reviewerId: 'r2', score: 70 },
      ],
      { lambda: 0 },
    );
    expect(c.applications[0]!.disagreement).toBe(true);
    expect(c.applications[1]!.disagreement).toBe(false);
    expect(c.applications[2]!).toMatchObject({ spread: null, adjustedSpread: null, adjustedRange: 0, disagreement: false });
  });

  it('does not depend on the order of the reviews', () => {
    const { reviews } = synthetic(60, 8, 3, 3, 11);
    const shuffled = [...reviews].reverse();
    expect(calibrate(shuffled)).toEqual(calibrate(reviews));
  });

  it('refuses non-finite scores and duplicate reviews', () => {
    expect(() => calibrate([{ applicationId: 'A', reviewerId: 'r', score: Number.NaN }])).toThrow(DomainError);
    const r = { applicationId: 'A', reviewerId: 'r', score: 1 };
    expect(() => calibrate([r, r])).toThrow(DomainError);
  });
});

describe('flipsWithoutReviewer', () => {
  it('matches refitting from scratch without each reviewer', () => {
    const { reviews } = synthetic(60, 8, 3, 6, 3);
    const cut = 62;
    const checks = flipsWithoutReviewer(reviews, cut);
    const base = new Map(calibrate(reviews).applications.map((a) => [a.applicationId, a.calibrated >= cut]));
    const reviewerIds = [...new Set(reviews.map((r) => r.reviewerId))].sort();
    const expected = new Map<string, string[]>([...base.keys()].map((id) => [id, []]));
    for (const r of reviewerIds) {
      const without = new Map(calibrate(reviews.filter((x) => x.reviewerId !== r)).applications.map((a) => [a.applicationId, a.calibrated >= cut]));
      for (const [id, inBase] of base) if ((without.get(id) ?? false) !== inBase) expected.get(id)!.push(r);
    }
    expect(checks.some((c) => c.flips)).toBe(true);
    expect(checks.some((c) => !c.flips)).toBe(true);
    for (const c of checks) {
      expect(c.selected).toBe(base.get(c.applicationId));
      expect(c.flippingReviewers).toEqual(expected.get(c.applicationId));
    }
  });

  it('counts a selected application with a single reviewer as resting on that reviewer', () => {
    const checks = flipsWithoutReviewer(
      [
        { applicationId: 'A', reviewerId: 'r1', score: 80 },
        { applicationId: 'B', reviewerId: 'r1', score: 40 },
        { applicationId: 'B', reviewerId: 'r2', score: 45 },
      ],
      (scores) => new Set([...scores].filter(([, s]) => s >= 60).map(([id]) => id)),
    );
    expect(checks[0]).toEqual({ applicationId: 'A', selected: true, flips: true, flippingReviewers: ['r1'] });
    expect(checks[1]).toMatchObject({ applicationId: 'B', selected: false, flips: false });
  });

  it('handles 300 applications × 20 reviewers quickly', () => {
    const { reviews } = synthetic();
    const started = performance.now();
    const checks = flipsWithoutReviewer(reviews, 60);
    expect(checks).toHaveLength(300);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
