/**
 * `npm install opensync-api` alone, from its packed tarball: the outbox subpath (ESM, CJS, types)
 * and the opensync-outbox bin against a sandbox; and the README's Claude Code hook, as shipped in
 * the installed package's README, run as Claude Code would run it.
 */
import { spawn } from "node:child_process";
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type RunningSandbox, startSandbox } from "../../../sandbox/index.js";
import { createOpenSyncClient, unwrap } from "../../../src/index.js";
import { startCuttingProxy } from "../../support/cutting-proxy.js";
import { run, typecheckEach } from "./support.js";

const { clientOnly: project } = inject("installed");

let sandbox: RunningSandbox;
let scratch: string;
beforeAll(async () => {
  sandbox = await startSandbox({ rateLimits: false });
  scratch = mkdtempSync(join(tmpdir(), "opensync-outbox-installed-"));
});
afterAll(async () => {
  await sandbox?.close();
  rmSync(scratch, { recursive: true, force: true });
});

const env = (dir: string, server: RunningSandbox = sandbox) => ({
  ...process.env,
  OPENSYNC_BASE_URL: server.url,
  OPENSYNC_API_KEY: server.apiKey,
  OPENSYNC_OUTBOX_DIR: dir,
});

describe("opensync-api/outbox installed", () => {
  const PROGRAM = (style: "esm" | "cjs") => `
${
  style === "esm"
    ? 'import { createOutbox, OutboxRecordError } from "opensync-api/outbox";\n' +
      'import { OpenSyncError } from "opensync-api";'
    : 'const { createOutbox, OutboxRecordError } = require("opensync-api/outbox");\n' +
      'const { OpenSyncError } = require("opensync-api");'
}
(async () => {
  const outbox = createOutbox();
  await outbox.session({ externalId: "${style}-outbox", title: "Through the outbox, ${style}" });
  await Promise.all([0, 1, 2].map((i) => outbox.message({ sessionExternalId: "${style}-outbox",
    externalId: "${style}-outbox:" + i, role: "user", parts: [{ type: "text", content: "m" + i }] })));
  const refused = await outbox.message({ sessionExternalId: "x" })
    .catch((e) => e instanceof OutboxRecordError && e instanceof OpenSyncError);
  const before = await outbox.status();
  const report = await outbox.flush({ deadlineMs: 20000 });
  await outbox.close();
  console.log(JSON.stringify({ refused, before: before.pending, report }));
})();
`;

  it.each([
    ["esm", "outbox.mjs"],
    ["cjs", "outbox.cjs"],
  ] as const)(
    "delivers through a %s program, its errors being the client's OpenSyncErrors",
    async (style, file) => {
      writeFileSync(join(project, file), PROGRAM(style));
      const { stdout } = await run(process.execPath, [file], { cwd: project, env: env(join(scratch, style)) });
      expect(JSON.parse(stdout)).toEqual({
        refused: true,
        before: 4,
        report: { sent: 4, unchanged: 0, pending: 0, elsewhere: 0, rejected: 0, damaged: 0, requests: 1 },
      });
    },
    60_000,
  );

  it("runs the opensync-outbox bin: status --json, flush (exit 0), bad usage (exit 2)", async () => {
    const dir = join(scratch, "bin");
    writeFileSync(
      join(project, "fill.mjs"),
      `import { createOutbox } from "opensync-api/outbox"; const o = createOutbox(); await o.session({ externalId: ` +
        `"bin", title: "bin" }); await o.close();`,
    );
    await run(process.execPath, ["fill.mjs"], { cwd: project, env: env(dir) });
    const bin = join(project, "node_modules", ".bin", "opensync-outbox");
    const status = await run(bin, ["status", "--json"], { cwd: project, env: env(dir) });
    expect(JSON.parse(status.stdout)).toMatchObject({ pending: 1, rejected: 0 });
    const flushed = await run(bin, ["flush"], { cwd: project, env: env(dir) });
    expect(flushed.stdout).toBe("sent 1, pending 0, rejected 0, requests 1\n");
    const bad = await run(bin, ["flush", "--deadline-ms", "never"], { cwd: project, env: env(dir) }).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect(bad).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(
        /^opensync-outbox: --deadline-ms must be a positive whole number of milliseconds\nusage: /,
      ),
    });
  }, 60_000);

  const TYPED = `
import { createOutbox, type Outbox, type FlushReport, type OutboxOptions, OutboxFullError } from "opensync-api/outbox";
const options: OutboxOptions = { dir: "/tmp/x", createdAt: "drop", rateLimits: { sync: { limit: 10,
  windowSeconds: 60 } } };
export async function main(): Promise<number> {
  const outbox: Outbox = createOutbox(options);
  await outbox.session({ externalId: "s", title: "t", cost: 0.5 });
  await outbox.message({ sessionExternalId: "s", externalId: "s:1", role: "assistant", parts: [{ type: "tool-call",
    content: { name: "bash" } }] });
  const report: FlushReport = await outbox.flush({ deadlineMs: 1000 });
  if (report.rejected > 0) throw new OutboxFullError("never");
  return report.pending;
}
`;
  const TYPED_BAD = `
import { createOutbox } from "opensync-api/outbox";
const outbox = createOutbox();
await outbox.message({ sessionExternalId: "s", externalId: "s:1", role: "robot" });
await outbox.session({ title: "no externalId" });
`;

  it.each(["nodenext", "bundler"] as const)(
    "types the outbox from the spec (%s resolution), and rejects what the spec does not allow",
    async (resolution) => {
      writeFileSync(join(project, "outbox-typed.ts"), TYPED);
      writeFileSync(join(project, "outbox-bad.ts"), TYPED_BAD);
      // One compiler run for both files; each file's diagnostics apart.
      const checked = await typecheckEach(project, ["outbox-typed.ts", "outbox-bad.ts"], { resolution });
      expect(checked["outbox-typed.ts"]).toEqual({ ok: true, output: "" });
      const bad = checked["outbox-bad.ts"]!;
      expect(bad.ok).toBe(false);
      expect(bad.output).toMatch(/outbox-bad\.ts\(4,.*'"robot"' is not assignable/);
      // A session is keyed by `externalId` or by its older name `sessionId`: tsc names the key of the last keying.
      expect(bad.output).toMatch(/outbox-bad\.ts\(5,[^\n]*error TS2345[\s\S]*?'(?:externalId|sessionId)' is missing/);
      expect(bad.output.match(/error TS/g)).toHaveLength(2);
    },
    60_000,
  );
});

describe("the README's Claude Code hook, as installed", () => {
  /** A fenced block of the installed README, found by the title on its opening fence. */
  const readmeBlock = (title: string) => {
    const readme = readFileSync(join(project, "node_modules", "opensync-api", "README.md"), "utf8");
    const match = new RegExp(
      `\`\`\`\\w+ title="${title.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}"\\n([\\s\\S]*?)\\n\`\`\``,
    ).exec(readme);
    if (!match) throw new Error(`the README has no block titled ${title}`);
    return match[1]!;
  };

  const entry = (type: "user" | "assistant", uuid: string, content: unknown, extra: object = {}) =>
    `${JSON.stringify({
      type,
      uuid,
      sessionId: "cc-session",
      timestamp: new Date(Date.UTC(2026, 0, 1, 12, 0, Number(uuid.slice(1)))).toISOString(),
      message: { role: type, content, ...extra },
    })}\n`;

  it("registers one hook command for the events that change the transcript", () => {
    const settings = JSON.parse(readmeBlock("~/.claude/settings.json"));
    expect(Object.keys(settings.env)).toEqual(["OPENSYNC_BASE_URL", "OPENSYNC_API_KEY"]);
    for (const event of ["UserPromptSubmit", "Stop", "SessionEnd"]) {
      expect(settings.hooks[event]).toEqual([
        { hooks: [{ type: "command", command: 'node "$HOME/.claude/hooks/opensync.mjs"' }] },
      ]);
    }
  });

  it("exits at once, before a slow server has answered, and its detached flush delivers the transcript, each message once", async () => {
    // Every answer to the hook's outbox takes 1.5 s on its way back (the write done): a hook that waited for
    // delivery would show it. The test's own reads go to the sandbox directly, without the wait.
    const server = await startSandbox({ rateLimits: false });
    const slow = await startCuttingProxy(server.url, () => ({ kind: "forward", thenRun: () => sleep(1500) }));
    try {
      const hooks = join(project, "hooks");
      mkdirSync(hooks, { recursive: true });
      writeFileSync(join(hooks, "opensync.mjs"), readmeBlock("~/.claude/hooks/opensync.mjs"));
      const dir = join(scratch, "hook", "outbox");
      const transcript = join(scratch, "transcript.jsonl");
      writeFileSync(
        transcript,
        entry("user", "u1", "Why does login fail after the token refresh?") +
          entry(
            "assistant",
            "u2",
            [
              { type: "thinking", thinking: "Look at the refresh handler." },
              { type: "text", text: "Let me look." },
              { type: "tool_use", id: "t1", name: "Read", input: { file_path: "auth.ts" } },
            ],
            {
              model: "claude-sonnet-4",
              usage: { input_tokens: 120, output_tokens: 40 },
            },
          ) +
          entry("user", "u3", [{ type: "tool_result", tool_use_id: "t1", content: "export function refresh() {}" }]) +
          JSON.stringify({ type: "summary", summary: "Login" }) +
          "\n",
      );
      const hook = (event: string) =>
        new Promise<{ code: number | null; ms: number }>((resolve) => {
          const started = performance.now();
          const child = spawn(process.execPath, [join(hooks, "opensync.mjs")], {
            cwd: project,
            env: { ...env(dir, server), OPENSYNC_BASE_URL: slow.url },
            stdio: ["pipe", "inherit", "inherit"],
          });
          child.stdin.end(
            JSON.stringify({
              session_id: "cc-session",
              transcript_path: transcript,
              cwd: "/work/acme-api",
              hook_event_name: event,
            }),
          );
          child.once("exit", (code) => resolve({ code, ms: performance.now() - started }));
        });

      const first = await hook("Stop");
      expect(first.code).toBe(0);
      expect(first.ms).toBeLessThan(1500);
      const client = createOpenSyncClient({ baseUrl: server.url, apiKey: server.apiKey });
      const waitFor = async (messages: number) => {
        for (const until = Date.now() + 30_000; Date.now() < until; ) {
          const { sessions } = await unwrap(client.GET("/api/sessions"));
          const session = sessions.find((s) => s.externalId === "cc-session");
          if (session && session.messageCount >= messages)
            return {
              session,
              detail: await unwrap(client.GET("/api/sessions/get", { params: { query: { id: session.id } } })),
            };
        }
        throw new Error(`the detached flush did not deliver ${messages} messages in time`);
      };
      const { session, detail } = await waitFor(3);
      expect(slow.log.filter((r) => r.path.startsWith("/sync/")).length).toBeGreaterThan(0);
      expect(session).toMatchObject({
        title: "Why does login fail after the token refresh?",
        projectPath: "/work/acme-api",
        projectName: "acme-api",
        model: "claude-sonnet-4",
        promptTokens: 120,
        completionTokens: 40,
      });
      expect(detail.messages.map((m) => [m.externalId, m.role, m.parts])).toEqual([
        ["cc-session:u1", "user", [{ type: "text", content: "Why does login fail after the token refresh?" }]],
        [
          "cc-session:u2",
          "assistant",
          [
            { type: "thinking", content: "Look at the refresh handler." },
            { type: "text", content: "Let me look." },
            { type: "tool-call", content: { name: "Read", args: { file_path: "auth.ts" } } },
          ],
        ],
        ["cc-session:u3", "user", [{ type: "tool-result", content: "export function refresh() {}" }]],
      ]);

      // The next turn: only the new lines are sent; the session's totals and duration follow.
      appendFileSync(
        transcript,
        entry("assistant", "u9", [{ type: "text", text: "Fixed: the new token is now stored." }], {
          model: "claude-sonnet-4",
          usage: { input_tokens: 200, output_tokens: 60 },
        }),
      );
      const second = await hook("SessionEnd");
      expect(second.code).toBe(0);
      expect(second.ms).toBeLessThan(1500);
      const after = await waitFor(4);
      expect(after.detail.messages.map((m) => m.externalId)).toEqual([
        "cc-session:u1",
        "cc-session:u2",
        "cc-session:u3",
        "cc-session:u9",
      ]);
      for (const until = Date.now() + 20_000; Date.now() < until; ) {
        const { sessions } = await unwrap(client.GET("/api/sessions"));
        if (sessions[0]?.promptTokens === 320) break;
      }
      const { sessions } = await unwrap(client.GET("/api/sessions"));
      expect(sessions[0]).toMatchObject({
        externalId: "cc-session",
        promptTokens: 320,
        completionTokens: 100,
        durationMs: 8000,
      });
    } finally {
      await slow.close();
      await server.close();
    }
  }, 120_000);
});
