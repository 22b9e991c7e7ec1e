import { describe, expect, it } from 'vitest';
import { FixedWindowLimiter } from './fixed-window.js';

describe('FixedWindowLimiter', () => {
  it('allows `limit` hits per window, then refuses with the time left', () => {
    const l = new FixedWindowLimiter(3, 60_000);
    expect(l.hit('a', 0)).toEqual({ allowed: true, retryAfterSeconds: 60, remaining: 2 });
    expect(l.hit('a', 1_000)).toEqual({ allowed: true, retryAfterSeconds: 59, remaining: 1 });
    expect(l.hit('a', 2_000)).toEqual({ allowed: true, retryAfterSeconds: 58, remaining: 0 });
    expect(l.hit('a', 30_000)).toEqual({ allowed: false, retryAfterSeconds: 30, remaining: 0 });
    // Refused hits still count; the window does not slide.
    expect(l.hit('a', 59_999)).toEqual({ allowed: false, retryAfterSeconds: 1, remaining: 0 });
  });

  it('starts a new window when the old one ends', () => {
    const l = new FixedWindowLimiter(1, 10_000);
    expect(l.hit('a', 5_000).allowed).toBe(true);
    expect(l.hit('a', 14_999).allowed).toBe(false);
    expect(l.hit('a', 15_000)).toEqual({ allowed: true, retryAfterSeconds: 10, remaining: 0 });
  });

  it('rounds Retry-After up and never below one second', () => {
    const l = new FixedWindowLimiter(1, 1_500);
    expect(l.hit('a', 0).retryAfterSeconds).toBe(2);
    expect(l.hit('a', 1_499).retryAfterSeconds).toBe(1);
  });

  it('counts keys apart', () => {
    const l = new FixedWindowLimiter(1, 60_000);
    expect(l.hit('alice', 0).allowed).toBe(true);
    expect(l.hit('alice', 1).allowed).toBe(false);
    expect(l.hit('bob', 2).allowed).toBe(true);
  });

  it('forgets expired windows first when full', () => {
    const l = new FixedWindowLimiter(1, 1_000, 4);
    l.hit('k1', 0);
    l.hit('k2', 0);
    l.hit('k3', 500);
    l.hit('k4', 500);
    // Full: k1 and k2 have expired and go; k3 and k4 are live and must be kept.
    expect(l.hit('k5', 1_000).allowed).toBe(true);
    expect(l.hit('k3', 1_000).allowed).toBe(false);
    expect(l.hit('k4', 1_000).allowed).toBe(false);
  });

  it('stays bounded when every window is live, dropping the oldest half', () => {
    const l = new FixedWindowLimiter(1, 60_000, 4);
    for (const k of ['k1', 'k2', 'k3', 'k4']) l.hit(k, 0);
    expect(l.hit('k5', 1).allowed).toBe(true);
    // k1 and k2 were forgotten, so they start afresh; k3 was kept and is still spent.
    expect(l.hit('k1', 2).allowed).toBe(true);
    expect(l.hit('k3', 3).allowed).toBe(false);
  });
});
