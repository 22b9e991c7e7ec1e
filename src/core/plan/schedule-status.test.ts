import { describe, expect, it } from 'vitest';
import { planDateBound, scheduleStatus, seoulToday, todayPosition } from './schedule-status.js';

describe('planDateBound', () => {
  it('stretches a month to its first and last day, leap years included', () => {
    expect(planDateBound('2020-06', 'first')).toBe('2020-06-01');
    expect(planDateBound('2020-11', 'last')).toBe('2020-11-30');
    expect(planDateBound('2020-02', 'last')).toBe('2020-02-29');
    expect(planDateBound('2021-02', 'last')).toBe('2021-02-28');
    expect(planDateBound('2020-12', 'last')).toBe('2020-12-31');
  });
  it('keeps a day as it is and refuses what is not a date', () => {
    expect(planDateBound('2020-06-15', 'first')).toBe('2020-06-15');
    expect(planDateBound('2020-06-15', 'last')).toBe('2020-06-15');
    for (const bad of ['2020-13', '2020-00', '2020-02-30', '2020', 'June', '']) expect(planDateBound(bad, 'first')).toBeNull();
  });
});

describe('scheduleStatus, month precision ("2020-06 to 2020-11")', () => {
  const item = { start: '2020-06', end: '2020-11' };
  it.each([
    ['2020-05-31', 'upcoming'],
    ['2020-06-01', 'running'],
    ['2020-08-15', 'running'],
    ['2020-11-30', 'running'],
    ['2020-12-01', 'ended'],
    ['2026-12-07', 'ended'],
  ] as const)('on %s it is %s', (today, status) => {
    expect(scheduleStatus(item, today)).toBe(status);
  });
  it('a single-month item runs through that whole month', () => {
    const one = { start: '2020-02', end: '2020-02' };
    expect(scheduleStatus(one, '2020-01-31')).toBe('upcoming');
    expect(scheduleStatus(one, '2020-02-01')).toBe('running');
    expect(scheduleStatus(one, '2020-02-29')).toBe('running');
    expect(scheduleStatus(one, '2020-03-01')).toBe('ended');
  });
});

describe('scheduleStatus, day precision', () => {
  const item = { start: '2020-10-22', end: '2020-10-24' };
  it('first day and last day are running; the days either side are not', () => {
    expect(scheduleStatus(item, '2020-10-21')).toBe('upcoming');
    expect(scheduleStatus(item, '2020-10-22')).toBe('running');
    expect(scheduleStatus(item, '2020-10-24')).toBe('running');
    expect(scheduleStatus(item, '2020-10-25')).toBe('ended');
  });
  it('mixes precisions: a day start and a month end', () => {
    const mixed = { start: '2020-03-15', end: '2020-04' };
    expect(scheduleStatus(mixed, '2020-03-14')).toBe('upcoming');
    expect(scheduleStatus(mixed, '2020-04-30')).toBe('running');
    expect(scheduleStatus(mixed, '2020-05-01')).toBe('ended');
  });
});

describe('scheduleStatus with a recorded completion', () => {
  const item = { start: '2020-06', end: '2020-11' };
  it('done wins whatever the date, even before the end or the start', () => {
    expect(scheduleStatus({ ...item, done: true }, '2020-05-01')).toBe('done');
    expect(scheduleStatus({ ...item, done: true }, '2020-07-01')).toBe('done');
    expect(scheduleStatus({ ...item, done: true }, '2026-12-07')).toBe('done');
  });
  it('recorded as not done: late only once past its last day', () => {
    expect(scheduleStatus({ ...item, done: false }, '2020-05-31')).toBe('upcoming');
    expect(scheduleStatus({ ...item, done: false }, '2020-11-30')).toBe('running');
    expect(scheduleStatus({ ...item, done: false }, '2020-12-01')).toBe('late');
  });
  it('nothing recorded: a past item has ended, never late', () => {
    expect(scheduleStatus({ ...item, done: undefined }, '2020-12-01')).toBe('ended');
  });
  it('null for dates that do not parse', () => {
    expect(scheduleStatus({ start: 'soon', end: '2020-11' }, '2020-07-01')).toBeNull();
    expect(scheduleStatus(item, 'today')).toBeNull();
  });
});

describe('seoulToday', () => {
  it('turns over at midnight Seoul time, 15:00 UTC', () => {
    expect(seoulToday(Date.parse('2020-11-30T14:59:59Z'))).toBe('2020-11-30');
    expect(seoulToday(Date.parse('2020-11-30T15:00:00Z'))).toBe('2020-12-01');
    expect(seoulToday(new Date('2026-12-07T09:40:00Z'))).toBe('2026-12-07');
  });
});

describe('todayPosition', () => {
  const plan = [
    { start: '2020-01', end: '2020-03' },
    { start: '2020-06-15', end: '2020-12' },
  ];
  it('before, within (edges inclusive) and after the whole schedule', () => {
    expect(todayPosition(plan, '2019-12-31')).toBe('before');
    expect(todayPosition(plan, '2020-01-01')).toBe('within');
    expect(todayPosition(plan, '2020-12-31')).toBe('within');
    expect(todayPosition(plan, '2021-01-01')).toBe('after');
    expect(todayPosition([], '2020-01-01')).toBeNull();
  });
});
