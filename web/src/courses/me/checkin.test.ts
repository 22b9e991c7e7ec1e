import { describe, expect, it } from 'vitest';
import { codeProblem, normaliseCode, prefillFromSearch, sessionsOpenForCheckin } from './checkin';

const SESSION = '0190a0b0-0000-7000-8000-000000000001';

describe('prefillFromSearch', () => {
  it('takes the session and the code from the staff QR link', () => {
    expect(prefillFromSearch(`?session=${SESSION}&code=042917`)).toEqual({ sessionId: SESSION, code: '042917' });
  });
  it('leaves out what is not a session id or a six-digit code', () => {
    expect(prefillFromSearch('?session=<script>&code=12')).toEqual({ sessionId: '', code: '' });
    expect(prefillFromSearch('')).toEqual({ sessionId: '', code: '' });
  });
});

describe('normaliseCode and codeProblem', () => {
  it('keeps digits only, turns full-width digits into plain ones and stops at six', () => {
    expect(normaliseCode('１２３ ４５６')).toBe('123456');
    expect(normaliseCode('123-4567')).toBe('123456');
    expect(normaliseCode('abc')).toBe('');
  });
  it('asks for six digits', () => {
    expect(codeProblem('')).toBe('required');
    expect(codeProblem('12345')).toBe('format');
    expect(codeProblem('123456')).toBeNull();
  });
});

describe('sessionsOpenForCheckin', () => {
  const s = (id: string, start: string | null, end: string | null) => ({ id, startsAt: start, endsAt: end });
  it('offers sessions from 15 minutes before their start until their end, soonest first', () => {
    const sessions = [
      s('later', '2020-08-04T16:00:00+09:00', '2020-08-04T18:00:00+09:00'),
      s('now', '2020-08-04T14:00:00+09:00', '2020-08-04T17:00:00+09:00'),
      s('soon', '2020-08-04T15:10:00+09:00', '2020-08-04T16:00:00+09:00'),
      s('over', '2020-08-04T10:00:00+09:00', '2020-08-04T12:00:00+09:00'),
      s('untimed', null, null),
    ];
    const at = new Date('2020-08-04T15:00:00+09:00');
    expect(sessionsOpenForCheckin(sessions, at).map((x) => x.id)).toEqual(['now', 'soon']);
  });
});
