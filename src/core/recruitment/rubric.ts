/**
 * Rubric arithmetic (docs/calibration.md): a reviewer scores every criterion on the rubric's integer
 * scale; the review's total is the weighted mean of the criterion scores, mapped to 0..100 so that
 * calibration thresholds and selection scores read the same whatever scale staff chose.
 */
import { DomainError } from '../shared/domain-error.js';

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

/** Every incoherence in a rubric (field paths under `rubric.`); empty when it can be saved. */
export function checkRubric(rubric: RubricShape): DomainError[] {
  const errors: DomainError[] = [];
  if (!Number.isInteger(rubric.scaleMin) || !Number.isInteger(rubric.scaleMax) || rubric.scaleMin >= rubric.scaleMax) {
    errors.push(new DomainError('review.scale_inverted', {}, 'rubric.scaleMax'));
  }
  if (rubric.criteria.length === 0) errors.push(new DomainError('review.criteria_missing', {}, 'rubric.criteria'));
  const keys = new Set<string>();
  rubric.criteria.forEach((c, i) => {
    if (keys.has(c.key)) errors.push(new DomainError('review.duplicate_criterion', { key: c.key }, `rubric.criteria.${i}.key`));
    keys.add(c.key);
    if (!(c.weight > 0) || !Number.isFinite(c.weight)) errors.push(new DomainError('review.weight_invalid', {}, `rubric.criteria.${i}.weight`));
  });
  return errors;
}

/**
 * Problems with a reviewer's scores and comments (paths `scores.<key>`, `comments.<key>`). A draft
 * may leave criteria unscored; `complete` (a submission) requires every one.
 */
export function checkScores(rubric: RubricShape, scores: Readonly<Record<string, number>>, comments: Readonly<Record<string, string>>, complete: boolean): DomainError[] {
  const errors: DomainError[] = [];
  const keys = new Set(rubric.criteria.map((c) => c.key));
  for (const key of Object.keys(scores)) if (!keys.has(key)) errors.push(new DomainError('review.score_unknown', { key }, `scores.${key}`));
  for (const key of Object.keys(comments)) if (!keys.has(key)) errors.push(new DomainError('review.score_unknown', { key }, `comments.${key}`));
  for (const c of rubric.criteria) {
    const s = scores[c.key];
    const at = `scores.${c.key}`;
    if (s === undefined) {
      if (complete) errors.push(new DomainError('review.score_missing', {}, at));
    } else if (!Number.isInteger(s)) errors.push(new DomainError('review.score_not_integer', {}, at));
    else if (s < rubric.scaleMin || s > rubric.scaleMax) errors.push(new DomainError('review.score_out_of_range', { min: rubric.scaleMin, max: rubric.scaleMax }, at));
  }
  return errors;
}

/** Whether two rubrics score the same way (scale, criteria keys and weights); labels may differ. */
export function sameScoring(a: RubricShape, b: RubricShape): boolean {
  if (a.scaleMin !== b.scaleMin || a.scaleMax !== b.scaleMax || a.criteria.length !== b.criteria.length) return false;
  return a.criteria.every((c, i) => c.key === b.criteria[i]!.key && c.weight === b.criteria[i]!.weight);
}
