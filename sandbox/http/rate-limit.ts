/**
 * Fixed-window rate limits per API key and route group (the spec's x-rate-limits). The key is the
 * authenticated user, never a header a client could vary to get a fresh allowance.
 */
import { RATE_LIMITS, type RateLimitGroup } from "opensync-api/contract";

export type RateLimitConfig = Record<RateLimitGroup, { limit: number; windowSeconds: number }>;
export type RateLimitOptions = false | Partial<RateLimitConfig>;

export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();
  readonly config: RateLimitConfig;

  constructor(
    options: Partial<RateLimitConfig>,
    private readonly now: () => number,
  ) {
    this.config = { ...RATE_LIMITS, ...options } as RateLimitConfig;
  }

  /** Counts the request; returns the seconds to wait when it is over the limit. */
  hit(user: string, group: RateLimitGroup): number | undefined {
    const { limit, windowSeconds } = this.config[group];
    const now = this.now();
    const id = `${group}:${user}`;
    let window = this.windows.get(id);
    if (!window || now - window.start >= windowSeconds * 1000) {
      window = { start: now, count: 0 };
      this.windows.set(id, window);
    }
    if (window.count >= limit) return Math.max(1, Math.ceil((window.start + windowSeconds * 1000 - now) / 1000));
    window.count++;
    return undefined;
  }
}
