/**
 * The hosted docs in a real browser: Debian's Chromium, driven by playwright-core, loads
 * dist/docs/ served over HTTP on loopback and must
 *   - make no request to any host but loopback, with no failed request and no console error;
 *   - show the Errors section and every error code of the contract;
 *   - be interactive offline: clicking an operation in the sidebar opens it, a deep link works;
 * and leaves screenshots in dist/ (docs-screenshot-errors.png, docs-screenshot-top.png,
 * docs-screenshot-operation.png).
 *
 * Without Chromium the suite is skipped with a "skipped: no Chromium" line, except under CI=true,
 * where a missing browser is a failure. CHROMIUM_PATH overrides /usr/bin/chromium.
 */
import { existsSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { HAVE_CHROMIUM, launchChromium, requireChromium } from "../support/chromium.js";
import { buildDocs } from "../../scripts/docs.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const DIST = join(ROOT, "dist");
const ERROR_CODES = ["UNAUTHORIZED", "INVALID_REQUEST", "FORBIDDEN", "NOT_FOUND", "RATE_LIMITED", "INTERNAL_ERROR"];
const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".yaml": "application/yaml; charset=utf-8",
};

requireChromium("docs in a browser");

/** A static file server for dist/docs on 127.0.0.1; anything outside it, or missing, is a 404. */
function serve(dir: string): Promise<Server> {
  const server = createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? "/", "http://127.0.0.1").pathname);
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
    const { outDir } = buildDocs({ quiet: true });
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
    await expect.poll(() => heading.evaluate((h) => h.getBoundingClientRect().top), { message: "the operation is scrolled into view" }).toBeLessThan(300);
    // Its request sample (generated x-codeSamples) and response samples are rendered beside it.
    await expect.poll(() => page.getByText('-H "Authorization: Bearer $OPENSYNC_API_KEY"').first().isVisible()).toBe(true);
    await expect.poll(() => page.getByText("Response", { exact: true }).first().isVisible()).toBe(true);
    // Client-side routing: no new document was loaded.
    expect(requests.slice(documents).filter((url) => !url.startsWith("blob:") && !url.startsWith("data:"))).toEqual([]);
    await page.screenshot({ path: join(DIST, "docs-screenshot-operation.png") });
  });

  it("opens a deep link to the Errors section", async () => {
    const deep = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    deep.on("request", (r) => requests.push(r.url()));
    deep.on("console", (m) => m.type() === "error" && problems.push(`console error (deep link): ${m.text()}`));
    deep.on("pageerror", (e) => problems.push(`page error (deep link): ${e.message}`));
    await deep.goto(`${base}#/section/errors/error-codes`, { waitUntil: "networkidle" });
    const heading = deep.locator("h2", { hasText: /^Error codes$/ }).first();
    await expect.poll(() => heading.evaluate((h) => h.getBoundingClientRect().top)).toBeLessThan(400);
    await deep.close();
  });

  it("loads everything from loopback, with no failed request and no console error", () => {
    expect(requests.length).toBeGreaterThan(1);
    const foreign = requests.filter((url) => {
      const { protocol, hostname } = new URL(url);
      if (protocol === "data:" || protocol === "blob:") return false;
      return !["127.0.0.1", "localhost", "[::1]"].includes(hostname);
    });
    expect(foreign, "requests to other hosts").toEqual([]);
    expect(requests.some((url) => url.endsWith("/redoc.standalone.js")), "Redoc is served from loopback").toBe(true);
    expect(problems).toEqual([]);
  });
});
