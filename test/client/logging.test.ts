/**
 * The client's log, over loopback: one debug line per call (method, the spec's path, status,
 * attempt, milliseconds), retries at info, give-ups at warn, and never the key, a query value or
 * a body. `OPENSYNC_LOG` turns a console logger on (stderr) in a child process, as a hook runs.
 */
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOpenSyncClient, type OpenSyncClientOptions } from "../../src/index.js";
import { FAST_RETRY, KEY } from "../support/client-harness.js";
import { type FaultServer, startFaultServer } from "../support/fault-server.js";
import { recordingLogger } from "../support/recording-logger.js";

let server: FaultServer;
beforeAll(async () => {
  server = await startFaultServer({ status: 200, body: { results: [], total: 0 } });
});
afterAll(() => server.close());

function recording(options: OpenSyncClientOptions = {}) {
  const { logger, lines } = recordingLogger();
  const client = createOpenSyncClient({ baseUrl: server.url, apiKey: KEY, retry: FAST_RETRY, logger, ...options });
  return { client, lines };
}

const PRIVATE = "my private query";

describe("logging", () => {
  it("a debug-level call log of a search carries neither the query nor the key", async () => {
    server.clear();
    const { client, lines } = recording({ logLevel: "debug" });
    await client.GET("/api/search", { params: { query: { q: PRIVATE, limit: 5 } } });
    expect(lines).toEqual([
      {
        level: "debug",
        message: "call",
        fields: { method: "GET", path: "/api/search", status: 200, attempt: 1, ms: expect.any(Number) },
      },
    ]);
    const text = JSON.stringify(lines);
    expect(text).not.toContain("private");
    expect(text).not.toContain(KEY);
  });

  it("retries at info and a give-up at warn, with a body never logged", async () => {
    server.clear();
    server.script({ status: 503 }, { status: 503 }, { status: 503 }, { status: 503 });
    const { client, lines } = recording({ logLevel: "debug" });
    const body = { externalId: "secret-body-value", title: "secret title" };
    await client.POST("/sync/session", { body });
    expect(lines.map((l) => [l.level, l.message, l.fields.attempt, l.fields.status])).toEqual([
      ["info", "retrying", 1, 503],
      ["info", "retrying", 2, 503],
      ["info", "retrying", 3, 503],
      ["warn", "giving up", 4, 503],
      ["debug", "call", 4, 503],
    ]);
    expect(JSON.stringify(lines)).not.toMatch(/secret|osk_/);
  });

  it("logs nothing below the level: info by default, silent turns it off", async () => {
    server.clear();
    const quiet = recording();
    await quiet.client.GET("/api/stats");
    expect(quiet.lines).toEqual([]);
    server.script({ status: 503 });
    const silent = recording({ logLevel: "silent" });
    await silent.client.GET("/api/stats");
    expect(silent.lines).toEqual([]);
  });

  it("a failed call's debug line names the error, not its message", async () => {
    server.clear();
    server.script({ reset: true });
    const { client, lines } = recording({ logLevel: "debug", retry: false });
    await client.GET("/api/stats").catch(() => {});
    expect(lines.at(-1)).toEqual({
      level: "debug",
      message: "call",
      fields: { method: "GET", path: "/api/stats", error: "ConnectionError", attempt: 1, ms: expect.any(Number) },
    });
  });

  it("OPENSYNC_LOG=debug writes one line per call to stderr, nothing to stdout", async () => {
    server.clear();
    const client = fileURLToPath(new URL("../../src/index.ts", import.meta.url));
    const script = `import { createOpenSyncClient } from ${JSON.stringify(client)};
      await createOpenSyncClient().GET("/api/search", { params: { query: { q: ${JSON.stringify(PRIVATE)} } } });`;
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ["--import", "tsx", "--input-type=module", "-e", script],
      { env: { ...process.env, OPENSYNC_LOG: "debug", OPENSYNC_BASE_URL: server.url, OPENSYNC_API_KEY: KEY } },
    );
    expect(stdout).toBe("");
    const lines = stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^opensync-api debug: call \{"method":"GET","path":"\/api\/search","status":200,/);
    expect(stderr).not.toContain("private");
    expect(stderr).not.toContain(KEY);
  });
});
