/**
 * Retries never destroy data on deployed servers: what may be repeated comes from the spec
 * (`x-idempotent`, and `x-repeatable-without` read against the very body a call was given), a 429
 * is retried for every operation, a connection that was never made is retried for every
 * operation, and an ambiguous failure of a request that may not be repeated (a 5xx, a timeout, a
 * cut connection) is not retried but reported as OutcomeUnknownError.
 */
import { createServer } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ApiError, ConnectionError, errorOf, OutcomeUnknownError, TimeoutError, unwrap, type RetryEvent } from "../../src/index.js";
import { OPERATIONS, type OperationKey } from "../../generated/contract.js";
import { createSpecValidator } from "../../sandbox/spec.js";
import { startFaultServer, type FaultServer } from "../support/fault-server.js";
import { clientFor, rejectionOf, reset } from "../support/client-harness.js";

const spec = createSpecValidator().spec;
const part = { type: "text", content: "The refresh handler drops the new token." };
const withParts = { messages: [{ sessionExternalId: "s", externalId: "s:1", role: "assistant" as const, textContent: "t", parts: [part] }] };
const withoutParts = { sessions: [{ externalId: "s", title: "t" }], messages: [{ sessionExternalId: "s", externalId: "s:1", role: "assistant" as const, textContent: "t" }] };
const BATCH_OK = { ok: true, sessions: 0, messages: 1, errors: [] };

let server: FaultServer;
beforeAll(async () => {
  server = await startFaultServer({ status: 200, body: BATCH_OK });
});
afterAll(() => server.close());
beforeEach(() => reset(server));

describe("a batch carrying message parts (not repeatable)", () => {
  it("a 503 is not retried: result style returns the envelope, errorOf and unwrap say the outcome is unknown", async () => {
    server.script({ status: 503, body: { error: { code: "INTERNAL_ERROR", message: "busy" } } }, { status: 503 });
    const client = clientFor(server);
    const result = await client.POST("/sync/batch", { body: withParts });
    expect(result.response.status).toBe(503);
    expect(result.error).toEqual({ error: { code: "INTERNAL_ERROR", message: "busy" } });
    expect(server.attempts).toHaveLength(1);
    const failure = errorOf(result);
    expect(failure).toBeInstanceOf(OutcomeUnknownError);
    expect(failure).toMatchObject({ status: 503, attempts: 1, method: "POST", path: "/sync/batch", cause: expect.any(ApiError) });
    expect(failure!.message).toBe(
      "POST /sync/batch: may or may not have been written; not retried, as repeating it can lose data: 503 INTERNAL_ERROR: busy",
    );
    const thrown = await rejectionOf(unwrap(client.POST("/sync/batch", { body: withParts })));
    expect(thrown).toBeInstanceOf(OutcomeUnknownError);
    expect(server.attempts).toHaveLength(2);
  });

  it("a cut connection is not retried: the call rejects with OutcomeUnknownError caused by a ConnectionError", async () => {
    server.script({ reset: true });
    const error = await rejectionOf(clientFor(server).POST("/sync/batch", { body: withParts }));
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect(error).toMatchObject({ attempts: 1, status: undefined, cause: expect.any(ConnectionError) });
    expect(server.attempts).toHaveLength(1);
  });

  it("a timeout is not retried: OutcomeUnknownError caused by a TimeoutError", async () => {
    server.script({ hang: true });
    const error = await rejectionOf(clientFor(server, { timeoutMs: 100 }).POST("/sync/batch", { body: withParts }));
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect((error as OutcomeUnknownError).cause).toBeInstanceOf(TimeoutError);
    expect(server.attempts).toHaveLength(1);
  });

  it("a 2xx whose body stalls is an unknown outcome too: the server acted, what it answered is lost", async () => {
    server.script({ stallAfter: '{"ok":true,"sessions":0,' });
    const error = await rejectionOf(clientFor(server, { timeoutMs: 100 }).POST("/sync/batch", { body: withParts }));
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect((error as OutcomeUnknownError).cause).toBeInstanceOf(TimeoutError);
    expect(server.attempts).toHaveLength(1);
  });

  it("with retry off, the outcome of a 5xx is still reported as unknown", async () => {
    server.script({ status: 502 });
    const result = await clientFor(server, { retry: false }).POST("/sync/batch", { body: withParts });
    expect(errorOf(result)).toBeInstanceOf(OutcomeUnknownError);
  });

  it("a 429 is retried: the server refused before writing", async () => {
    server.script({ status: 429, headers: { "retry-after-ms": "5" } }, { status: 200, body: BATCH_OK });
    expect(await unwrap(clientFor(server).POST("/sync/batch", { body: withParts }))).toEqual(BATCH_OK);
    expect(server.attempts).toHaveLength(2);
    expect(server.attempts[0]!.body).toBe(server.attempts[1]!.body);
  });

  it("a 408 or another 4xx is final and not ambiguous: an ApiError", async () => {
    server.script({ status: 408 }, { status: 200, body: BATCH_OK });
    const error = await rejectionOf(unwrap(clientFor(server).POST("/sync/batch", { body: withParts })));
    expect(error).toBeInstanceOf(ApiError);
    expect(error).not.toBeInstanceOf(OutcomeUnknownError);
    expect(server.attempts).toHaveLength(1);
  });

  it("a server's x-should-retry: true is believed", async () => {
    server.script({ status: 503, headers: { "x-should-retry": "true" } }, { status: 200, body: BATCH_OK });
    expect(await unwrap(clientFor(server).POST("/sync/batch", { body: withParts }))).toEqual(BATCH_OK);
    expect(server.attempts).toHaveLength(2);
  });

  it("a connection that was never made (refused) is retried, and ends as a plain ConnectionError", async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const { port } = probe.address() as { port: number };
    await new Promise((resolve) => probe.close(resolve));
    const events: RetryEvent[] = [];
    const error = await rejectionOf(clientFor(server, { baseUrl: `http://127.0.0.1:${port}`, onRetry: (e) => events.push(e) }).POST("/sync/batch", { body: withParts }));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ attempts: 4 });
    expect(events).toHaveLength(3);
  });
});

describe("a batch without message parts (repeatable)", () => {
  it.each([
    ["503", { status: 503 }],
    ["a cut connection", { reset: true as const }],
  ])("%s is retried", async (_name, step) => {
    server.script(step, { status: 200, body: BATCH_OK });
    expect(await unwrap(clientFor(server).POST("/sync/batch", { body: withoutParts }))).toEqual(BATCH_OK);
    expect(server.attempts).toHaveLength(2);
  });
});

describe("a 429 is retried for every operation", () => {
  const keys = Object.keys(OPERATIONS) as OperationKey[];
  it.each(keys)("%s", async (key) => {
    const [method, path] = key.split(" ") as [string, string];
    const op = spec.paths[path]![method.toLowerCase()];
    // The spec's example body (the batch example carries parts: not repeatable, still retried on 429).
    const body = op.requestBody?.content["application/json"]?.example;
    server.script({ status: 429, headers: { "retry-after-ms": "1" } }, { status: 200, body: {} });
    const call = clientFor(server).request as (m: string, p: string, i: unknown) => Promise<{ response: Response }>;
    const { response } = await call(method.toLowerCase(), path, { body, params: { query: { id: "x", q: "x" } }, parseAs: "text" });
    expect(response.status).toBe(200);
    expect(server.attempts).toHaveLength(2);
  });
});
