import { describe, expect, it } from 'vitest';
import { formatSeoul, fromSeoulInput, toSeoulInput } from './seoul-time';

describe('Seoul time', () => {
  it('reads a datetime-local value as Seoul time and sends it with +09:00', () => {
    expect(fromSeoulInput('2026-03-01T09:00')).toBe('2026-03-01T09:00:00+09:00');
    expect(fromSeoulInput('2026-03-01T09:00:30')).toBe('2026-03-01T09:00:30+09:00');
    // The same instant in UTC is midnight.
    expect(new Date(fromSeoulInput('2026-03-01T09:00')!).toISOString()).toBe('2026-03-01T00:00:00.000Z');
  });

  it('refuses what is not a real time instead of rolling it over', () => {
    expect(fromSeoulInput('')).toBeNull();
    expect(fromSeoulInput('2026-02-30T09:00')).toBeNull();
    expect(fromSeoulInput('2026-03-01T24:00')).toBeNull();
    expect(fromSeoulInput('2026-03-01 09:00')).toBeNull();
    expect(fromSeoulInput('tomorrow')).toBeNull();
  });

  it('shows any instant as the Seoul wall clock, across the date line', () => {
    expect(toSeoulInput('2026-03-01T00:00:00.000Z')).toBe('2026-03-01T09:00');
    expect(toSeoulInput('2026-12-31T15:30:00Z')).toBe('2027-01-01T00:30');
    expect(toSeoulInput('2026-03-01T09:00:00+09:00')).toBe('2026-03-01T09:00');
    expect(toSeoulInput('not a date')).toBe('');
  });

  it('round-trips', () => {
    for (const v of ['2020-02-29T23:59', '2026-01-01T00:00', '2030-07-15T12:05']) expect(toSeoulInput(fromSeoulInput(v)!)).toBe(v);
  });

  it('formats for reading in Seoul time whatever the runtime zone', () => {
    expect(formatSeoul('2026-03-01T00:00:00Z', 'en')).toContain('09:00');
    expect(formatSeoul('2026-03-01T00:00:00Z', 'ko')).toContain('2026');
  });
});
