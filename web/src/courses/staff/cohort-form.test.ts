import { describe, expect, it } from 'vitest';
import { cohortFormToInput, emptyCohortForm, emptySessionForm, sessionFormFromView, sessionFormToInput, validateCohortForm, validateSessionForm } from './cohort-form';
import type { SessionViewT } from '../../../../src/shared/contracts/courses';

describe('the cohort form', () => {
  const filled = { ...emptyCohortForm('p1', 'open'), titleKo: ' 강북구 시민혁신가 ', placeKo: '강북구청', startsOn: '2020-09-01', endsOn: '2020-11-30', opensAt: '2020-08-01T09:00', closesAt: '2020-08-20T18:00' };

  it('needs a Korean title and place, real dates in order and a capacity', () => {
    const issues = validateCohortForm({ ...emptyCohortForm('p1', 'open'), startsOn: '2020-09-31', endsOn: '2020-08-01', capacity: '0' });
    expect(Object.keys(issues).sort()).toEqual(['capacity', 'place.ko', 'startsOn', 'title.ko']);
    expect(validateCohortForm({ ...filled, endsOn: '2020-08-01' }).endsOn?.key).toBe('errors.endBeforeStart');
    expect(validateCohortForm({ ...filled, closesAt: '2020-07-01T09:00' }).enrolmentClosesAt?.key).toBe('errors.endBeforeStart');
    expect(validateCohortForm(filled)).toEqual({});
  });

  it('sends trimmed bilingual text, Seoul times and no call for an open cohort', () => {
    const body = cohortFormToInput({ ...filled, callId: 'c1', titleEn: 'Gangbuk' });
    expect(body).toMatchObject({ programmeId: 'p1', title: { ko: '강북구 시민혁신가', en: 'Gangbuk' }, place: { ko: '강북구청' }, capacity: 30, enrolmentMode: 'open', callId: null, enrolmentOpensAt: '2020-08-01T09:00:00+09:00', enrolmentClosesAt: '2020-08-20T18:00:00+09:00', status: 'draft' });
    expect(body.place).not.toHaveProperty('en');
    expect(cohortFormToInput({ ...filled, enrolmentMode: 'selection', callId: 'c1' }).callId).toBe('c1');
  });
});

describe('the session form', () => {
  it('accepts an untimed session and refuses half a time', () => {
    const base = { ...emptySessionForm(), titleKo: '디자인 씽킹' };
    expect(validateSessionForm(base)).toEqual({});
    expect(validateSessionForm({ ...base, day: '2020-08-03' }).startsAt?.key).toBe('courses:staff.form.error.time');
    expect(validateSessionForm({ ...base, durationMinutes: '10', days: '20', weeks: 'x' })).toMatchObject({ durationMinutes: {}, days: {}, 'constraints.allowedWeeks': {} });
  });

  it('turns weeks counted from 1 into weeks from 0 and computes the end', () => {
    const body = sessionFormToInput({ ...emptySessionForm('m1'), type: 'field_study', titleKo: '현장 연수', durationMinutes: '480', days: '3', day: '2020-09-14', time: '09:00', weeks: '9-11', prerequisites: ['s0'] });
    expect(body).toMatchObject({ moduleId: 'm1', type: 'field_study', durationMinutes: 480, days: 3, startsAt: '2020-09-14T09:00:00+09:00', endsAt: '2020-09-16T17:00:00+09:00', roomId: null, placeText: null, goals: null });
    expect(body.constraints).toEqual({ prerequisites: ['s0'], allowedWeeks: [8, 9, 10] });
    expect(sessionFormToInput({ ...emptySessionForm(), titleKo: 'x' })).toMatchObject({ startsAt: null, endsAt: null, constraints: {} });
  });

  it('reads a stored session back into the same fields', () => {
    const view = {
      moduleId: null,
      type: 'lecture',
      title: { ko: '강의', en: 'Lecture' },
      goals: null,
      durationMinutes: 180,
      days: 1,
      startsAt: '2020-08-03T00:00:00.000Z',
      roomId: 'r1',
      placeText: null,
      constraints: { allowedWeeks: [0, 1, 2, 5] },
    } as unknown as SessionViewT;
    expect(sessionFormFromView(view)).toMatchObject({ moduleId: '', titleEn: 'Lecture', day: '2020-08-03', time: '09:00', roomId: 'r1', weeks: '1-3, 6' });
  });
});
