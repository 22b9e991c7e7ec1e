import { describe, expect, it } from 'vitest';
import type { QuestionT } from '../../../src/shared/contracts/recruitment';
import { answerDisplay, draftBody, formFromReview, groupByCall, missingCriteria, parseTags, progress, scaleValues, standingKey, type MyReview } from './review-form';

const rubric = {
  scaleMin: 1,
  scaleMax: 5,
  criteria: [
    { key: 'impact', label: { ko: '파급력', en: 'Impact' }, weight: 2 },
    { key: 'feasibility', label: { ko: '실현 가능성', en: 'Feasibility' }, weight: 1 },
  ],
};

describe('scale and completeness', () => {
  it('lists every point of the scale', () => {
    expect(scaleValues(rubric)).toEqual([1, 2, 3, 4, 5]);
    expect(scaleValues({ scaleMin: 0, scaleMax: 2 })).toEqual([0, 1, 2]);
  });
  it('names the criteria still unscored or off the scale, in rubric order', () => {
    expect(missingCriteria(rubric, {})).toEqual(['impact', 'feasibility']);
    expect(missingCriteria(rubric, { feasibility: 3 })).toEqual(['impact']);
    expect(missingCriteria(rubric, { impact: 6, feasibility: 2.5 })).toEqual(['impact', 'feasibility']);
    expect(missingCriteria(rubric, { impact: 1, feasibility: 5 })).toEqual([]);
  });
});

describe('draft body', () => {
  it('sends only what was scored and written, trimmed', () => {
    expect(draftBody(rubric, { scores: { impact: 4, feasibility: undefined }, comments: { impact: '  clear plan ', feasibility: '   ' }, comment: '' })).toEqual({
      scores: { impact: 4 },
      comments: { impact: 'clear plan' },
      comment: null,
    });
  });
  it('drops keys that are not criteria of the rubric', () => {
    expect(draftBody(rubric, { scores: { impact: 2, stale: 3 }, comments: { stale: 'x' }, comment: ' overall ' })).toEqual({ scores: { impact: 2 }, comments: {}, comment: 'overall' });
  });
  it('round-trips the server state into the form', () => {
    expect(formFromReview(null)).toEqual({ scores: {}, comments: {}, comment: '' });
    expect(formFromReview({ scores: { impact: 3 }, comments: { impact: 'ok' }, comment: null })).toEqual({ scores: { impact: 3 }, comments: { impact: 'ok' }, comment: '' });
  });
});

const item = (callId: string, assignmentId: string, status: MyReview['status']): MyReview => ({
  assignmentId,
  callId,
  callTitle: { ko: `공모 ${callId}` },
  applicationId: `app-${assignmentId}`,
  blind: true,
  applicantName: null,
  applicantOrganisation: null,
  status,
  total: null,
  submittedAt: null,
});

describe('groupByCall', () => {
  it('keeps the server order and numbers applications within each call', () => {
    const groups = groupByCall([item('a', '1', 'submitted'), item('b', '2', 'draft'), item('a', '3', 'not_started')]);
    expect(groups.map((g) => g.callId)).toEqual(['a', 'b']);
    expect(groups[0]!.items.map((i) => [i.review.assignmentId, i.number])).toEqual([
      ['1', 1],
      ['3', 2],
    ]);
    expect(progress(groups[0]!)).toEqual({ submitted: 1, total: 2 });
    expect(groupByCall([])).toEqual([]);
  });
});

describe('answerDisplay', () => {
  const q = (type: QuestionT['type'], extra: Partial<QuestionT> = {}): QuestionT => ({ key: 'k', type, required: false, label: { ko: '질문' }, ...extra });
  const options = [
    { value: 'public', label: { ko: '공공', en: 'Public sector' } },
    { value: 'civil', label: { ko: '시민사회', en: 'Civil society' } },
  ];
  it('shows a missing answer as none', () => {
    expect(answerDisplay(q('short_text'), undefined, [])).toEqual({ kind: 'none' });
    expect(answerDisplay(q('multiple_choice'), [], [])).toEqual({ kind: 'none' });
  });
  it('turns choice values into their labels, keeping unknown values as they are', () => {
    expect(answerDisplay(q('sector', { options }), 'public', [])).toEqual({ kind: 'choices', labels: [options[0]!.label] });
    expect(answerDisplay(q('multiple_choice', { options }), ['civil', 'gone'], [])).toEqual({ kind: 'choices', labels: [options[1]!.label, 'gone'] });
  });
  it('finds a file answer among the files the server sent', () => {
    const files = [{ id: 'f1', name: 'plan.pdf', size: 10, questionKey: 'k' }];
    expect(answerDisplay(q('file'), 'f1', files)).toEqual({ kind: 'file', file: files[0], id: 'f1' });
    expect(answerDisplay(q('file'), 'f2', files)).toEqual({ kind: 'file', file: null, id: 'f2' });
  });
  it('keeps texts, numbers and dates', () => {
    expect(answerDisplay(q('long_text'), '줄1\n줄2', [])).toEqual({ kind: 'text', text: '줄1\n줄2' });
    expect(answerDisplay(q('number'), 0, [])).toEqual({ kind: 'number', value: 0 });
    expect(answerDisplay(q('date'), '2020-03-01', [])).toEqual({ kind: 'date', value: '2020-03-01' });
  });
});

describe('standingKey', () => {
  it('says the outcome once there is one, with the waitlist position when known', () => {
    expect(standingKey({ status: 'submitted', outcome: 'selected', waitlistPosition: null })).toBe('applications.outcome.selected');
    expect(standingKey({ status: 'submitted', outcome: 'waitlisted', waitlistPosition: 2 })).toBe('applications.outcome.waitlistedAt');
    expect(standingKey({ status: 'submitted', outcome: 'waitlisted', waitlistPosition: null })).toBe('applications.outcome.waitlisted');
    expect(standingKey({ status: 'submitted', outcome: 'not_selected', waitlistPosition: null })).toBe('applications.outcome.notSelected');
    expect(standingKey({ status: 'submitted', outcome: 'declined', waitlistPosition: null })).toBe('applications.outcome.declined');
  });
  it('otherwise says the application status', () => {
    expect(standingKey({ status: 'draft', outcome: null, waitlistPosition: null })).toBe('applications.status.draft');
    expect(standingKey({ status: 'withdrawn', outcome: null, waitlistPosition: null })).toBe('applications.status.withdrawn');
  });
});

describe('parseTags', () => {
  it('splits on commas (also Korean ones), trims, and drops blanks and repeats', () => {
    expect(parseTags('urban policy, housing ,, data, housing')).toEqual(['urban policy', 'housing', 'data']);
    expect(parseTags('도시재생、주거，교통')).toEqual(['도시재생', '주거', '교통']);
    expect(parseTags('   ')).toEqual([]);
  });
});
