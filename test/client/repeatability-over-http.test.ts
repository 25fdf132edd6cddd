/**
 * Retries never destroy data on deployed servers, over real sockets: a connection cut after the
 * request went out, an attempt that times out and a 2xx whose body stalls are not retried for a
 * request that may not be repeated (OutcomeUnknownError), while a refused connection, which never
 * reached the server, is retried for every request. The rules themselves (which statuses, for
 * which operations) are tested in process in unit/retrying-fetch.test.ts and unit/repeatability.test.ts.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ConnectionError, OutcomeUnknownError, type RetryEvent, TimeoutError, unwrap } from "../../src/index.js";
import { withoutParts, withParts } from "../support/batch-bodies.js";
import { clientFor, rejectionOf, reset } from "../support/client-harness.js";
import { type FaultServer, startFaultServer } from "../support/fault-server.js";
import { freePort } from "../support/free-port.js";

const BATCH_OK = { ok: true, sessions: 0, messages: 1, errors: [] };

let server: FaultServer;
beforeAll(async () => {
  server = await startFaultServer({ status: 200, body: BATCH_OK });
});
afterAll(() => server.close());
beforeEach(() => reset(server));

describe("a batch carrying message parts (not repeatable)", () => {
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

  it("a connection that was never made (refused) is retried, and ends as a plain ConnectionError", async () => {
    const port = await freePort();
    const events: RetryEvent[] = [];
    const error = await rejectionOf(
      clientFor(server, { baseUrl: `http://127.0.0.1:${port}`, onRetry: (e) => events.push(e) }).POST("/sync/batch", {
        body: withParts,
      }),
    );
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ attempts: 4 });
    expect(events).toHaveLength(3);
  });
});

describe("a batch without message parts (repeatable)", () => {
  it("a cut connection is retried", async () => {
    server.script({ reset: true }, { status: 200, body: BATCH_OK });
    expect(await unwrap(clientFor(server).POST("/sync/batch", { body: withoutParts }))).toEqual(BATCH_OK);
    expect(server.attempts).toHaveLength(2);
  });
});
