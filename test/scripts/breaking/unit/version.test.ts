import { describe, expect, it } from "vitest";
import { isMajorBump, parseSemver } from "../../../../scripts/breaking/version.js";

describe("parseSemver", () => {
  it("reads major.minor.patch with an optional pre-release and build, and nothing else", () => {
    expect(parseSemver("1.2.3")).toEqual({ major: 1, minor: 2, patch: 3 });
    expect(parseSemver("2.0.0-rc.1+build.5")).toEqual({ major: 2, minor: 0, patch: 0 });
    for (const bad of ["1.0", "v1.0.0", "01.0.0", "1.0.0.0", 1, undefined]) expect(parseSemver(bad)).toBeUndefined();
  });
});

describe("isMajorBump", () => {
  const v = (s: string) => parseSemver(s)!;
  it("wants the major to grow from 1.0.0 on, and the minor below it", () => {
    expect(isMajorBump(v("1.4.2"), v("2.0.0"))).toBe(true);
    expect(isMajorBump(v("1.4.2"), v("1.5.0"))).toBe(false);
    expect(isMajorBump(v("1.4.2"), v("1.4.2"))).toBe(false);
    expect(isMajorBump(v("0.3.1"), v("0.4.0"))).toBe(true);
    expect(isMajorBump(v("0.3.1"), v("0.3.2"))).toBe(false);
    expect(isMajorBump(v("0.3.1"), v("1.0.0"))).toBe(true);
  });
});
