/**
 * The sandbox's behaviours one at a time: rate limits (with an injected clock), each forced and
 * random fault kind, legacy error bodies, CORS, isolation between keys, the body limit, and the
 * client syncing and reading through it.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { createSandboxApp, type RunningSandbox, type StartSandboxOptions, startSandbox } from "../../sandbox/index.js";
import { createOpenSyncClient, paginateSessions, unwrap } from "../../src/index.js";

const SANDBOX_MODULE = new URL("../../sandbox/index.ts", import.meta.url);
const open: RunningSandbox[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});
async function sandbox(options: StartSandboxOptions = {}) {
  const s = await startSandbox(options);
  open.push(s);
  return s;
}
const auth = (s: RunningSandbox, key = s.apiKey) => ({
  authorization: `Bearer ${key}`,
  "content-type": "application/json",
});
const upsert = (s: RunningSandbox, externalId: string, headers: Record<string, string> = {}, key = s.apiKey) =>
  fetch(`${s.url}/sync/session`, {
    method: "POST",
    headers: { ...auth(s, key), ...headers },
    body: JSON.stringify({ externalId, title: `Session ${externalId}` }),
  });
const stats = (s: RunningSandbox, headers: Record<string, string> = {}, key = s.apiKey) =>
  fetch(`${s.url}/api/stats`, { headers: { ...auth(s, key), ...headers } });

describe("rate limits", () => {
  it("allows the group's limit per window, then answers 429 with the seconds left", async () => {
    let now = 1_000_000;
    const s = await sandbox({ rateLimits: { sync: { limit: 3, windowSeconds: 60 } }, now: () => now });
    for (let i = 0; i < 3; i++) expect((await upsert(s, `s${i}`)).status).toBe(200);
    const limited = await upsert(s, "s3");
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("60");
    expect(await limited.json()).toEqual({
      error: { code: "RATE_LIMITED", message: "Rate limit exceeded. Retry after 60 seconds." },
    });
    now += 45_000;
    expect((await upsert(s, "s3")).headers.get("retry-after")).toBe("15");
    now += 15_000;
    expect((await upsert(s, "s3")).status).toBe(200);
  });

  it("never sends Retry-After: 0, even in the window's last millisecond", async () => {
    let now = 1_000_000;
    const s = await sandbox({ rateLimits: { sync: { limit: 1, windowSeconds: 60 } }, now: () => now });
    expect((await upsert(s, "s0")).status).toBe(200);
    now += 59_999;
    const limited = await upsert(s, "s1");
    expect([limited.status, limited.headers.get("retry-after")]).toEqual([429, "1"]);
  });

  it("counts per key and per group", async () => {
    const s = await sandbox({
      apiKeys: ["osk_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "osk_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"],
      rateLimits: { sync: { limit: 1, windowSeconds: 60 } },
    });
    const [a, b] = s.apiKeys as [string, string];
    expect((await upsert(s, "x", {}, a)).status).toBe(200);
    expect((await upsert(s, "x", {}, a)).status).toBe(429);
    expect((await upsert(s, "x", {}, b)).status).toBe(200);
    expect((await stats(s, {}, a)).status).toBe(200);
  });

  it("cannot be dodged with headers a client controls", async () => {
    const s = await sandbox({ rateLimits: { api: { limit: 2, windowSeconds: 60 } } });
    const tricks: Record<string, string>[] = [
      {},
      { "x-forwarded-for": "10.0.0.1" },
      { "x-real-ip": "10.0.0.2" },
      { "user-agent": "other" },
      { forwarded: "for=10.0.0.3" },
    ];
    const statuses = [];
    for (const headers of tricks) statuses.push((await stats(s, headers)).status);
    expect(statuses).toEqual([200, 200, 429, 429, 429]);
  });

  it("turns off with rateLimits: false", async () => {
    const s = await sandbox({ rateLimits: false });
    const statuses = await Promise.all(Array.from({ length: 120 }, () => stats(s).then((r) => r.status)));
    expect(new Set(statuses)).toEqual(new Set([200]));
  });
});

describe("forced faults", () => {
  it("500 answers the envelope and does not apply the write", async () => {
    const s = await sandbox();
    const res = await upsert(s, "faulted", { "x-sandbox-fault": "500" });
    expect(res.status).toBe(500);
    expect(await res.json()).toMatchObject({ error: { code: "INTERNAL_ERROR" } });
    const ids: any = await (await fetch(`${s.url}/sync/sessions/list`, { headers: auth(s) })).json();
    expect(ids.sessionIds).toEqual([]);
  });

  it("502 answers a proxy's HTML page and 503 plain text with Retry-After", async () => {
    const s = await sandbox();
    const bad = await stats(s, { "x-sandbox-fault": "502" });
    expect([bad.status, bad.headers.get("content-type")]).toEqual([502, "text/html; charset=UTF-8"]);
    expect(await bad.text()).toContain("<title>502 Bad Gateway</title>");
    const busy = await stats(s, { "x-sandbox-fault": "503; retry-after=7" });
    expect([busy.status, busy.headers.get("retry-after"), await busy.text()]).toEqual([
      503,
      "7",
      "Service Unavailable",
    ]);
  });

  it("429 carries the requested Retry-After", async () => {
    const s = await sandbox();
    const res = await stats(s, { "x-sandbox-fault": "429; retry-after=3" });
    expect([res.status, res.headers.get("retry-after")]).toEqual([429, "3"]);
    expect(await res.json()).toEqual({
      error: { code: "RATE_LIMITED", message: "Rate limit exceeded. Retry after 3 seconds." },
    });
  });

  it("refuses retry-after=0 with the 400 envelope: delay-seconds are at least 1", async () => {
    const s = await sandbox();
    for (const kind of ["429", "503"]) {
      const res = await stats(s, { "x-sandbox-fault": `${kind}; retry-after=0` });
      expect(res.status).toBe(400);
      const body: any = await res.json();
      expect(body.error.code).toBe("INVALID_REQUEST");
      expect(body.error.message).toMatch(/retry-after must be at least 1/);
    }
    expect((await stats(s)).status).toBe(200);
  });

  it("sends a sub-second delay as retry-after-ms, with Retry-After rounded up to at least 1", async () => {
    const s = await sandbox();
    for (const [ms, seconds] of [
      ["0", "1"],
      ["250", "1"],
      ["1001", "2"],
    ] as const) {
      for (const kind of ["429", "503"]) {
        const res = await stats(s, { "x-sandbox-fault": `${kind}; retry-after-ms=${ms}` });
        expect([res.status, res.headers.get("retry-after"), res.headers.get("retry-after-ms")]).toEqual([
          Number(kind),
          seconds,
          ms,
        ]);
      }
    }
  });

  it("rounds random 429s configured below a second up to Retry-After: 1", async () => {
    for (const faults of [{ retryAfterSeconds: 0 }, { retryAfterMs: 0 }]) {
      const s = await sandbox({ faults: { rate: 1, kinds: ["429"], ...faults } });
      const res = await stats(s);
      expect([res.status, res.headers.get("retry-after")]).toEqual([429, "1"]);
    }
  });

  it("reset drops the connection", async () => {
    const s = await sandbox();
    await expect(stats(s, { "x-sandbox-fault": "reset" })).rejects.toThrow(/fetch failed/);
    expect((await stats(s)).status).toBe(200);
  });

  it("slow delays the answer by the given ms", async () => {
    const s = await sandbox();
    const start = performance.now();
    const res = await stats(s, { "x-sandbox-fault": "slow; delay=150" });
    expect(res.status).toBe(200);
    expect(performance.now() - start).toBeGreaterThanOrEqual(140);
  });

  it("holds many slow requests at once without a warning of leaked listeners", async () => {
    const s = await sandbox();
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(`${warning.name}: ${warning.message}`);
    process.on("warning", onWarning);
    try {
      const header = { "x-sandbox-fault": "slow; delay=100; count=16" };
      const answers = await Promise.all(Array.from({ length: 16 }, () => stats(s, header)));
      expect(answers.map((res) => res.status)).toEqual(Array(16).fill(200));
      // Node emits the warning on the next tick after the listener that crossed its limit.
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off("warning", onWarning);
    }
    expect(warnings).toEqual([]);
  });

  it("count=N faults this and the next N-1 requests; a repeated header does not re-arm; id= does", async () => {
    const s = await sandbox();
    const header = { "x-sandbox-fault": "503; count=2" };
    const seq = [];
    for (let i = 0; i < 4; i++) seq.push((await stats(s, header)).status);
    expect(seq).toEqual([503, 503, 200, 200]);
    expect((await stats(s, { "x-sandbox-fault": "503; count=2; id=again" })).status).toBe(503);
  });

  it("is per key", async () => {
    const s = await sandbox({
      apiKeys: ["osk_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "osk_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"],
    });
    const [a, b] = s.apiKeys as [string, string];
    expect((await stats(s, { "x-sandbox-fault": "500; count=5" }, a)).status).toBe(500);
    expect((await stats(s, {}, b)).status).toBe(200);
    expect((await stats(s, {}, a)).status).toBe(500);
  });

  it("rejects a malformed fault header with 400", async () => {
    const s = await sandbox();
    const res = await stats(s, { "x-sandbox-fault": "418" });
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(/X-Sandbox-Fault must be one of/);
    const zero = await stats(s, { "x-sandbox-fault": "500; count=0" });
    expect([zero.status, (await zero.json()).error.message]).toEqual([
      400,
      "X-Sandbox-Fault parameter count must be at least 1",
    ]);
  });
});

describe("close()", () => {
  it("answers requests held by a slow fault, so their timers do not keep the process alive", async () => {
    // In a process of its own: the test is whether that process can exit by itself.
    const script = join(mkdtempSync(join(tmpdir(), "sandbox-close-")), "close.mts");
    writeFileSync(
      script,
      `import { startSandbox } from ${JSON.stringify(fileURLToPath(SANDBOX_MODULE))};
const s = await startSandbox();
const held = fetch(s.url + "/api/stats", { headers: { authorization: "Bearer " + s.apiKey,
  "x-sandbox-fault": "slow; delay=30000" } });
held.catch(() => {});
await new Promise((r) => setTimeout(r, 200));
await s.close();
console.log("closed");`,
    );
    const started = performance.now();
    const child = spawn(process.execPath, ["--import", "tsx", script], {
      cwd: fileURLToPath(new URL("../../", import.meta.url)),
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    const code = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => {
        child.kill();
        resolve(null);
      }, 15_000);
      child.once("exit", (c) => {
        clearTimeout(timer);
        resolve(c);
      });
    });
    expect(out).toContain("closed");
    expect(code).toBe(0);
    expect(performance.now() - started).toBeLessThan(10_000);
  }, 20_000);
});

describe("random faults", () => {
  const run = async (seed: number) => {
    const s = await sandbox({ seed, rateLimits: false, faults: { rate: 0.5, kinds: ["500", "502", "503", "429"] } });
    const seq = [];
    for (let i = 0; i < 40; i++) seq.push((await stats(s)).status);
    return { seq, injected: s.stats().faultsInjected };
  };

  it("replay exactly with the same seed and differ with another", async () => {
    const a = await run(7);
    const b = await run(7);
    const c = await run(8);
    expect(a.seq).toEqual(b.seq);
    expect(a.seq).not.toEqual(c.seq);
    const faulted = a.seq.filter((st) => st !== 200).length;
    expect(faulted).toBe(a.injected);
    expect(faulted).toBeGreaterThan(8);
    expect(faulted).toBeLessThan(32);
    expect(new Set(a.seq.filter((st) => st !== 200))).toEqual(new Set([500, 502, 503, 429]));
  });
});

describe("errors", () => {
  it("answers in the legacy shape when legacyErrors is on", async () => {
    const s = await sandbox({ legacyErrors: true });
    const res = await fetch(`${s.url}/api/stats`);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: "Invalid or missing API key" });
  });

  it("answers a missing docs file in the chosen shape, the legacy one included", async () => {
    const docsDir = pathToFileURL(`${mkdtempSync(join(tmpdir(), "sandbox-docs-"))}/`);
    writeFileSync(new URL("index.html", docsDir), "<!doctype html><title>OpenSync API docs</title>");
    const shapes = [
      [false, { error: { code: "NOT_FOUND", message: "No such docs file: missing.js" } }],
      [true, { error: "No such docs file: missing.js" }],
    ] as const;
    for (const [legacyErrors, body] of shapes) {
      const s = await sandbox({ legacyErrors, docsDir });
      expect((await fetch(`${s.url}/docs/`)).status).toBe(200);
      const res = await fetch(`${s.url}/docs/missing.js`);
      expect([res.status, res.headers.get("access-control-allow-origin"), await res.json()]).toEqual([404, "*", body]);
    }
  });

  it("answers unknown routes with the 404 envelope", async () => {
    const s = await sandbox();
    for (const [method, path] of [
      ["GET", "/api/sessions/abc"],
      ["POST", "/search"],
      ["DELETE", "/api/sessions"],
    ]) {
      const res = await fetch(`${s.url}${path}`, { method, headers: auth(s) });
      expect(res.status).toBe(404);
      expect((await res.json()).error.code).toBe("NOT_FOUND");
    }
  });

  it("refuses a body over the limit, declared or streamed, without reading it all", async () => {
    const s = await sandbox({ maxBodyBytes: 1000 });
    const declared = await fetch(`${s.url}/sync/session`, {
      method: "POST",
      headers: auth(s),
      body: JSON.stringify({ externalId: "x", title: "y".repeat(2000) }),
    });
    expect(declared.status).toBe(413);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += 1000;
        if (sent > 50_000_000) controller.close();
        else controller.enqueue(new Uint8Array(1000).fill(32));
      },
    });
    const streamed = await fetch(`${s.url}/sync/session`, {
      method: "POST",
      headers: auth(s),
      body: stream,
      duplex: "half",
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(sent).toBeLessThan(50_000_000);
  });

  it("answers missing fields in the published error page's wording", async () => {
    const s = await sandbox();
    const res = await fetch(`${s.url}/sync/message`, {
      method: "POST",
      headers: auth(s),
      body: JSON.stringify({ externalId: "m", role: "user" }),
    });
    expect(await res.json()).toEqual({
      error: { code: "INVALID_REQUEST", message: "Missing required field: sessionExternalId" },
    });
  });
});

describe("CORS", () => {
  it("answers a preflight on every path", async () => {
    const s = await sandbox();
    for (const path of ["/api/sessions", "/sync/batch", "/api/export/evals", "/health"]) {
      const res = await fetch(`${s.url}${path}`, {
        method: "OPTIONS",
        headers: {
          origin: "https://app.example",
          "access-control-request-method": "POST",
          "access-control-request-headers": "authorization,content-type",
        },
      });
      expect(res.status).toBe(204);
      expect(res.headers.get("access-control-allow-origin")).toBe("*");
      expect(res.headers.get("access-control-allow-headers")).toMatch(/authorization/i);
    }
  });

  it("allows the headers a browser asks for, on unknown paths too, and exposes Retry-After", async () => {
    const s = await sandbox();
    const res = await fetch(`${s.url}/no/such/path`, {
      method: "OPTIONS",
      headers: {
        origin: "https://app.example",
        "access-control-request-method": "POST",
        "access-control-request-headers": "authorization,x-request-id",
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-headers")).toBe("authorization,x-request-id");
    const limited = await stats(s, { origin: "https://app.example", "x-sandbox-fault": "429" });
    expect(limited.headers.get("access-control-allow-origin")).toBe("*");
    expect(limited.headers.get("access-control-expose-headers")).toMatch(/Retry-After/);
  });
});

describe("the Node listener and app.fetch agree", () => {
  // Under @hono/node-server the sandbox reads headers, the query and the body from Node's
  // IncomingMessage; in-process (app.fetch) it reads the web Request. Same answers either way.
  it("on bodies (BOM, bad UTF-8, empty), repeated or padded headers, queries with fragments, CORS", async () => {
    const key = "osk_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    const s = await sandbox({ apiKeys: [key], rateLimits: false });
    const app = createSandboxApp({ apiKeys: [key], rateLimits: false });
    const cases: [string, RequestInit][] = [
      [
        "/sync/session",
        {
          method: "POST",
          headers: { authorization: `Bearer ${key}` },
          body: new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('{"externalId":"bom"}')]),
        },
      ],
      [
        "/sync/session",
        {
          method: "POST",
          headers: { authorization: `Bearer ${key}` },
          body: new Uint8Array([...new TextEncoder().encode('{"externalId":"'), 0xff, 0xfe, 0x22, 0x7d]),
        },
      ],
      ["/sync/session", { method: "POST", headers: { authorization: `Bearer ${key}` }, body: "" }],
      ["/sync/session", { method: "POST", headers: { authorization: `Bearer ${key}` }, body: "{bad" }],
      [
        "/api/stats",
        {
          headers: [
            ["authorization", `Bearer ${key}`],
            ["authorization", `Bearer ${key}`],
          ],
        },
      ],
      ["/api/stats", { headers: { authorization: `Bearer ${key}`, "x-sandbox-fault": " 503 " } }],
      [
        "/api/stats",
        {
          headers: [
            ["authorization", `Bearer ${key}`],
            ["x-sandbox-fault", "429"],
            ["x-sandbox-fault", "500"],
          ],
        },
      ],
      ["/api/sessions?limit=abc#x", { headers: { authorization: `Bearer ${key}` } }],
      [
        "/api/sessions?limit=1&source=opencode",
        { headers: { authorization: `Bearer ${key}`, origin: "https://app.example" } },
      ],
      ["/api/sessions", { headers: { authorization: `bearer ${key}` } }],
    ];
    const answer = async (res: Response) => ({
      status: res.status,
      body: (await res.text()).replace(
        /"(sessionId|id|createdAt|updatedAt|nextCursor)":("[A-Za-z0-9_-]+"|\d+)/g,
        '"$1":X',
      ),
      cors: [res.headers.get("access-control-allow-origin"), res.headers.get("access-control-expose-headers")],
      retryAfter: res.headers.get("retry-after"),
    });
    for (const [path, init] of cases) {
      const overNode = await answer(await fetch(`${s.url}${path}`, init));
      const inProcess = await answer(await app.fetch(new Request(`http://sandbox.local${path}`, init)));
      expect(overNode, path).toEqual(inProcess);
    }
  });

  it("survives a client that leaves in the middle of its body", async () => {
    const s = await sandbox();
    const { request } = await import("node:http");
    await new Promise<void>((resolve) => {
      const req = request(`${s.url}/sync/session`, {
        method: "POST",
        headers: { authorization: `Bearer ${s.apiKey}`, "content-length": "1000" },
      });
      req.on("error", () => resolve());
      req.write('{"externalId":"half', () =>
        setTimeout(() => {
          req.destroy();
          resolve();
        }, 50),
      );
    });
    expect((await upsert(s, "after")).status).toBe(200);
  });
});

describe("hostile but well-formed input", () => {
  it("treats model names like __proto__ and constructor as names, leaving Object.prototype alone", async () => {
    const s = await sandbox({ rateLimits: false });
    for (const [i, model] of ["__proto__", "constructor", "toString"].entries()) {
      const res = await fetch(`${s.url}/sync/session`, {
        method: "POST",
        headers: auth(s),
        body: JSON.stringify({ externalId: `p${i}`, model, source: model, promptTokens: 1 }),
      });
      expect(res.status).toBe(200);
    }
    const body = await (await stats(s)).json();
    expect(Object.keys(body.modelUsage).sort()).toEqual(["__proto__", "constructor", "toString"]);
    expect(body.modelUsage.constructor).toEqual({ tokens: 1, cost: 0, sessions: 1 });
    expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain("tokens");
    expect((await stats(s)).status).toBe(200);
  });

  it("refuses JSON nested too deeply to echo back with a 400, not a 500 later", async () => {
    const s = await sandbox({ rateLimits: false });
    const deep = "[".repeat(50_000) + "]".repeat(50_000);
    const res = await fetch(`${s.url}/sync/message`, {
      method: "POST",
      headers: auth(s),
      body: `{"sessionExternalId":"d","externalId":"d:1","role":"user","parts":[{"type":"x","content":${deep}}]}`,
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(/nested deeper than \d+ levels/);
    // Brackets inside strings are text, not nesting.
    const ok = await fetch(`${s.url}/sync/message`, {
      method: "POST",
      headers: auth(s),
      body: JSON.stringify({
        sessionExternalId: "d",
        externalId: "d:2",
        role: "user",
        textContent: "[".repeat(10_000),
        parts: [{ type: "x", content: { a: { b: [[1]] } } }],
      }),
    });
    expect(ok.status).toBe(200);
    const list: any = await (await fetch(`${s.url}/api/sessions`, { headers: auth(s) })).json();
    expect((await fetch(`${s.url}/api/sessions/get?id=${list.sessions[0].id}`, { headers: auth(s) })).status).toBe(200);
  });
});

describe("listings after writes", () => {
  it("show every write at once: order by last update, new titles, counts and sessions (nothing stale)", async () => {
    const s = await sandbox({ rateLimits: false });
    const list = async (query = "") =>
      (await (await fetch(`${s.url}/api/sessions${query}`, { headers: auth(s) })).json()) as {
        sessions: { externalId: string; title?: string; messageCount: number }[];
        nextCursor?: string;
      };
    for (const id of ["a", "b", "c"]) expect((await upsert(s, id)).status).toBe(200);
    expect((await list()).sessions.map((x) => x.externalId)).toEqual(["c", "b", "a"]);
    // A session update moves it to the front and changes what is listed of it.
    await fetch(`${s.url}/sync/session`, {
      method: "POST",
      headers: auth(s),
      body: JSON.stringify({ externalId: "a", title: "Renamed" }),
    });
    expect((await list()).sessions.map((x) => [x.externalId, x.title])).toEqual([
      ["a", "Renamed"],
      ["c", "Session c"],
      ["b", "Session b"],
    ]);
    // So does a message: the session's count and place change too.
    await fetch(`${s.url}/sync/message`, {
      method: "POST",
      headers: auth(s),
      body: JSON.stringify({ sessionExternalId: "b", externalId: "m1", role: "user", textContent: "hi" }),
    });
    const afterMessage = await list();
    expect(afterMessage.sessions.map((x) => [x.externalId, x.messageCount])).toEqual([
      ["b", 1],
      ["a", 0],
      ["c", 0],
    ]);
    // Pages follow the same order, and a new session shows up on the first page.
    const first = await list("?limit=2");
    expect(first.sessions.map((x) => x.externalId)).toEqual(["b", "a"]);
    expect((await list(`?limit=2&cursor=${first.nextCursor}`)).sessions.map((x) => x.externalId)).toEqual(["c"]);
    await upsert(s, "d");
    expect((await list("?limit=2")).sessions.map((x) => x.externalId)).toEqual(["d", "b"]);
  });
});

describe("batch semantics", () => {
  const batch = (s: RunningSandbox, body: unknown) =>
    fetch(`${s.url}/sync/batch`, { method: "POST", headers: auth(s), body: JSON.stringify(body) }).then((r) =>
      r.json(),
    );
  const message = {
    sessionExternalId: "b",
    externalId: "b:1",
    role: "user",
    textContent: "hello",
    parts: [{ type: "text", content: "hello" }],
  };

  it("keeps parts on insert and removes them on update, as the spec says", async () => {
    const s = await sandbox({ rateLimits: false });
    expect(await batch(s, { sessions: [{ externalId: "b", title: "Batch" }], messages: [message] })).toEqual({
      ok: true,
      sessions: 1,
      messages: 1,
      errors: [],
    });
    const id = (await (await fetch(`${s.url}/api/sessions`, { headers: auth(s) })).json()).sessions[0].id;
    const parts = async () =>
      (await (await fetch(`${s.url}/api/sessions/get?id=${id}`, { headers: auth(s) })).json()).messages[0].parts;
    expect(await parts()).toEqual([{ type: "text", content: "hello" }]);
    await batch(s, { messages: [message] });
    expect(await parts()).toEqual([]);
  });

  it("rejects a whole array for one bad item, naming the item and the field", async () => {
    const s = await sandbox({ rateLimits: false });
    const result = await batch(s, {
      sessions: [{ externalId: "ok" }, { externalId: "bad", createdAt: 1 }],
      messages: [message, { ...message, externalId: "b:2", role: "robot" }],
    });
    expect(result).toEqual({
      ok: true,
      sessions: 0,
      messages: 0,
      errors: [
        "Sessions batch error: sessions[1]: Unknown field: createdAt",
        "Messages batch error: messages[1]: Invalid field: role must be one of user, assistant, system, tool, unknown",
      ],
    });
    expect((await (await fetch(`${s.url}/sync/sessions/list`, { headers: auth(s) })).json()).sessionIds).toEqual([]);
  });
});

describe("the app without a listener", () => {
  it("serves web-standard requests, and a frozen clock keeps a window closed however many requests arrive", async () => {
    const app = createSandboxApp({
      apiKeys: ["osk_cccccccccccccccccccccccccccccccc"],
      rateLimits: { sync: { limit: 1, windowSeconds: 1 } },
      now: () => 5_000_000,
    });
    const get = () =>
      app.fetch(
        new Request("http://sandbox/sync/sessions/list", {
          headers: { authorization: "Bearer osk_cccccccccccccccccccccccccccccccc" },
        }),
      );
    expect((await get()).status).toBe(200);
    const statuses = new Set<number>();
    for (let i = 0; i < 2500; i++) statuses.add((await get()).status);
    expect([...statuses]).toEqual([429]);
  });
});

describe("isolation between keys", () => {
  it("never shows or changes another key's data", async () => {
    const s = await sandbox({
      apiKeys: ["osk_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "osk_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"],
      rateLimits: false,
    });
    const [a, b] = s.apiKeys.map((apiKey) => createOpenSyncClient({ baseUrl: s.url, apiKey, retry: false })) as [
      ReturnType<typeof createOpenSyncClient>,
      ReturnType<typeof createOpenSyncClient>,
    ];
    const { sessionId } = await unwrap(
      a.POST("/sync/session", { body: { externalId: "shared-id", title: "Secret plans", model: "m" } }),
    );
    await unwrap(
      a.POST("/sync/message", {
        body: {
          sessionExternalId: "shared-id",
          externalId: "shared-id:1",
          role: "user",
          textContent: "secret",
          parts: [{ type: "text", content: "secret plans" }],
        },
      }),
    );
    // B writes a message with the same externalIds: it must create B's own, not touch A's.
    await unwrap(
      b.POST("/sync/message", {
        body: { sessionExternalId: "shared-id", externalId: "shared-id:1", role: "assistant", textContent: "b" },
      }),
    );
    expect((await unwrap(b.GET("/api/sessions"))).sessions.map((x) => x.title)).toEqual([undefined]);
    expect((await b.GET("/api/sessions/get", { params: { query: { id: sessionId } } })).response.status).toBe(404);
    expect((await b.GET("/api/export", { params: { query: { id: sessionId } } })).response.status).toBe(404);
    expect((await unwrap(b.GET("/api/search", { params: { query: { q: "secret" } } }))).results).toEqual([]);
    expect((await unwrap(b.GET("/api/stats"))).totalTokens).toBe(0);
    const detail = await unwrap(a.GET("/api/sessions/get", { params: { query: { id: sessionId } } }));
    expect(detail.messages.map((m) => [m.role, m.textContent])).toEqual([["user", "secret"]]);
  });
});

describe("with the client", () => {
  it("syncs sessions and messages and reads them back, page by page", async () => {
    const s = await sandbox({ rateLimits: false });
    const client = createOpenSyncClient({ baseUrl: s.url, apiKey: s.apiKey, retry: { baseDelayMs: 1 } });
    for (let i = 0; i < 5; i++) {
      await unwrap(
        client.POST("/sync/session", {
          body: { externalId: `s${i}`, title: `Session ${i}`, source: i % 2 ? "claude-code" : "cursor" },
        }),
      );
    }
    const pages = [];
    for await (const page of paginateSessions(client, { limit: 2 })) pages.push(page.sessions.map((x) => x.externalId));
    expect(pages).toEqual([["s4", "s3"], ["s2", "s1"], ["s0"]]);
    const cursorOnly = await unwrap(client.GET("/api/sessions", { params: { query: { source: "cursor-sync" } } }));
    expect(cursorOnly.sessions.map((x) => x.externalId).sort()).toEqual(["s0", "s2", "s4"]);
  });

  it("retries through forced faults step by step", async () => {
    const s = await sandbox();
    const events: number[] = [];
    const client = createOpenSyncClient({
      baseUrl: s.url,
      apiKey: s.apiKey,
      retry: { baseDelayMs: 1 },
      onRetry: (e) => events.push(e.attempt),
    });
    const res = await client.POST("/sync/session", {
      body: { externalId: "x" },
      headers: { "X-Sandbox-Fault": "503; count=2; retry-after-ms=0" },
    });
    expect(res.response.status).toBe(200);
    expect(events).toEqual([1, 2]);
  });
});
