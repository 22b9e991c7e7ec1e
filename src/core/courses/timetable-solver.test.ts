import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../shared/random.js';
import { findConflicts } from './timetable-conflicts.js';
import type { Lecturer, Placement, Room, TimetableProblem, TimetableSession, UnplacedCode } from './timetable-model.js';
import { solveTimetable, type SolveTimetableOptions, type TimetableProgress } from './timetable-solver.js';

/** Two weeks from Monday 2020-08-03, Monday–Friday, Thursday of week 0 (day 3) closed, two slots a day. */
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
      { id: 'small', capacity: 10 },
    ],
    lecturers: [{ id: 'kim' }, { id: 'lee' }],
    cohorts: [{ id: 'top', size: 20 }],
    sessions,
    ...extra,
  };
}
const s = (id: string, more: Partial<TimetableSession> = {}): TimetableSession => ({ id, type: 'lecture', cohortId: 'top', lecturerIds: [], ...more });
const OPTIONS: SolveTimetableOptions = { seed: 7, repairIterations: 20_000, improveIterations: 2_000 };
const solve = (p: TimetableProblem, more: Partial<SolveTimetableOptions> = {}) => {
  const r = solveTimetable(p, { ...OPTIONS, ...more });
  // Whatever the case, the returned timetable has no hard conflict and accounts for every session once.
  expect(findConflicts(p, r.placements)).toEqual([]);
  expect([...r.placements.map((x) => x.sessionId), ...r.unplaced.map((u) => u.sessionId)].sort()).toEqual(p.sessions.map((x) => x.id).sort());
  return r;
};
const place = (placements: readonly Placement[], id: string) => placements.find((p) => p.sessionId === id)!;
const week0 = (slotIds?: string[]) => ({ weekly: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, ...(slotIds ? { slotIds } : {}) })), unavailable: [{ fromDay: 7, toDay: 13 }] });

describe('solveTimetable: hard constraints', () => {
  it('never puts a lecturer in two places at once', () => {
    // kim teaches only mornings of week 0 (four open days): four sessions of two cohorts fill them.
    const p = problem(
      ['a', 'b', 'c', 'd'].map((id, i) => s(id, { cohortId: i % 2 ? 'top' : 'other', lecturerIds: ['kim'] })),
      { lecturers: [{ id: 'kim', availability: week0(['am']) }], cohorts: [{ id: 'top', size: 20 }, { id: 'other', size: 20 }] },
    );
    const r = solve(p);
    expect(r.status).toBe('complete');
    expect(new Set(r.placements.map((x) => x.day)).size).toBe(4);
    expect(r.placements.every((x) => x.slotId === 'am' && x.day < 7 && x.day !== 3)).toBe(true);
  });

  it('never books a room twice and puts cohorts in rooms big enough', () => {
    const rooms: Room[] = [{ id: 'hall', capacity: 40, availability: { weekly: [{ weekday: 1 }] } }, { id: 'small', capacity: 10 }];
    const p = problem([s('a', { durationSlots: 2 }), s('b', { cohortId: 'other' }), s('c', { cohortId: 'other' }), s('t', { cohortId: 'tiny' })], {
      rooms,
      cohorts: [{ id: 'top', size: 30 }, { id: 'other', size: 25 }, { id: 'tiny', size: 8 }],
    });
    const r = solve(p);
    expect(r.status).toBe('complete');
    // The hall is open on Mondays only (days 0 and 7): the full-day session takes one, the other cohort the other.
    expect(place(r.placements, 'a').roomId).toBe('hall');
    expect([place(r.placements, 'b'), place(r.placements, 'c')].every((x) => x.roomId === 'hall' && x.day !== place(r.placements, 'a').day)).toBe(true);
    expect(['hall', 'small']).toContain(place(r.placements, 't').roomId);
  });

  it('never puts a cohort in two sessions at once and keeps to its days, weeks and slots', () => {
    const p = problem(['a', 'b', 'c', 'd'].map((id) => s(id, { lecturerIds: [id === 'a' ? 'kim' : 'lee'] })), {
      cohorts: [{ id: 'top', size: 20, firstWeek: 1, weekdays: [2, 4], slotIds: ['pm'] }],
    });
    const r = solve(p, { improveIterations: 0 });
    // Week 1 Tuesday and Thursday afternoons: two places for four sessions.
    expect(r.placements).toHaveLength(2);
    expect(r.placements.every((x) => (x.day === 8 || x.day === 10) && x.slotId === 'pm')).toBe(true);
    expect(r.unplaced.map((u) => u.reason.code)).toEqual(['unresolved_conflict', 'unresolved_conflict']);
  });

  it('respects lecturer availability for every lecturer of a session', () => {
    const lecturers: Lecturer[] = [
      { id: 'kim', availability: { weekly: [{ weekday: 3 }, { weekday: 5 }] } },
      { id: 'lee', availability: { weekly: [{ weekday: 5, slotIds: ['pm'] }, { weekday: 3, slotIds: ['am'] }], unavailable: [{ fromDay: 0, toDay: 6 }] } },
    ];
    const r = solve(problem([s('a', { lecturerIds: ['kim', 'lee'] })], { lecturers }));
    // Both free: Wednesday morning or Friday afternoon of week 1.
    const a = place(r.placements, 'a');
    expect(['9 am', '11 pm']).toContain(`${a.day} ${a.slotId}`);
  });

  it('keeps prerequisites in order, even when they must share a day', () => {
    // All three in week 0's Friday or earlier, c only on Friday: a and b must come before.
    const p = problem([s('c', { after: ['b'], weeks: [0], lecturerIds: ['kim'] }), s('b', { after: ['a'], weeks: [0] }), s('a', { weeks: [0] })], {
      lecturers: [{ id: 'kim', availability: { weekly: [{ weekday: 5 }] } }, { id: 'lee' }],
    });
    const r = solve(p);
    const t = (id: string) => place(r.placements, id).day * 2 + (place(r.placements, id).slotId === 'am' ? 0 : 1);
    expect(r.status).toBe('complete');
    expect(t('a')).toBeLessThan(t('b'));
    expect(t('b')).toBeLessThan(t('c'));
    expect(place(r.placements, 'c').day).toBe(4);
  });

  it('keeps a weekly series one week apart', () => {
    const p = problem([1, 2, 3, 4].map((k) => s(`l${k}`, { series: { id: 'weekly', position: k }, lecturerIds: ['kim'] })), {
      calendar: { ...problem([]).calendar, days: 28 },
      lecturers: [{ id: 'kim', availability: { weekly: [{ weekday: 2 }, { weekday: 4 }] } }],
    });
    const r = solve(p);
    expect(r.status).toBe('complete');
    expect([1, 2, 3, 4].map((k) => Math.floor(place(r.placements, `l${k}`).day / 7))).toEqual([0, 1, 2, 3]);
  });

  it('puts the 3-day field study on consecutive teaching days, clear of other sessions', () => {
    // Week 0's Thursday is closed, so Monday–Wednesday is the only 3-day run in week 0.
    const p = problem([s('field', { type: 'field_study', days: 3, durationSlots: 2, needsRoom: false, weeks: [0], lecturerIds: ['kim'] }), s('x', { weeks: [0] }), s('y', { weeks: [0], lecturerIds: ['kim'] })]);
    const r = solve(p);
    expect(r.status).toBe('complete');
    expect(place(r.placements, 'field')).toEqual({ sessionId: 'field', day: 0, slotId: 'am', roomId: null });
    expect(place(r.placements, 'x').day).toBe(4);
    expect(place(r.placements, 'y').day).toBe(4);
  });
});

describe('solveTimetable: sessions that cannot be placed are named with their reason', () => {
  const cases: [string, TimetableProblem, string, UnplacedCode, Record<string, string | number>][] = [
    ['no room big enough', problem([s('a', { capacity: 50 })]), 'a', 'no_room_with_capacity', { needed: 50, largest: 40 }],
    [
      'a lecturer never free in the allowed weeks',
      problem([s('a', { lecturerIds: ['kim'], weeks: [1] })], { lecturers: [{ id: 'kim', availability: week0() }] }),
      'a',
      'lecturer_unavailable_all_allowed_weeks',
      { lecturerId: 'kim' },
    ],
    [
      'two lecturers never free together',
      problem([s('a', { lecturerIds: ['kim', 'lee'] })], { lecturers: [{ id: 'kim', availability: { weekly: [{ weekday: 1 }] } }, { id: 'lee', availability: { weekly: [{ weekday: 2 }] } }] }),
      'a',
      'lecturers_never_free_together',
      { lecturerIds: 'kim,lee' },
    ],
    [
      'rooms closed',
      problem([s('a', { roomIds: ['small', 'hall'], capacity: 5 })], { rooms: [{ id: 'hall', capacity: 40, availability: { weekly: [] } }, { id: 'small', capacity: 10, availability: { unavailable: [{ fromDay: 0, toDay: 13 }] } }] }),
      'a',
      'room_unavailable_all_allowed_weeks',
      { roomIds: 'small,hall' },
    ],
    ['no 3 consecutive teaching days', problem([s('f', { days: 3, weeks: [0], cohortId: 'top' })], { cohorts: [{ id: 'top', size: 20, weekdays: [1, 3, 5] }] }), 'f', 'no_consecutive_days', { days: 3 }],
    ['a session longer than a day', problem([s('a', { durationSlots: 3 })]), 'a', 'duration_exceeds_day', { durationSlots: 3, slotsPerDay: 2 }],
    ['no allowed week', problem([s('a', { weeks: [5] })]), 'a', 'no_allowed_week', { firstWeek: 0, lastWeek: 1 }],
    ['no teaching day', problem([s('a', { weeks: [0] })], { cohorts: [{ id: 'top', size: 20, weekdays: [6, 7] }] }), 'a', 'no_teaching_day', { firstWeek: 0, lastWeek: 1 }],
    ['no allowed slot', problem([s('a', { durationSlots: 2 })], { cohorts: [{ id: 'top', size: 20, slotIds: ['pm'] }] }), 'a', 'no_allowed_slot', { durationSlots: 2 }],
    ['an unknown cohort', problem([s('a', { cohortId: 'ghost' })]), 'a', 'unknown_cohort', { cohortId: 'ghost' }],
    ['an unknown lecturer', problem([s('a', { lecturerIds: ['park'] })]), 'a', 'unknown_lecturer', { lecturerId: 'park' }],
    ['an unknown room', problem([s('a', { roomIds: ['attic'] })]), 'a', 'unknown_room', { roomId: 'attic' }],
    ['a bad duration', problem([s('a', { durationSlots: 0 })]), 'a', 'invalid_session', { field: 'durationSlots' }],
    ['an unknown prerequisite', problem([s('a', { after: ['ghost'] })]), 'a', 'unknown_prerequisite', { prerequisiteId: 'ghost' }],
    ['a prerequisite cycle', problem([s('a', { after: ['b'] }), s('b', { after: ['a'] })]), 'b', 'prerequisite_cycle', { sessionIds: 'a,b' }],
    ['an unplaceable prerequisite', problem([s('a', { capacity: 99 }), s('b', { after: ['a'] }), s('c', { after: ['b'] })]), 'c', 'prerequisite_unplaceable', { prerequisiteId: 'b' }],
    [
      'no time left after the prerequisites',
      problem([s('a', { weeks: [1], durationSlots: 2 }), s('b', { after: ['a'], weeks: [0, 1] })], { calendar: { ...problem([]).calendar, days: 8 } }),
      'b',
      'no_time_after_prerequisites',
      { prerequisiteId: 'a' },
    ],
    ['a weekly series longer than the course', problem([1, 2, 3].map((k) => s(`l${k}`, { series: { id: 'w', position: k } }))), 'l3', 'series_unplaceable', { seriesId: 'w', neighbourId: 'l2' }],
  ];
  for (const [name, p, id, code, params] of cases)
    it(name, () => {
      const r = solve(p);
      expect(r.status).toBe('partial');
      expect(r.unplaced.find((u) => u.sessionId === id)?.reason).toEqual({ code, params });
    });

  it('a duplicate session id', () => {
    const r = solve(problem([s('a'), s('a', { type: 'workshop' })]));
    expect(r.placements).toHaveLength(1);
    expect(r.unplaced).toEqual([{ sessionId: 'a', reason: { code: 'duplicate_session', params: {} } }]);
  });

  it('sessions that fit alone but not together: the fewest are left out, named with the clash', () => {
    // kim can teach only on Monday morning; three sessions need kim.
    const p = problem(['a', 'b', 'c'].map((id) => s(id, { lecturerIds: ['kim'] })), { lecturers: [{ id: 'kim', availability: { weekly: [{ weekday: 1, slotIds: ['am'] }] } }] });
    const r = solve(p);
    expect(r.placements).toHaveLength(2);
    expect(r.unplaced).toHaveLength(1);
    expect(r.unplaced[0]!.reason.code).toBe('unresolved_conflict');
    expect(r.unplaced[0]!.reason.params).toMatchObject({ kind: 'lecturer_clash', resourceType: 'lecturer', resourceId: 'kim', slotId: 'am' });
    expect(r.stats.stoppedBy).toBe('iteration_limit');
  });
});

/** Small random instances: two cohorts, three lecturers with random availability, a few rooms, prerequisites, a series, a block. */
function randomProblem(seed: number): TimetableProblem {
  const rand = mulberry32(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const lecturers: Lecturer[] = ['l1', 'l2', 'l3'].map((id) => ({
    id,
    availability: { weekly: [1, 2, 3, 4, 5].filter(() => rand() < 0.7).map((weekday) => ({ weekday })), unavailable: rand() < 0.5 ? [{ fromDay: int(0, 20), toDay: int(0, 27) }] : [] },
    ...(rand() < 0.5 ? { prefer: [{ slotId: 'am' }] } : {}),
  }));
  const rooms: Room[] = Array.from({ length: int(1, 3) }, (_, i) => ({ id: `r${i}`, capacity: int(10, 40) }));
  const cohorts = [
    { id: 'c1', size: int(5, 30) },
    { id: 'c2', size: int(5, 30), firstWeek: int(0, 1), slotIds: rand() < 0.5 ? ['pm', 'late'] : ['am', 'pm', 'late'] },
  ];
  const sessions: TimetableSession[] = [];
  const n = int(4, 14);
  for (let i = 0; i < n; i++) {
    const cohortId = rand() < 0.5 ? 'c1' : 'c2';
    sessions.push({
      id: `s${i}`,
      type: 'lecture',
      cohortId,
      lecturerIds: lecturers.filter(() => rand() < 0.4).map((l) => l.id),
      durationSlots: rand() < 0.2 ? 2 : 1,
      ...(rand() < 0.1 ? { days: 3, needsRoom: false, type: 'field_study' as const } : {}),
      ...(i > 0 && rand() < 0.3 ? { after: [`s${int(0, i - 1)}`] } : {}),
      ...(rand() < 0.3 ? { series: { id: `${cohortId}-weekly`, position: i } } : {}),
    });
  }
  return {
    calendar: {
      startDate: '2020-08-03',
      days: 28,
      closedDays: [int(0, 27)],
      slots: [
        { id: 'am', start: 540, end: 720 },
        { id: 'pm', start: 780, end: 960 },
        { id: 'late', start: 960, end: 1080 },
      ],
    },
    rooms,
    lecturers,
    cohorts,
    sessions,
    series: [{ id: 'c1-weekly', minWeeksApart: 0, maxWeeksApart: 2 }],
    soft: { maxSessionsPerDay: 2 },
  };
}

describe('solveTimetable: properties', () => {
  it('returns a timetable with zero hard conflicts on every seeded random instance', () => {
    let placed = 0;
    let unplaced = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const p = randomProblem(seed);
      const r = solveTimetable(p, { seed, repairIterations: 3_000, improveIterations: 1_000 });
      expect(findConflicts(p, r.placements), `seed ${seed}`).toEqual([]);
      expect(r.placements.length + r.unplaced.length).toBe(p.sessions.length);
      placed += r.placements.length;
      unplaced += r.unplaced.length;
    }
    // Not a vacuous pass: most sessions do get placed.
    expect(placed).toBeGreaterThan(3 * unplaced);
  });

  it('is deterministic for a seed', () => {
    const p = randomProblem(11);
    const a = solveTimetable(p, { seed: 'run-42', repairIterations: 5_000, improveIterations: 5_000 });
    const b = solveTimetable(p, { seed: 'run-42', repairIterations: 5_000, improveIterations: 5_000 });
    expect(b.placements).toEqual(a.placements);
    expect(b.unplaced).toEqual(a.unplaced);
    expect(b.quality).toEqual(a.quality);
  });

  it('improves soft quality: spread over weeks, crowded days and lecturer preferences', () => {
    const p = problem(
      ['a', 'b', 'c', 'd'].map((id) => s(id, { lecturerIds: ['kim'] })),
      { lecturers: [{ id: 'kim', prefer: [{ slotId: 'pm' }], avoid: [{ weekday: 1 }] }], soft: { maxSessionsPerDay: 1 } },
    );
    const r = solve(p, { improveIterations: 20_000 });
    expect(r.quality).toEqual({ score: 0, spreadExcess: 0, dailyExcess: 0, avoidedSlotsUsed: 0, preferenceMisses: 0, preferenceHits: 4 });
    expect(r.stats.softAtZeroHard).toBeGreaterThanOrEqual(r.quality.score);
  });
});

describe('solveTimetable: lecturer wishes', () => {
  // Two lecture sessions of kim and lee in week 1 (days 7–11), nothing else to weigh: where they land is up to the wishes.
  const wishes = (kim: Partial<Lecturer>, lee: Partial<Lecturer> = {}, extra: Partial<TimetableProblem> = {}) =>
    problem([s('a', { lecturerIds: ['kim'], weeks: [1] }), s('b', { lecturerIds: ['lee'], weeks: [1] })], { lecturers: [{ id: 'kim', ...kim }, { id: 'lee', ...lee }], ...extra });
  const seeds = [1, 2, 3, 4, 5];

  it('places a session in the slot its lecturer prefers, whichever that is', () => {
    for (const seed of seeds) {
      const thu = solve(wishes({ prefer: [{ weekday: 4, slotId: 'pm' }] }, { prefer: [{ weekday: 2, slotId: 'am' }] }), { seed });
      expect(place(thu.placements, 'a'), `seed ${seed}`).toMatchObject({ day: 10, slotId: 'pm' });
      expect(place(thu.placements, 'b'), `seed ${seed}`).toMatchObject({ day: 8, slotId: 'am' });
      expect(thu.quality).toMatchObject({ preferenceHits: 2, preferenceMisses: 0, avoidedSlotsUsed: 0 });
      // The same problem with the wishes swapped: the sessions follow them.
      const swapped = solve(wishes({ prefer: [{ weekday: 2, slotId: 'am' }] }, { prefer: [{ weekday: 4, slotId: 'pm' }] }), { seed });
      expect(place(swapped.placements, 'a'), `seed ${seed}`).toMatchObject({ day: 8, slotId: 'am' });
      expect(place(swapped.placements, 'b'), `seed ${seed}`).toMatchObject({ day: 10, slotId: 'pm' });
    }
  });

  it('keeps a session out of the slots its lecturer avoids when it can', () => {
    // kim would rather not teach on Monday, Tuesday or Wednesday, nor in the afternoon: Thursday or Friday morning is left.
    for (const seed of seeds) {
      const r = solve(wishes({ avoid: [{ weekday: 1 }, { weekday: 2 }, { weekday: 3 }, { slotId: 'pm' }] }), { seed });
      const a = place(r.placements, 'a');
      expect(`${a.day} ${a.slotId}`, `seed ${seed}`).toMatch(/^(10|11) am$/);
      expect(r.quality.avoidedSlotsUsed).toBe(0);
    }
  });

  it('never lets a wish beat a hard constraint, however heavily it is weighed', () => {
    // kim is free only on Tuesdays and wishes for Monday; three sessions of kim and only two Monday mornings.
    const heavy = { soft: { weights: { prefer: 1_000_000, avoid: 1_000_000 } } };
    for (const seed of seeds) {
      const away = solve(problem([s('a', { lecturerIds: ['kim'] })], { lecturers: [{ id: 'kim', availability: { weekly: [{ weekday: 2 }] }, prefer: [{ weekday: 1 }] }, { id: 'lee' }], ...heavy }), { seed });
      expect([1, 8]).toContain(place(away.placements, 'a').day);
      expect(away.quality).toMatchObject({ preferenceHits: 0, preferenceMisses: 1 });
      const three = problem(['a', 'b', 'c'].map((id) => s(id, { lecturerIds: ['kim'] })), { lecturers: [{ id: 'kim', prefer: [{ weekday: 1, slotId: 'am' }], avoid: [{ weekday: 5 }] }, { id: 'lee' }], ...heavy });
      const r = solve(three, { seed });
      // solve() has checked there is no clash; all three are placed, two of them on the Monday mornings.
      expect(r.status, `seed ${seed}`).toBe('complete');
      expect(r.quality).toMatchObject({ preferenceHits: 2, preferenceMisses: 1, avoidedSlotsUsed: 0 });
      // Not even the first draft trades a clash for a wish (repair would have had to undo it).
      expect(r.stats.constructionConflicts).toBe(0);
      // And a lecturer who avoids every teaching day still gets their sessions, each counted.
      const everywhere = solve(wishes({ avoid: [1, 2, 3, 4, 5].map((weekday) => ({ weekday })) }), { seed });
      expect(everywhere.status).toBe('complete');
      expect(everywhere.quality.avoidedSlotsUsed).toBe(1);
    }
  });
});

describe('solveTimetable: progress and interruption', () => {
  it('reports its phases with placed counts and conflicts left', () => {
    const seen: TimetableProgress[] = [];
    const p = randomProblem(5);
    const r = solveTimetable(p, { seed: 1, repairIterations: 10_000, improveIterations: 3_000, progressEvery: 500, onProgress: (x) => seen.push(x) });
    const phases = [...new Set(seen.map((x) => x.phase))];
    expect(phases[0]).toBe('checking');
    expect(phases.at(-1)).toBe('done');
    expect(phases).toContain('constructing');
    expect(seen.at(-1)).toMatchObject({ phase: 'done', placed: r.placements.length, hardConflicts: 0 });
    expect(seen.some((x) => x.phase === 'improving' && x.iteration === 500)).toBe(true);
  });

  it('stops at the deadline of the injected clock and still returns a conflict-free timetable', () => {
    let clock = 0;
    const now = () => (clock += 1);
    // Unsatisfiable: the search would run forever without the deadline.
    const p = problem(['a', 'b', 'c'].map((id) => s(id, { lecturerIds: ['kim'] })), { lecturers: [{ id: 'kim', availability: { weekly: [{ weekday: 1, slotIds: ['am'] }] } }] });
    const r = solveTimetable(p, { seed: 3, now, timeLimitMs: 50 });
    expect(r.stats.stoppedBy).toBe('time_limit');
    expect(r.stats.msToZeroHard).toBeNull();
    expect(findConflicts(p, r.placements)).toEqual([]);
    expect(r.unplaced.map((u) => u.reason.code)).toEqual(['unresolved_conflict']);
  });

  it('stops when asked to', () => {
    const p = randomProblem(9);
    const r = solveTimetable(p, { seed: 3, shouldStop: () => true });
    expect(r.stats).toMatchObject({ stoppedBy: 'stopped', repairIterations: 0, improveIterations: 0 });
    expect(findConflicts(p, r.placements)).toEqual([]);
  });
});
