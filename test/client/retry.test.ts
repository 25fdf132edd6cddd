/**
 * Retries over real sockets: what a loopback server received on each attempt, and what a reset
 * connection looks like to onRetry. The policy itself (what is retried for which operation, how
 * many times, how long the client waits, what onRetry is told) is tested in process, to the
 * millisecond, in unit/retrying-fetch.test.ts.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RetryEvent } from "../../src/index.js";
import { clientFor, EMPTY_PAGE, KEY, reset } from "../support/client-harness.js";
import { type FaultServer, startFaultServer } from "../support/fault-server.js";

let server: FaultServer;
beforeAll(async () => {
  server = await startFaultServer({ status: 200, body: EMPTY_PAGE });
});
afterAll(() => server.close());
beforeEach(() => reset(server));

describe("over loopback", () => {
  it("503, 503, 200 gives the data after 3 attempts", async () => {
    server.script({ status: 503 }, { status: 503 }, { status: 200, body: { sessions: [], nextCursor: "c2" } });
    const { data, error, response } = await clientFor(server).GET("/api/sessions");
    expect(response.status).toBe(200);
    expect(error).toBeUndefined();
    expect(data).toEqual({ sessions: [], nextCursor: "c2" });
    expect(server.attempts).toHaveLength(3);
  });

  it("sends a header a middleware added on every attempt, unknown headers included", async () => {
    server.script({ status: 503 }, { status: 200, body: EMPTY_PAGE });
    const client = clientFor(server);
    client.use({ onRequest: ({ request }) => void request.headers.set("x-sandbox-fault", "503; count=1") });
    await client.GET("/api/sessions");
    expect(server.attempts.map((a) => a.headers["x-sandbox-fault"])).toEqual(["503; count=1", "503; count=1"]);
  });

  it("a reset connection's reason serialises to the error's name and message, never the key", async () => {
    server.script({ reset: true }, { status: 200, body: EMPTY_PAGE });
    const events: RetryEvent[] = [];
    await clientFor(server, { onRetry: (e) => events.push(e) }).GET("/api/sessions");
    const json = JSON.parse(JSON.stringify(events[0]));
    expect(json.reason).toEqual({
      type: "connection",
      error: {
        name: "ConnectionError",
        message: expect.stringMatching(/^GET \/api\/sessions: connection failed after 1 attempt: /),
        method: "GET",
        path: "/api/sessions",
        attempts: 1,
        neverSent: false,
      },
    });
    expect(JSON.stringify(events)).not.toContain(KEY);
  });
});
