/**
 * A 2xx body read by the media type its operation declares: which type is due (JSON, or what the
 * request's `format` selects), and what each reading gives or refuses.
 */
import { describe, expect, it } from "vitest";
import { RESPONSE_FORMATS } from "../../../generated/contract.js";
import { expectedMediaType, readBody } from "../../../src/client/response-body.js";
import { InvalidResponseError } from "../../../src/errors/invalid-response-error.js";
import type { CallContext } from "../../../src/transport/call-context.js";
import { thrown } from "../../support/thrown.js";

const KEY = "osk_TestKey0123456789abcdefghijKLMN";

function contextFor(method: string, path: string, status: number, contentType?: string): CallContext {
  const headers: Record<string, string> = contentType === undefined ? {} : { "content-type": contentType };
  return {
    method,
    path,
    signal: null,
    repeatable: true,
    retry: null,
    timeouts: null,
    attempts: 1,
    retryAfterMs: undefined,
    outcomeUnknown: false,
    response: new Response(null, { status, headers }),
  };
}
const query = (values: Record<string, unknown>) => ({ params: { query: values } });

/** The InvalidResponseError a call throws (a failure if it returns). */
const refusal = (run: () => unknown) => thrown(InvalidResponseError, run);

describe("expectedMediaType", () => {
  it("is JSON for every operation without formats, whatever the query", () => {
    expect(expectedMediaType("GET", "/api/sessions", query({ format: "markdown" }))).toBe("application/json");
    expect(expectedMediaType("POST", "/sync/batch", undefined)).toBe("application/json");
  });

  it("follows each format the spec lists, and the default without one", () => {
    for (const [key, formats] of Object.entries(RESPONSE_FORMATS)) {
      const path = key.slice("GET ".length);
      for (const [value, mediaType] of Object.entries(formats.mediaTypes)) {
        expect(expectedMediaType("GET", path, query({ [formats.parameter]: value })), `${key} ${value}`).toBe(
          mediaType,
        );
      }
      expect(expectedMediaType("GET", path, undefined), key).toBe(
        formats.mediaTypes[formats.default as keyof typeof formats.mediaTypes],
      );
      expect(expectedMediaType("GET", path, query({})), key).toBe(
        formats.mediaTypes[formats.default as keyof typeof formats.mediaTypes],
      );
    }
  });

  it("is undefined for a format the spec does not know, or one that is not a string", () => {
    expect(expectedMediaType("GET", "/api/export", query({ format: "pdf" }))).toBeUndefined();
    expect(expectedMediaType("GET", "/api/export", query({ format: 1 }))).toBeUndefined();
  });

  it("applies formats to GET only", () => {
    expect(expectedMediaType("POST", "/api/export", query({ format: "markdown" }))).toBe("application/json");
  });
});

describe("readBody", () => {
  it("parses JSON, whatever content type the server put on it", () => {
    expect(
      readBody('{"sessions":[]}', "application/json", contextFor("GET", "/api/sessions", 200, "text/plain"), KEY),
    ).toEqual({ sessions: [] });
    expect(readBody("[1]", "application/problem+json", contextFor("GET", "/api/sessions", 200), KEY)).toEqual([1]);
  });

  it("gives nothing for a HEAD or a 204 without a body", () => {
    expect(readBody(undefined, "application/json", contextFor("HEAD", "/api/sessions", 200), KEY)).toBeUndefined();
    expect(readBody(undefined, "application/json", contextFor("POST", "/sync/session", 204), KEY)).toBeUndefined();
  });

  it("refuses an empty JSON body, naming the call and the media type due", () => {
    const error = refusal(() => readBody(undefined, "application/json", contextFor("GET", "/api/stats", 200), KEY));
    expect(error.message).toBe("GET /api/stats: response 200 has an invalid body: empty, expected application/json");
    expect(error).toMatchObject({ status: 200, method: "GET", path: "/api/stats" });
  });

  it("refuses broken JSON without quoting the body", () => {
    const error = refusal(() =>
      readBody(`{"key":"${KEY}"`, "application/json", contextFor("GET", "/api/stats", 200, "application/json"), KEY),
    );
    expect(error.message).toMatch(/^GET \/api\/stats: response 200 has an invalid body: not application\/json: /);
    expect(error.message).not.toContain(KEY);
  });

  it("gives Markdown as the string it is, when the response says it is Markdown", () => {
    const text = "# Session\n\nhello";
    expect(
      readBody(text, "text/markdown", contextFor("GET", "/api/export", 200, "text/markdown; charset=utf-8"), KEY),
    ).toBe(text);
    expect(readBody(undefined, "text/markdown", contextFor("GET", "/api/export", 200, "text/markdown"), KEY)).toBe("");
  });

  it("refuses text of another media type than the one asked for", () => {
    const error = refusal(() =>
      readBody('{"session":{}}', "text/markdown", contextFor("GET", "/api/export", 200, "application/json"), KEY),
    );
    expect(error.message).toBe(
      "GET /api/export: response 200 has an invalid body: application/json, expected text/markdown",
    );
    const bare = refusal(() => readBody("# x", "text/markdown", contextFor("GET", "/api/export", 200), KEY));
    expect(bare.message).toMatch(/no content type, expected text\/markdown$/);
  });

  it("gives NDJSON as its string when every line is JSON, blank lines allowed", () => {
    const body = '{"a":1}\n\n{"b":2}\n';
    expect(
      readBody(body, "application/x-ndjson", contextFor("GET", "/api/export/evals", 200, "application/x-ndjson"), KEY),
    ).toBe(body);
  });

  it("refuses NDJSON with a line that is not JSON, naming the line", () => {
    const error = refusal(() =>
      readBody(
        '{"a":1}\n{"b":\n',
        "application/x-ndjson",
        contextFor("GET", "/api/export/evals", 200, "application/x-ndjson"),
        KEY,
      ),
    );
    expect(error.message).toMatch(/invalid body: line 2 is not JSON: /);
  });

  it("for an unknown format, reads by the response's own type among the operation's, else as JSON", () => {
    expect(readBody("# md", undefined, contextFor("GET", "/api/export", 200, "text/markdown"), KEY)).toBe("# md");
    expect(readBody('{"x":1}', undefined, contextFor("GET", "/api/export", 200, "text/html"), KEY)).toEqual({ x: 1 });
    expect(
      refusal(() => readBody("<html>", undefined, contextFor("GET", "/api/export", 200, "text/html"), KEY)).message,
    ).toMatch(/not application\/json/);
  });
});
