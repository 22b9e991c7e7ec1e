import { describe, expect, it } from 'vitest';
import { conflictDelta, isFinishedRun, phaseName, runPercent, sessionsInConflict, warningKey, warningsOf, type ConflictWarningT } from './timetable';

const warning = (kind: string, sessionIds: string[], otherSessionIds: string[] = [], time = '09:00'): ConflictWarningT => ({
  kind,
  sessionIds,
  otherSessionIds,
  resource: null,
  date: '2020-08-03',
  time,
  text: { ko: '충돌', en: 'Clash' },
});

describe('timetable runs', () => {
  it('knows finished runs and phases', () => {
    expect(isFinishedRun({ status: 'done' })).toBe(true);
    expect(isFinishedRun({ status: 'failed' })).toBe(true);
    expect(isFinishedRun({ status: 'running' })).toBe(false);
    expect(phaseName('repairing')).toBe('repairing');
    expect(phaseName('mystery')).toBeNull();
    expect(phaseName(null)).toBeNull();
  });

  it('follows placed sessions on the bar, and is full only when over', () => {
    const p = (placed: number, placeable: number, hardConflicts = 0) => ({ phase: 'constructing', placed, placeable, hardConflicts, softScore: 0, iteration: 0 });
    expect(runPercent({ status: 'queued', progress: null })).toBe(0);
    expect(runPercent({ status: 'running', progress: null })).toBe(5);
    expect(runPercent({ status: 'running', progress: p(20, 40) })).toBe(50);
    expect(runPercent({ status: 'running', progress: p(40, 40, 3) })).toBe(90);
    expect(runPercent({ status: 'running', progress: p(40, 40, 0) })).toBe(95);
    expect(runPercent({ status: 'done', progress: p(10, 40) })).toBe(100);
  });
});

describe('conflict warnings', () => {
  it('names every session involved, in this cohort and others', () => {
    const ws = [warning('cohort_clash', ['a', 'b']), warning('lecturer_clash', ['c'], ['x'])];
    expect([...sessionsInConflict({ warnings: ws })].sort()).toEqual(['a', 'b', 'c', 'x']);
    expect(sessionsInConflict(undefined).size).toBe(0);
    expect(warningsOf('c', ws).map((w) => w.kind)).toEqual(['lecturer_clash']);
    expect(warningsOf('z', ws)).toEqual([]);
  });

  it('tells new warnings from resolved ones, whatever the order of ids', () => {
    const before = [warning('cohort_clash', ['a', 'b'])];
    const same = [warning('cohort_clash', ['b', 'a'])];
    expect(warningKey(before[0]!)).toBe(warningKey(same[0]!));
    expect(conflictDelta(before, same)).toEqual({ added: 0, removed: 0 });
    expect(conflictDelta([], before)).toEqual({ added: 1, removed: 0 });
    expect(conflictDelta(before, [])).toEqual({ added: 0, removed: 1 });
    expect(conflictDelta(before, [warning('cohort_clash', ['a', 'b'], [], '14:00')])).toEqual({ added: 1, removed: 1 });
  });
});
