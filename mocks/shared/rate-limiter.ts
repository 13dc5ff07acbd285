/**
 * A fixed-window rate limiter per API key over the shared clock, so virtual time refills the budget
 * exactly as real time would. Off when the limit is null.
 */
export interface RateLimit {
  /** Requests allowed per window. */
  requests: number;
  windowMs: number;
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Where a key stands in the current window, for vendors that report it in headers. */
export interface RateWindow {
  limit: number;
  /** Requests still allowed in this window. */
  remaining: number;
  /** When the window ends (epoch ms on the shared clock). */
  resetAtMs: number;
}

export interface RateLimiter {
  take(key: string): RateDecision;
  set(limit: RateLimit | null): void;
  get(): RateLimit | null;
  /** The key's current window; null while the limiter is off. Spends nothing. */
  window(key: string): RateWindow | null;
}

export function createRateLimiter(clock: { now(): number }, initial: RateLimit | null = null): RateLimiter {
  let limit: RateLimit | null = null;
  const windows = new Map<string, { start: number; used: number }>();

  function set(next: RateLimit | null): void {
    if (next !== null) validateRateLimit(next);
    limit = next === null ? null : { requests: next.requests, windowMs: next.windowMs };
    windows.clear();
  }
  set(initial);

  return {
    take(key) {
      if (!limit) return { allowed: true };
      const now = clock.now();
      const start = Math.floor(now / limit.windowMs) * limit.windowMs;
      let window = windows.get(key);
      if (!window || window.start !== start) {
        window = { start, used: 0 };
        windows.set(key, window);
      }
      if (window.used < limit.requests) {
        window.used += 1;
        return { allowed: true };
      }
      // Retry-After is whole seconds; never 0, or clients would hammer within the same window.
      const retryAfterSeconds = Math.max(1, Math.ceil((start + limit.windowMs - now) / 1000));
      return { allowed: false, retryAfterSeconds };
    },
    set,
    get: () => (limit ? { ...limit } : null),
    window(key) {
      if (!limit) return null;
      const start = Math.floor(clock.now() / limit.windowMs) * limit.windowMs;
      const current = windows.get(key);
      const used = current && current.start === start ? current.used : 0;
      return {
        limit: limit.requests,
        remaining: Math.max(0, limit.requests - used),
        resetAtMs: start + limit.windowMs,
      };
    },
  };
}

export function validateRateLimit(limit: unknown): asserts limit is RateLimit {
  const l = limit as Partial<RateLimit> | null;
  const ok =
    typeof l === 'object' &&
    l !== null &&
    Number.isInteger(l.requests) &&
    (l.requests as number) >= 0 &&
    Number.isInteger(l.windowMs) &&
    (l.windowMs as number) > 0;
  if (!ok) {
    throw new TypeError(
      `rate limiter: failed to set limit: expected { requests: integer >= 0, windowMs: integer > 0 }, got ${JSON.stringify(limit)}. Pass null to turn the limiter off.`,
    );
  }
}
