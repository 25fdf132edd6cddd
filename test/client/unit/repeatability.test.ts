/**
 * isRepeatable: whether a request may be sent again after an unknown outcome, from the spec's
 * `x-idempotent` and `x-repeatable-without`, read against the body object the call was given.
 */
import { describe, expect, it } from "vitest";
import { OPERATIONS, type OperationKey } from "../../../generated/contract.js";
import { isRepeatable } from "../../../src/transport/repeatability.js";
import { part, withoutParts, withParts } from "../../support/batch-bodies.js";

describe("which requests may be repeated", () => {
  it.each<[string, string, string, unknown, boolean]>([
    ["a GET", "GET", "/api/sessions", undefined, true],
    ["a session upsert (x-idempotent)", "POST", "/sync/session", { externalId: "s" }, true],
    [
      "a message upsert with parts (x-idempotent)",
      "POST",
      "/sync/message",
      { ...withParts.messages[0], parts: [part] },
      true,
    ],
    ["a batch of sessions", "POST", "/sync/batch", { sessions: [{ externalId: "s" }] }, true],
    ["a batch of messages without parts", "POST", "/sync/batch", withoutParts, true],
    [
      "a batch whose messages have empty parts",
      "POST",
      "/sync/batch",
      { messages: [{ ...withoutParts.messages[0], parts: [] }] },
      true,
    ],
    ["an empty batch", "POST", "/sync/batch", {}, true],
    [
      "a batch with one message carrying parts",
      "POST",
      "/sync/batch",
      { messages: [withoutParts.messages[0], withParts.messages[0]] },
      false,
    ],
    [
      "a batch whose messages are not an array",
      "POST",
      "/sync/batch",
      { messages: { 0: withParts.messages[0] } },
      false,
    ],
    ["a batch given as a string", "POST", "/sync/batch", JSON.stringify(withoutParts), false],
    ["a POST the spec does not have", "POST", "/sync/unknown", {}, false],
  ])("%s: %s %s", (_name, method, path, body, repeatable) => {
    expect(isRepeatable(method, path, body)).toBe(repeatable);
  });
});

describe("the rules behind the table", () => {
  it.each(["GET", "HEAD", "OPTIONS"])("%s is always repeatable, on any path", (method) => {
    expect(isRepeatable(method, "/anything", { parts: [part] })).toBe(true);
  });

  it.each(["PUT", "PATCH", "DELETE"])("%s on a path the spec does not have is never repeatable", (method) => {
    expect(isRepeatable(method, "/sync/session", undefined)).toBe(false);
  });

  it("follows every operation of the contract: safe ones always, qualified ones without their body locations", () => {
    for (const [key, facts] of Object.entries(OPERATIONS) as [OperationKey, (typeof OPERATIONS)[OperationKey]][]) {
      const [method, path] = key.split(" ") as [string, string];
      expect(isRepeatable(method, path, undefined), key).toBe(
        method === "GET" || facts.idempotent || facts.repeatableWithout !== null,
      );
      if (facts.repeatableWithout) expect(isRepeatable(method, path, withParts), key).toBe(false);
    }
  });

  it("treats null where a location is as absent", () => {
    expect(isRepeatable("POST", "/sync/batch", null)).toBe(true);
    expect(isRepeatable("POST", "/sync/batch", { messages: null })).toBe(true);
    expect(
      isRepeatable("POST", "/sync/batch", { messages: [null, { ...withoutParts.messages[0], parts: null }] }),
    ).toBe(true);
  });

  it("looks into a body without a prototype as into a plain object", () => {
    const body = Object.assign(Object.create(null) as object, withParts);
    expect(isRepeatable("POST", "/sync/batch", body)).toBe(false);
    expect(isRepeatable("POST", "/sync/batch", Object.assign(Object.create(null) as object, withoutParts))).toBe(true);
  });

  it("does not guess inside a body made elsewhere (a Blob, a class instance)", () => {
    expect(isRepeatable("POST", "/sync/batch", new Blob([JSON.stringify(withoutParts)]))).toBe(false);
    expect(isRepeatable("POST", "/sync/batch", new (class Batch {})())).toBe(false);
  });
});
