import { describe, expect, it } from "vitest";
import { Credentials } from "../../../sandbox/store/credentials.js";
import { UserData } from "../../../sandbox/store/store.js";
import { parseBase64UrlJson } from "../../../sandbox/utils/base64url.js";
import { seededRandom } from "../../../sandbox/utils/random.js";

const KEY_A = "osk_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
const KEY_B = "osk_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
const newUser = () => new UserData(seededRandom(1), () => 0);

describe("Credentials", () => {
  it("gives each key its own user, and each user a token that names it", () => {
    const credentials = new Credentials([KEY_A, KEY_B], seededRandom(3), newUser);
    expect(credentials.apiKeys).toEqual([KEY_A, KEY_B]);
    const a = credentials.caller(KEY_A)!;
    const b = credentials.caller(KEY_B)!;
    expect([a.id, a.kind, b.id, b.kind]).toEqual(["user0", "ApiKey", "user1", "ApiKey"]);
    expect(a.user).not.toBe(b.user);

    const token = credentials.tokenFor(KEY_A);
    const [header, claims, signature] = token.split(".");
    expect(parseBase64UrlJson(header!)).toEqual({ alg: "none", typ: "JWT" });
    expect(parseBase64UrlJson(claims!)).toEqual({ sub: "user0", iss: "opensync-sandbox" });
    expect(signature).toMatch(/^[a-z0-9]{16}$/);
    expect(credentials.caller(token)).toEqual({ user: a.user, id: "user0", kind: "WorkOSToken" });
    expect(credentials.caller(credentials.tokenFor(KEY_B))!.user).toBe(b.user);
  });

  it("makes one demo key from the seed when given none: the same seed, the same key and token", () => {
    const first = new Credentials([], seededRandom(9), newUser);
    const again = new Credentials([], seededRandom(9), newUser);
    const other = new Credentials([], seededRandom(10), newUser);
    expect(first.apiKeys).toHaveLength(1);
    expect(first.apiKeys[0]).toMatch(/^osk_[A-Za-z0-9_-]{32}$/);
    expect(again.apiKeys).toEqual(first.apiKeys);
    expect(again.tokenFor(again.apiKeys[0]!)).toBe(first.tokenFor(first.apiKeys[0]!));
    expect(other.apiKeys).not.toEqual(first.apiKeys);
  });

  it("accepts nothing else: not a token's parts, not a key with a different case, not an empty string", () => {
    const credentials = new Credentials([KEY_A], seededRandom(3), newUser);
    const token = credentials.tokenFor(KEY_A);
    for (const guess of [
      "",
      KEY_A.toUpperCase(),
      `${KEY_A} `,
      `${token.split(".").slice(0, 2).join(".")}.`,
      `Bearer ${KEY_A}`,
    ]) {
      expect(credentials.caller(guess), guess).toBeUndefined();
    }
  });

  it("a key given twice names its last user", () => {
    const credentials = new Credentials([KEY_A, KEY_A], seededRandom(3), newUser);
    expect(credentials.caller(KEY_A)!.id).toBe("user1");
    expect(credentials.caller(credentials.tokenFor(KEY_A))!.id).toBe("user1");
  });

  it("has no token for a key it does not accept", () => {
    expect(() => new Credentials([KEY_A], seededRandom(3), newUser).tokenFor(KEY_B)).toThrow(
      "tokenFor: not a key of this sandbox",
    );
  });
});
