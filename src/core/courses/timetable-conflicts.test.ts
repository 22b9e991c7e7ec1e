import { describe, expect, it } from 'vitest';
import { findConflicts, lecturerPreferenceFigures, timetableQuality } from './timetable-conflicts.js';
import type { Placement, TimetableProblem, TimetableSession } from './timetable-model.js';

/** Two weeks from Monday 2020-08-03, Monday–Friday, two slots a day; one cohort of 20, two rooms, two lecturers. */
function problem(sessions: TimetableSession[], extra: Partial<TimetableProblem> = {}): TimetableProblem {
  return {
    calendar: {
      startDate: '2020-08-03',
      days: 14,
      closedDays: [3],
      slots: [
        { id: 'am', start: 540, end: 720 },
        { id: 'pm', start: 780, end: 960 },
      ],
    },
    rooms: [
      { id: 'hall', capacity: 40 },
      { id: 'small', capacity: 10, availability: { unavailable: [{ fromDay: 7, toDay: 7 }] } },
    ],
    lecturers: [{ id: 'kim', availability: { weekly: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, slotIds: ['am'] })) } }, { id: 'lee' }],
    cohorts: [
      { id: 'top', size: 20, weekdays: [1, 2, 3, 4, 5] },
      { id: 'citizens', size: 8, firstWeek: 1, slotIds: ['pm'], roomIds: ['small'] },
    ],
    sessions,
    ...extra,
  };
}
const s = (id: string, more: Partial<TimetableSession> = {}): TimetableSession => ({ id, type: 'lecture', cohortId: 'top', lecturerIds: [], ...more });
const at = (sessionId: string, day: number, slotId = 'am', roomId: string | null = 'hall'): Placement => ({ sessionId, day, slotId, roomId });
const kinds = (p: TimetableProblem, placements: Placement[]) => findConflicts(p, placements).map((c) => c.kind);

describe('findConflicts', () => {
  it('finds nothing in a clean timetable', () => {
    const p = problem([s('a', { lecturerIds: ['kim'] }), s('b', { lecturerIds: ['lee'] }), s('c', { cohortId: 'citizens', lecturerIds: ['lee'] })]);
    expect(findConflicts(p, [at('a', 0), at('b', 0, 'pm'), at('c', 8, 'pm', 'small')])).toEqual([]);
  });

  it('reports a lecturer in two places at once, with the sessions, the lecturer and the slot', () => {
    const p = problem([s('a', { lecturerIds: ['lee'] }), s('c', { cohortId: 'citizens', lecturerIds: ['lee'], durationSlots: 1 })]);
    const conflicts = findConflicts(p, [at('a', 8, 'pm'), at('c', 8, 'pm', 'small')]);
    expect(conflicts).toEqual([{ kind: 'lecturer_clash', sessionIds: ['a', 'c'], resource: { type: 'lecturer', id: 'lee' }, day: 8, slotId: 'pm' }]);
  });

  it('reports a room and a cohort in two places at once, once per resource and pair', () => {
    const p = problem([s('a', { durationSlots: 2 }), s('b', { durationSlots: 2 })]);
    const conflicts = findConflicts(p, [at('a', 1), at('b', 1)]);
    expect(conflicts.map((c) => [c.kind, c.resource?.id, c.day, c.slotId])).toEqual([
      ['room_clash', 'hall', 1, 'am'],
      ['cohort_clash', 'top', 1, 'am'],
    ]);
    // A two-slot session clashes with a one-slot session in its second slot.
    const q = problem([s('a', { durationSlots: 2 }), s('b', { cohortId: 'citizens', roomIds: ['hall'] })]);
    expect(findConflicts(q, [at('a', 8), at('b', 8, 'pm')])).toMatchObject([{ kind: 'room_clash', sessionIds: ['a', 'b'], slotId: 'pm' }]);
  });

  it('reports unavailable lecturers and rooms, small rooms and rooms outside the allowed list', () => {
    const p = problem([s('a', { lecturerIds: ['kim'] }), s('c', { cohortId: 'citizens' })]);
    expect(findConflicts(p, [at('a', 0, 'pm')])).toMatchObject([{ kind: 'lecturer_unavailable', resource: { type: 'lecturer', id: 'kim' }, day: 0, slotId: 'pm' }]);
    // The top cohort may use any room, as long as it is big enough.
    expect(kinds(p, [at('a', 0, 'am', 'small')])).toEqual(['room_too_small']);
    expect(findConflicts(p, [at('c', 7, 'pm', 'small')])).toMatchObject([{ kind: 'room_unavailable', resource: { id: 'small' }, day: 7 }]);
    expect(kinds(p, [at('c', 8, 'pm', 'hall')])).toEqual(['room_not_allowed']);
    expect(findConflicts(p, [at('a', 0, 'am', 'small')])[0]!.params).toEqual({ capacity: 10, needed: 20 });
  });

  it('reports times outside the calendar, closed days, weekends, weeks and slots the cohort does not meet in', () => {
    const p = problem([s('a', { weeks: [0] }), s('c', { cohortId: 'citizens' }), s('f', { type: 'field_study', days: 3, needsRoom: false })]);
    expect(kinds(p, [at('a', 3)])).toEqual(['not_a_teaching_day']);
    expect(kinds(p, [at('a', 5)])).toEqual(['not_a_teaching_day']);
    expect(kinds(p, [at('a', 8)])).toEqual(['outside_allowed_weeks']);
    expect(kinds(p, [at('c', 1, 'pm', 'small')])).toEqual(['outside_allowed_weeks']);
    expect(kinds(p, [at('c', 8, 'am', 'small')])).toEqual(['slot_not_allowed']);
    expect(kinds(p, [at('c', 20, 'pm', 'small')])).toEqual(['outside_calendar']);
    // The 3-day block from Tuesday runs into the closed Thursday; from Thursday of week 2 into Saturday.
    expect(findConflicts(p, [at('f', 1, 'am', null)])).toMatchObject([{ kind: 'not_a_teaching_day', day: 3 }]);
    expect(findConflicts(p, [at('f', 10, 'am', null)])).toMatchObject([{ kind: 'not_a_teaching_day', day: 12 }]);
    expect(findConflicts(p, [at('f', 7, 'am', null)])).toEqual([]);
    expect(kinds(p, [at('a', 0, 'am', null)])).toEqual(['room_missing']);
  });

  it('reports a session running past the last slot, unknown sessions, slots and rooms, and duplicates', () => {
    const p = problem([s('a', { durationSlots: 2 })]);
    expect(kinds(p, [at('a', 0, 'pm')])).toEqual(['beyond_day_end']);
    expect(kinds(p, [at('zzz', 0)])).toEqual(['unknown_session']);
    expect(kinds(p, [at('a', 0, 'night')])).toEqual(['unknown_slot']);
    expect(kinds(p, [at('a', 0, 'am', 'attic')])).toEqual(['unknown_room']);
    expect(kinds(p, [at('a', 0), at('a', 1)])).toEqual(['duplicate_placement']);
  });

  it('reports order (a session before its prerequisite has ended) and cadence breaks', () => {
    const p = problem([s('a', { durationSlots: 2 }), s('b', { after: ['a'] })]);
    expect(findConflicts(p, [at('a', 1), at('b', 1, 'pm', 'small')]).map((c) => c.kind)).toContain('prerequisite_order');
    expect(findConflicts(p, [at('a', 1), at('b', 0)])).toMatchObject([{ kind: 'prerequisite_order', sessionIds: ['a', 'b'], params: { prerequisiteId: 'a' } }]);
    expect(findConflicts(p, [at('a', 0), at('b', 1)])).toEqual([]);
    // Only b placed: a missing prerequisite is not a clash (the solver names it as unplaced).
    expect(findConflicts(p, [at('b', 1)])).toEqual([]);

    const series = (position: number) => ({ id: 'weekly', position });
    const q = problem([s('l1', { series: series(1) }), s('l2', { series: series(2) }), s('l4', { series: series(4) })], { calendar: { ...problem([]).calendar, days: 35 } });
    expect(findConflicts(q, [at('l1', 0), at('l2', 7), at('l4', 21)])).toEqual([]);
    expect(findConflicts(q, [at('l1', 0), at('l2', 1)])).toMatchObject([{ kind: 'cadence', sessionIds: ['l1', 'l2'], resource: { type: 'series', id: 'weekly' }, params: { weeksApart: 0, minWeeks: 1, maxWeeks: 1 } }]);
    // A missing member leaves a gap of two weeks to fill.
    expect(kinds(q, [at('l2', 7), at('l4', 14)])).toEqual(['cadence']);
    const loose = { ...q, series: [{ id: 'weekly', minWeeksApart: 1, maxWeeksApart: 2 }] };
    expect(findConflicts(loose, [at('l1', 0), at('l2', 14), at('l4', 28)])).toEqual([]);
  });
});

describe('timetableQuality', () => {
  it('counts spread, crowded days and lecturer preferences', () => {
    const p = problem(
      [s('a', { lecturerIds: ['lee'] }), s('b', { lecturerIds: ['lee'] }), s('c', { lecturerIds: ['kim'] }), s('d', { lecturerIds: ['kim'] })],
      {
        lecturers: [{ id: 'kim', prefer: [{ slotId: 'am' }] }, { id: 'lee', avoid: [{ weekday: 1 }] }],
        soft: { maxSessionsPerDay: 1, weights: { spread: 1, daily: 10, avoid: 100, prefer: 1000 } },
      },
    );
    // Two weeks, four sessions: an even share is two a week. All four in week 0, three of them on Monday.
    const q = timetableQuality(p, [at('a', 0), at('b', 0, 'pm'), at('c', 1), at('d', 0, 'am', 'small')]);
    expect(q).toEqual({ spreadExcess: 2, dailyExcess: 2, avoidedSlotsUsed: 2, preferenceMisses: 0, preferenceHits: 2, score: 2 + 20 + 200 });
    const better = timetableQuality(p, [at('a', 1), at('b', 8), at('c', 2), at('d', 9, 'pm')]);
    expect(better).toEqual({ spreadExcess: 0, dailyExcess: 0, avoidedSlotsUsed: 0, preferenceMisses: 1, preferenceHits: 1, score: 1000 });
  });

  it('breaks the preference figures down per lecturer who stated wishes, summing to the totals', () => {
    const p = problem(
      [s('a', { lecturerIds: ['lee', 'kim'] }), s('b', { lecturerIds: ['lee'], durationSlots: 2 }), s('c', { lecturerIds: ['kim'] }), s('d', { lecturerIds: ['park'] })],
      { lecturers: [{ id: 'kim', prefer: [{ weekday: 2, slotId: 'pm' }, { weekday: 5 }] }, { id: 'lee', avoid: [{ slotId: 'pm' }], prefer: [{ weekday: 1 }] }, { id: 'park' }] },
    );
    // a: Tuesday pm (kim hit, lee avoided and missed); b: Monday am+pm (lee hit, and touches pm: avoided); c: Wednesday am (kim missed).
    const placements = [at('a', 1, 'pm'), at('b', 0), at('c', 2), at('d', 4), at('c', 4)];
    const figures = lecturerPreferenceFigures(p, placements);
    // park stated nothing: left out; c counted once (its first placement), like the quality.
    expect(figures).toEqual([
      { lecturerId: 'kim', sessions: 2, hits: 1, misses: 1, avoided: 0 },
      { lecturerId: 'lee', sessions: 2, hits: 1, misses: 1, avoided: 2 },
    ]);
    const q = timetableQuality(p, placements);
    expect(q).toMatchObject({ preferenceHits: 2, preferenceMisses: 2, avoidedSlotsUsed: 2 });
  });
});
