/**
 * The page loads nothing from another host and reports nothing: a guard script that keeps Redoc's
 * runtime images local, a Content-Security-Policy that allows only the page's own scripts, and the
 * final check that fails the build on any external reference or on telemetry left on.
 */
import { createHash } from "node:crypto";
import { fail } from "./build-error.js";
import { svgUrl } from "./logo.js";

/**
 * Runs before Redoc: Redoc 3's footer draws Redocly's logo from cdn.redoc.ly at runtime (not an
 * option). Any <img> pointing at another host gets a local stand-in instead, so the request is
 * never made; the CSP would block it anyway, but with a console error.
 */
/** Redoc's "Redocly" wordmark, drawn locally instead of fetched. */
const REDOCLY_WORDMARK =
  `<svg xmlns="http://www.w3.org/2000/svg" width="52" height="14" viewBox="0 0 52 14">` +
  `<text x="0" y="11" font-family="system-ui,sans-serif" font-size="11" font-weight="600" fill="#5b6670">` +
  `Redocly</text>` +
  `</svg>`;

export const OFFLINE_GUARD = `(() => {
  const wordmark = ${JSON.stringify(svgUrl(REDOCLY_WORDMARK))};
  const blank = "data:image/gif;base64,R0lGODlhAQABAAAAACH5BAEKAAEALAAAAAABAAEAAAICTAEAOw==";
  const local = (value) => {
    let url;
    try { url = new URL(String(value), location.href); } catch { return value; }
    if (!/^https?:$/.test(url.protocol) || url.origin === location.origin) return value;
    return /^cdn\\.redoc(ly)?\\.(ly|com)$/.test(url.hostname) && /logo/.test(url.pathname) ? wordmark : blank;
  };
  const src = Object.getOwnPropertyDescriptor(HTMLImageElement.prototype, "src");
  Object.defineProperty(HTMLImageElement.prototype, "src", {
    ...src,
    set(value) { src.set.call(this, local(value)); },
  });
  const setAttribute = Element.prototype.setAttribute;
  Element.prototype.setAttribute = function (name, value) {
    if (this instanceof HTMLImageElement && /^src$/i.test(name)) value = local(value);
    return setAttribute.call(this, name, value);
  };
})();`;

/** The page's `<head>` with `lines` added at its end. */
export function addToHead(html: string, lines: string[]): string {
  return html.replace("</head>", `  ${lines.join("\n  ")}\n</head>`);
}

/**
 * The page with a Content-Security-Policy that lets it load nothing from another host, with the
 * hash of each inline script (Redoc's colour-mode snippet, its hydrate call, the guard) so that no
 * other script runs. Added last: a script added after it would be refused by the browser.
 */
export function withContentSecurityPolicy(html: string): string {
  const scriptHashes = [...html.matchAll(/<script(?: type="module")?>([\s\S]*?)<\/script>/g)].map(
    (m) => `'sha256-${createHash("sha256").update(m[1]!).digest("base64")}'`,
  );
  if (scriptHashes.length < 2)
    fail(`expected Redoc's inline scripts and the guard in the page, found ${scriptHashes.length} scripts`);
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
  return html.replace(/<head>/, `<head>\n  <meta http-equiv="Content-Security-Policy" content="${csp}" />`);
}

/** Every reference in the page that would make a browser fetch from another host. */
export function externalResources(html: string): string[] {
  const found: string[] = [];
  const external = /^(https?:)?\/\//i;
  for (const m of html.matchAll(/<(script|link|img|iframe|source|video|audio|embed|object)\b[^>]*>/gi)) {
    const tag = m[0];
    const isPlainLink =
      /^<link\b/i.test(tag) &&
      !/rel\s*=\s*"?(stylesheet|preload|modulepreload|icon|prefetch|preconnect|dns-prefetch|manifest)/i.test(tag);
    for (const attr of tag.matchAll(/\b(src|href|data|srcset|poster)\s*=\s*("([^"]*)"|'([^']*)'|([^\s>]+))/gi)) {
      const value = attr[3] ?? attr[4] ?? attr[5] ?? "";
      if (external.test(value.trim()) && !isPlainLink) found.push(`${m[1]} ${attr[1]}=${value}`);
    }
  }
  for (const m of html.matchAll(/url\(\s*(['"]?)((https?:)?\/\/[^'")]+)\1\s*\)/gi)) found.push(`css url(${m[2]})`);
  for (const m of html.matchAll(/@import\s+(url\()?\s*['"]?((https?:)?\/\/[^'")\s;]+)/gi))
    found.push(`css @import ${m[2]}`);
  for (const m of html.matchAll(/\bimport\s*(?:\{[^}]*\}\s*from\s*)?["']((https?:)?\/\/[^"']+)["']/g))
    found.push(`module import ${m[1]}`);
  return found;
}

/** Fails unless the finished page loads nothing from another host and has Redoc's telemetry off. */
export function checkOffline(html: string): void {
  const external = externalResources(html);
  if (external.length) fail(`the page would load from other hosts:\n  ${external.join("\n  ")}`);
  const options = /const __redoc_options = (\{.*\});/.exec(html) ?? fail("cannot find __redoc_options in the page");
  if (JSON.parse(options[1]!).disableTelemetry !== true)
    fail("the page does not disable telemetry (disableTelemetry must be true)");
  if (/cdn\.redocly\.com\/redoc/.test(html)) fail("the page still mentions cdn.redocly.com/redoc");
}
