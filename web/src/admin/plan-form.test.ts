import { describe, expect, it } from 'vitest';
import {
  emptyMilestoneForm,
  emptyTask,
  emptyWorkPackageForm,
  milestoneFormFromView,
  milestoneFormToInput,
  moveItem,
  validateMilestoneForm,
  validateWorkPackageForm,
  workPackageFormFromView,
  workPackageFormToInput,
} from './plan-form';

const wp1 = {
  id: '01a214c4-5e06-7cf0-addb-44173b709b3c',
  position: 0,
  code: 'WP1',
  title: { ko: '중·장기 종합계획 수립 용역', en: 'Master plan research service' },
  start: '2020-02',
  end: '2020-07',
  operator: { ko: '연구용역 수행기관', en: 'Research contractor' },
  place: null,
  tasks: [{ ko: '현황 조사 및 분석', en: 'Survey and analysis' }, { ko: '교재개발 등' }],
  note: { ko: '학술용역심의 완료' },
  budgetLineId: '01a214c4-5dc9-7929-abc7-ff634bad16eb',
  budget: 70_000_000,
  done: null,
};

describe('work package form', () => {
  it('round-trips a work package, clearing empty optional texts to null', () => {
    expect(workPackageFormToInput(workPackageFormFromView(wp1))).toEqual({
      code: 'WP1',
      title: { ko: '중·장기 종합계획 수립 용역', en: 'Master plan research service' },
      start: '2020-02',
      end: '2020-07',
      operator: { ko: '연구용역 수행기관', en: 'Research contractor' },
      place: null,
      tasks: [{ ko: '현황 조사 및 분석', en: 'Survey and analysis' }, { ko: '교재개발 등' }],
      note: { ko: '학술용역심의 완료' },
      budgetLineId: '01a214c4-5dc9-7929-abc7-ff634bad16eb',
      done: null,
    });
  });
  it('keeps an English-only note and unlinks the budget line', () => {
    const form = { ...workPackageFormFromView(wp1), noteKo: '', noteEn: 'English only', budgetLineId: '' };
    const body = workPackageFormToInput(form);
    expect(body.note).toEqual({ ko: '', en: 'English only' });
    expect(body.budgetLineId).toBeNull();
  });
  it('checks required fields, dates and task rows under server paths', () => {
    const form = { ...emptyWorkPackageForm(), start: '2020-13', end: '2020', tasks: [emptyTask()] };
    expect(validateWorkPackageForm(form)).toEqual({
      code: { key: 'errors.required' },
      'title.ko': { key: 'errors.required' },
      start: { key: 'errors.planDate' },
      end: { key: 'errors.planDate' },
      'tasks.0.ko': { key: 'errors.required' },
    });
  });
  it('compares dates by month, as the plan does', () => {
    const base = { ...workPackageFormFromView(wp1) };
    expect(validateWorkPackageForm({ ...base, start: '2020-07-20', end: '2020-07' })).toEqual({});
    expect(validateWorkPackageForm({ ...base, start: '2020-08', end: '2020-07-31' })).toEqual({ end: { key: 'errors.endBeforeStart' } });
  });
});

describe('milestone form', () => {
  it('validates and round-trips', () => {
    expect(validateMilestoneForm(emptyMilestoneForm())).toEqual({ 'title.ko': { key: 'errors.required' }, start: { key: 'errors.required' }, end: { key: 'errors.required' } });
    const m = { id: 'm', position: 0, title: { ko: '결과 발표', en: 'Results' }, start: '2020-11', end: '2020-12-15', workPackageId: null, done: null };
    expect(milestoneFormToInput(milestoneFormFromView(m))).toEqual({ title: { ko: '결과 발표', en: 'Results' }, start: '2020-11', end: '2020-12-15', workPackageId: null, done: null });
    // The completion record round-trips in all three states.
    for (const done of [true, false, null]) expect(milestoneFormToInput(milestoneFormFromView({ ...m, done })).done).toBe(done);
  });
});

describe('moveItem', () => {
  it('swaps with the neighbour and ignores moves past the ends', () => {
    expect(moveItem(['a', 'b', 'c'], 1, -1)).toEqual(['b', 'a', 'c']);
    expect(moveItem(['a', 'b', 'c'], 1, 1)).toEqual(['a', 'c', 'b']);
    expect(moveItem(['a', 'b'], 0, -1)).toEqual(['a', 'b']);
    expect(moveItem(['a', 'b'], 1, 1)).toEqual(['a', 'b']);
  });
});
