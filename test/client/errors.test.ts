/**
 * Errors are always the envelope: whatever a server sends on a non-2xx (a valid envelope, a
 * deployed server's legacy `{"error": "..."}`, text, HTML, nothing, broken JSON), `error` is
 * `{ error: { code, message } }` with the code from the status when the body has none.
 * Bodies here are what real servers send (see opensync-server-behaviour.md, 1.1 and 1.2).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { clientFor, EMPTY_PAGE, KEY, reset } from "../support/client-harness.js";
import { type FaultServer, type Step, startFaultServer } from "../support/fault-server.js";
import { LEGACY_BODIES } from "../support/legacy-bodies.js";

let server: FaultServer;
beforeAll(async () => {
  server = await startFaultServer({ status: 200, body: EMPTY_PAGE });
});
afterAll(() => server.close());
beforeEach(() => reset(server));

async function errorFor(step: Step) {
  server.script(step);
  const result = await clientFor(server, { retry: false }).GET("/api/sessions");
  expect(result.data).toBeUndefined();
  return result;
}

const json = { "content-type": "application/json" };

describe("a valid envelope", () => {
  it("passes through as sent", async () => {
    const body = { error: { code: "NOT_FOUND", message: "Session not found" } };
    const { error, response } = await errorFor({ status: 404, body });
    expect(error).toEqual(body);
    expect(response.status).toBe(404);
  });

  it("passes through with a code this package does not know", async () => {
    const body = { error: { code: "QUOTA_EXCEEDED", message: "Monthly quota used up" } };
    expect((await errorFor({ status: 402, body })).error).toEqual(body);
  });

  it("keeps the status and the server's headers", async () => {
    const { response } = await errorFor({
      status: 409,
      headers: { "x-request-id": "req_1" },
      body: { error: { code: "INVALID_REQUEST", message: "x" } },
    });
    expect(response.status).toBe(409);
    expect(response.headers.get("x-request-id")).toBe("req_1");
  });
});

describe("deployed servers' legacy bodies", () => {
  it.each(LEGACY_BODIES)("%i %j", async (status, body, code, message) => {
    expect((await errorFor({ status, headers: json, body: JSON.stringify(body) })).error).toEqual({
      error: { code, message },
    });
  });
});

describe("bodies that are not JSON envelopes", () => {
  it("Convex's 404 text/plain `No matching routes found`", async () => {
    const { error } = await errorFor({
      status: 404,
      headers: { "content-type": "text/plain; charset=utf-8" },
      body: "No matching routes found",
    });
    expect(error).toEqual({ error: { code: "NOT_FOUND", message: "No matching routes found" } });
  });

  it("a proxy's HTML page gives its title", async () => {
    const html =
      "<!DOCTYPE html><html><head><title>502 Bad Gateway</title><style>body{}</style></head><body><h1>Bad " +
      "Gateway</h1></body></html>";
    const { error } = await errorFor({ status: 502, headers: { "content-type": "text/html" }, body: html });
    expect(error).toEqual({ error: { code: "INTERNAL_ERROR", message: "502 Bad Gateway" } });
  });

  it("an HTML page without a title gives its text, tags and scripts removed", async () => {
    const { error } = await errorFor({
      status: 503,
      headers: { "content-type": "text/html" },
      body: "<html><script>var x=1</script><body><p>Service\n  down</p></body></html>",
    });
    expect(error).toEqual({ error: { code: "INTERNAL_ERROR", message: "Service down" } });
  });

  it("an empty body gives the status text", async () => {
    const { error } = await errorFor({ status: 500 });
    expect(error).toEqual({ error: { code: "INTERNAL_ERROR", message: "Internal Server Error" } });
  });

  it("an empty body with Content-Length: 0 still gives the envelope (openapi-fetch alone gives undefined)", async () => {
    const { error } = await errorFor({ status: 401, headers: { "content-length": "0" } });
    expect(error).toEqual({ error: { code: "UNAUTHORIZED", message: "Unauthorized" } });
  });

  it("broken JSON gives the envelope with the text", async () => {
    const { error } = await errorFor({ status: 400, headers: json, body: '{"error": "Missing' });
    expect(error).toEqual({ error: { code: "INVALID_REQUEST", message: '{"error": "Missing' } });
  });

  it("a JSON value that is not an object gives the status's code", async () => {
    expect((await errorFor({ status: 403, headers: json, body: "[1,2]" })).error).toEqual({
      error: { code: "FORBIDDEN", message: "Forbidden" },
    });
  });

  it("an envelope missing its message is rebuilt from the status", async () => {
    expect((await errorFor({ status: 429, headers: json, body: '{"error":{"code":"RATE_LIMITED"}}' })).error).toEqual({
      error: { code: "RATE_LIMITED", message: "Too Many Requests" },
    });
  });

  it.each([
    [400, "INVALID_REQUEST"],
    [401, "UNAUTHORIZED"],
    [403, "FORBIDDEN"],
    [404, "NOT_FOUND"],
    [413, "INVALID_REQUEST"],
    [429, "RATE_LIMITED"],
    [500, "INTERNAL_ERROR"],
    [504, "INTERNAL_ERROR"],
  ])("status %i maps to %s", async (status, code) => {
    const { error } = await errorFor({ status, body: "nope" });
    expect(error).toEqual({ error: { code, message: "nope" } });
  });

  it("sets content-type to JSON on the normalised response", async () => {
    const { response } = await errorFor({
      status: 404,
      headers: { "content-type": "text/plain" },
      body: "No matching routes found",
    });
    expect(response.headers.get("content-type")).toBe("application/json");
  });
});

describe("messages stay short and secret-free", () => {
  it("a long body is cut to one short line", async () => {
    const { error } = await errorFor({ status: 500, body: `Error: ${"stack frame\n".repeat(500)}` });
    expect(error!.error.message.length).toBeLessThanOrEqual(300);
    expect(error!.error.message).not.toContain("\n");
    expect(error!.error.message.startsWith("Error: stack frame stack frame")).toBe(true);
  });

  it("a server echoing the key in a legacy body has it scrubbed", async () => {
    const { error } = await errorFor({
      status: 401,
      headers: json,
      body: JSON.stringify({ error: `API key validation failed: no user for ${KEY}` }),
    });
    expect(JSON.stringify(error)).not.toContain(KEY);
    expect(error!.error.code).toBe("UNAUTHORIZED");
  });

  it("a server echoing the key in a valid envelope has it scrubbed", async () => {
    const { error } = await errorFor({
      status: 403,
      body: { error: { code: "FORBIDDEN", message: `key ${KEY} may not` } },
    });
    expect(error).toEqual({ error: { code: "FORBIDDEN", message: "key [redacted] may not" } });
  });

  it("in an HTML page too", async () => {
    const { error } = await errorFor({ status: 502, body: `<title>bad ${KEY}</title>` });
    expect(JSON.stringify(error)).not.toContain(KEY);
  });
});
