import { describe, expect, it } from 'vitest';
import { activeTokenSince, feedUrlOf } from './calendar-token';

describe('feedUrlOf', () => {
  it('makes the feed address absolute', () => {
    expect(feedUrlOf({ url: '/api/v1/calendars/me/abc.ics' }, 'https://campus.example')).toBe('https://campus.example/api/v1/calendars/me/abc.ics');
    expect(feedUrlOf({ url: 'https://campus.example/api/v1/calendars/me/x.ics' }, 'http://other')).toBe('https://campus.example/api/v1/calendars/me/x.ics');
  });
  it('refuses answers without an http(s) address', () => {
    expect(feedUrlOf({ url: '' }, 'https://campus.example')).toBeNull();
    expect(feedUrlOf({ url: 'javascript:alert(1)' }, 'https://campus.example')).toBeNull();
  });
});

describe('activeTokenSince', () => {
  it('finds the active feed of the kind asked for', () => {
    const list = {
      tokens: [
        { kind: 'lecturer' as const, active: true, createdAt: '2020-08-01T00:00:00Z' },
        { kind: 'participant' as const, active: true, createdAt: '2020-08-02T00:00:00Z' },
      ],
    };
    expect(activeTokenSince(list, 'participant')).toBe('2020-08-02T00:00:00Z');
    expect(activeTokenSince({ tokens: [{ kind: 'participant', active: false, createdAt: '2020-08-02T00:00:00Z' }] }, 'participant')).toBeNull();
    expect(activeTokenSince(undefined, 'participant')).toBeNull();
  });
});
