/**
 * Builds the hosted API reference into dist/docs/ from openapi.yaml:
 *
 *   1. reads the spec (one file with local refs only, so parsing it is bundling it: no
 *      `redocly bundle` process, which cost ~0.7 s of the pipeline's 5 s budget);
 *   2. adds `x-codeSamples` (curl and TypeScript with `createOpenSyncClient`) to every operation,
 *      derived from the spec itself (path, method, security, required parameters and their
 *      examples, the request body example), so samples cannot drift from the contract;
 *   3. renders it with `redocly build-docs` (Redoc 3, options from redocly.yaml's `openapi:`);
 *   4. self-hosts Redoc: the page is built to import redoc.standalone.js from cdn.redocly.com
 *      with an SRI hash; the identical file ships inside @redocly/cli, so it is copied next to
 *      index.html and the page points at the copy. The hash is checked against a pinned value,
 *      the file's SHA-384 and the page's `integrity` attribute; any mismatch fails the build;
 *   5. maps redocly.yaml's `openapi.theme` onto Redoc 3's CSS variables (Redoc 3 no longer reads
 *      a theme object itself), and copies openapi.yaml for the download button;
 *   6. scans the page for anything that would make the browser leave the host (scripts,
 *      stylesheets, fonts, images, CSS url()/@import to http(s)://) and for telemetry; fails loudly.
 *
 * The page works offline when served over HTTP (browsers refuse module scripts from file://).
 * Usage: `npm run docs` (tsx scripts/docs.ts).
 *
 * Routing: in the browser, Redoc 3's `hydrate` routes with the URL hash (`#/section/errors`, a
 * react-router HashRouter; `router: "history"` would switch to paths under its `basePath`), so
 * the site works below any path: the sandbox's /docs/, a GitHub Pages project site, a plain root.
 * But `build-docs` pre-renders the page with paths from a fixed basePath "/" (`/section/errors`),
 * and React's hydration keeps the server's attributes, so those links would leave the docs for
 * the host's root. `hashRouterLinks` rewrites them to what the client itself renders.
 */
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { deref as derefSpec } from "../sandbox/spec.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const OUT_DIR = join(ROOT, "dist", "docs");
const SPEC = join(ROOT, "openapi.yaml");
const CONFIG = join(ROOT, "redocly.yaml");

// What the self-hosting relies on. Bumping @redocly/cli means re-checking all three.
export const PINNED = {
  cliVersion: "2.77.0",
  redocVersion: "3.0.1",
  bundlePath: "lib/chunks/redoc.standalone.js",
  bundleSha384: "sha384-j07qRKHNNmcwU1/Y1elJc7pDLHXP/QfbQXTtSkbOJ7uYGJikqAzsFVbY2zR9FqOT",
} as const;
export const BUNDLE_FILE = "redoc.standalone.js";

const HTTP_METHODS = ["get", "put", "post", "delete", "patch"] as const;

class DocsBuildError extends Error {}
function fail(message: string): never {
  throw new DocsBuildError(message);
}

// ---------------------------------------------------------------------------------------------
// Code samples

type Json = any;

/** Resolves a local `#/...` reference in the bundled document. */
function deref(doc: Json, node: Json): Json {
  try {
    return derefSpec(doc, node);
  } catch (error) {
    return fail((error as Error).message);
  }
}

/** An example value for a parameter: its example, its schema's example/default/enum, else a placeholder. */
function parameterExample(doc: Json, param: Json): unknown {
  if (param.example !== undefined) return param.example;
  const firstNamed = Object.values<Json>(param.examples ?? {})[0];
  if (firstNamed?.value !== undefined) return firstNamed.value;
  const schema = deref(doc, param.schema ?? {});
  if (schema.example !== undefined) return schema.example;
  if (Array.isArray(schema.examples) && schema.examples.length) return schema.examples[0];
  if (schema.default !== undefined) return schema.default;
  if (Array.isArray(schema.enum) && schema.enum.length) return schema.enum[0];
  if (schema.const !== undefined) return schema.const;
  return schema.type === "integer" || schema.type === "number" ? 1 : `<${param.name}>`;
}

function shellQuote(text: string): string {
  return /^[A-Za-z0-9_\-./:=?&%,@]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

/** A JS object literal with unquoted identifier keys, two-space indent, starting at `indent`. */
function jsLiteral(value: unknown, indent: string): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    const inner = value.map((v) => `${indent}  ${jsLiteral(v, indent + "  ")}`);
    return `[\n${inner.join(",\n")},\n${indent}]`;
  }
  if (value && typeof value === "object") {
    const entries = Object.entries(value);
    if (entries.length === 0) return "{}";
    const inner = entries.map(([k, v]) => {
      const key = /^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k);
      return `${indent}  ${key}: ${jsLiteral(v, indent + "  ")}`;
    });
    return `{\n${inner.join(",\n")},\n${indent}}`;
  }
  return JSON.stringify(value);
}

interface SampleInput {
  method: string;
  path: string;
  query: [string, unknown][];
  pathParams: [string, unknown][];
  body: unknown;
  credential: "apiKey" | "workos" | "none";
}

export function curlSample(s: SampleInput, serverUrl: string): string {
  let path = s.path;
  for (const [name, value] of s.pathParams) path = path.replace(`{${name}}`, encodeURIComponent(String(value)));
  const qs = new URLSearchParams(s.query.map(([k, v]) => [k, String(v)])).toString();
  const url = `${serverUrl}${path}${qs ? `?${qs}` : ""}`;
  const lines = [`curl${s.method === "GET" ? "" : ` -X ${s.method}`} ${shellQuote(url)}`];
  if (s.credential === "apiKey") lines.push(`-H "Authorization: Bearer $OPENSYNC_API_KEY"`);
  if (s.credential === "workos") lines.push(`-H "Authorization: Bearer $OPENSYNC_WORKOS_TOKEN"`);
  if (s.body !== undefined) {
    lines.push(`-H "Content-Type: application/json"`);
    lines.push(`-d ${shellQuote(JSON.stringify(s.body))}`);
  }
  return lines.join(" \\\n  ");
}

export function typescriptSample(s: SampleInput): string {
  const options: Record<string, unknown> = {};
  const params: Record<string, unknown> = {};
  if (s.query.length) params.query = Object.fromEntries(s.query);
  if (s.pathParams.length) params.path = Object.fromEntries(s.pathParams);
  if (Object.keys(params).length) options.params = params;
  if (s.body !== undefined) options.body = s.body;
  const args = [JSON.stringify(s.path)];
  if (Object.keys(options).length) args.push(jsLiteral(options, ""));
  const credential =
    s.credential === "workos"
      ? "// This route needs a WorkOS access token from the dashboard login, not an API key.\nconst client = createOpenSyncClient({ baseUrl: process.env.OPENSYNC_BASE_URL, accessToken: process.env.OPENSYNC_WORKOS_TOKEN });"
      : s.credential === "none"
        ? "// The route needs no credential; the client carries your key on every call anyway.\nconst client = createOpenSyncClient({ baseUrl: process.env.OPENSYNC_BASE_URL, apiKey: process.env.OPENSYNC_API_KEY });"
        : "const client = createOpenSyncClient({ baseUrl: process.env.OPENSYNC_BASE_URL, apiKey: process.env.OPENSYNC_API_KEY });";
  return [
    `import { createOpenSyncClient, unwrap } from "opensync-api";`,
    "",
    credential,
    "",
    `const data = await unwrap(client.${s.method}(${args.join(", ")}));`,
  ].join("\n");
}

/** Adds `x-codeSamples` (curl, TypeScript) to every operation of `doc`, in place. */
export function addCodeSamples(doc: Json): number {
  const server = doc.servers?.[0];
  let serverUrl: string = server?.url ?? "";
  for (const [name, variable] of Object.entries<Json>(server?.variables ?? {})) {
    serverUrl = serverUrl.replace(`{${name}}`, String(variable.default));
  }
  let count = 0;
  for (const [path, rawItem] of Object.entries<Json>(doc.paths ?? {})) {
    const item = deref(doc, rawItem);
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (!op) continue;
      const params = [...(item.parameters ?? []), ...(op.parameters ?? [])].map((p: Json) => deref(doc, p));
      const required = params.filter((p: Json) => p.required || p.in === "path");
      const security: Json[] = op.security ?? doc.security ?? [];
      const schemes = new Set(security.flatMap((req: Json) => Object.keys(req)));
      const credential: SampleInput["credential"] =
        security.length === 0 || security.some((req: Json) => Object.keys(req).length === 0)
          ? "none"
          : schemes.has("ApiKey")
            ? "apiKey"
            : "workos";
      const content = op.requestBody ? deref(doc, op.requestBody).content ?? {} : {};
      const media = content["application/json"];
      const body = media ? (media.example ?? Object.values<Json>(media.examples ?? {})[0]?.value) : undefined;
      if (media && body === undefined) fail(`${method.toUpperCase()} ${path}: the request body has no example to build code samples from`);
      const input: SampleInput = {
        method: method.toUpperCase(),
        path,
        query: required.filter((p: Json) => p.in === "query").map((p: Json) => [p.name, parameterExample(doc, p)]),
        pathParams: required.filter((p: Json) => p.in === "path").map((p: Json) => [p.name, parameterExample(doc, p)]),
        body,
        credential,
      };
      op["x-codeSamples"] = [
        { lang: "curl", label: "curl", source: curlSample(input, serverUrl) },
        { lang: "TypeScript", label: "TypeScript", source: typescriptSample(input) },
      ];
      count++;
    }
  }
  return count;
}

// ---------------------------------------------------------------------------------------------
// Theme: redocly.yaml's `openapi.theme` (the Redoc 2 theme schema Redocly still validates) onto
// Redoc 3's CSS custom properties. Unknown keys fail the build so nothing is silently ignored.

/** Ten shades of a brand colour, 1 (lightest) to 10 (darkest), with the base at 6. */
function brandScale(hex: string): string[] {
  const m = /^#([0-9a-f]{6})$/i.exec(hex) ?? fail(`theme colour ${hex} must be #rrggbb`);
  const rgb = [0, 2, 4].map((i) => parseInt(m[1]!.slice(i, i + 2), 16));
  const mix = (target: number, amount: number) =>
    `#${rgb.map((c) => Math.round(c + (target - c) * amount).toString(16).padStart(2, "0")).join("")}`;
  return [mix(255, 0.92), mix(255, 0.82), mix(255, 0.65), mix(255, 0.45), mix(255, 0.2), hex, mix(0, 0.15), mix(0, 0.3), mix(0, 0.45), mix(0, 0.6)];
}

const THEME_KEYS = new Set([
  "colors.primary.main",
  "colors.text.primary",
  "colors.text.secondary",
  "colors.border.dark",
  "typography.fontFamily",
  "typography.fontSize",
  "typography.headings.fontFamily",
  "typography.headings.fontWeight",
  "typography.code.fontFamily",
  "typography.links.color",
  "sidebar.backgroundColor",
  "sidebar.textColor",
  "sidebar.activeTextColor",
  "sidebar.activeBgColor",
  "sidebar.width",
  "rightPanel.backgroundColor",
  "codeBlock.backgroundColor",
]);

function flatten(value: Json, prefix = ""): [string, string][] {
  if (value === null || typeof value !== "object") return [[prefix, String(value)]];
  return Object.entries<Json>(value).flatMap(([k, v]) => flatten(v, prefix ? `${prefix}.${k}` : k));
}

export function themeCss(theme: Json): { css: string; brand: string } {
  const flat = new Map(flatten(theme ?? {}));
  const unknown = [...flat.keys()].filter((k) => !THEME_KEYS.has(k));
  if (unknown.length) fail(`redocly.yaml openapi.theme has keys scripts/docs.ts does not map: ${unknown.join(", ")}`);
  const vars: string[] = [];
  const set = (name: string, key: string) => flat.has(key) && vars.push(`${name}: ${flat.get(key)};`);
  const primary = flat.get("colors.primary.main");
  if (primary) brandScale(primary).forEach((shade, i) => vars.push(`--color-brand-${i + 1}: ${shade};`));
  set("--font-family-base", "typography.fontFamily");
  set("--font-size-base", "typography.fontSize");
  set("--heading-font-family", "typography.headings.fontFamily");
  set("--heading-font-weight", "typography.headings.fontWeight");
  set("--font-family-monospaced", "typography.code.fontFamily");
  set("--link-color-primary", "typography.links.color");
  set("--text-color-primary", "colors.text.primary");
  set("--text-color-secondary", "colors.text.secondary");
  set("--border-color-primary", "colors.border.dark");
  set("--sidebar-bg-color", "sidebar.backgroundColor");
  set("--sidebar-text-color", "sidebar.textColor");
  set("--menu-item-color-active", "sidebar.activeTextColor");
  set("--menu-item-bg-color-active", "sidebar.activeBgColor");
  set("--sidebar-width", "sidebar.width");
  set("--code-block-bg-color", "codeBlock.backgroundColor");
  set("--code-panel-bg-color", "rightPanel.backgroundColor");
  // Not theme values but layout fixes: keep error codes and route groups in tables on one line.
  const layout = "table td code { white-space: nowrap; word-break: normal; }";
  const css = `:root:root { ${vars.join(" ")} }\n${layout}`;
  return { css, brand: primary ?? "#0f766e" };
}

const svgUrl = (svg: string) => `data:image/svg+xml,${encodeURIComponent(svg)}`;
const xmlEscape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** The brand mark: two arrows chasing each other in a rounded square (sync). */
function markSvg(brand: string, x = 0): string {
  return (
    `<g transform="translate(${x} 0)"><rect width="32" height="32" rx="8" fill="${brand}"/>` +
    `<path d="M9 14a7 7 0 0 1 12.5-4.3M23 18a7 7 0 0 1-12.5 4.3" fill="none" stroke="#fff" stroke-width="2.6" stroke-linecap="round"/>` +
    `<path d="M22.8 5.8v4.6h-4.6M9.2 26.2v-4.6h4.6" fill="none" stroke="#fff" stroke-width="2.6" stroke-linecap="round" stroke-linejoin="round"/></g>`
  );
}

function markDataUrl(brand: string): string {
  return svgUrl(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">${markSvg(brand)}</svg>`);
}

/** The sidebar logo: the mark and the logo text, drawn with the system font (no font files). */
function logoDataUrl(text: string, brand: string): string {
  const width = 44 + Math.ceil(text.length * 11.6);
  return svgUrl(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} 32" width="${width}" height="32">${markSvg(brand)}` +
      `<text x="42" y="22.5" font-family="system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif" font-size="18" font-weight="700" fill="#17202a">${xmlEscape(text)}</text></svg>`,
  );
}

/**
 * Runs before Redoc: Redoc 3's footer draws Redocly's logo from cdn.redoc.ly at runtime (not an
 * option). Any <img> pointing at another host gets a local stand-in instead, so the request is
 * never made; the CSP would block it anyway, but with a console error.
 */
const OFFLINE_GUARD = `(() => {
  const wordmark = ${JSON.stringify(svgUrl(`<svg xmlns="http://www.w3.org/2000/svg" width="52" height="14" viewBox="0 0 52 14"><text x="0" y="11" font-family="system-ui,sans-serif" font-size="11" font-weight="600" fill="#5b6670">Redocly</text></svg>`))};
  const blank = "data:image/gif;base64,R0lGODlhAQABAAAAACH5BAEKAAEALAAAAAABAAEAAAICTAEAOw==";
  const local = (value) => {
    let url;
    try { url = new URL(String(value), location.href); } catch { return value; }
    if (!/^https?:$/.test(url.protocol) || url.origin === location.origin) return value;
    return /^cdn\\.redoc(ly)?\\.(ly|com)$/.test(url.hostname) && /logo/.test(url.pathname) ? wordmark : blank;
  };
  const src = Object.getOwnPropertyDescriptor(HTMLImageElement.prototype, "src");
  Object.defineProperty(HTMLImageElement.prototype, "src", { ...src, set(value) { src.set.call(this, local(value)); } });
  const setAttribute = Element.prototype.setAttribute;
  Element.prototype.setAttribute = function (name, value) {
    if (this instanceof HTMLImageElement && /^src$/i.test(name)) value = local(value);
    return setAttribute.call(this, name, value);
  };
})();`;

// ---------------------------------------------------------------------------------------------
// Offline checks

/** Every reference in the page that would make a browser fetch from another host. */
export function externalResources(html: string): string[] {
  const found: string[] = [];
  const external = /^(https?:)?\/\//i;
  for (const m of html.matchAll(/<(script|link|img|iframe|source|video|audio|embed|object)\b[^>]*>/gi)) {
    const tag = m[0];
    const isPlainLink = /^<link\b/i.test(tag) && !/rel\s*=\s*"?(stylesheet|preload|modulepreload|icon|prefetch|preconnect|dns-prefetch|manifest)/i.test(tag);
    for (const attr of tag.matchAll(/\b(src|href|data|srcset|poster)\s*=\s*("([^"]*)"|'([^']*)'|([^\s>]+))/gi)) {
      const value = attr[3] ?? attr[4] ?? attr[5] ?? "";
      if (external.test(value.trim()) && !isPlainLink) found.push(`${m[1]} ${attr[1]}=${value}`);
    }
  }
  for (const m of html.matchAll(/url\(\s*(['"]?)((https?:)?\/\/[^'")]+)\1\s*\)/gi)) found.push(`css url(${m[2]})`);
  for (const m of html.matchAll(/@import\s+(url\()?\s*['"]?((https?:)?\/\/[^'")\s;]+)/gi)) found.push(`css @import ${m[2]}`);
  for (const m of html.matchAll(/\bimport\s*(?:\{[^}]*\}\s*from\s*)?["']((https?:)?\/\/[^"']+)["']/g)) found.push(`module import ${m[1]}`);
  return found;
}

/**
 * The pre-rendered page's router links (react-router marks each `<Link>` with `data-discover`)
 * from build-docs' root-absolute paths (`/section/errors`) to the hash routes that Redoc's
 * HashRouter renders in the browser (`#/section/errors`), so that the markup, before and after
 * hydration, links inside the docs wherever they are hosted. Fails on any root-absolute link left.
 */
export function hashRouterLinks(html: string): { html: string; rewritten: number } {
  let rewritten = 0;
  const out = html.replace(/<a\b[^>]*>/g, (tag) => {
    if (!/\sdata-discover="true"/.test(tag)) return tag;
    return tag.replace(/\shref="(\/(?!\/)[^"]*)"/, (_all, path: string) => (rewritten++, ` href="#${path}"`));
  });
  const left = [...out.matchAll(/<a\b[^>]*\shref="(\/(?!\/)[^"]*)"/g)].map((m) => m[1]);
  if (left.length) fail(`the page links to root-absolute paths that would leave the docs: ${left.slice(0, 5).join(", ")}`);
  return { html: out, rewritten };
}

function sha384(file: string): string {
  return `sha384-${createHash("sha384").update(readFileSync(file)).digest("base64")}`;
}

// ---------------------------------------------------------------------------------------------

function run(args: string[], env: NodeJS.ProcessEnv): void {
  const cli = join(ROOT, "node_modules", "@redocly", "cli", "bin", "cli.js");
  try {
    execFileSync(process.execPath, [cli, ...args], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  } catch (error: any) {
    fail(`redocly ${args[0]} failed:\n${error.stdout ?? ""}${error.stderr ?? ""}`);
  }
}

export function buildDocs(options: { outDir?: string; quiet?: boolean } = {}): { outDir: string; ms: number } {
  const started = Date.now();
  const outDir = options.outDir ?? OUT_DIR;
  const log = options.quiet ? () => {} : (line: string) => console.log(line);
  const env = { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true", NO_COLOR: "1" };

  // The pins: the installed CLI, the bundled Redoc file and its hash.
  const cliDir = join(ROOT, "node_modules", "@redocly", "cli");
  const cliVersion = JSON.parse(readFileSync(join(cliDir, "package.json"), "utf8")).version;
  if (cliVersion !== PINNED.cliVersion) {
    fail(`@redocly/cli is ${cliVersion}, but scripts/docs.ts is pinned to ${PINNED.cliVersion}: re-check the Redoc bundle path, version and hash, then update PINNED`);
  }
  const bundle = join(cliDir, PINNED.bundlePath);
  if (!existsSync(bundle)) fail(`the Redoc bundle is no longer at @redocly/cli/${PINNED.bundlePath}: find where ${cliVersion} ships it and update PINNED`);
  const bundleHash = sha384(bundle);
  if (bundleHash !== PINNED.bundleSha384) fail(`@redocly/cli/${PINNED.bundlePath} has hash ${bundleHash}, pinned ${PINNED.bundleSha384}: the file changed`);

  const config = parse(readFileSync(CONFIG, "utf8"));
  if (config.telemetry !== "off") fail("redocly.yaml must keep `telemetry: off` (the built page embeds the flag)");
  const theme = themeCss(config.openapi?.theme);

  const work = mkdtempSync(join(tmpdir(), "opensync-docs-"));
  try {
    // 1. read, 2. code samples
    const doc = parse(readFileSync(SPEC, "utf8"));
    if (JSON.stringify(doc).includes('"$ref":"./') || /\$ref: ['"]?\.{0,2}\//.test(readFileSync(SPEC, "utf8"))) {
      fail("openapi.yaml now has external $refs: bundle it (redocly bundle) before building the docs");
    }
    const samples = addCodeSamples(doc);
    doc.info["x-logo"] ??= { url: logoDataUrl(doc.info.title, theme.brand), altText: doc.info.title, href: "./" };
    const enriched = join(work, "openapi.json");
    writeFileSync(enriched, JSON.stringify(doc));

    // 3. render
    rmSync(outDir, { recursive: true, force: true });
    mkdirSync(outDir, { recursive: true });
    const index = join(outDir, "index.html");
    // Redoc's options come from redocly.yaml's `openapi:` section; `theme` is ours, not Redoc 3's.
    const { theme: _theme, ...redocOptions } = config.openapi ?? {};
    run(["build-docs", enriched, "--config", CONFIG, "--openapi", JSON.stringify(redocOptions), "-o", index], env);
    let html = readFileSync(index, "utf8");

    // 4. self-host Redoc
    const cdnUrl = `https://cdn.redocly.com/redoc/v${PINNED.redocVersion}/bundles/redoc.standalone.js`;
    const preload = new RegExp(`<link rel="modulepreload" href="${cdnUrl.replace(/[.?/]/g, "\\$&")}" integrity="([^"]+)" crossorigin="anonymous" />`);
    const preloadMatch = preload.exec(html) ?? fail(`build-docs no longer emits <link rel="modulepreload" href="${cdnUrl}" integrity=...>: the Redoc version or page template changed`);
    if (preloadMatch[1] !== PINNED.bundleSha384) fail(`the page's integrity ${preloadMatch[1]} differs from the pinned ${PINNED.bundleSha384}`);
    const importLine = `import { hydrate } from "${cdnUrl}";`;
    if (!html.includes(importLine)) fail(`build-docs no longer emits '${importLine}'`);
    const localUrl = `./${BUNDLE_FILE}`;
    html = html
      .replace(preloadMatch[0], `<link rel="modulepreload" href="${localUrl}" integrity="${PINNED.bundleSha384}" crossorigin="anonymous" />`)
      .replace(importLine, `import { hydrate } from "${localUrl}";`);
    copyFileSync(bundle, join(outDir, BUNDLE_FILE));
    if (sha384(join(outDir, BUNDLE_FILE)) !== PINNED.bundleSha384) fail("the copied Redoc bundle does not match its integrity hash");

    // 5. links inside the docs, theme, download
    const links = hashRouterLinks(html);
    if (links.rewritten === 0) fail("build-docs pre-rendered no router links: the page template changed, re-check hashRouterLinks");
    html = links.html;
    const head = [
      `<meta name="description" content="${(doc.info.summary ?? "").replace(/"/g, "&quot;")}" />`,
      `<link rel="icon" href="${markDataUrl(theme.brand)}" />`,
      `<script>${OFFLINE_GUARD}</script>`,
      `<style id="opensync-theme">${theme.css}</style>`,
    ];
    html = html.replace("</head>", `  ${head.join("\n  ")}\n</head>`);
    // Last: a Content-Security-Policy that lets the page load nothing from another host, with
    // the hash of each inline script (the guard and Redoc's hydrate call) so no other runs.
    const scriptHashes = [...html.matchAll(/<script(?: type="module")?>([\s\S]*?)<\/script>/g)].map(
      (m) => `'sha256-${createHash("sha256").update(m[1]!).digest("base64")}'`,
    );
    // Redoc's colour-mode snippet, its hydrate call and the guard.
    if (scriptHashes.length < 2) fail(`expected Redoc's inline scripts and the guard in the page, found ${scriptHashes.length} scripts`);
    const csp = [
      "default-src 'self'",
      `script-src 'self' ${scriptHashes.join(" ")}`,
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data: blob:",
      "font-src 'self' data:",
      "connect-src 'self'",
      "worker-src 'self' blob:",
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'none'",
    ].join("; ");
    html = html.replace(/<head>/, `<head>\n  <meta http-equiv="Content-Security-Policy" content="${csp}" />`);
    copyFileSync(SPEC, join(outDir, "openapi.yaml"));

    // 6. offline and telemetry checks
    const external = externalResources(html);
    if (external.length) fail(`the page would load from other hosts:\n  ${external.join("\n  ")}`);
    const options = /const __redoc_options = (\{.*\});/.exec(html) ?? fail("cannot find __redoc_options in the page");
    if (JSON.parse(options[1]!).disableTelemetry !== true) fail("the page does not disable telemetry (disableTelemetry must be true)");
    if (/cdn\.redocly\.com\/redoc/.test(html)) fail("the page still mentions cdn.redocly.com/redoc");
    writeFileSync(index, html);

    const ms = Date.now() - started;
    log(`docs: ${samples} operations with code samples, Redoc ${PINNED.redocVersion} self-hosted (${PINNED.bundleSha384.slice(0, 18)}...), no external resources`);
    log(`docs: built ${index} in ${ms} ms`);
    return { outDir, ms };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
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
