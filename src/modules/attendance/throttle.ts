/**
 * Guessing protection for check-in codes: at most WRONG_CODE_LIMIT wrong codes per person per
 * window, then every attempt (right or wrong) is refused until the window ends. Refusing right
 * codes too is the point: otherwise "429 for a wrong code, 201 for the right one" would let a
 * blocked guesser keep going. The count is per account, in memory, per instance (like sign-in
 * throttling, adr/0009); with 10^6 codes, two valid at a time, five guesses per ten minutes give a
 * guesser about one chance in 100,000 per window.
 */
import { FixedWindowLimiter } from '../../core/rate-limit/fixed-window.js';

export const WRONG_CODE_LIMIT = 5;
export const WRONG_CODE_WINDOW_MS = 10 * 60_000;

export class CheckinThrottle {
  private readonly failures: FixedWindowLimiter;
  private readonly blockedUntil = new Map<string, number>();

  constructor(
    limit = WRONG_CODE_LIMIT,
    private readonly windowMs = WRONG_CODE_WINDOW_MS,
    private readonly maxKeys = 100_000,
  ) {
    this.failures = new FixedWindowLimiter(limit, windowMs, maxKeys);
  }

  /** Seconds until `userId` may try again, or null when not blocked. */
  blockedFor(userId: string, nowMs: number): number | null {
    const until = this.blockedUntil.get(userId);
    if (until === undefined) return null;
    if (until <= nowMs) {
      this.blockedUntil.delete(userId);
      return null;
    }
    return Math.max(1, Math.ceil((until - nowMs) / 1000));
  }

  /** Counts a wrong code; returns the seconds of the block when this one went over the limit. */
  wrongCode(userId: string, nowMs: number): number | null {
    const hit = this.failures.hit(userId, nowMs);
    if (hit.allowed) return null;
    if (this.blockedUntil.size >= this.maxKeys) {
      for (const [k, until] of this.blockedUntil) if (until <= nowMs) this.blockedUntil.delete(k);
      if (this.blockedUntil.size >= this.maxKeys) this.blockedUntil.clear();
    }
    this.blockedUntil.set(userId, nowMs + hit.retryAfterSeconds * 1000);
    return hit.retryAfterSeconds;
  }

  get windowSeconds(): number {
    return Math.round(this.windowMs / 1000);
  }
}
