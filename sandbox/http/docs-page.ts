/**
 * The docs page as a sandbox serves it. The built page (scripts/docs) is the hosted reference: its
 * code samples call the spec's first server, a placeholder deployment, so a sample copied from a
 * sandbox's docs would send your key to a stranger's host. Served by a sandbox, the page lists
 * that sandbox's own URL first among the servers, and every sample calls it. The page's
 * Content-Security-Policy lists the hash of each inline script: a script rewritten here gets its
 * new hash in place of the old, or the browser would refuse to run it.
 */
import { createHash } from "node:crypto";
import type { OpenApiDocument } from "#spec/document.js";

/** The URL the built samples call: the spec's first server with its variables at their defaults. */
export function sampleBaseUrl(spec: OpenApiDocument): string {
  const server = spec.servers?.[0];
  let url: string = server?.url ?? "";
  for (const [name, variable] of Object.entries<{ default: string }>(server?.variables ?? {}))
    url = url.replace(`{${name}}`, variable.default);
  return url;
}

const INLINE_SCRIPT = /(<script(?: type="module")?>)([\s\S]*?)(<\/script>)/g;
const sha256 = (text: string) => `'sha256-${createHash("sha256").update(text).digest("base64")}'`;

/** `html` with the samples aimed at `origin` and `origin` first among the servers. */
export function pageForSandbox(html: string, origin: string, sampleBase: string): string {
  const own = JSON.stringify({ url: origin, description: "This sandbox: every code sample on this page calls it." });
  const rehashed: [string, string][] = [];
  const page = html.replace(INLINE_SCRIPT, (_tag, open: string, body: string, close: string) => {
    const aimed = (sampleBase ? body.replaceAll(sampleBase, origin) : body).replace(
      '"servers":[',
      `"servers":[${own},`,
    );
    if (aimed !== body) rehashed.push([sha256(body), sha256(aimed)]);
    return open + aimed + close;
  });
  return rehashed.reduce((text, [before, after]) => text.replace(before, after), page);
}
