/**
 * paginateSessions against the sandbox in --deployed mode, which answers as deployed servers do:
 * one page of any `limit`, no `nextCursor`, `source` ignored and left out of each session. Every
 * session is yielded once; a `source` filter the server cannot apply is an error, not a list of
 * every source.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSandbox, startSandbox } from "../../sandbox/index.js";
import { createOpenSyncClient, OpenSyncError, paginateSessions, unwrap } from "../../src/index.js";
import { rejectionOf } from "../support/client-harness.js";

const SESSIONS = 15;
let sandbox: RunningSandbox;
let client: ReturnType<typeof createOpenSyncClient>;
beforeAll(async () => {
  sandbox = await startSandbox({ deployed: true });
  client = createOpenSyncClient({ baseUrl: sandbox.url, apiKey: sandbox.apiKey, retry: false });
  for (let i = 0; i < SESSIONS; i++)
    await unwrap(client.POST("/sync/session", { body: { externalId: `s-${i}`, source: "claude-code" } }));
});
afterAll(() => sandbox.close());

async function ids(options: Parameters<typeof paginateSessions>[1]): Promise<string[]> {
  const out: string[] = [];
  for await (const page of paginateSessions(client, options)) out.push(...page.sessions.map((s) => s.externalId));
  return out;
}

describe("paginateSessions on a deployed server", () => {
  it.each([1, 5, 15, 50])("yields every session once with limit %i", async (limit) => {
    const seen = await ids({ limit });
    expect(seen).toHaveLength(SESSIONS);
    expect(new Set(seen).size).toBe(SESSIONS);
  });

  it("throws rather than yield sessions the source filter would have left out", async () => {
    const error = await rejectionOf(ids({ limit: 5, source: "cursor-sync" }));
    expect(error).toBeInstanceOf(OpenSyncError);
    expect((error as Error).message).toMatch(/ignores source/);
  });
});
