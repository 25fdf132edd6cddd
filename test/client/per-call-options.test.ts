/**
 * A call's own `retry` and `timeoutMs` replace the client's for that call only, over loopback.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TimeoutError } from "../../src/index.js";
import { clientFor, rejectionOf, reset } from "../support/client-harness.js";
import { type FaultServer, startFaultServer } from "../support/fault-server.js";

let server: FaultServer;
beforeAll(async () => {
  server = await startFaultServer({ status: 200, body: { sessions: [] } });
});
afterAll(() => server.close());

describe("per-call options", () => {
  it("retry: false makes one attempt where the client would retry; the next call retries again", async () => {
    reset(server);
    server.script({ status: 503 }, { status: 503 });
    const client = clientFor(server);
    const once = await client.GET("/api/sessions", { retry: false });
    expect(once.response.status).toBe(503);
    expect(server.attempts).toHaveLength(1);
    const again = await client.GET("/api/sessions");
    expect(again.response.status).toBe(200);
    expect(server.attempts).toHaveLength(3);
  });

  it("a call's retry options go over the client's (maxRetries here, the client's short delays kept)", async () => {
    reset(server);
    server.script(...Array(6).fill({ status: 503 }));
    const client = clientFor(server, { retry: { maxRetries: 1, baseDelayMs: 1, jitter: 0 } });
    const started = Date.now();
    await client.GET("/api/sessions", { retry: { maxRetries: 4 } });
    expect(server.attempts).toHaveLength(5);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it("timeoutMs per call times out where the client's limit would have waited", async () => {
    reset(server);
    server.script({ status: 200, body: { sessions: [] }, delayMs: 300 });
    const client = clientFor(server, { timeoutMs: 5_000, retry: false });
    const error = await rejectionOf(client.GET("/api/sessions", { timeoutMs: 50 }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).timeoutMs).toBe(50);
  });

  it("timeoutMs: false turns the client's limit off for that call", async () => {
    reset(server);
    server.script({ status: 200, body: { sessions: [] }, delayMs: 150 });
    const client = clientFor(server, { timeoutMs: 50, retry: false });
    const { response } = await client.GET("/api/sessions", { timeoutMs: false });
    expect(response.status).toBe(200);
  });
});
