/**
 * The hosted docs in a real browser: Debian's Chromium, driven by playwright-core, loads
 * dist/docs/ served over HTTP on loopback and must
 *   - make no request to any host but loopback, with no failed request and no console error;
 *   - show the Errors section and every error code of the contract;
 *   - be interactive offline: clicking an operation in the sidebar opens it;
 * and leaves screenshots in dist/ (docs-screenshot-errors.png, docs-screenshot-top.png,
 * docs-screenshot-operation.png). Then, wherever the docs are served (at a site's root, below a
 * project path as on GitHub Pages, and by the sandbox at /docs/): every same-origin link on the
 * page, as served and once it runs, stays inside the docs and answers 200, and a deep link to a
 * section or an operation opens it, also after a reload.
 *
 * Without Chromium the suite is skipped with a "skipped: no Chromium" line, except under CI=true,
 * where a missing browser is a failure. CHROMIUM_PATH overrides /usr/bin/chromium.
 */
import { existsSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox } from "../../sandbox/index.js";
import { buildDocs } from "../../scripts/docs/build.js";
import { HAVE_CHROMIUM, launchChromium, requireChromium } from "../support/chromium.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const DIST = join(ROOT, "dist");
const ERROR_CODES = ["UNAUTHORIZED", "INVALID_REQUEST", "FORBIDDEN", "NOT_FOUND", "RATE_LIMITED", "INTERNAL_ERROR"];
const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".yaml": "application/yaml; charset=utf-8",
};

requireChromium("docs in a browser");

/** The docs, built once for the whole file (each build replaces dist/docs). */
let built: { outDir: string } | undefined;
const docs = () => (built ??= buildDocs({ quiet: true }));

/**
 * A static file server for dist/docs on 127.0.0.1, at `prefix` (as GitHub Pages serves a project
 * site at /<project>/); anything outside it, or missing, is a 404.
 */
function serve(dir: string, prefix = "/"): Promise<Server> {
  const server = createServer((req, res) => {
    const requested = decodeURIComponent(new URL(req.url ?? "/", "http://127.0.0.1").pathname);
    if (!requested.startsWith(prefix)) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    const pathname = `/${requested.slice(prefix.length)}`;
    const file = normalize(join(dir, pathname.endsWith("/") ? `${pathname}index.html` : pathname));
    if (!file.startsWith(dir + sep) || !existsSync(file)) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" }).end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

describe.runIf(HAVE_CHROMIUM)("docs in a browser", () => {
  let server: Server;
  let browser: Browser;
  let page: Page;
  let base: string;
  const requests: string[] = [];
  const problems: string[] = [];

  beforeAll(async () => {
    const { outDir } = docs();
    server = await serve(outDir);
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.on("request", (r) => requests.push(r.url()));
    page.on("requestfailed", (r) => problems.push(`request failed: ${r.url()} (${r.failure()?.errorText})`));
    page.on("response", (r) => r.status() >= 400 && problems.push(`HTTP ${r.status()}: ${r.url()}`));
    page.on("console", (m) => m.type() === "error" && problems.push(`console error: ${m.text()}`));
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    await page.goto(base, { waitUntil: "networkidle" });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  });

  it("shows the Errors section and every error code", async () => {
    const errors = page.locator("h2", { hasText: /^Errors$/ }).first();
    await errors.scrollIntoViewIfNeeded();
    await expect.poll(() => errors.isVisible()).toBe(true);
    const section = page.locator('[id="section/errors/error-codes"]').locator("xpath=ancestor-or-self::*[.//table][1]");
    for (const code of ERROR_CODES) {
      const cell = page.locator("table td code", { hasText: new RegExp(`^${code}$`) }).first();
      await cell.scrollIntoViewIfNeeded();
      expect(await cell.isVisible(), `${code} is visible in the error codes table`).toBe(true);
    }
    expect(await section.count()).toBeGreaterThan(0);
    for (const heading of ["HTTP status codes", "Error codes", "Rate limits", "Retry strategy"]) {
      expect(await page.locator("h2", { hasText: new RegExp(`^${heading}$`) }).count(), heading).toBe(1);
    }
    // The screenshot: open the section from the sidebar, tall enough to show the codes table.
    await page.setViewportSize({ width: 1440, height: 2100 });
    await page.getByText("Errors", { exact: true }).first().click();
    await expect.poll(() => page.url()).toContain("section/errors");
    await expect.poll(() => errors.evaluate((h) => Math.abs(h.getBoundingClientRect().top) < 120)).toBe(true);
    await expect.poll(() => page.getByText("Retry strategy", { exact: true }).first().isVisible()).toBe(true);
    await page.screenshot({ path: join(DIST, "docs-screenshot-errors.png"), animations: "disabled" });
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  it("opens an operation when it is clicked in the sidebar (interactive offline)", async () => {
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(DIST, "docs-screenshot-top.png") });
    const documents = requests.length;
    const group = page.getByText("Sessions", { exact: true }).first();
    await group.click();
    const item = page.getByText("List sessions", { exact: true }).first();
    await expect.poll(() => item.isVisible(), { message: "the Sessions group expands" }).toBe(true);
    await item.click();
    await expect.poll(() => page.url(), { message: "the router moves to the operation" }).toContain("listsessions");
    const heading = page.locator("h2", { hasText: /^List sessions$/ }).first();
    await expect.poll(() => heading.isVisible()).toBe(true);
    // Redoc scrolls smoothly: wait for the scroll to settle rather than read it mid-way.
    await expect
      .poll(() => heading.evaluate((h) => h.getBoundingClientRect().top), {
        message: "the operation is scrolled into view",
      })
      .toBeLessThan(300);
    // Its request sample (generated x-codeSamples) and response samples are rendered beside it.
    await expect
      .poll(() => page.getByText('-H "Authorization: Bearer $OPENSYNC_API_KEY"').first().isVisible())
      .toBe(true);
    await expect.poll(() => page.getByText("Response", { exact: true }).first().isVisible()).toBe(true);
    // Client-side routing: no new document was loaded.
    expect(requests.slice(documents).filter((url) => !url.startsWith("blob:") && !url.startsWith("data:"))).toEqual([]);
    await page.screenshot({ path: join(DIST, "docs-screenshot-operation.png") });
  });

  it("loads everything from loopback, with no failed request and no console error", () => {
    expect(requests.length).toBeGreaterThan(1);
    const foreign = requests.filter((url) => {
      const { protocol, hostname } = new URL(url);
      if (protocol === "data:" || protocol === "blob:") return false;
      return !["127.0.0.1", "localhost", "[::1]"].includes(hostname);
    });
    expect(foreign, "requests to other hosts").toEqual([]);
    expect(
      requests.some((url) => url.endsWith("/redoc.standalone.js")),
      "Redoc is served from loopback",
    ).toBe(true);
    expect(problems).toEqual([]);
  });
});

/** Where the docs are served: a site's root, a project path (GitHub Pages), the sandbox's /docs/. */
const HOSTS: { name: string; start(outDir: string): Promise<{ base: string; close(): Promise<unknown> }> }[] = [
  {
    name: "at a site's root",
    async start(outDir) {
      const server = await serve(outDir);
      return {
        base: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
        close: () => new Promise((resolve) => server.close(resolve)),
      };
    },
  },
  {
    name: "below a project path, as on GitHub Pages",
    async start(outDir) {
      const server = await serve(outDir, "/opensync-api/");
      return {
        base: `http://127.0.0.1:${(server.address() as AddressInfo).port}/opensync-api/`,
        close: () => new Promise((resolve) => server.close(resolve)),
      };
    },
  },
  {
    name: "by the sandbox at /docs/",
    async start(outDir) {
      const sandbox = await startSandbox({ docsDir: pathToFileURL(`${outDir}/`) });
      return { base: `${sandbox.url}/docs/`, close: () => sandbox.close() };
    },
  },
];

/** The places a deep link can point at, and the heading that must be in view there. */
const DEEP_LINKS: [string, string, RegExp][] = [
  ["a section", "section/errors/error-codes", /^Error codes$/],
  ["an operation", "sessions/listsessions", /^List sessions$/],
];

describe.runIf(HAVE_CHROMIUM).each(HOSTS)("the docs served $name", (host) => {
  let browser: Browser;
  let base: string;
  let close: (() => Promise<unknown>) | undefined;
  const problems: string[] = [];

  beforeAll(async () => {
    ({ base, close } = await host.start(docs().outDir));
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await close?.();
  });

  // "load", not "networkidle" (half a second of quiet after every load): each test polls for what it
  // looks at, and the docs load nothing after their scripts (the first suite checks every request).
  async function open(url: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on("response", (r) => r.status() >= 400 && problems.push(`HTTP ${r.status()}: ${r.url()}`));
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    await page.goto(url, { waitUntil: "load" });
    return page;
  }

  /** Every same-origin link must stay inside the docs and its document answer 200 (the hash is the page's). */
  async function expectLinksInside(links: string[], where: string) {
    const origin = new URL(base).origin;
    const same = [...new Set(links)].filter((href) => new URL(href).origin === origin);
    expect(same.length, `same-origin links ${where}`).toBeGreaterThan(10);
    expect(
      same.filter((href) => !href.startsWith(base)),
      `links ${where} that leave the docs`,
    ).toEqual([]);
    for (const document of new Set(same.map((href) => href.split("#")[0]!))) {
      const response = await fetch(document, { redirect: "manual" });
      expect(response.status, `${document} (linked ${where})`).toBe(200);
      await response.arrayBuffer();
    }
  }

  it("has only links inside the docs that answer 200, in the page as served and once it runs", async () => {
    const served = await (await fetch(base)).text();
    const hrefs = [...served.matchAll(/<a\b[^>]*\shref="([^"]*)"/g)].map(
      (m) => new URL(m[1]!.replace(/&amp;/g, "&"), base).href,
    );
    await expectLinksInside(hrefs, "in the served HTML");

    const page = await open(base);
    // Open every group of the sidebar, so that the links rendered in the browser are there too.
    for (const group of await page.locator(".menu-item-type-group > a").all()) await group.click();
    await expect
      .poll(() => page.locator('a[href$="#/sessions/listsessions"]').count(), {
        message: "the groups' operations are listed",
      })
      .toBeGreaterThan(0);
    const links = await page.evaluate(() =>
      [...document.querySelectorAll("a[href]")].map((a) => (a as HTMLAnchorElement).href),
    );
    await expectLinksInside(links, "once the page runs");
    await page.close();
  });

  it.each(DEEP_LINKS)("opens a deep link to %s, and again after a reload", async (_what, route, heading) => {
    const page = await open(`${base}#/${route}`);
    const target = page.locator("h2", { hasText: heading }).first();
    // Redoc scrolls smoothly: wait for the heading to settle near the top.
    await expect
      .poll(() => target.evaluate((h) => h.getBoundingClientRect().top), { message: `${route} is scrolled into view` })
      .toBeLessThan(300);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.reload({ waitUntil: "load" });
    expect(page.url()).toBe(`${base}#/${route}`);
    await expect
      .poll(() => target.evaluate((h) => h.getBoundingClientRect().top), { message: `${route} after a reload` })
      .toBeLessThan(300);
    await page.close();
  });

  it.runIf(host.name.includes("sandbox")).each(DEEP_LINKS)(
    "takes %s in path form to its hash form",
    async (_what, route, heading) => {
      const page = await open(`${base}${route}`);
      expect(page.url()).toBe(`${base}#/${route}`);
      const target = page.locator("h2", { hasText: heading }).first();
      await expect
        .poll(() => target.evaluate((h) => h.getBoundingClientRect().top), {
          message: `${route} is scrolled into view`,
        })
        .toBeLessThan(300);
      await page.close();
    },
  );

  it("had no failed request and no page error", () => {
    expect(problems).toEqual([]);
  });
});
