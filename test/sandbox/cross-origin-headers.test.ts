/**
 * The CORS headers as Node sends them: the sandbox's listener holds them until an answer writes
 * its head (sandbox/http/node-response.ts), so each must still be sent once, before the answer's own,
 * on answers of every kind, and be gone where an answer withholds them. Compared with what
 * `app.fetch` (the web path) gives for the same requests.
 */
import { request } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { createSandbox, type RunningSandbox, type StartSandboxOptions, startSandbox } from "../../sandbox/index.js";

const open: RunningSandbox[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

/** Status and raw header names/values, in the order Node sent them. */
function rawAnswer(url: string, method: string, headers: Record<string, string>, body?: string) {
  return new Promise<{ status: number; raw: string[] }>((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode!, raw: res.rawHeaders }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

const CORS = /^access-control-/i;

describe("CORS headers over Node", () => {
  it.each<[string, StartSandboxOptions, string, string, string | undefined, Record<string, string>]>([
    ["a listing", {}, "GET", "/api/sessions?limit=1", undefined, {}],
    ["a write", {}, "POST", "/sync/session", JSON.stringify({ externalId: "s1", title: "T" }), {}],
    ["a refused key", {}, "GET", "/api/sessions", undefined, { authorization: "Bearer osk_wrong" }],
    ["a fault", {}, "GET", "/api/stats", undefined, { "x-sandbox-fault": "503" }],
    ["a bad body", {}, "POST", "/sync/session", "{", {}],
    ["an unknown route", {}, "GET", "/no/such/path", undefined, {}],
    ["a Markdown export, deployed", { deployed: true }, "GET", "/api/export?id=ID&format=markdown", undefined, {}],
  ])(
    "are sent once each, before the answer's own, as app.fetch gives them: %s",
    async (_, options, method, path, body, extra) => {
      const s = await startSandbox({ ...options, seed: 3 });
      open.push(s);
      const web = createSandbox({ ...options, seed: 3 }).app;
      const headers = { authorization: `Bearer ${s.apiKey}`, "content-type": "application/json", ...extra };
      let target = path;
      if (path.includes("id=ID")) {
        const write = (base: (p: string, init: RequestInit) => Promise<Response>) =>
          base("/sync/session", { method: "POST", headers, body: JSON.stringify({ externalId: "e1", title: "T" }) });
        const id = ((await (await write((p, init) => fetch(`${s.url}${p}`, init))).json()) as { sessionId: string })
          .sessionId;
        const webId = (
          (await (await write(async (p, init) => web.fetch(new Request(`http://x${p}`, init)))).json()) as {
            sessionId: string;
          }
        ).sessionId;
        expect(webId).toBe(id);
        target = path.replace("ID", id);
      }
      const node = await rawAnswer(`${s.url}${target}`, method, headers, body);
      const expected = await web.fetch(new Request(`http://x${target}`, { method, headers, body }));
      expect(node.status).toBe(expected.status);
      const names = node.raw.filter((_, i) => i % 2 === 0);
      const cors = names.filter((name) => CORS.test(name));
      expect(new Set(cors.map((n) => n.toLowerCase())).size).toBe(cors.length);
      expect(names.slice(0, cors.length)).toEqual(cors);
      const sent = Object.fromEntries(
        node.raw.flatMap((v, i) => (i % 2 === 0 && CORS.test(v) ? [[v.toLowerCase(), node.raw[i + 1]]] : [])),
      );
      const webCors = Object.fromEntries([...expected.headers].filter(([name]) => CORS.test(name)));
      expect(sent).toEqual(webCors);
    },
  );
});
