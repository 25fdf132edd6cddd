/** redact: the caller's secret, and anything shaped like an API key, never reach text meant for people. */
import { describe, expect, it } from "vitest";
import { redact } from "../../../src/utils/redact.js";

describe("redact", () => {
  it("replaces every occurrence of the secret", () => {
    expect(redact("a SECRET-TOKEN b SECRET-TOKEN", "SECRET-TOKEN")).toBe("a [redacted] b [redacted]");
  });

  it("replaces anything shaped like an API key, whoever's it is", () => {
    expect(redact("keys osk_abcd and osk_ABC-def_0123456789, not osk_abc")).toBe(
      "keys osk_[redacted] and osk_[redacted], not osk_abc",
    );
  });

  it("scrubs the secret before the key shape, so a key given as the secret leaves no trace", () => {
    const key = "osk_TestKey0123456789abcdefghijKLMN";
    expect(redact(`bad key ${key}`, key)).toBe("bad key [redacted]");
  });

  it("leaves text without either unchanged, with or without an empty secret", () => {
    expect(redact("nothing to hide", "")).toBe("nothing to hide");
    expect(redact("nothing to hide")).toBe("nothing to hide");
  });
});
