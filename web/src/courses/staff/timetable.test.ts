import { describe, expect, it } from 'vitest';
import { conflictDelta, isFinishedRun, lecturerPreferredCell, phaseName, qualitySummary, runPercent, sessionsInConflict, warningKey, warningsOf, type ConflictWarningT } from './timetable';

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

describe('soft quality of a run', () => {
  const quality = { score: 17, spreadExcess: 2, dailyExcess: 1, avoidedSlotsUsed: 1, preferenceMisses: 2, preferenceHits: 12 };
  const lecturer = (name: string, sessions: number, hits: number, misses: number, avoided: number) => ({ userId: `u-${name}`, name, sessions, hits, misses, avoided });

  it('says how many lecturer-sessions kept a preferred slot and how many landed in an avoided one', () => {
    const summary = qualitySummary({ quality, lecturerPreferences: [lecturer('Kim', 8, 7, 1, 0), lecturer('Lee', 7, 5, 1, 1)] });
    expect(summary).toEqual({ score: 17, crowdedWeeks: 2, crowdedDays: 1, wishes: { kind: 'stated', hits: 12, total: 14, avoided: 1 } });
  });

  it('tells a run where nobody stated wishes from one stored before wishes were counted', () => {
    expect(qualitySummary({ quality: { ...quality, preferenceHits: 0, preferenceMisses: 0, avoidedSlotsUsed: 0 }, lecturerPreferences: [] })?.wishes).toEqual({ kind: 'none' });
    const old = qualitySummary({ quality });
    expect(old?.wishes).toEqual({ kind: 'notCounted' });
    // The spread figures are still shown for such a run.
    expect(old).toMatchObject({ crowdedWeeks: 2, crowdedDays: 1, score: 17 });
  });

  it('shows nothing for a run without quality (failed, or older still)', () => {
    expect(qualitySummary({})).toBeNull();
    expect(qualitySummary(null)).toBeNull();
    expect(qualitySummary(undefined)).toBeNull();
  });

  it('gives each lecturer a preferred-slot figure only when there is one', () => {
    expect(lecturerPreferredCell({ sessions: 4, hits: 3, misses: 1 })).toEqual({ kind: 'figure', hits: 3, total: 4 });
    expect(lecturerPreferredCell({ sessions: 4, hits: 0, misses: 4 })).toEqual({ kind: 'figure', hits: 0, total: 4 });
    // Only avoided slots stated: no session is a hit or a miss.
    expect(lecturerPreferredCell({ sessions: 3, hits: 0, misses: 0 })).toEqual({ kind: 'notStated' });
    expect(lecturerPreferredCell({ sessions: 0, hits: 0, misses: 0 })).toEqual({ kind: 'noSessions' });
  });
});
