import { describe, expect, it } from 'vitest';
import { clockTime, dateOfDay, dayIndexOf, epochDay, isoWeekdayOfEpochDay } from './calendar.js';
import { placementMeetings } from './timetable-times.js';

describe('calendar arithmetic without Date', () => {
  it('converts dates to day counts and back, across leap years and centuries', () => {
    expect(epochDay('1970-01-01')).toBe(0);
    expect(epochDay('2020-08-03')).toBe(18477);
    expect(epochDay('2000-03-01')! - epochDay('2000-02-28')!).toBe(2);
    expect(epochDay('1900-03-01')! - epochDay('1900-02-28')!).toBe(1);
    for (let d = -700_000; d <= 800_000; d += 997) expect(epochDay(dateOfDay('1970-01-01', d))).toBe(d);
  });

  it('rejects malformed and impossible dates', () => {
    for (const bad of ['2020-02-30', '2021-02-29', '2020-13-01', '2020-00-10', '2020-8-3', 'yesterday']) expect(epochDay(bad)).toBeNull();
    expect(epochDay('2020-02-29')).not.toBeNull();
    expect(dayIndexOf('2020-08-03', 'nope')).toBeNull();
  });

  it('counts course days and weekdays from the first day', () => {
    expect(dayIndexOf('2020-08-03', '2020-09-30')).toBe(58);
    expect(dateOfDay('2020-08-03', 111)).toBe('2020-11-22');
    expect(isoWeekdayOfEpochDay(epochDay('2020-08-03')!)).toBe(1);
    expect(isoWeekdayOfEpochDay(epochDay('2020-10-03')!)).toBe(6);
    expect(isoWeekdayOfEpochDay(epochDay('1969-12-28')!)).toBe(7);
    expect(clockTime(16 * 60 + 5)).toBe('16:05');
  });
});

describe('placementMeetings', () => {
  it('gives the dates and clock times of each day of a placed session', () => {
    const problem = {
      calendar: { startDate: '2020-09-28', days: 14, slots: [{ id: 'am', start: 540, end: 720 }, { id: 'pm', start: 780, end: 960 }] },
      rooms: [],
      lecturers: [],
      cohorts: [{ id: 'top', size: 30 }],
      sessions: [{ id: 'field', type: 'field_study' as const, cohortId: 'top', lecturerIds: [], days: 3, durationSlots: 2, needsRoom: false }],
    };
    expect(placementMeetings(problem, { sessionId: 'field', day: 5, slotId: 'am', roomId: null })).toEqual([
      { date: '2020-10-03', day: 5, start: 540, end: 960, startTime: '09:00', endTime: '16:00' },
      { date: '2020-10-04', day: 6, start: 540, end: 960, startTime: '09:00', endTime: '16:00' },
      { date: '2020-10-05', day: 7, start: 540, end: 960, startTime: '09:00', endTime: '16:00' },
    ]);
    expect(placementMeetings(problem, { sessionId: 'field', day: 0, slotId: 'pm', roomId: null })).toBeNull();
    expect(placementMeetings(problem, { sessionId: 'nope', day: 0, slotId: 'am', roomId: null })).toBeNull();
  });
});
