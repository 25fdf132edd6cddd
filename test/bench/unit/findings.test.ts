import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { findingsOf } from "../../../bench/lib/findings.js";

describe("findingsOf", () => {
  it("keeps everything from the findings heading on, ending in one newline", () => {
    const md = "# Benchmarks\n\n## 1. Overhead\n\n| a |\n\n## Findings, before and after\n\n- one\n- two\n\n\n";
    expect(findingsOf(md)).toBe("## Findings, before and after\n\n- one\n- two\n");
  });

  it("finds the heading only at the start of a line", () => {
    expect(findingsOf("text about ## Findings inline\n")).toBe("");
    expect(findingsOf("## Findingsx\n")).toBe("");
  });

  it("is empty without findings", () => {
    expect(findingsOf("# Benchmarks\n")).toBe("");
  });

  it("finds this repository's findings, so a bench run keeps them", () => {
    const kept = findingsOf(readFileSync(new URL("../../../BENCHMARKS.md", import.meta.url), "utf8"));
    expect(kept.startsWith("## Findings")).toBe(true);
    expect(kept.split("\n").length).toBeGreaterThan(10);
  });
});
