import { describe, expect, it } from 'vitest';
import { LecturerAvailabilityInput, RoomAvailability } from '../../../src/shared/contracts/courses';
import {
  addDay,
  cellOf,
  copyDay,
  draftToWeekly,
  emptyWeekly,
  gridToWishes,
  isAnyTime,
  lecturerBody,
  lecturerDraft,
  minutesToClock,
  normaliseClock,
  parseClock,
  parseDay,
  rowErrors,
  weeklyTarget,
  weeklyToDraft,
  wishesToGrid,
  wishTarget,
  type WeeklyDraft,
} from './availability';

const rows = (...pairs: [string, string][]) => pairs.map(([from, to], i) => ({ key: `k${i}`, from, to }));

describe('clock times', () => {
  it('writes minutes as HH:MM, the end of the day as 24:00', () => {
    expect(minutesToClock(0)).toBe('00:00');
    expect(minutesToClock(570)).toBe('09:30');
    expect(minutesToClock(1260)).toBe('21:00');
    expect(minutesToClock(1440)).toBe('24:00');
  });
  it('reads what people type on a 24-hour clock', () => {
    expect(parseClock('09:30')).toBe(570);
    expect(parseClock(' 9:30 ')).toBe(570);
    expect(parseClock('0930')).toBe(570);
    expect(parseClock('9')).toBe(540);
    expect(parseClock('21')).toBe(1260);
    expect(parseClock('24:00')).toBe(1440);
    expect(parseClock('00:00')).toBe(0);
  });
  it('refuses what is not a time', () => {
    for (const bad of ['', '24:30', '25:00', '9:60', '9:5', 'nine', '9 am', '-1', '12:00:00']) expect(parseClock(bad), bad).toBeNull();
  });
  it('normalises a typed time and leaves anything else for the error message', () => {
    expect(normaliseClock('9')).toBe('09:00');
    expect(normaliseClock('1730')).toBe('17:30');
    expect(normaliseClock('late')).toBe('late');
  });
});

describe('weekly hours', () => {
  it('round-trips stored hours through the editor rows, each day in time order', () => {
    const stored = { '1': [[780, 1260], [540, 720]] as [number, number][], '6': [[540, 1080]] as [number, number][] };
    const draft = weeklyToDraft(stored);
    expect(draft['1'].map((r) => [r.from, r.to])).toEqual([
      ['09:00', '12:00'],
      ['13:00', '21:00'],
    ]);
    expect(draft['2']).toEqual([]);
    expect(draftToWeekly(draft, 'weekly')).toEqual({ weekly: { '1': [[540, 720], [780, 1260]], '6': [[540, 1080]] }, issues: {} });
    // The contract accepts what the editor builds.
    expect(RoomAvailability.safeParse(draftToWeekly(draft, 'availability').weekly).success).toBe(true);
  });
  it('reads an empty record as any time, and no rows as the empty record', () => {
    expect(isAnyTime(weeklyToDraft({}))).toBe(true);
    expect(draftToWeekly(emptyWeekly(), 'weekly')).toEqual({ weekly: {}, issues: {} });
    expect(isAnyTime(weeklyToDraft({ '3': [[0, 1440]] }))).toBe(false);
  });
  it('drops keys that name no weekday', () => {
    expect(isAnyTime(weeklyToDraft({ '8': [[540, 600]], mon: [[540, 600]] }))).toBe(true);
  });
  it('names bad times and an end before the start by the path the server uses', () => {
    const draft: WeeklyDraft = { ...emptyWeekly(), '1': rows(['9:00', '8:00'], ['x', '12:00'], ['13:00', '']), '2': rows(['10:00', '10:00']) };
    const { issues } = draftToWeekly(draft, 'availability');
    expect(issues).toEqual({
      'availability.1.0': { key: 'courses:availability.error.endBeforeStart' },
      'availability.1.1.from': { key: 'courses:availability.error.time' },
      'availability.1.2.to': { key: 'courses:availability.error.time' },
      'availability.2.0': { key: 'courses:availability.error.endBeforeStart' },
    });
  });
  it('flags the later of two overlapping rows, keeping the order they were entered in', () => {
    const draft: WeeklyDraft = { ...emptyWeekly(), '4': rows(['13:00', '18:00'], ['09:00', '14:00'], ['18:00', '21:00']) };
    const { weekly, issues } = draftToWeekly(draft, 'weekly');
    expect(issues).toEqual({ 'weekly.4.1': { key: 'courses:availability.error.overlap' } });
    expect(weekly['4']).toEqual([
      [780, 1080],
      [540, 840],
      [1080, 1260],
    ]);
  });
  it('copies one day onto others with fresh keys', () => {
    const draft: WeeklyDraft = { ...emptyWeekly(), '1': rows(['09:00', '12:00']), '6': rows(['10:00', '11:00']) };
    const next = copyDay(draft, '1', ['2', '3'], (d, i) => `c${d}.${i}`);
    expect(next['2']).toEqual([{ key: 'c2.0', from: '09:00', to: '12:00' }]);
    expect(next['3']).toEqual([{ key: 'c3.0', from: '09:00', to: '12:00' }]);
    expect(next['6']).toBe(draft['6']);
    expect(draft['2']).toEqual([]);
  });
  it('finds the input an error path is about', () => {
    expect(weeklyTarget('weekly.1.0.from', 'weekly')).toEqual({ day: '1', index: 0, part: 'from' });
    expect(weeklyTarget('weekly.1.0', 'weekly')).toEqual({ day: '1', index: 0, part: 'to' });
    expect(weeklyTarget('weekly.3.2.0', 'weekly')).toEqual({ day: '3', index: 2, part: 'from' });
    expect(weeklyTarget('weekly.3.2.1', 'weekly')).toEqual({ day: '3', index: 2, part: 'to' });
    expect(weeklyTarget('weekly.5', 'weekly')).toEqual({ day: '5' });
    expect(weeklyTarget('weekly', 'weekly')).toEqual({});
    expect(weeklyTarget('weekly.9', 'weekly')).toEqual({});
    expect(weeklyTarget('unavailableDates.0', 'weekly')).toBeNull();
    expect(weeklyTarget('weeklyX', 'weekly')).toBeNull();
  });
  it("puts a row's messages on its start and end inputs", () => {
    const errors = { 'weekly.1.0': 'end before start', 'weekly.1.1.from': 'bad time', 'weekly.2.0.1': 'too big' };
    expect(rowErrors(errors, 'weekly', '1', 0)).toEqual({ to: 'end before start' });
    expect(rowErrors(errors, 'weekly', '1', 1)).toEqual({ from: 'bad time' });
    expect(rowErrors(errors, 'weekly', '2', 0)).toEqual({ to: 'too big' });
    expect(rowErrors(errors, 'weekly', '3', 0)).toEqual({});
  });
});

describe('dates away', () => {
  it('reads the usual ways of writing a day', () => {
    expect(parseDay('2030-03-05')).toBe('2030-03-05');
    expect(parseDay('2030.3.5')).toBe('2030-03-05');
    expect(parseDay('2030. 3. 5.')).toBe('2030-03-05');
    expect(parseDay('2030/03/05')).toBe('2030-03-05');
    expect(parseDay('2030-02-30')).toBeNull();
    expect(parseDay('05/03/2030')).toBeNull();
    expect(parseDay('')).toBeNull();
  });
  it('adds a day in order, refusing duplicates and non-days', () => {
    expect(addDay(['2030-03-10'], '2030-03-05')).toEqual({ ok: true, day: '2030-03-05', dates: ['2030-03-05', '2030-03-10'] });
    expect(addDay(['2030-03-05'], '2030.3.5')).toEqual({ ok: false, problem: 'duplicate' });
    expect(addDay([], 'tomorrow')).toEqual({ ok: false, problem: 'day' });
    const full = Array.from({ length: 366 }, (_, i) => `2031-${String(Math.floor(i / 28) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`);
    expect(addDay(full, '2030-01-01')).toEqual({ ok: false, problem: 'tooMany' });
  });
});

describe('slot wishes', () => {
  it('places a weekday, a slot, or both in the table', () => {
    expect(cellOf({ weekday: 1, slot: 'am' })).toBe('1:am');
    expect(cellOf({ weekday: 5 })).toBe('5:day');
    expect(cellOf({ slot: 'eve' })).toBe('any:eve');
    expect(cellOf({})).toBeNull();
    expect(cellOf({ weekday: 8 })).toBeNull();
    expect(cellOf({ slot: 'night' })).toBeNull();
  });
  it('round-trips wishes in table order, with the cell of each entry', () => {
    const preferred = [{ slot: 'eve' as const }, { weekday: 2, slot: 'am' as const }];
    const avoided = [{ weekday: 5 }, { weekday: 1, slot: 'pm' as const }];
    const grid = wishesToGrid(preferred, avoided);
    expect(grid).toEqual({ 'any:eve': 'prefer', '2:am': 'prefer', '5:day': 'avoid', '1:pm': 'avoid' });
    const out = gridToWishes(grid);
    expect(out.preferred).toEqual([{ weekday: 2, slot: 'am' }, { slot: 'eve' }]);
    expect(out.avoided).toEqual([{ weekday: 1, slot: 'pm' }, { weekday: 5 }]);
    expect(out.cells).toEqual({ preferred: ['2:am', 'any:eve'], avoided: ['1:pm', '5:day'] });
    expect(out.issues).toEqual({});
    expect(wishTarget('avoided.1', out.cells)).toBe('5:day');
    expect(wishTarget('preferred.0.slot', out.cells)).toBe('2:am');
    expect(wishTarget('preferred.7', out.cells)).toBeNull();
    expect(wishTarget('weekly.1', out.cells)).toBeNull();
  });
  it('says when a list is longer than the contract allows', () => {
    // Seven days of four slots and a whole day are 35; one slot on every day makes 36.
    const grid = Object.fromEntries(['1', '2', '3', '4', '5', '6', '7'].flatMap((d) => ['am', 'pm', 'late', 'eve', 'day'].map((s) => [`${d}:${s}`, 'prefer']))) as ReturnType<typeof wishesToGrid>;
    expect(gridToWishes(grid).issues).toEqual({});
    grid['any:am'] = 'prefer';
    expect(gridToWishes(grid).issues).toEqual({ preferred: { key: 'courses:availability.error.tooManyWishes', params: { max: 35 } } });
  });
});

describe('the lecturer form', () => {
  it('builds a body the contract accepts from a stored view, and back', () => {
    const view = { weekly: { '1': [[540, 1260]] as [number, number][] }, unavailableDates: ['2030-03-12', '2030-03-05'], preferred: [{ weekday: 1, slot: 'am' as const }], avoided: [{ slot: 'eve' as const }] };
    const draft = lecturerDraft(view);
    expect(draft.dates).toEqual(['2030-03-05', '2030-03-12']);
    const { body, issues } = lecturerBody(draft);
    expect(issues).toEqual({});
    expect(body).toEqual({ weekly: { '1': [[540, 1260]] }, unavailableDates: ['2030-03-05', '2030-03-12'], preferred: [{ weekday: 1, slot: 'am' }], avoided: [{ slot: 'eve' }] });
    expect(LecturerAvailabilityInput.safeParse(body).success).toBe(true);
  });
  it('collects the problems of every part', () => {
    const draft = { ...lecturerDraft({ weekly: {}, unavailableDates: [], preferred: [], avoided: [] }), weekly: { ...emptyWeekly(), '2': rows(['18:00', '09:00']) } };
    expect(lecturerBody(draft).issues).toEqual({ 'weekly.2.0': { key: 'courses:availability.error.endBeforeStart' } });
  });
  it('adds a date still typed in the field, or names it as the problem', () => {
    const draft = lecturerDraft({ weekly: {}, unavailableDates: ['2030-03-12'], preferred: [], avoided: [] });
    const added = lecturerBody(draft, '2030.3.5');
    expect(added.issues).toEqual({});
    expect(added.body.unavailableDates).toEqual(['2030-03-05', '2030-03-12']);
    expect(added.dates).toEqual(['2030-03-05', '2030-03-12']);
    expect(lecturerBody(draft, '2030-03-12').body.unavailableDates).toEqual(['2030-03-12']);
    expect(lecturerBody(draft, 'next week').issues).toEqual({ unavailableDates: { key: 'courses:availability.away.error.day', params: { max: 366 } } });
    expect(lecturerBody(draft, '  ').body.unavailableDates).toEqual(['2030-03-12']);
  });
});
