/**
 * Rate limits shared by every instance (adr/0010): fixed-window counters in the `rate_limit` table
 * instead of one process's memory, so instances behind a load balancer count together and a
 * restart forgets nothing. The rule is the core's FixedWindowLimiter (same HitResult); only where
 * the count lives differs.
 */
import { createHash } from 'node:crypto';
import { lt, sql } from 'drizzle-orm';
import type { HitResult } from '../core/rate-limit/fixed-window.js';
import type { Db } from './db/client.js';
import { rateLimit } from './db/schema/platform.js';

export type { HitResult };

export interface RateLimiter {
  /** Counts one hit on `key` and says whether it is within the limit. */
  hit(key: string, nowMs: number): Promise<HitResult>;
}

/** Every this many hits, an instance's limiter deletes the rows whose window ended. */
const SWEEP_EVERY = 500;
/**
 * A row is swept only this long after its window ended, so an instance whose clock runs ahead
 * cannot delete a window another instance still counts in (an expired row is harmless: the next
 * hit restarts it).
 */
const SWEEP_GRACE_MS = 10 * 60_000;

export class DbRateLimiter implements RateLimiter {
  private hitsSinceSweep = 0;

  /** `name` separates limiters that share the table (each has its own limit and window). */
  constructor(
    private readonly db: Db,
    private readonly name: string,
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /**
   * One atomic statement: a new key starts a window at 1; an ended window restarts at 1; otherwise
   * the count goes up. Concurrent hits on one key queue on its row, so exactly `limit` pass.
   */
  async hit(key: string, nowMs: number): Promise<HitResult> {
    await this.maybeSweep(nowMs);
    const now = new Date(nowMs);
    const ended = sql`${rateLimit.resetAt} <= ${now.toISOString()}::timestamptz`;
    const [row] = await this.db
      .insert(rateLimit)
      .values({ key: this.hashed(key), count: 1, resetAt: new Date(nowMs + this.windowMs) })
      .onConflictDoUpdate({
        target: rateLimit.key,
        set: {
          count: sql`case when ${ended} then 1 else ${rateLimit.count} + 1 end`,
          resetAt: sql`case when ${ended} then excluded.reset_at else ${rateLimit.resetAt} end`,
        },
      })
      .returning({ count: rateLimit.count, resetAt: rateLimit.resetAt });
    return this.result(row!.count, row!.resetAt.getTime(), nowMs);
  }

  /** The current window's count for `key` without counting a hit (0 when there is none). */
  async peek(key: string, nowMs: number): Promise<{ count: number; retryAfterSeconds: number }> {
    const rows = await this.db
      .select({ count: rateLimit.count, resetAt: rateLimit.resetAt })
      .from(rateLimit)
      .where(sql`${rateLimit.key} = ${this.hashed(key)} and ${rateLimit.resetAt} > ${new Date(nowMs).toISOString()}::timestamptz`);
    const row = rows[0];
    if (!row) return { count: 0, retryAfterSeconds: 0 };
    return { count: row.count, retryAfterSeconds: retryAfter(row.resetAt.getTime(), nowMs) };
  }

  /** Deletes rows whose window ended more than the grace period ago; returns how many. */
  async sweep(nowMs: number): Promise<number> {
    const deleted = await this.db
      .delete(rateLimit)
      .where(lt(rateLimit.resetAt, new Date(nowMs - SWEEP_GRACE_MS)))
      .returning({ key: rateLimit.key });
    return deleted.length;
  }

  get limitPerWindow(): number {
    return this.limit;
  }

  get windowSeconds(): number {
    return Math.round(this.windowMs / 1000);
  }

  // Inline and awaited rather than on a timer: nothing to stop on close, and the cost (one indexed
  // DELETE) falls on one hit in SWEEP_EVERY.
  private async maybeSweep(nowMs: number): Promise<void> {
    this.hitsSinceSweep += 1;
    if (this.hitsSinceSweep < SWEEP_EVERY) return;
    this.hitsSinceSweep = 0;
    await this.sweep(nowMs);
  }

  private hashed(key: string): string {
    return createHash('sha256').update(`${this.name}\n${key}`).digest('hex');
  }

  private result(count: number, resetAtMs: number, nowMs: number): HitResult {
    return { allowed: count <= this.limit, retryAfterSeconds: retryAfter(resetAtMs, nowMs), remaining: Math.max(0, this.limit - count) };
  }
}

function retryAfter(resetAtMs: number, nowMs: number): number {
  return Math.max(1, Math.ceil((resetAtMs - nowMs) / 1000));
}
