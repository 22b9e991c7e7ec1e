import { describe, expect, it } from 'vitest';
import { byTime, cohortDates, durationText, enrolmentWindow, groupByModule, newAttemptKey, seatsLeftOf, seoulClock, seoulDay, sessionWhen } from './course-format';

describe('times in Asia/Seoul', () => {
  it('reads an instant as the Seoul day and clock, whatever offset it was written with', () => {
    // 23:30 UTC on 3 August is 08:30 on 4 August in Seoul.
    expect(seoulDay('2020-08-03T23:30:00Z')).toBe('2020-08-04');
    expect(seoulClock('2020-08-03T23:30:00Z')).toBe('08:30');
    expect(seoulClock('2020-08-04T14:00:00+09:00')).toBe('14:00');
    expect(seoulClock('2020-08-04T12:00:00-03:00')).toBe('00:00');
  });

  it('words a session on one day with its weekday and a time range, in both languages', () => {
    expect(sessionWhen('2020-08-04T14:00:00+09:00', '2020-08-04T17:00:00+09:00', 'ko')).toBe('2020년 8월 4일 (화) 14:00–17:00');
    const en = sessionWhen('2020-08-04T05:00:00Z', '2020-08-04T08:00:00Z', 'en');
    expect(en).toBe('Tue 4 Aug 2020, 14:00–17:00');
  });

  it('words a session over several days with both ends', () => {
    const text = sessionWhen('2020-09-07T09:00:00+09:00', '2020-09-09T17:00:00+09:00', 'ko');
    expect(text).toBe('2020년 9월 7일 (월) 09:00 – 2020년 9월 9일 (수) 17:00');
  });

  it('says nothing for a session that is not timetabled yet', () => {
    expect(sessionWhen(null, null, 'ko')).toBeNull();
  });

  it('words a cohort’s days without repeating the year', () => {
    expect(cohortDates('2020-08-04', '2020-11-24', 'ko')).toBe('2020년 8월 4일 – 11월 24일');
    expect(cohortDates('2020-08-04', '2020-11-24', 'en')).toBe('4 Aug – 24 Nov 2020');
  });

  it('words durations', () => {
    expect(durationText(210, 'ko')).toBe('3시간 30분');
    expect(durationText(180, 'en')).toBe('3 h');
    expect(durationText(45, 'en')).toBe('45 min');
  });
});

describe('enrolmentWindow', () => {
  const cohort = { enrolmentOpensAt: '2020-07-01T00:00:00+09:00', enrolmentClosesAt: '2020-07-31T18:00:00+09:00', status: 'published', startsOn: '2020-08-04' };
  it('is upcoming before the opening, open inside, closed from the closing time on', () => {
    expect(enrolmentWindow(cohort, new Date('2020-06-30T14:59:59Z'))).toBe('upcoming');
    expect(enrolmentWindow(cohort, new Date('2020-06-30T15:00:00Z'))).toBe('open');
    expect(enrolmentWindow(cohort, new Date('2020-07-31T08:59:59Z'))).toBe('open');
    expect(enrolmentWindow(cohort, new Date('2020-07-31T09:00:00Z'))).toBe('closed');
  });
  it('is open without set times, and closed for a finished cohort', () => {
    const loose = { ...cohort, enrolmentOpensAt: null, enrolmentClosesAt: null };
    expect(enrolmentWindow(loose, new Date('2030-01-01T00:00:00Z'))).toBe('open');
    expect(enrolmentWindow({ ...loose, status: 'finished' }, new Date('2020-01-01T00:00:00Z'))).toBe('closed');
  });
});

describe('byTime', () => {
  it('orders timed sessions by start and keeps untimed ones last in curriculum order', () => {
    const sessions = [
      { id: 'a', startsAt: null },
      { id: 'b', startsAt: '2020-08-11T14:00:00+09:00' },
      { id: 'c', startsAt: '2020-08-04T14:00:00+09:00' },
      { id: 'd', startsAt: null },
    ];
    expect(byTime(sessions).map((s) => s.id)).toEqual(['c', 'b', 'a', 'd']);
  });
});

describe('groupByModule', () => {
  it('groups sessions under their modules in module order and puts the rest last', () => {
    const modules = [
      { id: 'm2', title: { ko: '둘' }, goals: null, position: 2 },
      { id: 'm1', title: { ko: '하나' }, goals: null, position: 1 },
      { id: 'm3', title: { ko: '빈 모듈' }, goals: null, position: 3 },
    ];
    const sessions = [
      { id: 's1', moduleId: 'm2' },
      { id: 's2', moduleId: null },
      { id: 's3', moduleId: 'm1' },
      { id: 's4', moduleId: 'gone' },
    ];
    const groups = groupByModule(modules, sessions);
    expect(groups.map((g) => [g.module?.id ?? null, g.sessions.map((s) => s.id)])).toEqual([
      ['m1', ['s3']],
      ['m2', ['s1']],
      [null, ['s2', 's4']],
    ]);
  });
});

describe('seatsLeftOf and newAttemptKey', () => {
  it('reads seats left only when the server gives a number', () => {
    expect(seatsLeftOf({ seatsLeft: 3 })).toBe(3);
    expect(seatsLeftOf({ seatsLeft: -1 })).toBe(0);
    expect(seatsLeftOf({})).toBeNull();
  });
  it('makes a version 4 UUID with or without randomUUID', () => {
    const bytes = { getRandomValues: <T extends ArrayBufferView | null>(a: T) => { new Uint8Array((a as unknown as Uint8Array).buffer).fill(0xab); return a; } };
    expect(newAttemptKey(bytes)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(newAttemptKey({ ...bytes, randomUUID: () => 'fixed' })).toBe('fixed');
  });
});
