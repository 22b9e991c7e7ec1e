import { describe, expect, it } from 'vitest';
import { checkRubric, checkScores, reviewTotal, sameScoring } from './rubric.js';

const rubric = { scaleMin: 1, scaleMax: 5, criteria: [{ key: 'impact', weight: 2 }, { key: 'feasibility', weight: 1 }] };

describe('reviewTotal', () => {
  it('maps the weighted mean of criterion scores onto 0..100', () => {
    expect(reviewTotal(rubric, { impact: 5, feasibility: 5 })).toBe(100);
    expect(reviewTotal(rubric, { impact: 1, feasibility: 1 })).toBe(0);
    // (2 × 0.75 + 1 × 0.25) / 3 = 0.58333…
    expect(reviewTotal(rubric, { impact: 4, feasibility: 2 })).toBe(58.33);
  });
  it('is null while a criterion is unscored', () => {
    expect(reviewTotal(rubric, { impact: 4 })).toBeNull();
  });
});

describe('checkRubric', () => {
  it('accepts a coherent rubric', () => {
    expect(checkRubric(rubric)).toEqual([]);
  });
  it('names the field of each problem', () => {
    const bad = { scaleMin: 5, scaleMax: 5, criteria: [{ key: 'a', weight: 0 }, { key: 'a', weight: 1 }] };
    expect(checkRubric(bad).map((e) => [e.code, e.field])).toEqual([
      ['review.scale_inverted', 'rubric.scaleMax'],
      ['review.weight_invalid', 'rubric.criteria.0.weight'],
      ['review.duplicate_criterion', 'rubric.criteria.1.key'],
    ]);
    expect(checkRubric({ scaleMin: 1, scaleMax: 5, criteria: [] }).map((e) => e.code)).toEqual(['review.criteria_missing']);
  });
});

describe('checkScores', () => {
  it('lets a draft leave criteria out but not a submission', () => {
    expect(checkScores(rubric, { impact: 4 }, {}, false)).toEqual([]);
    expect(checkScores(rubric, { impact: 4 }, {}, true).map((e) => [e.code, e.field])).toEqual([['review.score_missing', 'scores.feasibility']]);
  });
  it('refuses unknown criteria, fractions and scores off the scale', () => {
    const errors = checkScores(rubric, { impact: 6, feasibility: 2.5, other: 3 }, { nope: 'x' }, false);
    expect(errors.map((e) => [e.code, e.field])).toEqual([
      ['review.score_unknown', 'scores.other'],
      ['review.score_unknown', 'comments.nope'],
      ['review.score_out_of_range', 'scores.impact'],
      ['review.score_not_integer', 'scores.feasibility'],
    ]);
    expect(errors[2]!.params).toEqual({ min: 1, max: 5 });
  });
});

describe('sameScoring', () => {
  it('ignores labels but not weights, keys or the scale', () => {
    expect(sameScoring(rubric, { ...rubric })).toBe(true);
    expect(sameScoring(rubric, { ...rubric, scaleMax: 7 })).toBe(false);
    expect(sameScoring(rubric, { ...rubric, criteria: [{ key: 'impact', weight: 1 }, { key: 'feasibility', weight: 1 }] })).toBe(false);
  });
});
