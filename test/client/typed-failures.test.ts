/** Failures that surface while openapi-fetch reads a 2xx body are typed, on every call style. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOpenSyncClient, InvalidResponseError, TimeoutError } from "../../src/index.js";
import { type FaultServer, startFaultServer } from "../support/fault-server.js";

let server: FaultServer;
beforeAll(async () => {
  server = await startFaultServer();
});
afterAll(() => server.close());

const client = () =>
  createOpenSyncClient({
    baseUrl: server.url,
    apiKey: "osk_TypedFailures0123456789abcdefghi",
    timeoutMs: 150,
    retry: { baseDelayMs: 1 },
  });
const brokenJson = {
  handle: (_q: unknown, res: any) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end("{broken");
  },
};

describe("typed body failures", () => {
  it("client.request(...) turns broken JSON into InvalidResponseError, like the verb methods", async () => {
    server.clear();
    server.script(brokenJson);
    const error = await client()
      .request("get", "/api/stats")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as InvalidResponseError).status).toBe(200);
  });

  it("counts every attempt when the body of the last one stalls", async () => {
    server.clear();
    server.script({ status: 503 }, { status: 503 }, { stallAfter: '{"sessions":[' });
    const error = await client()
      .GET("/api/sessions")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).attempts).toBe(3);
  });
});
