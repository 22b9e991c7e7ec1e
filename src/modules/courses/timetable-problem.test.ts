import { describe, expect, it } from 'vitest';
import { durationSlotsOf, seoulInstant, seoulParts, slotPatterns, storedMeetings } from './timetable-problem.js';

describe('slots and Seoul times', () => {
  it('takes the fewest slots whose every run the cohort meets in is long enough', () => {
    const day = ['am', 'pm', 'late'];
    expect(durationSlotsOf(120, day)).toBe(1);
    expect(durationSlotsOf(180, day)).toBe(1);
    expect(durationSlotsOf(200, day)).toBe(2);
    // The field study's 8-hour day: am + pm + late (09:00–19:00).
    expect(durationSlotsOf(480, day)).toBe(3);
    expect(durationSlotsOf(1440, day)).toBe(5);
    // Citizens meet in the 2-hour evening slot only.
    expect(durationSlotsOf(120, ['eve'])).toBe(1);
    expect(durationSlotsOf(150, ['eve'])).toBe(5);
  });

  it('converts Asia/Seoul wall-clock times (UTC+9, no daylight saving) both ways', () => {
    expect(seoulInstant('2020-08-03', 540).toISOString()).toBe('2020-08-03T00:00:00.000Z');
    expect(seoulInstant('2021-01-01', 30).toISOString()).toBe('2020-12-31T15:30:00.000Z');
    expect(seoulParts(new Date('2020-12-31T15:30:00Z'))).toEqual({ date: '2021-01-01', minutes: 30 });
  });

  it('reads a stored multi-day session as the same hours on consecutive days', () => {
    const meetings = storedMeetings({ startsAt: seoulInstant('2020-10-13', 540), endsAt: seoulInstant('2020-10-15', 1020), days: 3 });
    expect(meetings).toEqual([
      { date: '2020-10-13', start: 540, end: 1020 },
      { date: '2020-10-14', start: 540, end: 1020 },
      { date: '2020-10-15', start: 540, end: 1020 },
    ]);
    expect(storedMeetings({ startsAt: null, endsAt: null, days: 1 })).toEqual([]);
  });
});

describe("a lecturer's slot wishes", () => {
  it('become the core patterns: weekday as is, slot as slotId', () => {
    expect(slotPatterns([{ weekday: 1 }, { slot: 'eve' }, { slot: 'pm', weekday: 4 }])).toEqual([{ weekday: 1 }, { slotId: 'eve' }, { weekday: 4, slotId: 'pm' }]);
    expect(slotPatterns([])).toEqual([]);
    expect(slotPatterns(undefined)).toEqual([]);
  });

  it('leave out what is not a weekday or a slot of the day, rather than widen a wish to every slot', () => {
    // { weekday: 9, slot: 'pm' } must not turn into "every afternoon", nor {} into "always".
    expect(slotPatterns([{}, { weekday: 9, slot: 'pm' }, { weekday: 2, slot: 'night' }, { weekday: 1.5 }, null, 'am', { weekday: 5 }])).toEqual([{ weekday: 5 }]);
    expect(slotPatterns({ weekday: 1 })).toEqual([]);
  });
});
