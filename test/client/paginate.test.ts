/**
 * Pagination over GET /api/sessions: follows nextCursor, stops when a page has none, and stops
 * when a server hands back a cursor it already gave (one that ignores `cursor`).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ApiError, paginateSessions } from "../../src/index.js";
import { clientFor, EMPTY_PAGE, rejectionOf, reset } from "../support/client-harness.js";
import { type FaultServer, startFaultServer } from "../support/fault-server.js";

let server: FaultServer;
beforeAll(async () => {
  server = await startFaultServer({ status: 200, body: EMPTY_PAGE });
});
afterAll(() => server.close());
beforeEach(() => reset(server));

const session = (id: string) => ({
  id,
  source: "claude-code",
  externalId: `ext_${id}`,
  promptTokens: 0,
  completionTokens: 0,
  totalTokens: 0,
  cost: 0,
  isPublic: false,
  messageCount: 0,
  createdAt: 1,
  updatedAt: 1,
});

async function collect<T>(pages: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const page of pages) out.push(page);
  return out;
}

describe("paginateSessions", () => {
  it("follows nextCursor page by page and stops when a page has none", async () => {
    server.script(
      { status: 200, body: { sessions: [session("a"), session("b")], nextCursor: "c1" } },
      { status: 200, body: { sessions: [session("c")], nextCursor: "c2" } },
      { status: 200, body: { sessions: [session("d")] } },
    );
    const pages = await collect(paginateSessions(clientFor(server), { limit: 2, source: "claude-code" }));
    expect(pages.flatMap((p) => p.sessions.map((s) => s.id))).toEqual(["a", "b", "c", "d"]);
    expect(server.attempts.map((a) => a.path)).toEqual([
      "/api/sessions?limit=2&source=claude-code",
      "/api/sessions?limit=2&source=claude-code&cursor=c1",
      "/api/sessions?limit=2&source=claude-code&cursor=c2",
    ]);
  });

  it("a server without pagination whose one page is not full is that page", async () => {
    server.script({ status: 200, body: { sessions: [session("a")] } });
    expect(await collect(paginateSessions(clientFor(server)))).toHaveLength(1);
    expect(server.attempts).toHaveLength(1);
  });

  it("an empty cursor ends the walk", async () => {
    server.script({ status: 200, body: { sessions: [], nextCursor: "" } });
    expect(await collect(paginateSessions(clientFor(server)))).toHaveLength(1);
  });

  it("a server that ignores cursor and repeats it ends the walk (no loop), each session yielded once", async () => {
    const page = { status: 200, body: { sessions: [session("a")], nextCursor: "same" } };
    server.script(page, page, page, page);
    const pages = await collect(paginateSessions(clientFor(server)));
    expect(pages.flatMap((p) => p.sessions.map((s) => s.id))).toEqual(["a"]);
    expect(server.attempts).toHaveLength(2);
  });

  it("retries a failing page like any call", async () => {
    server.script(
      { status: 200, body: { sessions: [session("a")], nextCursor: "c1" } },
      { status: 503 },
      { status: 200, body: { sessions: [session("b")] } },
    );
    const pages = await collect(paginateSessions(clientFor(server)));
    expect(pages.map((p) => p.sessions[0]!.id)).toEqual(["a", "b"]);
    expect(server.attempts).toHaveLength(3);
  });

  it("a page that fails for good throws ApiError after the pages before it", async () => {
    server.script(
      { status: 200, body: { sessions: [session("a")], nextCursor: "c1" } },
      { status: 401, body: { error: { code: "UNAUTHORIZED", message: "revoked" } } },
    );
    const seen: string[] = [];
    const error = await rejectionOf(
      (async () => {
        for await (const page of paginateSessions(clientFor(server))) seen.push(page.sessions[0]!.id);
      })(),
    );
    expect(seen).toEqual(["a"]);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 401, code: "UNAUTHORIZED" });
  });

  it("stops fetching when the caller breaks out", async () => {
    server.script(
      { status: 200, body: { sessions: [session("a")], nextCursor: "c1" } },
      { status: 200, body: { sessions: [session("b")] } },
    );
    for await (const _page of paginateSessions(clientFor(server))) break;
    expect(server.attempts).toHaveLength(1);
  });

  it("the signal aborts the walk", async () => {
    const controller = new AbortController();
    // The abort comes once the second page's request has arrived (and is never answered).
    server.script(
      { status: 200, body: { sessions: [session("a")], nextCursor: "c1" } },
      { handle: () => controller.abort() },
    );
    const walk = (async () => {
      for await (const _page of paginateSessions(clientFor(server), { signal: controller.signal }));
    })();
    await expect(walk).rejects.toMatchObject({ name: "AbortError" });
    expect(server.attempts).toHaveLength(2);
  });
});
