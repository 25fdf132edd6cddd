import { describe, expect, it } from "vitest";
import { fail as failed, pass, skip } from "../../../../sandbox/check/checks.js";
import { redact, renderTable, summarise } from "../../../../sandbox/check/report.js";

const check = (contract: ReturnType<typeof pass>, deployed: ReturnType<typeof pass>) => ({
  operation: "GET /api/stats" as const,
  name: "usage totals",
  outcomes: { contract, deployed },
});

describe("summarise", () => {
  it("passes the asked profile when no check fails under it; skips do not fail", () => {
    const report = summarise("http://h", "contract", [check(pass("200"), failed("x")), check(skip("s"), skip("s"))]);
    expect(report).toMatchObject({ profile: "contract", matches: "contract", verdict: "pass" });
    expect(report.checks).toEqual([
      { operation: "GET /api/stats", name: "usage totals", outcome: "pass", detail: "200" },
      { operation: "GET /api/stats", name: "usage totals", outcome: "skip", detail: "s" },
    ]);
  });

  it("says which profile matches whatever was asked, and neither when none does", () => {
    expect(summarise("u", "contract", [check(failed("x"), pass("ok"))])).toMatchObject({
      matches: "deployed",
      verdict: "fail",
    });
    expect(summarise("u", "deployed", [check(failed("x"), pass("ok"))])).toMatchObject({
      matches: "deployed",
      verdict: "pass",
    });
    expect(summarise("u", "deployed", [check(failed("x"), failed("y"))])).toMatchObject({
      matches: "neither",
      verdict: "fail",
    });
  });

  it("prefers the asked profile when both match", () => {
    expect(summarise("u", "deployed", [check(pass("a"), pass("b"))]).matches).toBe("deployed");
  });
});

describe("redact", () => {
  it("replaces every occurrence of each secret, and leaves short ones (no key is that short)", () => {
    expect(redact("a osk_secretvalue b osk_secretvalue", ["osk_secretvalue", undefined])).toBe(
      "a [redacted] b [redacted]",
    );
    expect(redact("abc", ["abc"])).toBe("abc");
  });
});

describe("renderTable", () => {
  it("marks each check and ends with what matches and the verdict", () => {
    const text = renderTable(summarise("http://h", "contract", [check(failed("field /x is missing"), pass("ok"))]));
    expect(text).toContain("FAIL  GET /api/stats  usage totals (field /x is missing)");
    expect(text).toMatch(
      /matches: deployed\nverdict: does not conform to the contract profile \(1 check\(s\) failed\)$/,
    );
  });
});
