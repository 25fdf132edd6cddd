/**
 * What published sync plugins send (claude-code-sync, opencode-sync-plugin, droid-sync,
 * pi-opensync-plugin: sessions with their sources and models, messages with text, thinking,
 * tool-call and tool-result parts) passes the client's stored-value checks and is stored, in the
 * sandbox's contract mode and in its deployed mode alike.
 */
import { afterEach, describe, expect, it } from "vitest";
import { type RunningSandbox, startSandbox } from "../../sandbox/index.js";
import { createOpenSyncClient, unwrap } from "../../src/index.js";

const KEY = "osk_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
const open: RunningSandbox[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

const PLUGINS = [
  {
    source: "claude-code",
    model: "claude-sonnet-4-20250514",
    parts: [
      { type: "text", content: "Running the tests." },
      { type: "tool-call", content: { toolName: "Bash", args: { command: "npm test", description: "Run tests" } } },
      { type: "tool-result", content: "Tests: 9 passed, 9 total" },
    ],
  },
  {
    source: "opencode",
    model: "anthropic/claude-sonnet-4",
    parts: [
      { type: "text", content: { text: "Reading the résumé file." } },
      { type: "tool-call", content: { name: "read", args: { filePath: "/home/me/résumé.md", limit: 200 } } },
    ],
  },
  {
    source: "factory-droid",
    model: "gpt-5-codex",
    parts: [
      { type: "thinking", content: "The handler drops the token." },
      {
        type: "tool-call",
        content: { toolName: "Edit", args: { file_path: "src/auth.ts", old_string: "a", new_string: "b" } },
      },
    ],
  },
  {
    source: "pi",
    model: "us.anthropic.claude-sonnet-4-20250514-v1:0",
    parts: [{ type: "tool-result", content: { output: [{ type: "text", text: "done" }], isError: false } }],
  },
] as const;

describe.each([
  ["the contract", false],
  ["deployed servers", true],
])("real plugin payloads, %s", (_mode, deployed) => {
  it("sync through /sync/session, /sync/message and /sync/batch", async () => {
    const s = await startSandbox({ apiKeys: [KEY], deployed });
    open.push(s);
    const client = createOpenSyncClient({ baseUrl: s.url, apiKey: KEY });
    for (const [n, plugin] of PLUGINS.entries()) {
      const session = `ses_${plugin.source}`;
      await unwrap(
        client.POST("/sync/session", {
          body: {
            externalId: session,
            source: plugin.source,
            model: plugin.model,
            title: "Fix login",
            promptTokens: 10,
          },
        }),
      );
      const message = (i: number) => ({
        sessionExternalId: session,
        externalId: `${session}:${i}`,
        role: i === 1 ? ("user" as const) : ("assistant" as const),
        textContent: `message ${i}`,
        model: plugin.model,
        parts: plugin.parts as never,
      });
      await unwrap(client.POST("/sync/message", { body: { ...message(1), createdAt: 1_767_225_600_000 + n } }));
      const batch = await unwrap(client.POST("/sync/batch", { body: { messages: [message(2), message(3)] } }));
      expect(batch).toMatchObject({ messages: 2, errors: [] });
    }
    const { sessions } = await unwrap(client.GET("/api/sessions"));
    expect(sessions.map((x) => x.messageCount)).toEqual([3, 3, 3, 3]);
    expect(Object.keys((await unwrap(client.GET("/api/stats"))).modelUsage).sort()).toEqual(
      PLUGINS.map((p) => p.model).sort(),
    );
  });
});
