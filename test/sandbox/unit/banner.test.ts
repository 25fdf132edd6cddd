import { describe, expect, it } from "vitest";
import { type BannerFacts, bannerLines } from "../../../sandbox/cli/banner.js";

const FACTS: BannerFacts = {
  url: "http://127.0.0.1:8787",
  apiKeys: ["osk_demo"],
  keyOrigin: "seed",
  workosToken: "header.payload.signature",
  seed: 1,
  deployed: false,
  legacyErrors: false,
  faultRate: 0,
  rateLimits: true,
};

const line = (facts: Partial<BannerFacts>, label: string) =>
  bannerLines({ ...FACTS, ...facts }).find((l) => l.startsWith(label)) ?? "";

describe("bannerLines", () => {
  it("ends with the line to paste into a shell, URL and key", () => {
    expect(bannerLines(FACTS).at(-1)).toBe("export OPENSYNC_BASE_URL=http://127.0.0.1:8787 OPENSYNC_API_KEY=osk_demo");
  });

  it("shows the mode: the contract, legacy errors, deployed servers", () => {
    expect(line({}, "Mode:")).toMatch(/the contract \(the spec's statuses/);
    expect(line({ legacyErrors: true }, "Mode:")).toMatch(/--legacy-errors/);
    expect(line({ deployed: true, legacyErrors: true }, "Mode:")).toMatch(/deployed servers \(--deployed\)/);
  });

  it("shows random faults and how to force one", () => {
    expect(line({}, "Faults:")).toMatch(/none at random \(force one with the header X-Sandbox-Fault: 503/);
    expect(line({ faultRate: 0.25, seed: 7 }, "Faults:")).toMatch(/25 % of requests at random, seed 7/);
  });

  it("shows whether rate limits are on", () => {
    expect(line({}, "Rate limits:")).toMatch(/^Rate limits: +on/);
    expect(line({ rateLimits: false }, "Rate limits:")).toMatch(/off \(--no-rate-limit\)/);
    expect(line({ deployed: true }, "Rate limits:")).toMatch(/none \(deployed servers have none\)/);
  });

  it.each([
    ["seed", /demo key, the same on every run with --seed 1/],
    ["--api-key", /given with --api-key/],
    ["OPENSYNC_API_KEY", /from OPENSYNC_API_KEY/],
    ["generated", /generated: the host is reachable from other machines/],
  ] as const)("labels a key from %s by its origin", (keyOrigin, label) => {
    expect(line({ keyOrigin }, "API key:")).toMatch(label);
  });

  it("lists further keys and prints the WorkOS token", () => {
    expect(line({ apiKeys: ["osk_a", "osk_b", "osk_c"] }, "More keys:")).toMatch(/osk_b osk_c/);
    expect(line({}, "WorkOS token:")).toMatch(/^WorkOS token: header\.payload\.signature/);
  });
});
