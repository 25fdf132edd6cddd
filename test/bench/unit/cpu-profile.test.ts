/** The reading of CPU profiles that `npm run bench:profile` prints: self and inclusive time per frame. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { mainThreadProfile, summarizeProfile } from "../../../bench/lib/cpu-profile.js";

describe("CPU profile summary", () => {
  it("splits busy samples into self and inclusive time, counting a recursive frame once, idle left out", () => {
    const frame = (functionName: string, url = "file:///app/src/a.js", lineNumber = 0) => ({
      functionName,
      url,
      lineNumber,
    });
    // root -> main -> work -> work (recursive) ; main -> parse ; root -> (idle)
    const profile = {
      nodes: [
        { id: 1, callFrame: frame("(root)", ""), children: [2, 6] },
        { id: 2, callFrame: frame("main"), children: [3, 5] },
        { id: 3, callFrame: frame("work", "file:///app/src/a.js", 9), children: [4] },
        { id: 4, callFrame: frame("work", "file:///app/src/a.js", 9), children: [] },
        { id: 5, callFrame: frame("parse", "file:///app/lib/b.js", 2), children: [] },
        { id: 6, callFrame: frame("(idle)", ""), children: [] },
      ],
      samples: [3, 3, 4, 4, 5, 2, 6, 6, 6, 6],
    };
    const path = join(mkdtempSync(join(tmpdir(), "profile-test-")), "p.cpuprofile");
    writeFileSync(path, JSON.stringify(profile));
    const summary = summarizeProfile(path);
    expect(summary.busySamples).toBe(6);
    expect(summary.self).toEqual([
      { frame: "work src/a.js:10", share: 4 / 6 },
      { frame: "parse lib/b.js:3", share: 1 / 6 },
      { frame: "main src/a.js:1", share: 1 / 6 },
    ]);
    expect(summary.inclusive).toEqual([
      { frame: "main src/a.js:1", share: 1 },
      { frame: "work src/a.js:10", share: 4 / 6 },
      { frame: "parse lib/b.js:3", share: 1 / 6 },
    ]);
  });
});

describe("the main thread's profile", () => {
  it("is thread 0's file, even when another thread's is listed first or is larger", () => {
    const loader = "CPU.20261207.032346.5357.1.002.cpuprofile";
    const main = "CPU.20261207.032346.5357.0.001.cpuprofile";
    expect(mainThreadProfile([loader, main])).toBe(main);
    expect(mainThreadProfile([loader])).toBeUndefined();
  });
});
