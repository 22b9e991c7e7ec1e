import { describe, expect, it } from 'vitest';
import type { Calibration } from '../../core/recruitment/calibration.js';
import { attributesOf, buildCandidatePool, samePool } from './candidates.js';
import { pickPromotion } from './promotion.js';

const h = (id: string, sector: string, region?: string) => ({ id, attributes: { sector, ...(region ? { region } : {}) } });

describe('pickPromotion', () => {
  it('takes the first waitlisted person when no quota is in the way', () => {
    expect(pickPromotion([], [h('a', 'civil')], [h('w1', 'company'), h('w2', 'civil')])).toBe('w1');
  });

  it('skips people a reached maximum keeps out', () => {
    const quotas = [{ attribute: 'sector', value: 'company', max: 1 }];
    expect(pickPromotion(quotas, [h('a', 'company')], [h('w1', 'company'), h('w2', 'civil')])).toBe('w2');
  });

  it('prefers the first person who keeps a minimum met', () => {
    const quotas = [{ attribute: 'sector', value: 'public', min: 2 }];
    expect(pickPromotion(quotas, [h('a', 'public')], [h('w1', 'civil'), h('w2', 'public'), h('w3', 'public')])).toBe('w2');
  });

  it('falls back to the first allowed person when no one can meet the minimum', () => {
    const quotas = [
      { attribute: 'sector', value: 'public', min: 2 },
      { attribute: 'sector', value: 'company', max: 0 },
    ];
    expect(pickPromotion(quotas, [h('a', 'public')], [h('w1', 'company'), h('w2', 'civil')])).toBe('w2');
  });

  it('promotes nobody when every waiting person would break a maximum', () => {
    const quotas = [{ attribute: 'sector', value: 'company', max: 1 }];
    expect(pickPromotion(quotas, [h('a', 'company')], [h('w1', 'company')])).toBeNull();
    expect(pickPromotion([], [], [])).toBeNull();
  });
});

describe('candidates from applications', () => {
  const questions = [
    { key: 'field', type: 'sector' as const, required: true, label: { ko: '분야' }, options: [{ value: 'public', label: { ko: '공공' } }] },
    { key: 'region', type: 'single_choice' as const, required: false, label: { ko: '지역' }, options: [{ value: 'seoul', label: { ko: '서울' } }] },
    { key: 'topics', type: 'multiple_choice' as const, required: false, label: { ko: '주제' }, options: [{ value: 'x', label: { ko: 'x' } }] },
    { key: 'age', type: 'number' as const, required: false, label: { ko: '나이' } },
  ];
  const quotas = [
    { attribute: 'region', value: 'seoul', min: 1 },
    { attribute: 'topics', value: 'x', max: 1 },
    { attribute: 'age', value: '30', max: 1 },
  ];

  it('reads sector from the sector question and other attributes from the question with their key', () => {
    expect(attributesOf(questions, quotas, { field: 'public', region: 'seoul', topics: ['x'], age: 30 })).toEqual({ sector: 'public', region: 'seoul', age: '30' });
    expect(attributesOf(questions, quotas, { field: '', region: 'seoul' })).toEqual({ region: 'seoul' });
  });

  it('lists applications without a review as not scored', () => {
    const calibration = { applications: [{ applicationId: 'a', reviews: 2, rawMean: 70, calibrated: 72 }] } as unknown as Calibration;
    const pool = buildCandidatePool({ questions, quotas }, [
      { id: 'a', answers: { field: 'public' } },
      { id: 'b', answers: { field: 'public' } },
    ], calibration);
    expect(pool.candidates).toEqual([{ id: 'a', score: 72, attributes: { sector: 'public' } }]);
    expect(pool.notScored).toEqual(['b']);
    expect(pool.scoring).toEqual({ a: { rawMean: 70, reviews: 2 } });
    expect(samePool(pool, { candidates: [{ id: 'a', score: 72 + 1e-9, attributes: { sector: 'public' } }], notScored: ['b'] })).toBe(true);
    expect(samePool(pool, { candidates: [{ id: 'a', score: 73, attributes: { sector: 'public' } }], notScored: ['b'] })).toBe(false);
    expect(samePool(pool, { candidates: [{ id: 'a', score: 72, attributes: { sector: 'public' } }], notScored: [] })).toBe(false);
  });
});
