import { describe, expect, it } from 'vitest';
import { percent, ruleLines } from './progress';

describe('ruleLines', () => {
  it('says how many more sessions attendance needs and how many are left', () => {
    const lines = ruleLines({ kind: 'attendance', status: 'pending', minRate: 0.8, counted: 15, attended: 7, excused: 1, required: 12, missing: 5, remaining: 6, rate: 7 / 15 });
    expect(lines.title).toEqual({ key: 'me.progress.attendance', values: { percent: 80 } });
    expect(lines.detail).toEqual({ key: 'me.progress.attendanceMissing', values: { attended: 7, counted: 15, required: 12, missing: 5, remaining: 6 } });
  });

  it('says when attendance can no longer be reached', () => {
    const lines = ruleLines({ kind: 'attendance', status: 'missed', minRate: 0.8, counted: 10, attended: 2, excused: 0, required: 8, missing: 6, remaining: 1, rate: 0.2 });
    expect(lines.detail.key).toBe('me.progress.attendanceMissed');
  });

  it('words required session types, including one not scheduled yet', () => {
    expect(ruleLines({ kind: 'session_type', sessionType: 'field_study', status: 'pending', total: 1, attended: 0, missing: 1 }).detail).toEqual({
      key: 'me.progress.sessionTypeMissing',
      values: { attended: 0, total: 1, missing: 1 },
    });
    expect(ruleLines({ kind: 'session_type', sessionType: 'field_study', status: 'met', total: 1, attended: 1, missing: 0 }).detail.key).toBe('me.progress.sessionTypeMet');
    expect(ruleLines({ kind: 'session_type', sessionType: 'field_study', status: 'pending', total: 0, attended: 0, missing: 0 }).detail.key).toBe('me.progress.sessionTypeUnscheduled');
  });

  it('words the experiment report', () => {
    expect(ruleLines({ kind: 'experiment_report', status: 'pending', submitted: false }).detail.key).toBe('me.progress.reportMissing');
    expect(ruleLines({ kind: 'experiment_report', status: 'met', submitted: true }).detail.key).toBe('me.progress.reportMet');
  });
});

describe('percent', () => {
  it('rounds to whole percent', () => {
    expect(percent(7 / 15)).toBe(47);
    expect(percent(null)).toBeNull();
  });
});
