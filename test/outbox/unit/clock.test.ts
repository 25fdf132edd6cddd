import { describe, expect, it } from "vitest";
import { SYSTEM_CLOCK } from "../../../src/outbox/flush/clock.js";

describe("the outbox's system clock", () => {
  it("reads the time from Date.now", () => {
    const before = Date.now();
    const now = SYSTEM_CLOCK.now();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });

  it("waits, with or without a signal", async () => {
    await expect(SYSTEM_CLOCK.sleep(1)).resolves.toBeUndefined();
    await expect(SYSTEM_CLOCK.sleep(1, new AbortController().signal)).resolves.toBeUndefined();
  });

  it("rejects with the signal's own reason when it aborted before the wait", async () => {
    const reason = new Error("deadline");
    await expect(SYSTEM_CLOCK.sleep(60_000, AbortSignal.abort(reason))).rejects.toBe(reason);
  });

  it("rejects with the signal's own reason the moment it aborts during the wait", async () => {
    const controller = new AbortController();
    const reason = new Error("stopped");
    const waiting = SYSTEM_CLOCK.sleep(60_000, controller.signal);
    controller.abort(reason);
    await expect(waiting).rejects.toBe(reason);
  });
});
