/**
 * The sandbox's non-API routes: the spec itself at /openapi.yaml and the built docs at /docs
 * (the output of `npm run docs`). No auth, no rate limit. Only files directly inside the docs
 * folder are served, by exact name, so no path can climb out of it. A missing file is an
 * HttpError, answered in the sandbox's error shape like any other.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import type { Context, Hono, MiddlewareHandler } from "hono";
import { parse } from "yaml";
import { builtDocsDir, SPEC_URL } from "../assets.js";
import { pageForSandbox, sampleBaseUrl } from "./docs-page.js";
import { notFound } from "./http-error.js";

const TYPES: Record<string, string> = {
  html: "text/html; charset=utf-8",
  js: "text/javascript; charset=utf-8",
  css: "text/css; charset=utf-8",
  yaml: "application/yaml; charset=utf-8",
  json: "application/json",
  png: "image/png",
  svg: "image/svg+xml",
  ico: "image/x-icon",
};

/** A section or operation of the docs page, as a path: `section/errors`, `sessions/listsessions`. */
const DOCS_ROUTE = /^[\w-]+(\/[\w-]+)*$/;

/**
 * `docsDir`: by default the built docs, looked for when asked for, so a sandbox started before
 * `npm run docs` serves them once built. `prelude` runs before each of these routes (the
 * sandbox's CORS headers and request count).
 */
export function mountStatic(
  app: Hono,
  docsDir: URL | undefined = undefined,
  prelude: MiddlewareHandler = (_c, next) => next(),
) {
  const spec = readFileSync(SPEC_URL, "utf8");
  // Parsed when the page is first asked for, not by every sandbox created (tests make many).
  let sampleBase: string | undefined;
  /**
   * The page as served, per origin it was asked at: reading and rehashing it for every request
   * was most of what /docs/ cost. Made again once the built page changes (`npm run docs` while
   * the sandbox runs); a few origins kept (localhost, 127.0.0.1, a LAN address ...).
   */
  const pages = new Map<string, string>();
  let builtPage = "";
  const pageFor = (file: URL, origin: string): string => {
    const { mtimeMs, size } = statSync(file);
    if (builtPage !== `${mtimeMs} ${size}`) {
      pages.clear();
      builtPage = `${mtimeMs} ${size}`;
    }
    let page = pages.get(origin);
    if (page === undefined) {
      sampleBase ??= sampleBaseUrl(parse(spec));
      page = pageForSandbox(readFileSync(file, "utf8"), origin, sampleBase);
      if (pages.size >= 8) pages.clear();
      pages.set(origin, page);
    }
    return page;
  };
  app.get("/openapi.yaml", prelude, (c) => c.body(spec, 200, { "content-type": TYPES.yaml! }));
  // The docs are the first thing to see at a sandbox's address.
  app.get("/", prelude, (c) => c.redirect("/docs/", 302));
  app.get("/docs", prelude, (c) => c.redirect("/docs/", 302));
  // "/docs/" and "/docs/:file{.+}" rather than one "/docs/:file{.*}", which hono's RegExpRouter
  // cannot take: one such route made every request of the app go through its slower TrieRouter.
  const docsFile = (c: Context) => {
    const docs = docsDir ?? builtDocsDir();
    const name = c.req.param("file") || "index.html";
    const files = docs && existsSync(docs) ? readdirSync(docs) : [];
    if (!docs || !files.includes("index.html")) {
      return c.html(
        "<!doctype html><title>OpenSync API docs</title><p>The docs are not built yet: run <code>npm run " +
          "docs</code>, then reload.</p>",
        503,
      );
    }
    // A docs route in path form (/docs/section/errors): the page routes with the URL's hash
    // (scripts/docs/router-links.ts), so the same place is /docs/#/section/errors. Files all have a dot.
    if (!files.includes(name) && DOCS_ROUTE.test(name)) return c.redirect(`/docs/#/${name}`, 302);
    if (!files.includes(name)) throw notFound(`No such docs file: ${name}`);
    const ext = name.split(".").pop() ?? "";
    // The page, with its samples aimed at the address it was asked for (this sandbox).
    if (name === "index.html") return c.html(pageFor(new URL(name, docs), new URL(c.req.url).origin));
    return c.body(readFileSync(new URL(name, docs)), 200, {
      "content-type": TYPES[ext] ?? "application/octet-stream",
    });
  };
  app.get("/docs/", prelude, docsFile);
  app.get("/docs/:file{.+}", prelude, docsFile);
}
