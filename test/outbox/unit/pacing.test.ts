/** Backoff after failed requests, per group, on the time it is given. */
import { describe, expect, it } from "vitest";
import { Pacing } from "../../../src/outbox/flush/pacing.js";

describe("Pacing", () => {
  it("doubles from baseMs to maxMs, with at most a quarter of jitter, and resets on an answer", () => {
    const pacing = new Pacing({ baseMs: 100, maxMs: 500 }, () => 0);
    expect([1, 2, 3, 4].map(() => pacing.delay("sync"))).toEqual([100, 200, 400, 500]);
    pacing.answered("sync");
    expect(pacing.delay("sync")).toBe(100);
    expect(new Pacing({ baseMs: 100, maxMs: 500 }, () => 1).delay("sync")).toBe(75);
  });

  it("keeps the groups apart: failing reads do not slow writes down", () => {
    const pacing = new Pacing({ baseMs: 100, maxMs: 500 }, () => 0);
    pacing.failed("api", 1000);
    expect(pacing.until("api")).toBe(1100);
    expect(pacing.until("sync")).toBe(0);
  });
});
