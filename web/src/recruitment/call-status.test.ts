import { describe, expect, it } from 'vitest';
import { answersToSend, seoulTime, windowStatus } from './call-status';

const call = { opensAt: '2020-03-01T09:00:00+09:00', closesAt: '2020-03-15T18:00:00+09:00' };

describe('windowStatus', () => {
  it('is upcoming before opening, open inside the window and closed from the closing instant', () => {
    expect(windowStatus(call, new Date('2020-02-29T23:59:59Z'))).toBe('upcoming');
    expect(windowStatus(call, new Date('2020-03-01T00:00:00Z'))).toBe('open');
    expect(windowStatus(call, new Date('2020-03-15T08:59:59Z'))).toBe('open');
    expect(windowStatus(call, new Date('2020-03-15T09:00:00Z'))).toBe('closed');
  });
});

describe('seoulTime', () => {
  it('shows the instant in Seoul time in either language', () => {
    expect(seoulTime('2020-03-01T00:00:00Z', 'ko')).toBe('2020년 3월 1일 (일) 09:00');
    expect(seoulTime('2020-03-01T00:00:00Z', 'en')).toBe('Sun 1 Mar 2020, 09:00');
  });
});

describe('answersToSend', () => {
  it('drops empty text and empty picks but keeps numbers, zero included', () => {
    expect(answersToSend({ a: '', b: '  ', c: 'x', d: [], e: ['p'], f: 0 })).toEqual({ c: 'x', e: ['p'], f: 0 });
  });
});
