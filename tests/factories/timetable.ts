/**
 * The seeded timetabling instance of the benchmark and the solver-pool tests: the 16-week
 * top-innovator course plus district citizen courses sharing lecturers, August–November 2020 with
 * the Korean public holidays closed.
 */
import { dayIndexOf } from '../../src/core/courses/calendar.js';
import type { Cohort, Lecturer, Room, SeriesRule, TimetableProblem, TimetableSession } from '../../src/core/courses/timetable-model.js';
import { mulberry32 } from '../../src/core/shared/random.js';

export interface TimetableSizes {
  districts: number;
  lecturers: number;
  seed: number;
  /** Wall-clock limit for the whole solve, in seconds. */
  timeLimit: number;
}

const START = '2020-08-03';
/** 2020 holidays inside the course: Liberation Day's substitute, Chuseok, National Foundation Day, Hangul Day. */
const HOLIDAYS = ['2020-08-17', '2020-09-30', '2020-10-01', '2020-10-02', '2020-10-03', '2020-10-09'];

/** The seeded benchmark instance: about 390 sessions, Monday–Saturday, three slots a day. */
export function generateTimetableProblem(s: TimetableSizes): TimetableProblem {
  const rand = mulberry32(s.seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const pickK = <T>(items: readonly T[], k: number): T[] => {
    const a = [...items];
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [a[i], a[j]] = [a[j]!, a[i]!];
    }
    return a.slice(0, k);
  };
  const days = 16 * 7;
  const lecturers: Lecturer[] = Array.from({ length: s.lecturers }, (_, i) => {
    // The first four (the top course's core faculty) teach Monday–Friday; the rest 3–5 days a week.
    const weekdays = i < 4 ? [1, 2, 3, 4, 5] : pickK([1, 2, 3, 4, 5, 6], int(3, 5)).sort();
    const off = int(0, days - 10);
    const away = int(3, 6);
    return {
      id: `lect-${String(i + 1).padStart(2, '0')}`,
      // The eight lecturers of the top course's weekly series take no leave during the course.
      availability: { weekly: weekdays.map((weekday) => ({ weekday })), ...(i >= 8 ? { unavailable: [{ fromDay: off, toDay: off + away }] } : {}) },
      ...(i % 3 === 0 ? { prefer: [{ slotId: 'am' }] } : {}),
      ...(i % 4 === 1 ? { avoid: [{ weekday: 6 }] } : {}),
    };
  });
  const L = (i: number) => lecturers[i % lecturers.length]!.id;

  const rooms: Room[] = [
    { id: 'park-hall', capacity: 80 },
    { id: 'park-workshop', capacity: 36 },
    { id: 'park-lab', capacity: 30 },
    { id: 'park-seminar', capacity: 30, availability: { unavailable: [{ fromDay: 21, toDay: 27 }] } },
  ];
  const cohorts: Cohort[] = [{ id: 'top-2020', size: 30, firstWeek: 0, lastWeek: 15, weekdays: [1, 2, 3, 4, 5], roomIds: rooms.map((r) => r.id) }];
  const series: SeriesRule[] = [{ id: 'top-lectures', minWeeksApart: 1, maxWeeksApart: 1 }];
  const sessions: TimetableSession[] = [];
  const top = 'top-2020';
  // The top-innovator course: lecturers 1–16 of the pool.
  sessions.push({ id: 'top-orientation', type: 'lecture', cohortId: top, lecturerIds: [L(0)], weeks: [0], roomIds: ['park-hall'] });
  for (let k = 1; k <= 14; k++)
    sessions.push({ id: `top-lecture-${k}`, type: 'lecture', cohortId: top, lecturerIds: [L(k % 8)], roomIds: ['park-hall'], after: ['top-orientation'], series: { id: 'top-lectures', position: k } });
  for (let k = 1; k <= 8; k++)
    sessions.push({ id: `top-workshop-${k}`, type: 'workshop', cohortId: top, lecturerIds: [L(8 + (k % 4)), L(12 + (k % 3))], durationSlots: 2, roomIds: ['park-workshop'], after: [`top-lecture-${Math.min(14, k + 1)}`] });
  for (let k = 1; k <= 8; k++)
    sessions.push({ id: `top-lab-${k}`, type: 'experiment_lab', cohortId: top, lecturerIds: [L(4 + (k % 6))], durationSlots: 2, roomIds: ['park-lab'], after: [`top-workshop-${k}`] });
  for (let k = 1; k <= 7; k++)
    sessions.push({ id: `top-mentoring-${k}`, type: 'mentoring', cohortId: top, lecturerIds: [L(15 - (k % 5))], roomIds: ['park-seminar', 'park-lab'], weeks: [2 * k, 2 * k + 1] });
  sessions.push({ id: 'top-field-study', type: 'field_study', cohortId: top, lecturerIds: [L(1), L(3)], durationSlots: 3, days: 3, needsRoom: false, weeks: [9, 10, 11], after: ['top-lecture-6'] });
  sessions.push({
    id: 'top-results',
    type: 'results_presentation',
    cohortId: top,
    lecturerIds: [L(0), L(2), L(8)],
    durationSlots: 2,
    roomIds: ['park-hall'],
    weeks: [15],
    after: ['top-field-study', ...Array.from({ length: 8 }, (_, k) => `top-lab-${k + 1}`)],
  });

  // District citizen courses: 12 weeks each, staggered starts, three meeting days, a local room;
  // their lecturers are drawn from those who teach on at least two of the district's days.
  const slotSets = [['pm', 'late'], ['am', 'pm'], ['am', 'pm', 'late']];
  for (let d = 1; d <= s.districts; d++) {
    const code = `d${String(d).padStart(2, '0')}`;
    const first = int(0, 4);
    const weekdays = pickK([1, 2, 3, 4, 5, 6], 3).sort();
    const fits = lecturers.slice(8).filter((l) => (l.availability?.weekly ?? []).filter((w) => weekdays.includes(w.weekday)).length >= 2);
    // Two neighbouring districts share one community-centre room, closed a few days for other events.
    const centre = `centre-${String(Math.ceil(d / 2)).padStart(2, '0')}`;
    let room = rooms.find((r) => r.id === centre);
    if (!room) {
      const from = int(0, days - 6);
      room = { id: centre, capacity: int(0, 3) === 0 ? 40 : 30, availability: { unavailable: [{ fromDay: from, toDay: from + int(1, 4) }] } };
      rooms.push(room);
    }
    const cohortId = `${code}-2020`;
    cohorts.push({ id: cohortId, size: int(20, 30), firstWeek: first, lastWeek: first + 11, weekdays, slotIds: slotSets[d % 3]!, roomIds: [room.id] });
    series.push({ id: `${code}-lectures`, minWeeksApart: 1, maxWeeksApart: 2 });
    const [a, b, c] = pickK(fits, 3).map((l) => l.id) as [string, string, string];
    for (let k = 1; k <= 8; k++) sessions.push({ id: `${code}-lecture-${k}`, type: 'lecture', cohortId, lecturerIds: [k % 4 === 0 ? b : a], series: { id: `${code}-lectures`, position: k } });
    for (let k = 1; k <= 3; k++) sessions.push({ id: `${code}-workshop-${k}`, type: 'workshop', cohortId, lecturerIds: [b], durationSlots: 2, after: [`${code}-lecture-${2 * k}`] });
    for (let k = 1; k <= 2; k++) sessions.push({ id: `${code}-mentoring-${k}`, type: 'mentoring', cohortId, lecturerIds: [c], after: [`${code}-lecture-${3 * k}`] });
    sessions.push({
      id: `${code}-results`,
      type: 'results_presentation',
      cohortId,
      lecturerIds: [a, c],
      after: [`${code}-lecture-8`, `${code}-workshop-3`, `${code}-mentoring-2`],
    });
  }

  return {
    calendar: {
      startDate: START,
      days,
      weekdays: [1, 2, 3, 4, 5, 6],
      closedDays: HOLIDAYS.map((h) => dayIndexOf(START, h)!),
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
    series,
    soft: { maxSessionsPerDay: 2 },
  };
}
