/**
 * parseRetryAfter: how long a response asks the client to wait. `retry-after-ms` wins over
 * Retry-After, which is delay-seconds or an HTTP date; anything unusable is undefined.
 */
import { describe, expect, it } from "vitest";
import { parseRetryAfter } from "../../../src/transport/retry-after.js";

describe("parseRetryAfter", () => {
  const now = Date.parse("2026-01-01T00:00:00Z");
  const parse = (headers: Record<string, string>) => parseRetryAfter(new Headers(headers), now);

  it("reads delay-seconds", () => expect(parse({ "retry-after": "3" })).toBe(3000));
  it("reads decimal seconds and trims", () => expect(parse({ "retry-after": " 1.5 " })).toBe(1500));
  it("reads IMF-fixdate", () => expect(parse({ "retry-after": "Thu, 01 Jan 2026 00:00:10 GMT" })).toBe(10_000));
  it("reads RFC 850 dates", () => expect(parse({ "retry-after": "Thursday, 01-Jan-26 00:00:04 GMT" })).toBe(4000));
  it("reads asctime dates", () => expect(parse({ "retry-after": "Thu Jan  1 00:00:05 2026" })).toBe(5000));
  it("reads retry-after-ms", () => expect(parse({ "retry-after-ms": "250" })).toBe(250));
  it("ignores a malformed retry-after-ms and uses Retry-After", () =>
    expect(parse({ "retry-after-ms": "x", "retry-after": "2" })).toBe(2000));
  it.each(["", "soon", "-1", "1e3", "0x10", "Thu, 01 Jan 2026 00:00:00 GMT", "Wed, 31 Dec 2025 23:59:00 GMT"])(
    "gives undefined for %j",
    (value) => expect(parse({ "retry-after": value })).toBeUndefined(),
  );
  it("gives undefined without the header", () => expect(parse({})).toBeUndefined());
  it("reads a zero delay as zero", () => expect(parse({ "retry-after": "0" })).toBe(0));
  it("rounds fractions of a millisecond up", () => expect(parse({ "retry-after-ms": "0.2" })).toBe(1));
  it("clamps an absurdly long delay to a usable number", () =>
    expect(parse({ "retry-after": "9".repeat(400) })).toBe(Number.MAX_SAFE_INTEGER));
  it("measures a date from the clock it is given", () =>
    expect(parseRetryAfter(new Headers({ "retry-after": "Thu, 01 Jan 2026 00:00:10 GMT" }), now + 4000)).toBe(6000));
  it("measures a date from the response's Date header, the server's clock, over a skewed local one", () => {
    const date = "Thu, 01 Jan 2026 00:00:10 GMT";
    const served = "Thu, 01 Jan 2026 00:00:07 GMT";
    // The client's clock five minutes ahead, then five minutes behind: the server's delay either way.
    expect(parseRetryAfter(new Headers({ "retry-after": date, date: served }), now + 300_000)).toBe(3000);
    expect(parseRetryAfter(new Headers({ "retry-after": date, date: served }), now - 300_000)).toBe(3000);
  });
  it.each(["", "yesterday", "1767225607"])("measures from the client's clock when Date is %j", (served) =>
    expect(parse({ "retry-after": "Thu, 01 Jan 2026 00:00:10 GMT", date: served })).toBe(10_000),
  );
  it("gives undefined for a date at or before the response's Date", () =>
    expect(
      parse({ "retry-after": "Thu, 01 Jan 2026 00:00:10 GMT", date: "Thu, 01 Jan 2026 00:00:10 GMT" }),
    ).toBeUndefined());
});
