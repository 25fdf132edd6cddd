/**
 * What goes over the wire on each attempt: which requests may be repeated (the spec's
 * x-idempotent, read from the generated table), an intact body on every attempt, the bearer
 * header, and no needless request clones.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { OPERATIONS } from "../../generated/contract.js";
import { REPEATABLE_WRITES } from "../../src/contract.js";
import { ConnectionError, OutcomeUnknownError } from "../../src/index.js";
import { clientFor, EMPTY_PAGE, KEY, rejectionOf, reset } from "../support/client-harness.js";
import { type FaultServer, startFaultServer } from "../support/fault-server.js";

let server: FaultServer;
beforeAll(async () => {
  server = await startFaultServer({ status: 200, body: { ok: true, sessionId: "s1" } });
});
afterAll(() => server.close());
beforeEach(() => reset(server));
afterEach(() => vi.restoreAllMocks());

const session = { externalId: "ses_1", title: "Fix ünïcode ✓", promptTokens: 12, cost: 0.5 };

describe("idempotency comes from the spec", () => {
  it("a POST the spec marks idempotent is retried, with the body identical on every attempt", async () => {
    server.script({ status: 503 }, { reset: true }, { status: 200, body: { ok: true, sessionId: "s1" } });
    const { data } = await clientFor(server).POST("/sync/session", { body: session });
    expect(data).toEqual({ ok: true, sessionId: "s1" });
    expect(server.attempts).toHaveLength(3);
    for (const attempt of server.attempts) {
      expect(attempt.method).toBe("POST");
      expect(attempt.path).toBe("/sync/session");
      expect(attempt.headers["content-type"]).toBe("application/json");
      expect(JSON.parse(attempt.body)).toEqual(session);
    }
    expect(new Set(server.attempts.map((a) => a.body)).size).toBe(1);
  });

  it.each(["/sync/message", "/sync/batch"] as const)(
    "POST %s is retried (a batch without message parts)",
    async (path) => {
      server.script({ status: 500 });
      const body =
        path === "/sync/batch"
          ? { sessions: [session] }
          : { sessionExternalId: "ses_1", externalId: "m1", role: "user" as const };
      await clientFor(server).POST(path, { body } as never);
      expect(server.attempts).toHaveLength(2);
      expect(server.attempts[0]!.body).toBe(server.attempts[1]!.body);
    },
  );

  it("the repeatable writes are exactly the non-GET operations the spec marks x-idempotent", () => {
    const fromTable = Object.entries(OPERATIONS)
      .filter(([key, facts]) => !key.startsWith("GET ") && facts.idempotent)
      .map(([key]) => key);
    expect([...REPEATABLE_WRITES].sort()).toEqual(fromTable.sort());
    expect(REPEATABLE_WRITES).toContain("POST /sync/session");
  });

  it("a POST to a path the spec does not have is sent once", async () => {
    server.script({ status: 503 }, { status: 200, body: { ok: true } });
    const { response } = await clientFor(server).POST("/sync/unknown" as "/sync/session", { body: session });
    expect(response.status).toBe(503);
    expect(server.attempts).toHaveLength(1);
  });

  it("a POST the spec does not know is not retried after a cut connection: its outcome is unknown", async () => {
    server.script({ reset: true }, { status: 200, body: { ok: true } });
    const error = await rejectionOf(clientFor(server).POST("/api/sessions" as "/sync/session", { body: session }));
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect(error).toMatchObject({ attempts: 1, status: undefined, cause: expect.any(ConnectionError) });
    expect(server.attempts).toHaveLength(1);
  });

  it("matches operations relative to a base URL that has a path", async () => {
    server.script({ status: 503 }, { status: 200, body: { ok: true } });
    const { response } = await clientFor(server, { baseUrl: `${server.url}/v1/` }).POST("/sync/session", {
      body: session,
    });
    expect(response.status).toBe(200);
    expect(server.attempts.map((a) => a.path)).toEqual(["/v1/sync/session", "/v1/sync/session"]);
  });
});

describe("on every attempt", () => {
  it("sends Authorization: Bearer <key>, and the query", async () => {
    server.script({ status: 502 }, { status: 200, body: EMPTY_PAGE });
    await clientFor(server).GET("/api/sessions", { params: { query: { limit: 10, source: "codex-cli" } } });
    for (const attempt of server.attempts) {
      expect(attempt.headers.authorization).toBe(`Bearer ${KEY}`);
      expect(attempt.path).toBe("/api/sessions?limit=10&source=codex-cli");
    }
  });
});

describe("no needless clones", () => {
  it("a GET is never cloned, even when retried", async () => {
    const clone = vi.spyOn(Request.prototype, "clone");
    server.script({ status: 503 }, { status: 200, body: EMPTY_PAGE });
    await clientFor(server).GET("/api/sessions");
    expect(server.attempts).toHaveLength(2);
    expect(clone).not.toHaveBeenCalled();
  });

  it("a POST is not cloned when retry is off", async () => {
    const clone = vi.spyOn(Request.prototype, "clone");
    await clientFor(server, { retry: false }).POST("/sync/session", { body: session });
    expect(clone).not.toHaveBeenCalled();
  });

  it("a retryable POST is cloned for every attempt but the last", async () => {
    const clone = vi.spyOn(Request.prototype, "clone");
    server.script({ status: 503 }, { status: 503 }, { status: 503 }, { status: 503 });
    await clientFor(server).POST("/sync/session", { body: session });
    expect(server.attempts).toHaveLength(4);
    expect(clone).toHaveBeenCalledTimes(3);
  });
});

describe("discarded responses", () => {
  it("the body of a response that is retried is cancelled, freeing its connection", async () => {
    let closedAt = 0;
    server.script(
      {
        handle: (_req, res) => {
          res.writeHead(503, { "content-type": "text/plain" });
          res.write("still sending"); // and never ends
          res.on("close", () => (closedAt = performance.now()));
        },
      },
      { status: 200, body: EMPTY_PAGE },
    );
    const { response } = await clientFor(server, { timeoutMs: 5_000 }).GET("/api/sessions");
    expect(response.status).toBe(200);
    await vi.waitFor(() => expect(closedAt).toBeGreaterThan(0), { timeout: 500 });
    expect(closedAt).toBeLessThanOrEqual(server.attempts[1]!.at + 50);
  });
});
