/**
 * Rubric arithmetic (issue 3, point 4): a reviewer scores every criterion on the rubric's integer
 * scale; the review's total is the weighted mean of the criterion scores, mapped to 0..100 so that
 * calibration thresholds and selection scores read the same whatever scale staff chose.
 */
export interface RubricShape {
  readonly scaleMin: number;
  readonly scaleMax: number;
  readonly criteria: readonly { readonly key: string; readonly weight: number }[];
}

/** Weighted total on 0..100, rounded to 0.01; null while any criterion is unscored. */
export function reviewTotal(rubric: RubricShape, scores: Readonly<Record<string, number>>): number | null {
  const span = rubric.scaleMax - rubric.scaleMin;
  let weights = 0;
  let sum = 0;
  for (const c of rubric.criteria) {
    const s = scores[c.key];
    if (s === undefined) return null;
    weights += c.weight;
    sum += c.weight * (span > 0 ? (s - rubric.scaleMin) / span : 1);
  }
  if (weights <= 0) return null;
  return Math.round((sum / weights) * 10_000) / 100;
}
