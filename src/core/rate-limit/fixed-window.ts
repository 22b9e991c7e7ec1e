/**
 * A fixed-window counter: at most `limit` hits per key per window. Time comes in as an argument so
 * the rule is tested without a clock. Used for sign-in and sign-up throttling (ASVS 6.3.1,
 * 안전조치기준 §5⑥): it slows guessing without locking an account out for good.
 */
export interface Window {
  count: number;
  resetAt: number;
}

export interface HitResult {
  allowed: boolean;
  /** Seconds until the window resets (for Retry-After), at least 1. */
  retryAfterSeconds: number;
  remaining: number;
}

export class FixedWindowLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly maxKeys = 100_000,
  ) {}

  hit(key: string, nowMs: number): HitResult {
    let w = this.windows.get(key);
    if (!w || w.resetAt <= nowMs) {
      if (this.windows.size >= this.maxKeys) this.sweep(nowMs);
      w = { count: 0, resetAt: nowMs + this.windowMs };
      this.windows.set(key, w);
    }
    w.count += 1;
    const retryAfterSeconds = Math.max(1, Math.ceil((w.resetAt - nowMs) / 1000));
    return { allowed: w.count <= this.limit, retryAfterSeconds, remaining: Math.max(0, this.limit - w.count) };
  }

  /** Forgets expired windows; if every key is live, forgets the oldest half (bounded memory). */
  private sweep(nowMs: number): void {
    for (const [k, w] of this.windows) if (w.resetAt <= nowMs) this.windows.delete(k);
    if (this.windows.size >= this.maxKeys) {
      let n = Math.floor(this.maxKeys / 2);
      for (const k of this.windows.keys()) {
        if (n-- <= 0) break;
        this.windows.delete(k);
      }
    }
  }
}
