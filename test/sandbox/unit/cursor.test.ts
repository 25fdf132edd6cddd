/** The listing cursor's codec: what it encodes round-trips, and anything it did not make is refused. */
import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor } from "../../../sandbox/store/cursor.js";

describe("listing cursors", () => {
  it("round-trip a position, as URL-safe base64 of {u, i} without padding", () => {
    for (const position of [
      { updatedAt: 1_767_225_600_123, id: "jd7a1b2c3d4e5f6g7h8j9k0m1n2p3q4r" },
      { updatedAt: 0, id: "" },
      { updatedAt: 2 ** 52, id: "a?b>c~" },
    ]) {
      const cursor = encodeCursor(position);
      expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(JSON.parse(Buffer.from(cursor, "base64url").toString("latin1"))).toEqual({
        u: position.updatedAt,
        i: position.id,
      });
      expect(decodeCursor(cursor)).toEqual(position);
    }
  });

  it("decode only what has the position's shape", () => {
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
    expect(decodeCursor(encode({ u: 5, i: "x", extra: true }))).toEqual({ updatedAt: 5, id: "x" });
    for (const value of [{ u: "5", i: "x" }, { u: 5 }, { i: "x" }, { u: 5, i: 7 }, null, [5, "x"], 5, "u"]) {
      expect(decodeCursor(encode(value)), JSON.stringify(value)).toBeUndefined();
    }
  });

  it("refuse text that is not base64url JSON", () => {
    for (const cursor of ["", "!!!", "not a cursor", "eyJ1Ijo1", Buffer.from("{u:5}").toString("base64url"), "a"]) {
      expect(decodeCursor(cursor), cursor).toBeUndefined();
    }
  });
});
