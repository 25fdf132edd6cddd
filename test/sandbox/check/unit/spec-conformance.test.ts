import { describe, expect, it } from "vitest";
import { specIssue } from "../../../../sandbox/check/spec-conformance.js";
import type { Answer } from "../../../../sandbox/check/target.js";

const answer = (status: number, json: unknown, headers: Record<string, string> = {}): Answer => ({
  status,
  mediaType: "application/json",
  headers: new Headers(headers),
  text: JSON.stringify(json),
  json,
});

const stats = { sessionCount: 0, messageCount: 0, totalTokens: 0, totalCost: 0, totalDurationMs: 0, modelUsage: {} };
const rateLimited = { error: { code: "RATE_LIMITED", message: "slow down" } };

describe("specIssue", () => {
  it("accepts an answer as declared", () => {
    expect(specIssue("GET /api/stats", answer(200, stats))).toBeUndefined();
    expect(specIssue("GET /api/stats", answer(429, rateLimited, { "retry-after": "7" }))).toBeUndefined();
  });

  it("names the field that is missing or of the wrong type", () => {
    const { totalTokens: _, ...withoutTokens } = stats;
    expect(specIssue("GET /api/stats", answer(200, withoutTokens))).toBe("field /totalTokens is missing");
    expect(specIssue("GET /api/stats", answer(200, { ...stats, totalCost: "1" }))).toBe(
      "field /totalCost must be number",
    );
  });

  it("names an undeclared status, a content type the response does not declare, a missing Retry-After", () => {
    expect(specIssue("GET /health", answer(418, {}))).toMatch(/^status 418 is not declared/);
    expect(specIssue("GET /api/stats", { ...answer(200, stats), mediaType: "text/html" })).toBe(
      "header Content-Type is text/html, declared application/json",
    );
    expect(specIssue("GET /api/stats", answer(429, rateLimited))).toBe("header Retry-After is missing");
  });
});
