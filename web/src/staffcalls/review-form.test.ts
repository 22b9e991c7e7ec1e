import { describe, expect, it } from 'vitest';
import { ReviewerInvite, ReviewSettings } from '../../../src/shared/contracts/review';
import { emptyCriterion, emptyReviewerForm, parseTags, reviewerFormToInvite, reviewerFormToPatch, settingsFormFromView, settingsFormToInput, validateReviewerForm, validateSettingsForm, weightShares } from './review-form';

const view = {
  callId: '0190a000-0000-7000-8000-000000000001',
  reviewsStarted: 0,
  reviewsPerApplication: 3,
  blindReview: true,
  rubric: { scaleMin: 1, scaleMax: 5, criteria: [{ key: 'impact', label: { ko: '파급력', en: 'Impact' }, weight: 2 }, { key: 'feasibility', label: { ko: '실현 가능성' }, description: { ko: '계획이 구체적인가' }, weight: 1 }] },
};

describe('review settings form', () => {
  it('round-trips the settings and builds a body the contract accepts', () => {
    const form = settingsFormFromView(view);
    expect(validateSettingsForm(form)).toEqual({});
    const body = settingsFormToInput(form);
    expect(() => ReviewSettings.parse(body)).not.toThrow();
    expect(body).toEqual({ rubric: view.rubric, reviewsPerApplication: 3, blindReview: true });
  });

  it('sends no rubric while there are no criteria', () => {
    const form = settingsFormFromView({ ...view, rubric: null });
    expect(form.scaleMin).toBe('1');
    expect(form.scaleMax).toBe('5');
    expect(settingsFormToInput(form).rubric).toBeNull();
    expect(validateSettingsForm(form)).toEqual({});
  });

  it('checks scale, weights, keys and labels at the server paths', () => {
    const form = settingsFormFromView(view);
    form.scaleMin = '5';
    form.reviewsPerApplication = '0';
    form.criteria[0]!.weight = '0';
    form.criteria[1]!.key = 'impact';
    form.criteria.push({ ...emptyCriterion(['impact', 'feasibility']), labelKo: '' });
    expect(validateSettingsForm(form)).toEqual({
      reviewsPerApplication: { key: 'staffcalls:errors.atLeast', params: { min: 1 } },
      'rubric.scaleMax': { key: 'staffcalls:errors.scaleOrder' },
      'rubric.criteria.0.weight': { key: 'staffcalls:errors.weight' },
      'rubric.criteria.1.key': { key: 'staffcalls:errors.duplicateKey', params: { key: 'impact' } },
      'rubric.criteria.2.label.ko': { key: 'staffcalls:errors.required' },
    });
  });

  it('shows each weight as a share of the total', () => {
    const form = settingsFormFromView(view);
    expect(weightShares(form.criteria)).toEqual([66.7, 33.3]);
    form.criteria[1]!.weight = '';
    expect(weightShares(form.criteria)).toEqual([null, null]);
  });
});

describe('reviewer form', () => {
  it('splits tags and builds an invitation the contract accepts', () => {
    expect(parseTags(' housing, energy\ncare, housing ,, ')).toEqual(['housing', 'energy', 'care']);
    const form = { ...emptyReviewerForm(), email: ' rev@example.org ', organisation: ' 서울연구원 ', sectors: ['public'], topics: '주거, 교통', expertise: '', load: '8' };
    expect(validateReviewerForm(form, true)).toEqual({});
    const invite = reviewerFormToInvite(form);
    expect(invite).toEqual({ email: 'rev@example.org', organisation: '서울연구원', sectors: ['public'], topics: ['주거', '교통'], expertise: [], load: 8 });
    expect(() => ReviewerInvite.parse(invite)).not.toThrow();
    expect(reviewerFormToPatch(form)).not.toHaveProperty('email');
    expect(reviewerFormToInvite({ ...form, organisation: '' }).organisation).toBeNull();
  });

  it('checks e-mail and load', () => {
    expect(validateReviewerForm({ ...emptyReviewerForm(), email: 'nope', load: '-1' }, true)).toEqual({
      email: { key: 'staffcalls:errors.email' },
      load: { key: 'staffcalls:errors.atLeast', params: { min: 0 } },
    });
    expect(validateReviewerForm({ ...emptyReviewerForm(), email: '' }, false)).toEqual({});
  });
});
