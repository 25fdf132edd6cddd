/**
 * `opensync-sandbox check` against the sandbox over loopback: the contract mode conforms with
 * every operation checked, the deployed mode matches the deployed profile (and fails the
 * contract), a field renamed by a proxy fails naming the operation and the field, a default run
 * sends nothing but GETs, no output carries the key, and a server that cannot be checked gets one
 * line and exit 2. One run through the real bin for the exit codes.
 */
import { spawn } from "node:child_process";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { OPERATIONS } from "../../../generated/contract.js";
import { checkCommand } from "../../../sandbox/check/command.js";
import type { CheckReport } from "../../../sandbox/check/report.js";
import { type RunningSandbox, startSandbox } from "../../../sandbox/index.js";
import { bundledEntry } from "../../support/bundle-script.js";
import { listenOnLoopback } from "../../support/loopback-listen.js";
import { startObservedSandbox } from "../../support/observed-sandbox.js";

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});

async function sandbox(options: Parameters<typeof startSandbox>[0] = {}): Promise<RunningSandbox> {
  const running = await startSandbox(options);
  stops.push(() => running.close());
  return running;
}

async function check(args: string[], env: Record<string, string> = {}) {
  let stdout = "";
  let stderr = "";
  const code = await checkCommand(args, {
    env,
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
  });
  return { code, stdout, stderr, report: () => JSON.parse(stdout) as CheckReport };
}

const failing = (report: CheckReport) => report.checks.filter((c) => c.outcome === "fail");

/**
 * A proxy in front of `upstream` that hands each JSON answer to `rewrite` (path, body, the
 * request's Authorization) before passing it on.
 */
async function proxy(
  upstream: string,
  rewrite: (path: string, body: any, authorization: string) => any,
  cut: (path: string) => boolean = () => false,
) {
  const server: Server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    if (cut(new URL(req.url!, upstream).pathname)) return req.socket.destroy();
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = new Headers();
    if (req.headers.authorization) headers.set("authorization", req.headers.authorization);
    if (req.headers["content-type"]) headers.set("content-type", req.headers["content-type"]);
    const answer = await fetch(new URL(req.url!, upstream), {
      method: req.method,
      headers,
      body: chunks.length ? Buffer.concat(chunks) : undefined,
    });
    let text = await answer.text();
    const type = answer.headers.get("content-type") ?? "";
    if (type.startsWith("application/json"))
      text = JSON.stringify(
        rewrite(new URL(req.url!, upstream).pathname, JSON.parse(text), req.headers.authorization ?? ""),
      );
    res.writeHead(answer.status, { "content-type": type }).end(text);
  });
  const { url, close } = await listenOnLoopback(server);
  stops.push(close);
  return url;
}

describe("opensync-sandbox check", () => {
  it("passes the contract sandbox with --write, every operation of the spec among its checks", async () => {
    const s = await sandbox();
    const run = await check([
      "--base-url",
      s.url,
      "--api-key",
      s.apiKey,
      "--access-token",
      s.workosToken,
      "--write",
      "--json",
    ]);
    expect(run.stderr).toBe("");
    const report = run.report();
    expect(failing(report)).toEqual([]);
    expect(run.code).toBe(0);
    expect(report).toMatchObject({ baseUrl: s.url, profile: "contract", matches: "contract", verdict: "pass" });
    expect(report.generation).toEqual({ skipWindow: false, createdAtHonoured: true, tokensOnUpdate: "replaced" });
    for (const operation of Object.keys(OPERATIONS))
      expect(
        report.checks.some((c) => c.operation === operation && c.outcome === "pass"),
        operation,
      ).toBe(true);
    expect(run.stdout).not.toContain(s.apiKey);
    expect(run.stdout).not.toContain(s.workosToken);
  });

  it("finds the deployed mode matching the deployed profile: exit 1 for the contract, 0 for deployed", async () => {
    // With the demo sessions: deployed servers' answers to some refusals depend on what the account holds.
    const s = await sandbox({ deployed: true, demo: true });
    const contract = await check(["--base-url", s.url, "--write", "--json"], { OPENSYNC_API_KEY: s.apiKey });
    expect(contract.code).toBe(1);
    const report = contract.report();
    expect(report).toMatchObject({ profile: "contract", matches: "deployed", verdict: "fail" });
    expect(report.generation?.skipWindow).toBe(true);
    expect(failing(report)).toContainEqual(
      expect.objectContaining({ operation: "GET /api/sessions", name: "refuses a limit that is not a number" }),
    );
    const deployed = await check(["--base-url", s.url, "--profile", "deployed", "--json"], {
      OPENSYNC_API_KEY: s.apiKey,
    });
    expect(failing(deployed.report())).toEqual([]);
    expect(deployed.code).toBe(0);
    expect(deployed.report()).toMatchObject({ profile: "deployed", matches: "deployed", verdict: "pass" });
  });

  it("fails a response field renamed by a proxy, naming the operation and the field", async () => {
    const s = await sandbox();
    const url = await proxy(s.url, (path, body) => {
      if (path !== "/api/stats") return body;
      const { totalTokens, ...rest } = body;
      return { ...rest, tokenTotal: totalTokens };
    });
    const run = await check(["--base-url", url, "--api-key", s.apiKey, "--json"]);
    expect(run.code).toBe(1);
    const report = run.report();
    expect(report.matches).toBe("neither");
    expect(failing(report)).toEqual([
      expect.objectContaining({ operation: "GET /api/stats", detail: expect.stringContaining("totalTokens") }),
    ]);
  });

  it("sends nothing but GETs by default, and writes nothing", async () => {
    const s = await startObservedSandbox();
    stops.push(() => s.close());
    const run = await check(["--base-url", s.url, "--api-key", s.apiKey, "--access-token", s.workosToken, "--json"]);
    expect(run.code).toBe(0);
    expect(s.arrivals.length).toBeGreaterThan(20);
    expect(s.arrivals.filter((a) => a.method !== "GET")).toEqual([]);
    const stats = await fetch(`${s.url}/api/stats`, { headers: { authorization: `Bearer ${s.apiKey}` } });
    expect(await stats.json()).toMatchObject({ sessionCount: 0, messageCount: 0 });
    // Without --write the sync routes are accounted for, as skipped.
    expect(run.report().checks).toContainEqual(
      expect.objectContaining({ operation: "POST /sync/batch", outcome: "skip" }),
    );
  });

  it("never prints the key or the token, even when the server echoes them", async () => {
    const s = await sandbox();
    const url = await proxy(s.url, (_path, body, authorization) =>
      body.error ? { error: { ...body.error, message: `refused ${authorization}` }, echoed: authorization } : body,
    );
    for (const json of [["--json"], []]) {
      const run = await check(["--base-url", url, "--api-key", s.apiKey, "--access-token", s.workosToken, ...json]);
      expect(run.code).toBe(1);
      expect(run.stdout).toContain("[redacted]");
      expect(run.stdout + run.stderr).not.toContain(s.apiKey);
      expect(run.stdout + run.stderr).not.toContain(s.workosToken);
    }
  });

  it("exits 2 with one line for a server it cannot reach, one that stops answering and a refused key", async () => {
    const s = await sandbox();
    const refused = await check(["--base-url", s.url, "--api-key", "osk_thisKeyIsNotOneOfTheSandboxes000"]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^opensync-sandbox check: .* refused the API key \(401\)[^\n]*\n$/);
    expect(refused.stderr).not.toContain("osk_thisKeyIsNotOneOfTheSandboxes000");
    const cutting = await proxy(
      s.url,
      (_path, body) => body,
      (path) => path === "/api/stats",
    );
    const cut = await check(["--base-url", cutting, "--api-key", s.apiKey]);
    expect(cut.code).toBe(2);
    expect(cut.stderr).toMatch(/^opensync-sandbox check: \S+ stopped answering: no answer to GET \/api\/stats: \w+\n$/);
    await s.close();
    const unreachable = await check(["--base-url", s.url, "--api-key", s.apiKey]);
    expect(unreachable.code).toBe(2);
    expect(unreachable.stderr).toMatch(/^opensync-sandbox check: cannot reach http:\/\/127\.0\.0\.1:\d+: \w+\n$/);
  });
});

describe("the opensync-sandbox bin", () => {
  let cli: Awaited<ReturnType<typeof bundledEntry>>;
  beforeAll(async () => {
    cli = await bundledEntry("sandbox/cli/cli.ts");
  });
  afterAll(() => cli.remove());

  function bin(args: string[], env: Record<string, string>) {
    const child = spawn(process.execPath, [cli.path, "check", ...args], {
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout!.on("data", (d) => (out += d));
    child.stderr!.on("data", (d) => (err += d));
    return new Promise<{ code: number | null; out: string; err: string }>((resolve) =>
      child.once("close", (code) => resolve({ code, out, err })),
    );
  }

  it("exits 1 when the server does not conform, 2 for bad usage, with the key from OPENSYNC_API_KEY", async () => {
    const s = await sandbox({ deployed: true });
    const [nonconforming, usage] = await Promise.all([
      bin(["--base-url", s.url], { OPENSYNC_API_KEY: s.apiKey }),
      bin(["--base-url", s.url, "--profile", "staging"], { OPENSYNC_API_KEY: s.apiKey }),
    ]);
    expect(nonconforming.code).toBe(1);
    expect(nonconforming.out).toMatch(/^matches: deployed$/m);
    expect(nonconforming.out).not.toContain(s.apiKey);
    expect(usage.code).toBe(2);
    expect(usage.err.split("\n")[0]).toBe(
      "opensync-sandbox check: --profile staging is not a profile: use contract or deployed",
    );
  });
});
