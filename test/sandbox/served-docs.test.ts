/**
 * The docs as a running sandbox serves them (the built page, dist/docs): its own URL listed first
 * among the servers and every curl sample calling it, so a sample copied from the page never
 * sends a key to the spec's placeholder deployment; server descriptions without raw Markdown or
 * repository-only commands; the page's Content-Security-Policy still naming each inline script;
 * and `GET /` sending a visitor to the docs.
 */
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSandbox, startSandbox } from "../../sandbox/index.js";

let sandbox: RunningSandbox;
let page: string;
beforeAll(async () => {
  sandbox = await startSandbox();
  page = await (await fetch(`${sandbox.url}/docs/`)).text();
});
afterAll(() => sandbox.close());

/** The spec Redoc renders, from the page's inline state. */
function servers(): { url: string; description?: string }[] {
  const at = page.indexOf('"servers":[');
  expect(at).toBeGreaterThan(-1);
  let depth = 0;
  for (let i = at + 10; i < page.length; i++) {
    if (page[i] === "[") depth++;
    if (page[i] === "]" && --depth === 0) return JSON.parse(page.slice(at + 10, i + 1));
  }
  throw new Error("servers array not closed");
}

describe("the docs a sandbox serves", () => {
  it("list the sandbox's own URL first, and every curl sample calls it", () => {
    expect(servers()[0]!.url).toBe(sandbox.url);
    const curls = [...page.matchAll(/curl[^"]*?(https?:\/\/[^\s"'\\]+)/g)].map((m) => m[1]!);
    expect(curls.length).toBeGreaterThanOrEqual(12);
    for (const url of curls) expect(url.startsWith(`${sandbox.url}/`), url).toBe(true);
    expect(page).not.toContain("polished-penguin-622.convex.site/");
  });

  it("describe the servers in plain words: no raw backticks, no repository-only npm start", () => {
    for (const server of servers()) {
      expect(server.description ?? "", server.url).not.toContain("`");
      expect(server.description ?? "", server.url).not.toMatch(/npm start/);
    }
  });

  it("keep the Content-Security-Policy naming every inline script as served", () => {
    const csp = /Content-Security-Policy" content="([^"]+)"/.exec(page)?.[1] ?? "";
    const scripts = [...page.matchAll(/<script(?: type="module")?>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
    expect(scripts.length).toBeGreaterThanOrEqual(2);
    for (const script of scripts)
      expect(csp).toContain(`'sha256-${createHash("sha256").update(script).digest("base64")}'`);
  });

  it("GET / redirects to /docs/", async () => {
    const response = await fetch(`${sandbox.url}/`, { redirect: "manual" });
    expect([response.status, response.headers.get("location")]).toEqual([302, "/docs/"]);
  });
});
