import { describe, expect, it } from "vitest";
import { base64UrlJson, parseBase64UrlJson } from "../../../sandbox/utils/base64url.js";
import { monotonic } from "../../../sandbox/utils/clock.js";
import { newApiKey, newId, randomString, seededRandom } from "../../../sandbox/utils/random.js";

describe("seededRandom", () => {
  it("is mulberry32: the same seed gives the same sequence in [0, 1)", () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const values = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(values);
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
    // mulberry32's first output for seed 0, as every implementation of it gives: the algorithm is unchanged.
    expect(seededRandom(0)()).toBe(0.26642920868471265);
    expect(seededRandom(43)()).not.toBe(seededRandom(42)());
  });
});

describe("randomString, newId, newApiKey", () => {
  it("draws from the alphabet by floor(random * size)", () => {
    const steps = [0, 0.5, 0.999];
    let i = 0;
    expect(randomString(() => steps[i++]!, 3, "abcd")).toBe("acd");
  });

  it("ids are 32 lower-case letters and digits, marked by table; keys osk_ and 32 base64url characters", () => {
    const random = seededRandom(5);
    expect(newId(random, "sessions")).toMatch(/^j[a-z0-9]{31}$/);
    expect(newId(random, "messages")).toMatch(/^k[a-z0-9]{31}$/);
    expect(newApiKey(random)).toMatch(/^osk_[A-Za-z0-9_-]{32}$/);
  });
});

describe("base64UrlJson", () => {
  it("round-trips, without padding or + and /", () => {
    const value = { s: "??>>~~", n: 1 };
    const text = base64UrlJson(value);
    expect(text).toBe("eyJzIjoiPz8-Pn5-IiwibiI6MX0");
    expect(parseBase64UrlJson(text)).toEqual(value);
  });

  it("throws on text that is not base64url JSON", () => {
    expect(() => parseBase64UrlJson("not json!")).toThrow();
    expect(() => parseBase64UrlJson(btoa("{oops"))).toThrow(SyntaxError);
  });
});

describe("monotonic", () => {
  it("follows the clock but never repeats or goes back", () => {
    const readings = [5, 5, 3, 10, 10];
    let i = 0;
    const clock = monotonic(() => readings[i++]!);
    expect(readings.map(() => clock())).toEqual([5, 6, 7, 10, 11]);
  });
});
