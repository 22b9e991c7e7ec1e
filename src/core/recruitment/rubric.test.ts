import { describe, expect, it } from 'vitest';
import { reviewTotal } from './rubric.js';

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
