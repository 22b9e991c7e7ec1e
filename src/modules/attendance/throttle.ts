/**
 * Guessing protection for check-in codes: at most WRONG_CODE_LIMIT wrong codes per person per
 * window, then every attempt (right or wrong) is refused until the window ends. Refusing right
 * codes too is the point: otherwise "429 for a wrong code, 201 for the right one" would let a
 * blocked guesser keep going. The count is per account, in the database's shared counters
 * (adr/0010), so instances behind a load balancer count together; "blocked" is simply the count of
 * the current window being over the limit. With 10^6 codes, two valid at a time, five guesses per
 * ten minutes give a guesser about one chance in 100,000 per window.
 */
import type { Db } from '../../platform/db/client.js';
import { DbRateLimiter } from '../../platform/rate-limit.js';

export const WRONG_CODE_LIMIT = 5;
export const WRONG_CODE_WINDOW_MS = 10 * 60_000;

export class CheckinThrottle {
  private readonly failures: DbRateLimiter;

  constructor(db: Db, limit = WRONG_CODE_LIMIT, windowMs = WRONG_CODE_WINDOW_MS) {
    this.failures = new DbRateLimiter(db, 'checkin-wrong-code', limit, windowMs);
  }

  /** Seconds until `userId` may try again, or null when not blocked. */
  async blockedFor(userId: string, nowMs: number): Promise<number | null> {
    const current = await this.failures.peek(userId, nowMs);
    return current.count > this.failures.limitPerWindow ? current.retryAfterSeconds : null;
  }

  /** Counts a wrong code; returns the seconds of the block when this one went over the limit. */
  async wrongCode(userId: string, nowMs: number): Promise<number | null> {
    const hit = await this.failures.hit(userId, nowMs);
    return hit.allowed ? null : hit.retryAfterSeconds;
  }

  get windowSeconds(): number {
    return this.failures.windowSeconds;
  }
}
