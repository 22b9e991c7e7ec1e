import { describe, expect, it } from 'vitest';
import { nextUnreviewed, reviewProgress } from './progress';

const item = (assignmentId: string, callId: string, status: 'not_started' | 'draft' | 'submitted') => ({ assignmentId, callId, status });

describe('review progress', () => {
  it('counts submitted reviews and is full only when all are in', () => {
    expect(reviewProgress([])).toEqual({ submitted: 0, total: 0, percent: 0 });
    const twelve = Array.from({ length: 12 }, (_, n) => item(`a${n}`, 'c', n < 7 ? 'submitted' : n === 7 ? 'draft' : 'not_started'));
    expect(reviewProgress(twelve)).toEqual({ submitted: 7, total: 12, percent: 58 });
    // 199 of 200 rounds to 99, never to a full bar.
    const almost = Array.from({ length: 200 }, (_, n) => item(`b${n}`, 'c', n === 0 ? 'draft' : 'submitted'));
    expect(reviewProgress(almost).percent).toBe(99);
    expect(reviewProgress(almost.map((i) => ({ ...i, status: 'submitted' as const }))).percent).toBe(100);
  });
});

describe('next unreviewed', () => {
  const list = [item('a1', 'c1', 'submitted'), item('a2', 'c1', 'draft'), item('a3', 'c1', 'submitted'), item('a4', 'c1', 'not_started'), item('b1', 'c2', 'not_started')];

  it('opens the first unreviewed one, drafts included', () => {
    expect(nextUnreviewed(list)?.assignmentId).toBe('a2');
    expect(nextUnreviewed(list, undefined, 'c2')?.assignmentId).toBe('b1');
  });

  it('goes on after the current one, wraps within its call, then moves to other calls', () => {
    expect(nextUnreviewed(list, 'a2')?.assignmentId).toBe('a4');
    expect(nextUnreviewed(list, 'a4')?.assignmentId).toBe('a2');
    expect(nextUnreviewed(list, 'a3')?.assignmentId).toBe('a4');
    const lastOfCall = list.map((i) => (i.callId === 'c1' && i.assignmentId !== 'a4' ? { ...i, status: 'submitted' as const } : i));
    expect(nextUnreviewed(lastOfCall, 'a4')?.assignmentId).toBe('b1');
  });

  it('never offers the current one, and says when none is left', () => {
    const done = list.map((i) => ({ ...i, status: 'submitted' as const }));
    expect(nextUnreviewed(done)).toBeNull();
    expect(nextUnreviewed([item('x', 'c', 'draft')], 'x')).toBeNull();
    expect(nextUnreviewed(list, 'b1', 'c2')).toBeNull();
  });
});
