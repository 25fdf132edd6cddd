/**
 * The docs page's router links: build-docs pre-renders them root-absolute (`/section/errors`),
 * which leaves the docs wherever they are not at a site's root; the build rewrites them to the
 * hash routes Redoc's router renders in the browser, and refuses a page that keeps one.
 */
import { describe, expect, it } from "vitest";
import { hashRouterLinks } from "../../../scripts/docs/router-links.js";

describe("hashRouterLinks", () => {
  it("rewrites router links to hash routes and leaves every other link alone", () => {
    const page = [
      '<a class="x" href="/" data-discover="true">OpenSync API</a>',
      '<a class="x" href="/section/errors/error-codes" data-discover="true">Error codes</a>',
      '<a href="/sessions/listsessions" class="y" data-discover="true">List sessions</a>',
      '<a href="./">logo</a>',
      '<a href="openapi.yaml" download>openapi.yaml</a>',
      '<a href="https://redocly.com/redoc/">Redocly</a>',
      '<a href="#redocly-link-icon">#</a>',
      '<link rel="modulepreload" href="./redoc.standalone.js" />',
    ].join("\n");
    const { html, rewritten } = hashRouterLinks(page);
    expect(rewritten).toBe(3);
    expect(html).toBe(
      page
        .replace('href="/" data', 'href="#/" data')
        .replace('href="/section/errors/error-codes"', 'href="#/section/errors/error-codes"')
        .replace('href="/sessions/listsessions"', 'href="#/sessions/listsessions"'),
    );
  });

  it("refuses a page that links to a root-absolute path it cannot rewrite", () => {
    expect(() => hashRouterLinks('<a href="/elsewhere">out</a>')).toThrow(
      /root-absolute paths that would leave the docs: \/elsewhere/,
    );
  });

  it("leaves protocol-relative links to the external-resource checks", () => {
    expect(hashRouterLinks('<a href="//example.com/x" data-discover="true">x</a>').rewritten).toBe(0);
  });
});
