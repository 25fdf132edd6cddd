/**
 * X-Sandbox-Fault parsing, and when a fault fires: a header value arms once per caller, its count
 * runs down, `; id=` arms it again, and random faults replay from their seed.
 */
import { describe, expect, it } from "vitest";
import { FAULT_KINDS, FaultInjector, parseFaultHeader } from "../../../sandbox/faults/injector.js";
import { seededRandom } from "../../../sandbox/utils/random.js";

describe("parseFaultHeader", () => {
  it("reads each kind with the defaults: once, Retry-After 1 s, 2 s of delay", () => {
    for (const kind of FAULT_KINDS)
      expect(parseFaultHeader(kind)).toEqual({ kind, remaining: 1, retryAfterSeconds: 1, delayMs: 2000 });
  });

  it("reads its parameters, blanks around them ignored", () => {
    expect(parseFaultHeader(" 503 ; count=3 ;retry-after = 7")).toEqual({
      kind: "503",
      remaining: 3,
      retryAfterSeconds: 7,
      delayMs: 2000,
    });
    expect(parseFaultHeader("slow; delay=150")).toMatchObject({ kind: "slow", delayMs: 150 });
    // retry-after-ms also sets Retry-After, rounded up to whole seconds.
    expect(parseFaultHeader("429; retry-after-ms=1500")).toMatchObject({ retryAfterMs: 1500, retryAfterSeconds: 2 });
    expect(parseFaultHeader("slow; delay=999999")).toMatchObject({ delayMs: 60_000 });
    expect(parseFaultHeader("500; id=second try")).toEqual(parseFaultHeader("500"));
  });

  it("refuses what it cannot read, saying what is wrong", () => {
    const cases: [string, string][] = [
      ["418", "X-Sandbox-Fault must be one of 500, 502, 503, 429, reset, slow, reset-after, 500-after"],
      ["", "X-Sandbox-Fault must be one of 500, 502, 503, 429, reset, slow, reset-after, 500-after"],
      ["500; count=0", "X-Sandbox-Fault parameter count must be at least 1"],
      ["500; count=-1", "X-Sandbox-Fault parameter count must be a whole number"],
      ["500; count=1.5", "X-Sandbox-Fault parameter count must be a whole number"],
      ["500; count", "X-Sandbox-Fault parameter count must be a whole number"],
      ["500; count=1000001", "X-Sandbox-Fault parameter count must be a whole number"],
      ["500; id=", "X-Sandbox-Fault parameter id must be a whole number"],
      ["500; colour=1", "X-Sandbox-Fault has an unknown parameter: colour"],
    ];
    for (const [header, invalid] of cases) expect(parseFaultHeader(header), header).toEqual({ invalid });
  });
});

describe("FaultInjector", () => {
  const never = () => 1; // a random source that never draws a fault
  const kinds = (injector: FaultInjector, key: string, headers: (string | null)[]) =>
    headers.map((h) => injector.next(key, h)).map((f) => (f === undefined ? "-" : "kind" in f ? f.kind : "invalid"));

  it("fires a header's fault for count requests, and never again for the same value", () => {
    const injector = new FaultInjector({}, never);
    expect(kinds(injector, "k", ["503; count=2", "503; count=2", "503; count=2", null, "503; count=2"])).toEqual([
      "503",
      "503",
      "-",
      "-",
      "-",
    ]);
    expect(injector.injected).toBe(2);
  });

  it("arms again for a new value: another kind, or the same with an id", () => {
    const injector = new FaultInjector({}, never);
    expect(kinds(injector, "k", ["500", "500", "500; id=1", "500; id=1", "502", "500"])).toEqual([
      "500",
      "-",
      "500",
      "-",
      "502",
      "-",
    ]);
  });

  it("runs a fault down on later requests without the header too", () => {
    const injector = new FaultInjector({}, never);
    expect(kinds(injector, "k", ["429; count=3", null, null, null])).toEqual(["429", "429", "429", "-"]);
  });

  it("keeps faults per caller", () => {
    const injector = new FaultInjector({}, never);
    expect(kinds(injector, "a", ["500; count=5"])).toEqual(["500"]);
    expect(kinds(injector, "b", [null, "500; count=5", null])).toEqual(["-", "500", "500"]);
    expect(kinds(injector, "a", [null])).toEqual(["500"]);
  });

  it("does not arm on a header it refuses", () => {
    const injector = new FaultInjector({}, never);
    expect(kinds(injector, "k", ["500; count=0", null])).toEqual(["invalid", "-"]);
    expect(injector.injected).toBe(0);
  });

  it("draws random faults at the configured rate and kinds, replayable from the seed", () => {
    const draw = (seed: number) =>
      kinds(new FaultInjector({ rate: 0.5, kinds: ["500", "reset"] }, seededRandom(seed)), "k", Array(200).fill(null));
    const run = draw(7);
    expect(run).toEqual(draw(7));
    expect(run).not.toEqual(draw(8));
    expect(new Set(run)).toEqual(new Set(["-", "500", "reset"]));
    const faults = run.filter((k) => k !== "-").length;
    expect(faults).toBeGreaterThan(70);
    expect(faults).toBeLessThan(130);
  });

  it("gives random 429s the configured delay, in retry-after-ms and rounded up in Retry-After", () => {
    const always = () => 0;
    expect(new FaultInjector({ rate: 1, kinds: ["429"], retryAfterMs: 1500 }, always).next("k", null)).toEqual({
      kind: "429",
      retryAfterSeconds: 2,
      retryAfterMs: 1500,
      delayMs: 2000,
    });
    expect(
      new FaultInjector({ rate: 1, kinds: ["slow"], slowMs: 10, retryAfterSeconds: 4 }, always).next("k", null),
    ).toEqual({ kind: "slow", retryAfterSeconds: 4, retryAfterMs: undefined, delayMs: 10 });
  });
});
