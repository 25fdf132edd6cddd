/**
 * The client in a real browser: bundled by esbuild for `platform: "browser"` (where a Node
 * built-in in the graph fails the build), served from one loopback origin, calling the sandbox on
 * another, so every call goes through a CORS preflight. Headless Chromium from Debian's package.
 */

import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSandbox, startSandbox } from "../../sandbox/index.js";
import { HAVE_CHROMIUM, launchChromium, requireChromium } from "../support/chromium.js";

const root = fileURLToPath(new URL("../../", import.meta.url));

const bundleForBrowser = async (contents: string) =>
  build({
    stdin: { contents, resolveDir: root, loader: "ts" },
    bundle: true,
    format: "esm",
    platform: "browser",
    write: false,
    logLevel: "silent",
  });

describe("browser bundle", () => {
  it("builds the client for the browser", async () => {
    const result = await bundleForBrowser(`export * from "./src/index.ts";`);
    expect(result.errors).toEqual([]);
  });

  it("would fail the build if a Node built-in entered the graph", async () => {
    await expect(bundleForBrowser(`export * from "./src/index.ts"; import "node:fs";`)).rejects.toThrow(/node:fs/);
  });
});

requireChromium("client in a browser");

describe.runIf(HAVE_CHROMIUM)("client in a browser", () => {
  let sandbox: RunningSandbox;
  let page: Server;
  let browser: Browser;
  let pageUrl: string;

  beforeAll(async () => {
    // The sandbox on 127.0.0.1, the page on localhost: two origins.
    sandbox = await startSandbox({ rateLimits: false });
    const bundled = await bundleForBrowser(`export * from "./src/index.ts";`);
    const script = bundled.outputFiles[0]!.text;
    page = createServer((req, res) => {
      if (req.url === "/client.js") return void res.writeHead(200, { "content-type": "text/javascript" }).end(script);
      res
        .writeHead(200, { "content-type": "text/html" })
        .end(`<!doctype html><title>client</title><script type="module">
        import { createOpenSyncClient, unwrap } from "/client.js";
        const baseUrl = ${JSON.stringify(sandbox.url)}, apiKey = ${JSON.stringify(sandbox.apiKey)};
        let refused;
        try { createOpenSyncClient({ baseUrl, apiKey }); } catch (e) { refused = e.name; }
        const client = createOpenSyncClient({ baseUrl, apiKey, dangerouslyAllowBrowser: true,
          retry: { baseDelayMs: 10 } });
        try {
          const created = await unwrap(client.POST("/sync/session", { body: { externalId: "from-browser",
            title: "Synced from Chromium" } }));
          const list = await unwrap(client.GET("/api/sessions", { params: { query: { limit: 5 } } }));
          const retried = await client.GET("/api/stats", { headers: { "X-Sandbox-Fault": "503; count=1" } });
          const missing = await client.GET("/api/sessions/get", { params: { query: { id: "nope" } } });
          window.__result = { refused, created: !!created.sessionId, titles: list.sessions.map((s) => s.title),
            retriedStatus: retried.response.status, missing: missing.error };
        } catch (e) { window.__result = { failed: String(e) }; }
      </script>`);
    });
    await new Promise<void>((resolve) => page.listen(0, "127.0.0.1", resolve));
    pageUrl = `http://localhost:${(page.address() as AddressInfo).port}/`;
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    page?.close();
    await sandbox?.close();
  });

  it("refuses a bare apiKey; allowed, syncs across origins, retries, gets the envelope", async () => {
    const tab = await browser.newPage();
    const consoleErrors: string[] = [];
    tab.on("console", (m) => m.type() === "error" && consoleErrors.push(m.text()));
    await tab.goto(pageUrl);
    await tab.waitForFunction(() => (window as any).__result !== undefined, undefined, { timeout: 20_000 });
    const result = await tab.evaluate(() => (window as any).__result);
    expect(result).toEqual({
      // An API key in a page is refused unless the page says it knows.
      refused: "ConfigurationError",
      created: true,
      titles: ["Synced from Chromium"],
      retriedStatus: 200,
      missing: { error: { code: "NOT_FOUND", message: "Session not found" } },
    });
    // Every call carries Authorization, so none of this could succeed without a passing preflight.
    // The console reports the deliberate 503 and 404 as failed loads; nothing else may appear.
    expect(consoleErrors.filter((e) => !/503|404/.test(e))).toEqual([]);
    await tab.close();
  }, 60_000);
});
