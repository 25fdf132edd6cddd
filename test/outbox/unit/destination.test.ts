/** Where a record must go: the server's URL and a fingerprint of the key, never the key. */
import { describe, expect, it } from "vitest";
import { accountFingerprint, destinationOf, parseDestination, serverOf } from "../../../src/outbox/destination.js";

const KEY = "osk_0123456789abcdefghijklmnopqrstuv";

describe("destinationOf", () => {
  it("is the server and a fingerprint of the key; the key is nowhere in it", () => {
    const d = destinationOf("https://api.example.com/v1/", KEY)!;
    expect(d).toEqual({
      key: `${accountFingerprint(KEY)}@https://api.example.com/v1`,
      url: "https://api.example.com/v1",
      account: expect.stringMatching(/^[0-9a-f]{16}$/),
    });
    expect(JSON.stringify(d)).not.toContain(KEY.slice(4, 20));
    expect(parseDestination(d.key)).toEqual(d);
  });

  it("tells accounts and servers apart, and names one server one way", () => {
    expect(destinationOf("https://a.example", KEY)!.key).not.toBe(destinationOf("https://b.example", KEY)!.key);
    expect(destinationOf("https://a.example", KEY)!.key).not.toBe(destinationOf("https://a.example", `${KEY}x`)!.key);
    expect(serverOf("https://A.example:443/")).toBe("https://a.example");
    expect(serverOf("http://127.0.0.1:8787?x=1#y")).toBe("http://127.0.0.1:8787");
  });

  it("is none without both a server and a key, or with a base URL that is not a URL", () => {
    expect(destinationOf(undefined, KEY)).toBeUndefined();
    expect(destinationOf("https://a.example", undefined)).toBeUndefined();
    expect(destinationOf("", KEY)).toBeUndefined();
    expect(destinationOf("not a url", KEY)).toBeUndefined();
  });
});
