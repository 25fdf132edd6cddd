/**
 * neverSent: whether a failed fetch certainly never reached the server (the connection was never
 * made), read from the error codes Node and undici put on the error or its causes.
 */
import { describe, expect, it } from "vitest";
import { neverSent } from "../../../src/transport/never-sent.js";

const coded = (code: string) => Object.assign(new Error(code), { code });
/** What undici's fetch rejects with: a TypeError whose cause is the socket's error. */
const fetchFailed = (cause: unknown) => new TypeError("fetch failed", { cause });

describe("neverSent", () => {
  it.each([
    "ECONNREFUSED",
    "ENOTFOUND",
    "EAI_AGAIN",
    "EHOSTUNREACH",
    "ENETUNREACH",
    "EADDRNOTAVAIL",
    "UND_ERR_CONNECT_TIMEOUT",
  ])("%s: the connection was never made", (code) => {
    expect(neverSent(fetchFailed(coded(code)))).toBe(true);
    expect(neverSent(coded(code))).toBe(true);
  });

  it.each(["ECONNRESET", "EPIPE", "UND_ERR_SOCKET", "ETIMEDOUT", "UND_ERR_HEADERS_TIMEOUT"])(
    "%s: the request may have been read",
    (code) => {
      expect(neverSent(fetchFailed(coded(code)))).toBe(false);
    },
  );

  it("a browser's opaque failure, or no cause at all, may have been sent", () => {
    expect(neverSent(new TypeError("Failed to fetch"))).toBe(false);
    expect(neverSent(fetchFailed(undefined))).toBe(false);
  });

  it("an AggregateError (one error per address) counts only when every address was refused", () => {
    expect(neverSent(fetchFailed(new AggregateError([coded("ECONNREFUSED"), coded("EHOSTUNREACH")])))).toBe(true);
    expect(neverSent(fetchFailed(new AggregateError([coded("ECONNREFUSED"), coded("ECONNRESET")])))).toBe(false);
    expect(neverSent(fetchFailed(new AggregateError([])))).toBe(false);
  });

  it("is false for anything that is not an Error, and for a code that is not a string", () => {
    expect(neverSent("ECONNREFUSED")).toBe(false);
    expect(neverSent({ code: "ECONNREFUSED" })).toBe(false);
    expect(neverSent(Object.assign(new Error("x"), { code: 111 }))).toBe(false);
  });

  it("looks through at most five levels of causes, so a cause cycle cannot hang it", () => {
    const deep = (levels: number) => {
      let error: Error = coded("ECONNREFUSED");
      for (let i = 0; i < levels; i++) error = new Error("wrapped", { cause: error });
      return error;
    };
    expect(neverSent(deep(4))).toBe(true);
    expect(neverSent(deep(5))).toBe(false);
    const cycle: Error & { cause?: unknown } = new Error("a");
    cycle.cause = new Error("b", { cause: cycle });
    expect(neverSent(cycle)).toBe(false);
  });
});
