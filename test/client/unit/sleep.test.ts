/** sleep: a wait that the caller's signal cuts short at once. */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { sleep } from "../../../src/transport/sleep.js";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

/** Whether the promise has settled after the microtasks now queued have run. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  promise.then(
    () => (done = true),
    () => (done = true),
  );
  await vi.advanceTimersByTimeAsync(0);
  return done;
}

describe("sleep", () => {
  it("resolves after exactly the given time", async () => {
    const wait = sleep(250);
    await vi.advanceTimersByTimeAsync(249);
    expect(await settled(wait)).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await settled(wait)).toBe(true);
  });

  it("rejects with the signal's reason the moment it aborts, and clears its timer", async () => {
    const controller = new AbortController();
    const wait = sleep(10_000, controller.signal);
    wait.catch(() => {});
    await vi.advanceTimersByTimeAsync(100);
    const reason = new Error("stop");
    controller.abort(reason);
    await expect(wait).rejects.toBe(reason);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("rejects at once for a signal that has already aborted, setting no timer", async () => {
    const reason = new Error("already");
    await expect(sleep(10_000, AbortSignal.abort(reason))).rejects.toBe(reason);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("stops listening to the signal once it has slept", async () => {
    const controller = new AbortController();
    const remove = vi.spyOn(controller.signal, "removeEventListener");
    const wait = sleep(10, controller.signal);
    await vi.advanceTimersByTimeAsync(10);
    await wait;
    expect(remove).toHaveBeenCalledWith("abort", expect.any(Function));
    controller.abort();
  });

  it("takes null for no signal", async () => {
    const wait = sleep(5, null);
    await vi.advanceTimersByTimeAsync(5);
    await expect(wait).resolves.toBeUndefined();
  });
});
