import { describe, expect, it } from 'vitest';
import { formatCount, formatGap, formatNumber, formatSigned, lockOf, nextSort, offsetKind, parsePositiveInt, phaseKey, runProgress, seedToSend, setLock, sortRows } from './format';

describe('numbers', () => {
  it('shows scores with fixed decimals and grouped digits in both languages', () => {
    expect(formatNumber(72.44, 'ko')).toBe('72.4');
    expect(formatNumber(72.45, 'en', 2)).toBe('72.45');
    expect(formatNumber(1234.5, 'en')).toBe('1,234.5');
    expect(formatNumber(80, 'ko')).toBe('80.0');
    expect(formatNumber(null, 'ko')).toBeNull();
    expect(formatNumber(Number.NaN, 'en')).toBeNull();
  });

  it('never shows a negative zero', () => {
    expect(formatNumber(-0.04, 'en')).toBe('0.0');
    expect(formatSigned(-0.04, 'en')).toBe('0.0');
  });

  it('signs offsets with a plus or a true minus sign', () => {
    expect(formatSigned(3.24, 'en')).toBe('+3.2');
    expect(formatSigned(-3.26, 'ko')).toBe('\u22123.3');
    expect(formatSigned(0, 'en')).toBe('0.0');
    expect(formatSigned(undefined, 'en')).toBeNull();
  });

  it('shows the gap as a percentage', () => {
    expect(formatGap(0.0012, 'en')).toBe('0.12%');
    expect(formatGap(0, 'ko')).toBe('0.00%');
    expect(formatGap(null, 'en')).toBeNull();
  });

  it('groups counts', () => {
    expect(formatCount(10000, 'ko')).toBe('10,000');
  });
});

describe('reviewer offsets', () => {
  it('calls scores below the consensus harsh and above lenient, small ones neutral', () => {
    expect(offsetKind(-6.5)).toBe('harsh');
    expect(offsetKind(4)).toBe('lenient');
    expect(offsetKind(0.4)).toBe('neutral');
    expect(offsetKind(1.1)).toBe('neutral');
    expect(offsetKind(-2)).toBe('harsh');
    expect(offsetKind(2, 5)).toBe('neutral');
  });
});

describe('run progress', () => {
  it('goes from 0 when queued through the phases to 100 when finished', () => {
    expect(runProgress('queued', null)).toBe(0);
    expect(runProgress('running', 'loading')).toBe(14);
    expect(runProgress('running', 'solving')).toBe(57);
    expect(runProgress('running', 'saving')).toBe(86);
    expect(runProgress('running', 'resolving_integer')).toBe(runProgress('running', 'verifying'));
    expect(runProgress('running', 'done')).toBe(100);
    expect(runProgress('assigned', 'solving')).toBe(100);
    expect(runProgress('infeasible', null)).toBe(100);
    expect(runProgress('failed', null)).toBe(100);
    expect(runProgress('running', 'something new')).toBe(0);
  });

  it('knows the phase names it has words for', () => {
    expect(phaseKey('solving')).toBe('solving');
    expect(phaseKey('warming up')).toBeNull();
    expect(phaseKey(null)).toBeNull();
  });
});

describe('sorting', () => {
  const rows = [
    { id: 'a', score: 70 },
    { id: 'b', score: null },
    { id: 'c', score: 85 },
    { id: 'd', score: 70 },
    { id: 'e', score: 60 },
  ];

  it('orders by value in either direction, missing values last, ties in their given order', () => {
    expect(sortRows(rows, (r) => r.score, 'descending').map((r) => r.id)).toEqual(['c', 'a', 'd', 'e', 'b']);
    expect(sortRows(rows, (r) => r.score, 'ascending').map((r) => r.id)).toEqual(['e', 'a', 'd', 'c', 'b']);
  });

  it('sorts text too and leaves its input alone', () => {
    const names = [{ n: '나' }, { n: '가' }, { n: '다' }];
    expect(sortRows(names, (r) => r.n, 'ascending').map((r) => r.n)).toEqual(['가', '나', '다']);
    expect(names.map((r) => r.n)).toEqual(['나', '가', '다']);
  });

  it('starts a column highest first and turns it round on the next press', () => {
    expect(nextSort(null)).toBe('descending');
    expect(nextSort('descending')).toBe('ascending');
    expect(nextSort('ascending')).toBe('descending');
  });
});

describe('locks', () => {
  it('keeps each applicant locked one way at most', () => {
    let locks = { in: [], out: [] } as { in: string[]; out: string[] };
    locks = setLock(locks, 'x', 'in');
    locks = setLock(locks, 'y', 'out');
    expect(locks).toEqual({ in: ['x'], out: ['y'] });
    locks = setLock(locks, 'x', 'out');
    expect(locks).toEqual({ in: [], out: ['y', 'x'] });
    expect(lockOf(locks, 'x')).toBe('out');
    locks = setLock(locks, 'x', null);
    expect(lockOf(locks, 'x')).toBeNull();
    expect(locks).toEqual({ in: [], out: ['y'] });
  });
});

describe('run parameters', () => {
  it('reads whole numbers in range, empty as the default, anything else as invalid', () => {
    expect(parsePositiveInt(' 3 ', 50)).toBe(3);
    expect(parsePositiveInt('', 50)).toBeNull();
    expect(parsePositiveInt('0', 50)).toBe('invalid');
    expect(parsePositiveInt('51', 50)).toBe('invalid');
    expect(parsePositiveInt('2.5', 50)).toBe('invalid');
    expect(parsePositiveInt('-1', 50)).toBe('invalid');
  });

  it('sends a seed only when one was typed', () => {
    expect(seedToSend('  ')).toBeUndefined();
    expect(seedToSend(' 2026-cohort ')).toBe('2026-cohort');
  });
});
