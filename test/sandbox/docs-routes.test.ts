/**
 * The sandbox's /docs routes over HTTP: the page and its files by exact name, and a docs route in
 * path form (/docs/section/errors) sent to the hash route the page uses (/docs/#/section/errors),
 * so that a link in either form opens the right place. Nothing climbs out of the docs folder.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSandbox, startSandbox } from "../../sandbox/index.js";

describe("the sandbox's /docs routes", () => {
  let dir: string;
  let sandbox: RunningSandbox;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "opensync-docs-routes-"));
    writeFileSync(join(dir, "index.html"), "<!doctype html><title>OpenSync API</title>");
    writeFileSync(join(dir, "redoc.standalone.js"), "export {};");
    sandbox = await startSandbox({ docsDir: pathToFileURL(`${dir}/`) });
  });
  afterAll(async () => {
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const get = (path: string) => fetch(`${sandbox.url}${path}`, { redirect: "manual" });

  it("serves the page at /docs/ and its files by name", async () => {
    expect((await get("/docs")).headers.get("location")).toBe("/docs/");
    const page = await get("/docs/");
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("<title>OpenSync API</title>");
    expect((await get("/docs/redoc.standalone.js")).headers.get("content-type")).toMatch(/^text\/javascript/);
  });

  it("serves the page as rebuilt once it changes while the sandbox runs", async () => {
    writeFileSync(join(dir, "index.html"), "<!doctype html><title>Rebuilt the docs</title>");
    expect(await (await get("/docs/")).text()).toContain("<title>Rebuilt the docs</title>");
    writeFileSync(join(dir, "index.html"), "<!doctype html><title>Rebuilt docs, longer</title>");
    expect(await (await get("/docs/")).text()).toContain("<title>Rebuilt docs, longer</title>");
    writeFileSync(join(dir, "index.html"), "<!doctype html><title>OpenSync API</title>");
  });

  it.each(["section/errors", "section/errors/error-codes", "sessions/listsessions", "sync"])(
    "sends /docs/%s to its hash route",
    async (route) => {
      const response = await get(`/docs/${route}`);
      expect(response.status).toBe(302);
      expect(response.headers.get("location")).toBe(`/docs/#/${route}`);
      const followed = await fetch(new URL(response.headers.get("location")!, sandbox.url));
      expect(followed.status).toBe(200);
    },
  );

  it.each(["missing.js", "section/errors.html", "..%2Fpackage.json", "%2E%2E/%2E%2E/package.json"])(
    "answers /docs/%s with a 404",
    async (name) => {
      expect((await get(`/docs/${name}`)).status).toBe(404);
    },
  );
});
