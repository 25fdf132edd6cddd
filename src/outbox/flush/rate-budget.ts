/**
 * Pacing by the spec's rate limits (`x-rate-limits`, RATE_LIMITS in opensync-api/contract): at
 * most `limit` requests of a group in any `windowSeconds`, counted from the journal (so a flusher
 * that starts after a killed one knows what that one sent), plus whatever a 429's Retry-After
 * asked. A sliding window is stricter than the fixed windows servers count in, so keeping to it
 * keeps to theirs; the margin absorbs the time a request takes to arrive.
 */
import type { DeliveryState } from "../state/delivery-state.js";

export interface RateLimit {
  limit: number;
  windowSeconds: number;
}

export const windowMarginMs = (limit: RateLimit) => Math.max(500, limit.windowSeconds * 20);

/** How long to wait before the next request of `group` may leave (0: now). */
export function rateWait(state: DeliveryState, group: string, limit: RateLimit | undefined, now: number): number {
  let wait = Math.max(0, (state.blockedUntil.get(group) ?? 0) - now);
  if (!limit) return wait;
  const times = state.requests.get(group) ?? [];
  if (times.length >= limit.limit) {
    // The request `limit` places back must have left the window before one more may go.
    const oldest = times[times.length - limit.limit]!;
    wait = Math.max(wait, oldest + limit.windowSeconds * 1000 + windowMarginMs(limit) - now);
  }
  return wait;
}

/** How many more requests of `group` may leave now without passing its limit. */
export function rateAllowance(state: DeliveryState, group: string, limit: RateLimit | undefined, now: number): number {
  if ((state.blockedUntil.get(group) ?? 0) > now) return 0;
  if (!limit) return Infinity;
  const since = now - limit.windowSeconds * 1000 - windowMarginMs(limit);
  const times = state.requests.get(group) ?? [];
  let recent = 0;
  for (let i = times.length - 1; i >= 0 && times[i]! > since; i--) recent++;
  return Math.max(0, limit.limit - recent);
}
