/**
 * The demo data (`startSandbox({ demo: true })`, `--demo`): valid against the spec's upsert
 * schemas, deterministic, stored exactly as the sync routes would store it, and enough for every
 * read operation to show something to a newcomer, over HTTP on loopback.
 */
import { afterEach, describe, expect, it } from "vitest";
import { pointer } from "#spec/document.js";
import { createSpecValidator } from "#spec/validator.js";
import { demoData } from "../../sandbox/demo/demo.js";
import { type RunningSandbox, type StartSandboxOptions, startSandbox } from "../../sandbox/index.js";
import { createOpenSyncClient, unwrap } from "../../src/index.js";

const open: RunningSandbox[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});
async function sandbox(options: StartSandboxOptions = {}) {
  const s = await startSandbox({ rateLimits: false, ...options });
  open.push(s);
  return s;
}

const NOW = Date.UTC(2026, 0, 15, 12);
const DAY = 86_400_000;

describe("the demo data", () => {
  const { sessions, messages } = demoData(NOW);

  it("is a dozen sessions from several tools, valid as the sync routes' bodies", () => {
    const validator = createSpecValidator();
    const sessionUpsert = validator.at(pointer("components", "schemas", "SessionUpsert"));
    const messageUpsert = validator.at(pointer("components", "schemas", "MessageUpsert"));
    expect(sessions).toHaveLength(12);
    for (const s of sessions)
      expect(sessionUpsert(s), `${s.externalId}: ${JSON.stringify(sessionUpsert.errors)}`).toBe(true);
    for (const m of messages)
      expect(messageUpsert(m), `${m.externalId}: ${JSON.stringify(messageUpsert.errors)}`).toBe(true);
    const sources = new Set(sessions.map((s) => s.source));
    for (const source of ["claude-code", "opencode", "codex-cli", "factory-droid", "pi"])
      expect(sources).toContain(source);
    // The Cursor plugin names itself `cursor`; one session arrives that way, one as cursor-sync.
    expect(sources).toContain("cursor");
    expect(sources).toContain("cursor-sync");
    expect(new Set(sessions.map((s) => s.model)).size).toBeGreaterThanOrEqual(4);
    expect(new Set(sessions.map((s) => s.externalId)).size).toBe(12);
    expect(new Set(messages.map((m) => m.externalId)).size).toBe(messages.length);
  });

  it("has user, assistant and tool messages with text, tool-call and tool-result parts", () => {
    expect(new Set(messages.map((m) => m.role))).toEqual(new Set(["system", "user", "assistant", "tool"]));
    const parts = messages.flatMap((m) => m.parts ?? []);
    expect(new Set(parts.map((p) => p.type))).toEqual(new Set(["text", "tool-call", "tool-result"]));
    for (const p of parts.filter((p) => p.type === "tool-call")) {
      expect(p.content).toEqual({ name: expect.any(String), args: expect.any(Object) });
    }
    for (const session of sessions) {
      const own = messages.filter((m) => m.sessionExternalId === session.externalId);
      expect(
        own.some((m) => m.parts?.some((p) => p.type === "tool-call")),
        session.externalId,
      ).toBe(true);
      expect(
        own.some((m) => m.role === "tool"),
        session.externalId,
      ).toBe(true);
      expect(
        own.every((m) => m.textContent),
        session.externalId,
      ).toBe(true);
    }
  });

  it("carries tokens, costs, durations and models, dated over the days before now", () => {
    for (const s of sessions) {
      expect(s.promptTokens).toBeGreaterThan(0);
      expect(s.completionTokens).toBeGreaterThan(0);
      expect(s.cost).toBeGreaterThan(0);
      expect(s.durationMs).toBeGreaterThan(0);
      expect(s.model).toBeTruthy();
      expect(s.createdAt).toBeLessThan(NOW);
      expect(s.createdAt).toBeGreaterThan(NOW - 10 * DAY);
    }
    const days = new Set(sessions.map((s) => Math.floor((NOW - s.createdAt!) / DAY)));
    expect(days.size).toBeGreaterThanOrEqual(6);
    for (const m of messages.filter((m) => m.role === "assistant")) {
      expect(m.completionTokens).toBeGreaterThan(0);
      expect(m.durationMs).toBeGreaterThan(0);
      expect(m.model).toBeTruthy();
    }
    // Each session's messages follow its start, in order.
    for (const s of sessions) {
      const times = messages.filter((m) => m.sessionExternalId === s.externalId).map((m) => m.createdAt!);
      expect(times[0]).toBe(s.createdAt);
      expect([...times].sort((a, b) => a - b)).toEqual(times);
    }
  });

  it("is deterministic: the same time gives the same data, a later time the same data later", () => {
    expect(demoData(NOW)).toEqual(demoData(NOW));
    const later = demoData(NOW + DAY);
    expect(later.sessions.map((s) => ({ ...s, createdAt: s.createdAt! - DAY }))).toEqual(sessions);
    expect(later.messages.map((m) => ({ ...m, createdAt: m.createdAt! - DAY }))).toEqual(messages);
  });
});

describe("a sandbox started with demo: true", () => {
  it("stores the demo exactly as the sync routes store the same bodies", async () => {
    const demo = await sandbox({ demo: true, now: () => NOW });
    const synced = await sandbox({ now: () => NOW });
    const client = createOpenSyncClient({ baseUrl: synced.url, apiKey: synced.apiKey, retry: false });
    const data = demoData(NOW);
    for (const body of data.sessions) await unwrap(client.POST("/sync/session", { body }));
    for (const body of data.messages) await unwrap(client.POST("/sync/message", { body }));

    const read = async (s: RunningSandbox) => {
      const c = createOpenSyncClient({ baseUrl: s.url, apiKey: s.apiKey, retry: false });
      const { sessions: list } = await unwrap(c.GET("/api/sessions", { params: { query: { limit: 100 } } }));
      const details = [];
      for (const summary of list)
        details.push(await unwrap(c.GET("/api/sessions/get", { params: { query: { id: summary.id } } })));
      // Server-made ids and write times differ between two servers; everything else must not.
      return details.map(({ session: { id: _id, updatedAt: _u, ...session }, messages }) => ({
        session,
        messages: messages.map(({ id: _m, ...m }) => m),
      }));
    };
    const fromDemo = await read(demo);
    expect(fromDemo).toHaveLength(12);
    expect(fromDemo).toEqual(await read(synced));
    // Newest first, as a listing of real sessions would be.
    const created = fromDemo.map((d) => d.session.createdAt);
    expect([...created].sort((a, b) => b - a)).toEqual(created);
  });

  it("gives every key's account the demo sessions, and none without demo", async () => {
    const keys = ["osk_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "osk_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"];
    const demo = await sandbox({ demo: true, apiKeys: keys });
    for (const apiKey of keys) {
      const stats = await unwrap(createOpenSyncClient({ baseUrl: demo.url, apiKey }).GET("/api/stats"));
      expect(stats.sessionCount).toBe(12);
    }
    const plain = await sandbox();
    expect(
      (await unwrap(createOpenSyncClient({ baseUrl: plain.url, apiKey: plain.apiKey }).GET("/api/stats"))).sessionCount,
    ).toBe(0);
  });

  describe("every read operation shows something", () => {
    let s: RunningSandbox;
    const get = async (path: string, token = s.apiKey) => {
      const response = await fetch(`${s.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
      expect(response.status, path).toBe(200);
      return response;
    };
    const json = async (path: string, token?: string) => (await get(path, token)).json() as Promise<any>;
    const firstId = async () => (await json("/api/sessions")).sessions[0].id as string;

    it("GET /api/sessions and /sync/sessions/list: a dozen sessions, newest first, paginated", async () => {
      s = await sandbox({ demo: true });
      const { sessions, nextCursor } = await json("/api/sessions?limit=5");
      expect(sessions).toHaveLength(5);
      expect(nextCursor).toBeTruthy();
      expect(sessions[0].title).toMatch(/token refresh/i);
      expect((await json("/api/sessions?source=opencode")).sessions.length).toBeGreaterThanOrEqual(2);
      expect((await json("/api/sessions?source=cursor-sync")).sessions).toHaveLength(2);
      expect((await json("/sync/sessions/list")).sessionIds).toHaveLength(12);
    });

    it("GET /api/sessions/get: messages with text, tool-call and tool-result parts", async () => {
      s = await sandbox({ demo: true });
      const { session, messages } = await json(`/api/sessions/get?id=${await firstId()}`);
      expect(session.messageCount).toBe(messages.length);
      expect(messages.flatMap((m: any) => m.parts.map((p: any) => p.type))).toEqual(
        expect.arrayContaining(["text", "tool-call", "tool-result"]),
      );
    });

    it.each(["fulltext", "semantic", "hybrid"])(
      "GET /api/search?type=%s finds the docs' example query",
      async (type) => {
        s = await sandbox({ demo: true });
        const { results } = await json(`/api/search?q=${encodeURIComponent("token refresh")}&type=${type}`);
        expect(results.length).toBeGreaterThan(0);
        expect(results[0].title).toMatch(/token refresh/i);
        // And other topics, so that a newcomer's own first query is likely to land.
        for (const q of ["rate limit", "migration", "docker", "flaky test", "memory leak"]) {
          expect((await json(`/api/search?q=${encodeURIComponent(q)}&type=${type}`)).results.length, q).toBeGreaterThan(
            0,
          );
        }
      },
    );

    it.each(["text", "messages"])("GET /api/context?format=%s", async (format) => {
      s = await sandbox({ demo: true });
      const context = await json(`/api/context?q=${encodeURIComponent("retry 429 Retry-After")}&format=${format}`);
      expect(context.sessionCount).toBeGreaterThan(0);
      if (format === "text") expect(context.text).toMatch(/Retry-After/);
      else expect(context.messages.length).toBeGreaterThan(0);
    });

    it.each(["json", "markdown", "jsonl"])("GET /api/export?format=%s", async (format) => {
      s = await sandbox({ demo: true });
      const response = await get(`/api/export?id=${await firstId()}&format=${format}`);
      if (format === "markdown") {
        const markdown = await response.text();
        expect(markdown).toMatch(/^# Fix token refresh race/);
        expect(markdown).toContain("## User");
        expect(markdown).toContain("## Assistant");
      } else if (format === "jsonl") {
        const { content } = await response.json();
        expect(content.split("\n").length).toBeGreaterThan(3);
      } else {
        expect((await response.json()).messages.length).toBeGreaterThan(3);
      }
    });

    it.each(["deepeval", "openai", "promptfoo", "filesystem"])("GET /api/export/evals?format=%s", async (format) => {
      s = await sandbox({ demo: true });
      const response = await get(`/api/export/evals?format=${format}`, s.workosToken);
      expect(Number(response.headers.get("x-export-sessions"))).toBe(12);
      expect(Number(response.headers.get("x-export-testcases"))).toBeGreaterThanOrEqual(12);
      expect((await response.text()).length).toBeGreaterThan(100);
      // Filters have something to narrow down.
      const claude = await get(`/api/export/evals?format=${format}&tool=claude-code`, s.workosToken);
      expect(Number(claude.headers.get("x-export-sessions"))).toBe(3);
    });

    it("GET /api/stats: totals and usage by model", async () => {
      s = await sandbox({ demo: true });
      const stats = await json("/api/stats");
      expect(stats.sessionCount).toBe(12);
      expect(stats.messageCount).toBeGreaterThan(60);
      expect(stats.totalTokens).toBeGreaterThan(0);
      expect(stats.totalCost).toBeGreaterThan(0);
      expect(stats.totalDurationMs).toBeGreaterThan(0);
      expect(Object.keys(stats.modelUsage).length).toBeGreaterThanOrEqual(4);
    });
  });
});
