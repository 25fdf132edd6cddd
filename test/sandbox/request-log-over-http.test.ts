/**
 * What a running sandbox remembers of its requests (`sandbox.requests()`, for tests) and prints
 * with `--log`: method, path without the query, status, milliseconds and the fault that answered.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSandbox, startSandbox } from "../../sandbox/index.js";

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ rateLimits: false });
});
afterAll(() => sandbox.close());

describe("sandbox.requests()", () => {
  it("records each answered request, its fault, and never its query", async () => {
    const auth = { authorization: `Bearer ${sandbox.apiKey}` };
    await fetch(`${sandbox.url}/api/search?q=my+private+query`, { headers: auth });
    await fetch(`${sandbox.url}/api/stats`, { headers: { ...auth, "x-sandbox-fault": "503" } });
    await fetch(`${sandbox.url}/api/stats`);
    const recent = sandbox.requests().slice(-3);
    expect(recent).toEqual([
      { method: "GET", path: "/api/search", status: 200, ms: expect.any(Number) },
      { method: "GET", path: "/api/stats", status: 503, ms: expect.any(Number), fault: "503" },
      { method: "GET", path: "/api/stats", status: 401, ms: expect.any(Number) },
    ]);
    expect(JSON.stringify(sandbox.requests())).not.toContain("private");
  });
});
