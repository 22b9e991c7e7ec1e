import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  attendanceStanding,
  acceptedSteps,
  attendanceRates,
  CHECKIN_OPENS_BEFORE_MS,
  checkinWindow,
  codeFromDigest,
  codeStep,
  isWellFormedCode,
  sameCode,
  stepCounterBytes,
  stepEndsAt,
  windowState,
  type RateRecord,
} from './attendance-code.js';

const MIN = 60_000;
const HOUR = 60 * MIN;

describe('the check-in window', () => {
  const start = Date.UTC(2020, 7, 4, 1, 0); // 10:00 in Seoul
  const end = start + 3 * HOUR;
  const w = checkinWindow(start, end)!;

  it('opens 15 minutes before the start and closes at the end, both edges inclusive', () => {
    expect(w).toEqual({ opensAt: start - CHECKIN_OPENS_BEFORE_MS, closesAt: end });
    expect(CHECKIN_OPENS_BEFORE_MS).toBe(15 * MIN);
    expect(windowState(w, start - 15 * MIN - 1)).toBe('before');
    expect(windowState(w, start - 15 * MIN)).toBe('open');
    expect(windowState(w, start + HOUR)).toBe('open');
    expect(windowState(w, end)).toBe('open');
    expect(windowState(w, end + 1)).toBe('after');
  });

  it('does not exist for a session that is not timetabled', () => {
    expect(checkinWindow(null, null)).toBeNull();
    expect(checkinWindow(start, null)).toBeNull();
    expect(windowState(null, start)).toBe('not_scheduled');
  });
});

describe('rotation', () => {
  it('moves to a new step every period and says when the current one ends', () => {
    expect(codeStep(0, 30)).toBe(0);
    expect(codeStep(29_999, 30)).toBe(0);
    expect(codeStep(30_000, 30)).toBe(1);
    expect(codeStep(1_596_502_812_345, 30)).toBe(53_216_760);
    expect(stepEndsAt(53_216_760, 30)).toBe(53_216_761 * 30_000);
    expect(codeStep(125_000, 60)).toBe(2);
    expect(() => codeStep(0, 0)).toThrow(RangeError);
  });

  it('accepts the current step and the one before, nothing older or newer', () => {
    expect(acceptedSteps(95_000, 30)).toEqual([3, 2]);
    expect(acceptedSteps(90_000, 30)).toEqual([3, 2]);
    expect(acceptedSteps(89_999, 30)).toEqual([2, 1]);
  });

  it('encodes the step as an 8-byte big-endian counter', () => {
    expect([...stepCounterBytes(1)]).toEqual([0, 0, 0, 0, 0, 0, 0, 1]);
    expect([...stepCounterBytes(0x0123456789)]).toEqual([0, 0, 0, 0x01, 0x23, 0x45, 0x67, 0x89]);
  });
});

describe('codes from digests', () => {
  it('truncates like HOTP (RFC 4226 appendix D intermediate HMAC-SHA1 values)', () => {
    const vectors: [string, string][] = [
      ['cc93cf18508d94934c64b65d8ba7667fb7cde4b0', '755224'],
      ['75a48a19d4cbe100644e8ac1397eea747a2d33ab', '287082'],
      ['0bacb7fa082fef30782211938bc1c5e70416ff44', '359152'],
      ['66c28227d03a2d5529262ff016a1e6ef76557ece', '969429'],
    ];
    for (const [hex, code] of vectors) expect(codeFromDigest(Buffer.from(hex, 'hex'))).toBe(code);
  });

  it('gives the TOTP codes of RFC 6238 (SHA-256, 30 s) for the same counter and key, to six digits', () => {
    const key = Buffer.from('12345678901234567890123456789012');
    const vectors: [number, string][] = [
      [59, '119246'],
      [1_111_111_109, '084774'],
      [1_111_111_111, '062674'],
      [1_234_567_890, '819424'],
      [2_000_000_000, '698825'],
      [20_000_000_000, '737706'],
    ];
    for (const [seconds, code] of vectors) {
      const digest = createHmac('sha256', key).update(stepCounterBytes(codeStep(seconds * 1000, 30))).digest();
      expect(codeFromDigest(digest), String(seconds)).toBe(code);
    }
  });

  it('always gives six digits, keeping leading zeros', () => {
    const codes = new Set<string>();
    for (let step = 0; step < 2000; step++) {
      const code = codeFromDigest(createHmac('sha256', 'secret').update(stepCounterBytes(step)).digest());
      expect(code).toMatch(/^\d{6}$/);
      codes.add(code);
    }
    // Spread out: 2,000 steps give (almost) 2,000 different codes.
    expect(codes.size).toBeGreaterThan(1990);
    expect(() => codeFromDigest(new Uint8Array(10))).toThrow(RangeError);
  });

  it('checks the form of a code and compares codes exactly', () => {
    for (const ok of ['000000', '123456']) expect(isWellFormedCode(ok)).toBe(true);
    for (const bad of ['12345', '1234567', '12345a', ' 123456', '１２３４５６', '']) expect(isWellFormedCode(bad)).toBe(false);
    expect(sameCode('123456', '123456')).toBe(true);
    expect(sameCode('123456', '123457')).toBe(false);
    expect(sameCode('123456', '12345')).toBe(false);
  });
});

describe('attendance rates', () => {
  const now = 10 * HOUR;
  const sessions = [
    { id: 's1', startsAt: 1 * HOUR },
    { id: 's2', startsAt: 2 * HOUR },
    { id: 's3', startsAt: 3 * HOUR },
    { id: 's4', startsAt: now }, // starts exactly now: due
    { id: 'later', startsAt: 20 * HOUR },
    { id: 'unscheduled', startsAt: null },
  ];
  const members = ['ann', 'bob', 'cy'];
  const records: RateRecord[] = [
    { sessionId: 's1', userId: 'ann', status: 'present' },
    { sessionId: 's2', userId: 'ann', status: 'present' },
    { sessionId: 's3', userId: 'ann', status: 'present' },
    { sessionId: 's4', userId: 'ann', status: 'absent' },
    { sessionId: 's1', userId: 'bob', status: 'present' },
    { sessionId: 's2', userId: 'bob', status: 'excused' },
    // Future sessions and outsiders never count.
    { sessionId: 'later', userId: 'cy', status: 'present' },
    { sessionId: 's1', userId: 'stranger', status: 'present' },
  ];
  const r = attendanceRates(sessions, members, records, now);

  it('per participant: present over started sessions, excused sessions left out', () => {
    expect(r.perParticipant).toEqual([
      { userId: 'ann', due: 4, present: 3, excused: 0, rate: 0.75 },
      { userId: 'bob', due: 3, present: 1, excused: 1, rate: 1 / 3 },
      { userId: 'cy', due: 4, present: 0, excused: 0, rate: 0 },
    ]);
  });

  it('per session: only started sessions are due; the others have no rate', () => {
    const bySession = Object.fromEntries(r.perSession.map((s) => [s.sessionId, s]));
    expect(bySession.s1).toEqual({ sessionId: 's1', started: true, due: 3, present: 2, excused: 0, rate: 2 / 3 });
    expect(bySession.s2).toEqual({ sessionId: 's2', started: true, due: 2, present: 1, excused: 1, rate: 0.5 });
    expect(bySession.s4).toMatchObject({ started: true, due: 3, present: 0, rate: 0 });
    expect(bySession.later).toEqual({ sessionId: 'later', started: false, due: 0, present: 0, excused: 0, rate: null });
    expect(bySession.unscheduled).toMatchObject({ started: false, rate: null });
  });

  it('per cohort: all present check-ins over all due participant-sessions', () => {
    expect(r.cohort).toEqual({ due: 11, present: 4, excused: 1, rate: 4 / 11 });
  });

  it('has no rate before anything started or without members', () => {
    expect(attendanceRates(sessions, members, records, 0).cohort).toEqual({ due: 0, present: 0, excused: 0, rate: null });
    expect(attendanceRates(sessions, [], records, now).cohort.rate).toBeNull();
  });
});

describe('attendanceStanding', () => {
  it('puts every rate in exactly one standing against the minimum', () => {
    expect([attendanceStanding(null, 0.8), attendanceStanding(0, 0.8), attendanceStanding(0.79, 0.8), attendanceStanding(0.8, 0.8), attendanceStanding(1, 0.8)]).toEqual(['nothing_due', 'below_minimum', 'below_minimum', 'meets_minimum', 'meets_minimum']);
  });
});
