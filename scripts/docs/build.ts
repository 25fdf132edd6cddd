/**
 * Builds the hosted API reference into dist/docs/ from openapi.yaml, as a pipeline of the jobs
 * beside this file:
 *
 *   1. the spec, read with the one spec loader (one file with local refs only, so parsing it is
 *      bundling it), gets code samples for every operation (code-samples.ts), a logo (logo.ts)
 *      and a link to the API changelog (changelog-link.ts);
 *   2. `redocly build-docs` renders it (Redoc 3, options from redocly.yaml's `openapi:`);
 *   3. the page imports its own copy of Redoc instead of the CDN's (redoc-bundle.ts), links inside
 *      the docs wherever they are hosted (router-links.ts), gets the theme (theme.ts), the icon and
 *      the offline guard, then a Content-Security-Policy (offline.ts);
 *   4. the finished page is checked to load nothing from another host, with telemetry off.
 *
 * The page works offline when served over HTTP (browsers refuse module scripts from file://).
 * Usage: `npm run docs`.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parse } from "yaml";
import { loadSpec, type OpenApiDocument } from "#spec/document.js";
import { isMainModule } from "../lib/main-module.js";
import { DocsBuildError, fail } from "./build-error.js";
import { changelogLink } from "./changelog-link.js";
import { addCodeSamples } from "./code-samples.js";
import { logoDataUrl, markDataUrl } from "./logo.js";
import { addToHead, checkOffline, OFFLINE_GUARD, withContentSecurityPolicy } from "./offline.js";
import { BUNDLE_FILE, PINNED, pinnedBundle, selfHostRedoc, sha384 } from "./redoc-bundle.js";
import { hashRouterLinks } from "./router-links.js";
import { themeCss } from "./theme.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const OUT_DIR = join(ROOT, "dist", "docs");
const SPEC = join(ROOT, "openapi.yaml");
const CONFIG = join(ROOT, "redocly.yaml");
const CLI_DIR = join(ROOT, "node_modules", "@redocly", "cli");

/** The `$ref`s of `doc` that point into another file: build-docs would need the spec bundled first. */
export function externalRefs(doc: unknown): string[] {
  return [...JSON.stringify(doc).matchAll(/"\$ref":"((?!#)[^"]*)"/g)].map((m) => m[1]!);
}

/** redocly.yaml, checked: telemetry stays off (the built page embeds the flag). */
function readConfig(): Record<string, any> {
  const config = parse(readFileSync(CONFIG, "utf8"));
  if (config.telemetry !== "off") fail("redocly.yaml must keep `telemetry: off` (the built page embeds the flag)");
  return config;
}

/** The spec as the page shows it: with code samples and, unless it has one, the logo. */
function enrichedSpec(brand: string): { doc: OpenApiDocument; samples: number } {
  const doc = loadSpec(pathToFileURL(SPEC));
  const external = externalRefs(doc);
  if (external.length)
    fail(
      `openapi.yaml now has external $refs (${external.slice(0, 3).join(", ")}): bundle it (redocly bundle) before ` +
        `building the docs`,
    );
  const samples = addCodeSamples(doc);
  doc.info["x-logo"] ??= { url: logoDataUrl(doc.info.title, brand), altText: doc.info.title, href: "./" };
  const repository = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).repository?.url;
  doc.externalDocs ??= changelogLink(repository);
  return { doc, samples };
}

/** `redocly build-docs` of the spec at `specFile` into `index`, with Redoc's options from redocly.yaml. */
function renderWithRedocly(specFile: string, index: string, config: Record<string, any>): string {
  // Redoc's options come from redocly.yaml's `openapi:` section; `theme` is ours, not Redoc 3's.
  const { theme: _theme, ...redocOptions } = config.openapi ?? {};
  const args = ["build-docs", specFile, "--config", CONFIG, "--openapi", JSON.stringify(redocOptions), "-o", index];
  const env = { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true", NO_COLOR: "1" };
  try {
    execFileSync(process.execPath, [join(CLI_DIR, "bin", "cli.js"), ...args], {
      cwd: ROOT,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
  } catch (error: any) {
    fail(`redocly ${args[0]} failed:\n${error.stdout ?? ""}${error.stderr ?? ""}`);
  }
  return readFileSync(index, "utf8");
}

/** The rendered page made to work on its own, anywhere it is hosted, offline. */
function finishPage(html: string, doc: OpenApiDocument, theme: { css: string; brand: string }): string {
  const links = hashRouterLinks(selfHostRedoc(html));
  if (links.rewritten === 0)
    fail("build-docs pre-rendered no router links: the page template changed, re-check hashRouterLinks");
  const page = addToHead(links.html, [
    `<meta name="description" content="${(doc.info.summary ?? "").replace(/"/g, "&quot;")}" />`,
    `<link rel="icon" href="${markDataUrl(theme.brand)}" />`,
    `<script>${OFFLINE_GUARD}</script>`,
    `<style id="opensync-theme">${theme.css}</style>`,
  ]);
  return withContentSecurityPolicy(page);
}

export function buildDocs(options: { outDir?: string; quiet?: boolean } = {}): { outDir: string; ms: number } {
  const started = Date.now();
  const outDir = options.outDir ?? OUT_DIR;
  const log = options.quiet ? () => {} : (line: string) => console.log(line);

  const bundle = pinnedBundle(CLI_DIR);
  const config = readConfig();
  const theme = themeCss(config.openapi?.theme);
  const { doc, samples } = enrichedSpec(theme.brand);

  const work = mkdtempSync(join(tmpdir(), "opensync-docs-"));
  try {
    const specFile = join(work, "openapi.json");
    writeFileSync(specFile, JSON.stringify(doc));
    rmSync(outDir, { recursive: true, force: true });
    mkdirSync(outDir, { recursive: true });
    const index = join(outDir, "index.html");
    const html = finishPage(renderWithRedocly(specFile, index, config), doc, theme);

    copyFileSync(bundle, join(outDir, BUNDLE_FILE));
    if (sha384(join(outDir, BUNDLE_FILE)) !== PINNED.bundleSha384)
      fail("the copied Redoc bundle does not match its integrity hash");
    copyFileSync(SPEC, join(outDir, "openapi.yaml"));
    checkOffline(html);
    writeFileSync(index, html);

    const ms = Date.now() - started;
    log(
      `docs: ${samples} operations with code samples, Redoc ${PINNED.redocVersion} self-hosted ` +
        `(${PINNED.bundleSha384.slice(0, 18)}...), no external resources`,
    );
    log(`docs: built ${index} in ${ms} ms`);
    return { outDir, ms };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (isMainModule(import.meta.url)) {
  try {
    buildDocs();
  } catch (error) {
    if (error instanceof DocsBuildError) {
      console.error(`\ndocs build FAILED: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}
