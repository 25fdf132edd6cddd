import { describe, expect, it } from "vitest";
import { rateAllowance, rateWait, windowMarginMs } from "../../../src/outbox/flush/rate-budget.js";
import type { DeliveryState } from "../../../src/outbox/state/delivery-state.js";

/** The parts of the delivery state the pacing reads: request times per group, Retry-After blocks. */
const state = (requests: Record<string, number[]>, blockedUntil: Record<string, number> = {}) =>
  ({
    requests: new Map(Object.entries(requests)),
    blockedUntil: new Map(Object.entries(blockedUntil)),
  }) as unknown as DeliveryState;

const SYNC = { limit: 3, windowSeconds: 60 };
const MARGIN = 1200; // windowSeconds * 20 ms, above the 500 ms floor

describe("windowMarginMs", () => {
  it("is 20 ms per second of window, at least 500 ms", () => {
    expect(windowMarginMs(SYNC)).toBe(MARGIN);
    expect(windowMarginMs({ limit: 1, windowSeconds: 10 })).toBe(500);
  });
});

describe("rateWait", () => {
  it("is 0 below the limit", () => {
    expect(rateWait(state({ sync: [1000, 2000] }), "sync", SYNC, 3000)).toBe(0);
  });

  it("at the limit, waits until the request `limit` places back leaves the window, plus the margin", () => {
    const s = state({ sync: [1000, 2000, 3000, 4000] });
    // The third most recent left at 2000: one more may go at 2000 + 60 000 + 1 200.
    expect(rateWait(s, "sync", SYNC, 5000)).toBe(2000 + 60_000 + MARGIN - 5000);
    expect(rateWait(s, "sync", SYNC, 63_200)).toBe(0);
    expect(rateWait(s, "sync", SYNC, 70_000)).toBe(0);
  });

  it("waits for a Retry-After block, whichever is longer", () => {
    expect(rateWait(state({}, { sync: 9000 }), "sync", SYNC, 5000)).toBe(4000);
    expect(rateWait(state({ sync: [1000, 2000, 3000] }, { sync: 9000 }), "sync", SYNC, 5000)).toBe(
      1000 + 60_000 + MARGIN - 5000,
    );
    expect(rateWait(state({}, { sync: 9000 }), "sync", undefined, 5000)).toBe(4000);
    expect(rateWait(state({}, { sync: 4000 }), "sync", SYNC, 5000)).toBe(0);
  });

  it("counts each group on its own", () => {
    expect(rateWait(state({ api: [1, 2, 3] }), "sync", SYNC, 10)).toBe(0);
  });
});

describe("rateAllowance", () => {
  it("is what is left of the limit in the window (with its margin)", () => {
    expect(rateAllowance(state({}), "sync", SYNC, 0)).toBe(3);
    expect(rateAllowance(state({ sync: [1000, 2000] }), "sync", SYNC, 3000)).toBe(1);
    expect(rateAllowance(state({ sync: [1000, 2000, 3000, 4000] }), "sync", SYNC, 5000)).toBe(0);
    // 1000 leaves the window at 1000 + 60 000 + 1 200, the moment rateWait lets one more go.
    expect(rateAllowance(state({ sync: [1000, 2000] }), "sync", SYNC, 62_199)).toBe(1);
    expect(rateAllowance(state({ sync: [1000, 2000] }), "sync", SYNC, 62_200)).toBe(2);
    expect(rateWait(state({ sync: [1000, 2000, 3000] }), "sync", SYNC, 62_200)).toBe(0);
  });

  it("is 0 while a Retry-After block lasts, unlimited for a group without a limit", () => {
    expect(rateAllowance(state({}, { sync: 9000 }), "sync", SYNC, 5000)).toBe(0);
    expect(rateAllowance(state({}, { sync: 9000 }), "sync", SYNC, 9000)).toBe(3);
    expect(rateAllowance(state({ sync: [1, 2, 3, 4] }), "sync", undefined, 5)).toBe(Infinity);
  });
});
