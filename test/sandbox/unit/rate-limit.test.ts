/** Fixed windows per caller and group, on an injected clock. */
import { describe, expect, it } from "vitest";
import { RateLimiter } from "../../../sandbox/http/rate-limit.js";
import { RATE_LIMITS } from "../../../src/contract.js";

const clockAt = (start: number) => {
  const clock = { now: start, read: () => clock.now };
  return clock;
};

describe("RateLimiter", () => {
  it("takes the spec's limits, overridden per group", () => {
    const limiter = new RateLimiter({ search: { limit: 2, windowSeconds: 5 } }, Date.now);
    expect(limiter.config).toEqual({ ...RATE_LIMITS, search: { limit: 2, windowSeconds: 5 } });
  });

  it("allows the limit per window, then says how many whole seconds are left, at least 1", () => {
    const clock = clockAt(1_000_000);
    const limiter = new RateLimiter({ sync: { limit: 3, windowSeconds: 60 } }, clock.read);
    expect([1, 2, 3].map(() => limiter.hit("user0", "sync"))).toEqual([undefined, undefined, undefined]);
    expect(limiter.hit("user0", "sync")).toBe(60);
    clock.now += 44_001;
    expect(limiter.hit("user0", "sync")).toBe(16);
    clock.now += 15_998;
    expect(limiter.hit("user0", "sync")).toBe(1);
    clock.now += 1;
    expect(limiter.hit("user0", "sync")).toBeUndefined();
  });

  it("does not count refused requests against the next window", () => {
    const clock = clockAt(0);
    const limiter = new RateLimiter({ api: { limit: 1, windowSeconds: 1 } }, clock.read);
    expect(limiter.hit("u", "api")).toBeUndefined();
    for (let i = 0; i < 100; i++) expect(limiter.hit("u", "api")).toBe(1);
    clock.now = 1000;
    expect(limiter.hit("u", "api")).toBeUndefined();
    expect(limiter.hit("u", "api")).toBe(1);
  });

  it("keeps a window per caller and per group", () => {
    const limiter = new RateLimiter(
      { sync: { limit: 1, windowSeconds: 60 }, api: { limit: 1, windowSeconds: 60 } },
      () => 0,
    );
    expect(limiter.hit("a", "sync")).toBeUndefined();
    expect(limiter.hit("a", "sync")).toBe(60);
    expect(limiter.hit("b", "sync")).toBeUndefined();
    expect(limiter.hit("a", "api")).toBeUndefined();
  });
});
