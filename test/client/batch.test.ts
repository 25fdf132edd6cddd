/**
 * A batch stored in part is a failure nobody can miss: `unwrap` throws BatchError (with the
 * server's error strings and what it did store), result style returns the body as it came and
 * `errorOf` gives the same BatchError. Against the sandbox and against a scripted server.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type RunningSandbox, startSandbox } from "../../sandbox/index.js";
import { BatchError, createOpenSyncClient, errorOf, OpenSyncError, unwrap } from "../../src/index.js";
import { clientFor, rejectionOf, reset } from "../support/client-harness.js";
import { type FaultServer, startFaultServer } from "../support/fault-server.js";

describe("against the sandbox", () => {
  let sandbox: RunningSandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ rateLimits: false });
  });
  afterAll(() => sandbox?.close());

  // A misspelt field, as a plugin built without these types would send it.
  const body = {
    sessions: [
      { externalId: "ok-1", title: "Fine" },
      { externalId: "bad-1", titel: "Typo" },
    ],
  } as unknown as { sessions: { externalId: string }[] };

  it("unwrap throws BatchError when the server refused part of the batch", async () => {
    const client = createOpenSyncClient({ baseUrl: sandbox.url, apiKey: sandbox.apiKey });
    const error = await rejectionOf(unwrap(client.POST("/sync/batch", { body })));
    expect(error).toBeInstanceOf(BatchError);
    expect(error).toBeInstanceOf(OpenSyncError);
    const batch = error as BatchError;
    expect(batch).toMatchObject({
      name: "BatchError",
      status: 200,
      sessions: 0,
      messages: 0,
      attempts: 1,
      method: "POST",
      path: "/sync/batch",
    });
    expect(batch.errors).toHaveLength(1);
    expect(batch.errors[0]).toMatch(/^Sessions batch error: .*titel/);
    expect(batch.message).toMatch(
      /^POST \/sync\/batch: stored in part \(0 sessions, 0 messages\); 1 error: Sessions batch error: /,
    );
    expect(batch.headers.get("content-type")).toMatch(/application\/json/);
    // The valid session beside the bad one was dropped too: all or nothing per array.
    const ids = await unwrap(client.GET("/sync/sessions/list"));
    expect(ids.sessionIds).not.toContain("ok-1");
  });

  it("result style returns the body as the server sent it; errorOf gives the BatchError", async () => {
    const client = createOpenSyncClient({ baseUrl: sandbox.url, apiKey: sandbox.apiKey });
    const result = await client.POST("/sync/batch", { body });
    expect(result.error).toBeUndefined();
    expect(result.data).toMatchObject({ ok: true, sessions: 0, messages: 0, errors: [expect.stringMatching(/titel/)] });
    expect(errorOf(result)).toBeInstanceOf(BatchError);
    // The facts errorOf reads are not part of the result's visible shape.
    expect(Object.keys(result).sort()).toEqual(["data", "response"]);
  });

  it("a batch the server stored whole is plain data", async () => {
    const client = createOpenSyncClient({ baseUrl: sandbox.url, apiKey: sandbox.apiKey });
    const data = await unwrap(
      client.POST("/sync/batch", {
        body: {
          sessions: [{ externalId: "ok-2", title: "Fine" }],
          messages: [{ sessionExternalId: "ok-2", externalId: "ok-2:1", role: "user", textContent: "hi" }],
        },
      }),
    );
    expect(data).toEqual({ ok: true, sessions: 1, messages: 1, errors: [] });
  });
});

describe("against a scripted server", () => {
  let server: FaultServer;
  beforeAll(async () => {
    server = await startFaultServer();
  });
  afterAll(() => server.close());
  beforeEach(() => reset(server));

  it("carries every error string and the counts the server did store", async () => {
    const errors = [
      "Messages batch error: Error: ArgumentValidationError: Object contains extra field `createdAt`",
      "m7: Error: boom",
    ];
    server.script({
      status: 200,
      headers: { "x-request-id": "req_9" },
      body: { ok: true, sessions: 2, messages: 0, errors },
    });
    const error = (await rejectionOf(
      unwrap(clientFor(server).POST("/sync/batch", { body: { sessions: [{ externalId: "a" }, { externalId: "b" }] } })),
    )) as BatchError;
    expect(error).toBeInstanceOf(BatchError);
    expect(error).toMatchObject({ errors, sessions: 2, messages: 0, status: 200 });
    expect(error.message).toContain("2 errors: Messages batch error");
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: "BatchError",
      message: error.message,
      method: "POST",
      path: "/sync/batch",
      errors,
      sessions: 2,
      messages: 0,
      status: 200,
      attempts: 1,
    });
  });

  it("only /sync/batch answers are looked at: another 200 with an `errors` field is data", async () => {
    server.script({ status: 200, body: { ok: true, sessionId: "s", errors: ["not a batch"] } });
    const data = await unwrap(clientFor(server).POST("/sync/session", { body: { externalId: "a" } }));
    expect(data).toMatchObject({ errors: ["not a batch"] });
  });
});
