import { describe, expect, it } from "vitest";
import { errorShapeDifference, referenceDifference, shapeDifference } from "../../../../sandbox/check/profiles.js";
import type { Answer } from "../../../../sandbox/check/target.js";

const answer = (status: number, json: unknown, mediaType = "application/json"): Answer => ({
  status,
  mediaType,
  headers: new Headers(),
  text: JSON.stringify(json),
  json,
});

describe("shapeDifference", () => {
  it("names the first field that is missing, unexpected, of another kind or another value", () => {
    expect(shapeDifference({ a: { b: "string" } }, { a: { b: "string" } })).toBeUndefined();
    expect(shapeDifference({ a: {} }, { a: { b: "string" } })).toBe("field /a/b is missing");
    expect(shapeDifference({ a: { b: "string", c: "number" } }, { a: { b: "string" } })).toBe(
      "field /a/c is not expected",
    );
    expect(shapeDifference({ error: "string" }, { error: { code: "X" } })).toBe(
      'field /error is string, expected {"code":"X"}',
    );
    expect(shapeDifference({ error: { code: "A" } }, { error: { code: "B" } })).toBe(
      "field /error/code is A, expected B",
    );
  });
});

describe("referenceDifference", () => {
  const envelope = (code: string) => ({ error: { code, message: "whatever" } });

  it("compares status, content type, and a refusal's shape with its code but not its message", () => {
    expect(
      referenceDifference(answer(400, envelope("INVALID_REQUEST")), answer(400, envelope("INVALID_REQUEST"))),
    ).toBe(undefined);
    expect(referenceDifference(answer(500, { error: "x" }), answer(400, envelope("INVALID_REQUEST")))).toBe(
      "status 500, expected 400",
    );
    expect(referenceDifference(answer(404, "x", "text/plain"), answer(404, envelope("NOT_FOUND")))).toBe(
      "header Content-Type is text/plain, expected application/json",
    );
    expect(referenceDifference(answer(401, envelope("FORBIDDEN")), answer(401, envelope("UNAUTHORIZED")))).toBe(
      "field /error/code is FORBIDDEN, expected UNAUTHORIZED",
    );
    expect(referenceDifference(answer(401, { error: "Invalid API key" }), answer(401, { error: "Other" }))).toBe(
      undefined,
    );
  });

  it("leaves a success's body to the spec: the data differs from server to server", () => {
    expect(referenceDifference(answer(200, { ok: true, extra: 1 }), answer(200, { ok: true }))).toBeUndefined();
  });
});

describe("errorShapeDifference", () => {
  it("wants the envelope under the contract and a bare text under deployed, whatever the status and code", () => {
    expect(errorShapeDifference("contract", answer(404, { error: { code: "NOT_FOUND", message: "m" } }))).toBe(
      undefined,
    );
    expect(errorShapeDifference("deployed", answer(404, { error: "Session not found" }))).toBeUndefined();
    expect(errorShapeDifference("deployed", answer(404, { error: { code: "NOT_FOUND", message: "m" } }))).toBe(
      'field /error is {"code":"NOT_FOUND","message":"string"}, expected string',
    );
  });
});
