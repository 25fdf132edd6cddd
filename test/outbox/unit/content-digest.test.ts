import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { contentDigest } from "../../../src/outbox/flush/content-digest.js";

describe("contentDigest", () => {
  it("is the first 16 base64url characters of the SHA-1 of the body's JSON without createdAt and sessionId", () => {
    const expected = createHash("sha1").update('{"externalId":"s","title":"t"}').digest("base64url").slice(0, 16);
    expect(contentDigest({ externalId: "s", title: "t", createdAt: 5, sessionId: "alias" })).toBe(expected);
    expect(expected).toMatch(/^[\w-]{16}$/);
  });

  it("ignores createdAt, so a resent version digests the same; any other field changes it", () => {
    const body = { externalId: "s", title: "t" };
    expect(contentDigest({ ...body, createdAt: 1 })).toBe(contentDigest({ ...body, createdAt: 2 }));
    expect(contentDigest({ ...body, title: "u" })).not.toBe(contentDigest(body));
  });

  it("depends on key order (a needless request, never a lost write)", () => {
    expect(contentDigest({ a: 1, b: 2 })).not.toBe(contentDigest({ b: 2, a: 1 }));
  });
});
