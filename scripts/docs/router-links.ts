/**
 * Links inside the docs wherever they are hosted. In the browser, Redoc 3's `hydrate` routes with
 * the URL hash (`#/section/errors`, a react-router HashRouter), so the site works below any path:
 * the sandbox's /docs/, a GitHub Pages project site, a plain root. But `build-docs` pre-renders the
 * page with paths from a fixed basePath "/" (`/section/errors`), and React's hydration keeps the
 * server's attributes, so those links would leave the docs for the host's root.
 */
import { fail } from "./build-error.js";

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
    return tag.replace(/\shref="(\/(?!\/)[^"]*)"/, (_all, path: string) => {
      rewritten++;
      return ` href="#${path}"`;
    });
  });
  const left = [...out.matchAll(/<a\b[^>]*\shref="(\/(?!\/)[^"]*)"/g)].map((m) => m[1]);
  if (left.length)
    fail(`the page links to root-absolute paths that would leave the docs: ${left.slice(0, 5).join(", ")}`);
  return { html: out, rewritten };
}
