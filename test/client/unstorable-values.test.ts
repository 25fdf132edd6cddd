/**
 * A `/sync/*` body holding a value deployed servers (Convex) cannot store fails at the call with
 * an UnstorableValueError naming the key's path, and nothing is sent: the server would answer a
 * 500 for it, or drop the whole batch array inside a 200.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSandbox, startSandbox } from "../../sandbox/index.js";
import { createOpenSyncClient, OpenSyncError, UnstorableValueError, unwrap } from "../../src/index.js";

const KEY = "osk_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
let server: RunningSandbox;
let requests = 0;
beforeAll(async () => {
  server = await startSandbox({ apiKeys: [KEY], deployed: true });
});
afterAll(() => server.close());

const client = () =>
  createOpenSyncClient({
    baseUrl: server.url,
    apiKey: KEY,
    fetch: (input, init) => {
      requests++;
      return fetch(input, init);
    },
  });

const toolCall = (args: object) => ({
  sessionExternalId: "ses_values",
  externalId: "ses_values:1",
  role: "assistant" as const,
  parts: [{ type: "tool-call", content: { name: "write", args } }],
});

describe("values deployed servers cannot store", () => {
  it("fail at the call, naming the key's path, never its value, and send nothing", async () => {
    const before = requests;
    const call = client().POST("/sync/message", { body: toolCall({ $schema: "secret-value" }) });
    const error = await call.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UnstorableValueError);
    expect(error).toBeInstanceOf(OpenSyncError);
    const e = error as UnstorableValueError;
    expect(e.keyPath).toBe("parts[0].content.args.$schema");
    expect(e.rule).toBe("field-name");
    expect(e.message).toBe(
      "POST /sync/message: parts[0].content.args.$schema: field name starts with '$', which is reserved; " +
        "deployed servers cannot store it",
    );
    expect(JSON.stringify(e)).not.toContain("secret-value");
    expect(requests).toBe(before);
    expect(await unwrap(client().GET("/api/sessions"))).toMatchObject({ sessions: [] });
  });

  it("in a batch, name the item", async () => {
    const message = toolCall({ "résumé.md": "text" });
    const call = client().POST("/sync/batch", {
      body: { sessions: [{ externalId: "ses_values" }], messages: [message] },
    });
    await expect(call).rejects.toMatchObject({ keyPath: 'messages[0].parts[0].content.args["résumé.md"]' });
  });

  it("refuse a model name /api/stats could not return, and one part over 1 MiB as stored", async () => {
    await expect(
      client().POST("/sync/session", { body: { externalId: "ses_values", model: "$default" } }),
    ).rejects.toMatchObject({ keyPath: "model", rule: "model-name" });
    const big = { ...toolCall({}), parts: [{ type: "data", content: new Array(120_000).fill(0) }] };
    await expect(client().POST("/sync/message", { body: big })).rejects.toMatchObject({
      keyPath: "parts[0]",
      rule: "document-size",
    });
  });

  it("let everything else through", async () => {
    const ok = toolCall({ schema: "x", "file name.md": "text" });
    expect(await unwrap(client().POST("/sync/message", { body: ok }))).toMatchObject({ ok: true });
  });
});
