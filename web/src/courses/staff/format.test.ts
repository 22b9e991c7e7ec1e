import { describe, expect, it } from 'vitest';
import {
  addDays,
  cohortWeek,
  formatAvailability,
  formatPercent,
  formatTimeRange,
  formatWeekList,
  groupByWeek,
  isRealDay,
  parseIntIn,
  parseWeekList,
  parseWon,
  refreshDelay,
  secondsLeft,
  seoulDay,
  seoulInstant,
  seoulTime,
  sessionEnd,
  shiftStart,
  spacedCode,
} from './format';

describe('Seoul days and times', () => {
  it('reads an instant as the Seoul wall clock, across the date line', () => {
    // 23:30 UTC is 08:30 the next day in Seoul.
    expect(seoulDay('2020-08-02T23:30:00Z')).toBe('2020-08-03');
    expect(seoulTime('2020-08-02T23:30:00Z')).toBe('08:30');
    expect(seoulDay('not a time')).toBe('');
  });

  it('builds +09:00 instants only from real days and times', () => {
    expect(seoulInstant('2020-08-03', '09:00')).toBe('2020-08-03T09:00:00+09:00');
    expect(seoulInstant('2020-02-30', '09:00')).toBeNull();
    expect(seoulInstant('2020-08-03', '24:00')).toBeNull();
    expect(seoulInstant('2020-08-03', '9:00')).toBeNull();
    expect(isRealDay('2020-02-29')).toBe(true);
    expect(isRealDay('2021-02-29')).toBe(false);
  });

  it('ends a session on its last day, its length after the start time', () => {
    expect(sessionEnd('2020-08-03T09:00:00+09:00', 180, 1)).toBe('2020-08-03T12:00:00+09:00');
    // A 3-day field study of 8 hours a day ends on the third day at 17:00.
    expect(sessionEnd('2020-09-14T09:00:00+09:00', 480, 3)).toBe('2020-09-16T17:00:00+09:00');
    expect(sessionEnd('nonsense', 60, 1)).toBeNull();
  });

  it('moves a start by days and minutes in Seoul time', () => {
    expect(shiftStart('2020-08-03T09:00:00+09:00', 1)).toBe('2020-08-04T09:00:00+09:00');
    expect(shiftStart('2020-08-03T09:00:00+09:00', 0, -30)).toBe('2020-08-03T08:30:00+09:00');
  });

  it('shows a time range within a day', () => {
    expect(formatTimeRange('2020-08-03T09:00:00+09:00', 180)).toBe('09:00\u201312:00');
  });
});

describe('weeks of a cohort', () => {
  it('counts weeks from the first day of the cohort', () => {
    expect(cohortWeek('2020-08-03', '2020-08-03T09:00:00+09:00')).toBe(0);
    expect(cohortWeek('2020-08-03', '2020-08-09T20:00:00+09:00')).toBe(0);
    expect(cohortWeek('2020-08-03', '2020-08-10T09:00:00+09:00')).toBe(1);
    expect(cohortWeek('2020-08-03', '2020-08-02T09:00:00+09:00')).toBe(-1);
    expect(addDays('2020-08-31', 1)).toBe('2020-09-01');
  });

  it('groups sessions by week in time order and keeps untimed ones apart', () => {
    const s = (id: string, startsAt: string | null, position = 0) => ({ id, startsAt, position });
    const { weeks, untimed } = groupByWeek([s('c', '2020-08-12T09:00:00+09:00'), s('a', '2020-08-04T14:00:00+09:00'), s('u2', null, 2), s('b', '2020-08-04T09:00:00+09:00'), s('u1', null, 1)], '2020-08-03');
    expect(weeks.map((w) => [w.week, w.from, w.to, w.sessions.map((x) => x.id)])).toEqual([
      [0, '2020-08-03', '2020-08-09', ['b', 'a']],
      [1, '2020-08-10', '2020-08-16', ['c']],
    ]);
    expect(untimed.map((x) => x.id)).toEqual(['u1', 'u2']);
  });

  it('reads and writes week lists as people count them (from 1)', () => {
    expect(parseWeekList('1-3, 5')).toEqual([1, 2, 3, 5]);
    expect(parseWeekList(' 9 ')).toEqual([9]);
    expect(parseWeekList('')).toEqual([]);
    expect(parseWeekList('0')).toBeNull();
    expect(parseWeekList('3-1')).toBeNull();
    expect(parseWeekList('week 2')).toBeNull();
    expect(formatWeekList([0, 1, 2, 4])).toBe('1\u20133, 5');
  });
});

describe('numbers', () => {
  it('parses won and bounded whole numbers', () => {
    expect(parseWon('300,000')).toBe(300000);
    expect(parseWon('0')).toBe(0);
    expect(parseWon('-5')).toBeNull();
    expect(parseWon('3.5')).toBeNull();
    expect(parseIntIn('30', 1, 100)).toBe(30);
    expect(parseIntIn('0', 1, 100)).toBeNull();
    expect(parseIntIn('1e3', 1, 10000)).toBeNull();
  });

  it('shows rates as whole percentages, and nothing for no rate', () => {
    expect(formatPercent(0.8, 'en')).toBe('80%');
    expect(formatPercent(2 / 3, 'ko')).toBe('67%');
    expect(formatPercent(null, 'en')).toBeNull();
  });
});

describe('the check-in code', () => {
  it('counts down to the rotation and asks for the next code just before it', () => {
    const now = Date.parse('2020-08-03T09:00:00Z');
    expect(secondsLeft('2020-08-03T09:00:12.500Z', now)).toBe(13);
    expect(secondsLeft('2020-08-03T08:59:00Z', now)).toBe(0);
    expect(refreshDelay('2020-08-03T09:00:30Z', now)).toBe(28_500);
    // Never sooner than a second, so a late clock does not hammer the server.
    expect(refreshDelay('2020-08-03T09:00:00Z', now)).toBe(1000);
  });

  it('spaces six digits in two groups', () => {
    expect(spacedCode('123456')).toBe('123 456');
  });
});

describe('room availability', () => {
  it('reads weekly ranges in weekday order, and an empty record as always open', () => {
    expect(formatAvailability({}, 'en')).toBeNull();
    expect(formatAvailability({ '2': [[540, 720], [780, 1260]], '1': [[540, 1260]] }, 'en')).toBe('Mon 09:00\u201321:00; Tue 09:00\u201312:00, 13:00\u201321:00');
    expect(formatAvailability({ '7': [] }, 'ko')).toBe('일 \u2014');
  });
});
