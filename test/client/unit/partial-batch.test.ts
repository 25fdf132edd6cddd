/** isPartialBatch: a 2xx of POST /sync/batch whose `errors` name refusals is a failure, not a success. */
import { describe, expect, it } from "vitest";
import { isPartialBatch } from "../../../src/client/partial-batch.js";

const refused = {
  ok: true,
  sessions: 1,
  messages: 0,
  errors: ["Messages batch error: messages[0]: Unknown field: createdAt"],
};

describe("isPartialBatch", () => {
  it("is a batch answer with at least one error", () => {
    expect(isPartialBatch("POST", "/sync/batch", refused)).toBe(true);
  });

  it.each([
    ["no errors", { ok: true, sessions: 1, messages: 2, errors: [] }],
    ["errors that are not an array", { ok: true, sessions: 0, messages: 0, errors: "oops" }],
    ["no errors field", { ok: true }],
    ["no body", undefined],
    ["a null body", null],
    ["a text body", "ok"],
  ])("is not a batch answer with %s", (_name, data) => {
    expect(isPartialBatch("POST", "/sync/batch", data)).toBe(false);
  });

  it.each([
    ["GET", "/sync/batch"],
    ["POST", "/sync/session"],
    ["POST", "/sync/batch/"],
  ])("is only ever POST /sync/batch, not %s %s", (method, path) => {
    expect(isPartialBatch(method, path, refused)).toBe(false);
  });
});
