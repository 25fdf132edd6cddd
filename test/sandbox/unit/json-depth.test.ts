/** The JSON depth scanner counts nesting without parsing, and strings never count. */
import { describe, expect, it } from "vitest";
import { nestingDepth } from "../../../sandbox/http/json-depth.js";

describe("nestingDepth", () => {
  it("counts arrays and objects, as deep as the deepest branch", () => {
    const cases: [string, number][] = [
      ["", 0],
      ["42", 0],
      ['"text"', 0],
      ["[]", 1],
      ["{}", 1],
      ['{"a":[{}]}', 3],
      ["[[1],[[2]],3]", 3],
      ['{"a":{"b":{}},"c":[]}', 3],
    ];
    for (const [text, depth] of cases) expect(nestingDepth(text), text).toBe(depth);
  });

  it("agrees with the parsed value's depth", () => {
    const depthOf = (v: unknown): number =>
      v && typeof v === "object" ? 1 + Math.max(0, ...Object.values(v).map(depthOf)) : 0;
    const values = [{ a: [1, { b: [[]] }], c: "[{" }, [[[["]]]"]]]], { "key}": { "[": {} } }];
    for (const value of values) expect(nestingDepth(JSON.stringify(value))).toBe(depthOf(value));
  });

  it("ignores brackets inside strings, escaped quotes included", () => {
    expect(nestingDepth('"[[[{{{"')).toBe(0);
    expect(nestingDepth('["a\\"[[", "]"]')).toBe(1);
    // An escaped backslash ends before the quote: the string closes and the bracket counts.
    expect(nestingDepth('["\\\\", [1]]')).toBe(2);
    expect(nestingDepth('{"\\u005b": "\\"}"}')).toBe(1);
  });

  it("scans a hostile body in one pass, however deep", () => {
    const deep = "[".repeat(200_000) + "]".repeat(200_000);
    expect(nestingDepth(deep)).toBe(200_000);
    expect(nestingDepth(`{"x":${deep}}`)).toBe(200_001);
  });
});
