import { describe, expect, it } from 'vitest';
import { comparePeriods, formatPeriod, formatPlanDate, gridPlacement, monthLabel, monthSpan, parsePlanDate } from './period';

describe('parsePlanDate', () => {
  it('reads month and day precision', () => {
    expect(parsePlanDate('2020-02')).toEqual({ year: 2020, month: 2, day: null });
    expect(parsePlanDate('2019-10-22')).toEqual({ year: 2019, month: 10, day: 22 });
  });
  it('refuses what is not a plan date', () => {
    expect(parsePlanDate('2020-13')).toBeNull();
    expect(parsePlanDate('2020-00')).toBeNull();
    expect(parsePlanDate('2020-02-32')).toBeNull();
    expect(parsePlanDate('Feb 2020')).toBeNull();
  });
});

describe('formatPlanDate', () => {
  it('writes a day as the plan does in each language', () => {
    expect(formatPlanDate('2019-10-22', 'ko')).toBe('2019년 10월 22일');
    expect(formatPlanDate('2019-10-22', 'en')).toBe('22 Oct 2019');
    expect(formatPlanDate('2020-12', 'ko')).toBe('2020년 12월');
    expect(formatPlanDate('2020-12', 'en')).toBe('Dec 2020');
  });
  it('passes unparsable input through', () => {
    expect(formatPlanDate('soon', 'en')).toBe('soon');
  });
});

describe('formatPeriod', () => {
  it('does not repeat a shared year (WP1: 2020-02 to 2020-07)', () => {
    expect(formatPeriod('2020-02', '2020-07', 'ko')).toBe('2020년 2월 – 7월');
    expect(formatPeriod('2020-02', '2020-07', 'en')).toBe('Feb – Jul 2020');
  });
  it('shows a single month once (WP4: October 2020)', () => {
    expect(formatPeriod('2020-10', '2020-10', 'ko')).toBe('2020년 10월');
    expect(formatPeriod('2020-10', '2020-10', 'en')).toBe('Oct 2020');
  });
  it('names both years across a year boundary', () => {
    expect(formatPeriod('2020-11', '2021-02', 'ko')).toBe('2020년 11월 – 2021년 2월');
    expect(formatPeriod('2020-11', '2021-02', 'en')).toBe('Nov 2020 – Feb 2021');
  });
  it('handles day precision and mixed precision', () => {
    expect(formatPeriod('2020-02-15', '2020-03-01', 'ko')).toBe('2020년 2월 15일 – 3월 1일');
    expect(formatPeriod('2020-02-15', '2020-03-01', 'en')).toBe('15 Feb – 1 Mar 2020');
    expect(formatPeriod('2020-02', '2020-03-01', 'en')).toBe('Feb – 1 Mar 2020');
  });
});

describe('month grid', () => {
  const plan = [
    { start: '2020-01', end: '2020-01' },
    { start: '2020-02', end: '2020-07' },
    { start: '2020-06', end: '2020-11' },
    { start: '2020-12', end: '2020-12' },
  ];
  it('spans the earliest start to the latest end', () => {
    const months = monthSpan(plan);
    expect(months).toHaveLength(12);
    expect(months[0]).toEqual({ year: 2020, month: 1 });
    expect(months[11]).toEqual({ year: 2020, month: 12 });
  });
  it('crosses years and ignores dates it cannot read', () => {
    const months = monthSpan([{ start: '2020-11-20', end: '2021-02' }, { start: 'x', end: 'y' }]);
    expect(months).toEqual([
      { year: 2020, month: 11 },
      { year: 2020, month: 12 },
      { year: 2021, month: 1 },
      { year: 2021, month: 2 },
    ]);
    expect(monthSpan([])).toEqual([]);
  });
  it('places a period on grid columns', () => {
    const start = { year: 2020, month: 1 };
    expect(gridPlacement(start, '2020-02', '2020-07')).toEqual({ column: 2, span: 6 });
    expect(gridPlacement(start, '2020-10', '2020-10')).toEqual({ column: 10, span: 1 });
    expect(gridPlacement({ year: 2020, month: 11 }, '2021-01-05', '2021-02')).toEqual({ column: 3, span: 2 });
    expect(gridPlacement(start, '2020-07', '2020-02')).toBeNull();
  });
  it('labels months in each language', () => {
    expect(monthLabel(2, 'ko', 'long')).toBe('2월');
    expect(monthLabel(2, 'en', 'long')).toBe('Feb');
    expect(monthLabel(12, 'ko', 'narrow')).toBe('12');
    expect(monthLabel(9, 'en', 'narrow')).toBe('S');
  });
  it('orders periods by start, then end', () => {
    const sorted = [
      { start: '2020-06', end: '2020-11' },
      { start: '2020-02', end: '2020-07' },
      { start: '2020-02', end: '2020-03' },
    ].sort(comparePeriods);
    expect(sorted.map((p) => `${p.start}/${p.end}`)).toEqual(['2020-02/2020-03', '2020-02/2020-07', '2020-06/2020-11']);
  });
});
