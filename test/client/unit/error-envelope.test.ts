/**
 * normaliseErrorBody: every error body becomes the contract's envelope. A valid envelope is handed
 * on as the very same string; anything else is rebuilt with the code its status implies.
 */
import { describe, expect, it } from "vitest";
import { normaliseErrorBody } from "../../../src/transport/error-envelope.js";
import { LEGACY_BODIES } from "../../support/legacy-bodies.js";

const KEY = "osk_TestKey0123456789abcdefghijKLMN";
const envelope = (status: number, body: string, statusText = "", secret?: string) =>
  JSON.parse(normaliseErrorBody(status, statusText, body, secret));

describe("a valid envelope", () => {
  it("is returned as the same string, byte for byte", () => {
    const body = '{ "error": { "code": "NOT_FOUND", "message": "Session not found" }, "requestId": "r1" }';
    expect(normaliseErrorBody(404, "Not Found", body)).toBe(body);
  });

  it("keeps a code this version does not know", () => {
    const body = JSON.stringify({ error: { code: "QUOTA_EXCEEDED", message: "Monthly quota used up" } });
    expect(normaliseErrorBody(402, "Payment Required", body)).toBe(body);
  });

  it("is rebuilt only to scrub the key from its message, the code kept", () => {
    const body = JSON.stringify({ error: { code: "FORBIDDEN", message: `key ${KEY} may not` }, extra: 1 });
    expect(normaliseErrorBody(403, "Forbidden", body, KEY)).toBe(
      JSON.stringify({ error: { code: "FORBIDDEN", message: "key [redacted] may not" } }),
    );
  });

  it("scrubs anything shaped like a key even without the secret", () => {
    const body = JSON.stringify({ error: { code: "UNAUTHORIZED", message: "no user for osk_someoneElse_1234" } });
    expect(envelope(401, body)).toEqual({ error: { code: "UNAUTHORIZED", message: "no user for osk_[redacted]" } });
  });
});

describe("deployed servers' legacy bodies", () => {
  it.each(LEGACY_BODIES)("%i %j", (status, body, code, message) => {
    expect(envelope(status, JSON.stringify(body))).toEqual({ error: { code, message } });
  });

  it("an envelope without its message is rebuilt from the status text", () => {
    expect(envelope(429, '{"error":{"code":"RATE_LIMITED"}}', "Too Many Requests")).toEqual({
      error: { code: "RATE_LIMITED", message: "Too Many Requests" },
    });
  });

  it("an envelope whose code is not a string is rebuilt with the status's code", () => {
    expect(envelope(404, '{"error":{"code":404,"message":"gone"}}')).toEqual({
      error: { code: "NOT_FOUND", message: "gone" },
    });
  });
});

describe("bodies that are not JSON objects", () => {
  it("plain text is the message", () => {
    expect(envelope(404, "No matching routes found")).toEqual({
      error: { code: "NOT_FOUND", message: "No matching routes found" },
    });
  });

  it("an HTML page gives its title", () => {
    const html =
      "<html><head><title>502 Bad Gateway</title><style>h1{}</style></head><body><h1>Bad Gateway</h1></body></html>";
    expect(envelope(502, html)).toEqual({ error: { code: "INTERNAL_ERROR", message: "502 Bad Gateway" } });
  });

  it("an HTML page without a title gives its text, scripts, styles and tags removed", () => {
    const html = "<html><script>var x = 1</script><style>p{}</style><body><p>Service\n  down</p></body></html>";
    expect(envelope(503, html)).toEqual({ error: { code: "INTERNAL_ERROR", message: "Service down" } });
  });

  it("a JSON string is the message", () => {
    expect(envelope(400, '"bad cursor"')).toEqual({ error: { code: "INVALID_REQUEST", message: "bad cursor" } });
  });

  it.each(["[1,2]", "42", "true", "null"])("a JSON %s is no message: the status text is", (body) => {
    expect(envelope(403, body, "Forbidden")).toEqual({ error: { code: "FORBIDDEN", message: "Forbidden" } });
  });

  it("broken JSON is kept as text", () => {
    expect(envelope(400, '{"error": "Missing')).toEqual({
      error: { code: "INVALID_REQUEST", message: '{"error": "Missing' },
    });
  });

  it("an empty body gives the status text, or HTTP <status> without one", () => {
    expect(envelope(500, "", "Internal Server Error")).toEqual({
      error: { code: "INTERNAL_ERROR", message: "Internal Server Error" },
    });
    expect(envelope(500, "")).toEqual({ error: { code: "INTERNAL_ERROR", message: "HTTP 500" } });
  });
});

describe("messages built here", () => {
  it("are one line of at most 300 characters, cut with an ellipsis", () => {
    const { error } = envelope(500, `Error: ${"stack frame\n".repeat(500)}`);
    expect(error.message).toHaveLength(300);
    expect(error.message.endsWith("…")).toBe(true);
    expect(error.message).not.toMatch(/\s{2}|\n/);
    expect(error.message.startsWith("Error: stack frame stack frame")).toBe(true);
  });

  it("keep a message of exactly 300 characters whole", () => {
    const text = "x".repeat(300);
    expect(envelope(500, text).error.message).toBe(text);
  });

  it("never carry the secret, wherever the body had it", () => {
    for (const body of [JSON.stringify({ error: `no user for ${KEY}` }), `<title>bad ${KEY}</title>`, `plain ${KEY}`]) {
      expect(normaliseErrorBody(401, "Unauthorized", body, KEY)).not.toContain(KEY);
    }
  });

  it("scrub a secret that is not key-shaped (an access token)", () => {
    const token = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyXzEifQ.c2lnbmF0dXJl";
    expect(envelope(401, `token ${token} expired`, "", token)).toEqual({
      error: { code: "UNAUTHORIZED", message: "token [redacted] expired" },
    });
  });
});
