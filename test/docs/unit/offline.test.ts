import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { DocsBuildError } from "../../../scripts/docs/build-error.js";
import {
  addToHead,
  checkOffline,
  externalResources,
  OFFLINE_GUARD,
  withContentSecurityPolicy,
} from "../../../scripts/docs/offline.js";

/** Runs the guard against stand-ins for the DOM classes it patches, on a page at `pageUrl`. */
function guardedImage(pageUrl: string) {
  class FakeElement {
    attributes: Record<string, string> = {};
    setAttribute(name: string, value: string) {
      this.attributes[name] = value;
    }
  }
  class FakeImage extends FakeElement {
    stored = "";
  }
  Object.defineProperty(FakeImage.prototype, "src", {
    configurable: true,
    get(this: FakeImage) {
      return this.stored;
    },
    set(this: FakeImage, value: string) {
      this.stored = value;
    },
  });
  new Function("HTMLImageElement", "Element", "location", OFFLINE_GUARD)(FakeImage, FakeElement, new URL(pageUrl));
  return { image: () => new FakeImage() as FakeImage & { src: string }, element: () => new FakeElement() };
}

describe("OFFLINE_GUARD", () => {
  const page = "http://127.0.0.1:8787/docs/";
  const BLANK = "data:image/gif;base64,R0lGODlhAQABAAAAACH5BAEKAAEALAAAAAABAAEAAAICTAEAOw==";

  it.each([
    ["https://cdn.redoc.ly/redoc/logo-mini.svg", "wordmark"],
    ["https://cdn.redocly.com/logo.png", "wordmark"],
    ["https://cdn.redoc.ly/redoc/other.svg", "blank"],
    ["https://example.com/logo.png", "blank"],
    ["//example.com/x.png", "blank"],
    ["/docs/local.png", "kept"],
    ["http://127.0.0.1:8787/x.png", "kept"],
    ["data:image/png;base64,AAAA", "kept"],
  ])("an image source %s is %s, set as a property or as an attribute", (source, expected) => {
    const { image, element } = guardedImage(page);
    const byProperty = image();
    byProperty.src = source;
    const byAttribute = image();
    byAttribute.setAttribute("SRC", source);
    for (const value of [byProperty.src, byAttribute.attributes.SRC]) {
      if (expected === "kept") expect(value).toBe(source);
      else if (expected === "blank") expect(value).toBe(BLANK);
      else
        expect(decodeURIComponent(value!)).toMatch(
          /^data:image\/svg\+xml,<svg [^>]*><text [^>]*>Redocly<\/text><\/svg>$/,
        );
    }
    // Other elements' attributes are not touched.
    const other = element();
    other.setAttribute("src", source);
    expect(other.attributes.src).toBe(source);
  });
});

describe("addToHead", () => {
  it("adds the lines, indented, before </head>", () => {
    expect(addToHead("<html><head>\n<title>t</title>\n</head><body></body></html>", ["<a/>", "<b/>"])).toBe(
      "<html><head>\n<title>t</title>\n  <a/>\n  <b/>\n</head><body></body></html>",
    );
  });
});

describe("withContentSecurityPolicy", () => {
  const sha = (text: string) => `'sha256-${createHash("sha256").update(text).digest("base64")}'`;

  it("allows exactly the page's inline scripts by hash, and nothing from another host", () => {
    const html =
      '<html><head><script>one()</script></head><body><script type="module">two()</script><script ' +
      'src="./x.js"></script></body></html>';
    const out = withContentSecurityPolicy(html);
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)" \/>/.exec(out)![1]!;
    const directives = Object.fromEntries(
      csp.split("; ").map((directive) => [directive.split(" ")[0], directive.split(" ").slice(1).join(" ")]),
    );
    expect(directives).toEqual({
      "default-src": "'self'",
      // A script with src is the page's own file, allowed by 'self'.
      "script-src": `'self' ${sha("one()")} ${sha("two()")}`,
      "style-src": "'self' 'unsafe-inline'",
      "img-src": "'self' data: blob:",
      "font-src": "'self' data:",
      "connect-src": "'self'",
      "worker-src": "'self' blob:",
      "object-src": "'none'",
      "base-uri": "'self'",
      "form-action": "'none'",
    });
    expect(Object.keys(directives)[0]).toBe("default-src");
    expect(out.startsWith('<html><head>\n  <meta http-equiv="Content-Security-Policy"')).toBe(true);
  });

  it("stops the build when the page has fewer than two inline scripts", () => {
    expect(() => withContentSecurityPolicy("<head><script>one()</script></head>")).toThrow(
      new DocsBuildError("expected Redoc's inline scripts and the guard in the page, found 1 scripts"),
    );
  });
});

describe("externalResources", () => {
  it("finds every way a page could load from another host", () => {
    const page = [
      '<script src="https://cdn.example/a.js"></script>',
      "<img src='//img.example/b.png'>",
      '<link rel="stylesheet" href="http://css.example/c.css">',
      "<iframe src=https://frame.example/d></iframe>",
      '<style>body { background: url("https://bg.example/e.png") } @import "https://imp.example/f.css";</style>',
      '<script type="module">import { x } from "https://mod.example/g.js"; import "//mod.example/h.js";</script>',
      '<video poster="https://poster.example/i.jpg"></video>',
    ].join("\n");
    expect(externalResources(page)).toEqual([
      "script src=https://cdn.example/a.js",
      "img src=//img.example/b.png",
      "link href=http://css.example/c.css",
      "iframe src=https://frame.example/d",
      "video poster=https://poster.example/i.jpg",
      "css url(https://bg.example/e.png)",
      "css @import https://imp.example/f.css",
      // `@import "..."` reads as a module import too: reported twice, never missed.
      "module import https://imp.example/f.css",
      "module import https://mod.example/g.js",
      "module import //mod.example/h.js",
    ]);
  });

  it("leaves local resources, data URLs and plain links (a link is followed only when clicked)", () => {
    const page = [
      '<script src="./redoc.standalone.js"></script>',
      '<link rel="modulepreload" href="./redoc.standalone.js">',
      '<link rel="icon" href="data:image/svg+xml,x">',
      '<link rel="canonical" href="https://example.com/docs/">',
      '<a href="https://redocly.com/">Redocly</a>',
      '<img src="data:image/gif;base64,R0lG">',
      "<style>.a { background: url(./local.png) }</style>",
    ].join("\n");
    expect(externalResources(page)).toEqual([]);
  });
});

describe("checkOffline", () => {
  const options = (value: object) => `<script>const __redoc_options = ${JSON.stringify(value)};</script>`;

  it("passes a local page with telemetry off", () => {
    expect(() =>
      checkOffline(`<script src="./redoc.standalone.js"></script>${options({ disableTelemetry: true })}`),
    ).not.toThrow();
  });

  it.each([
    [
      "an external resource",
      `<img src="https://x.example/a.png">${options({ disableTelemetry: true })}`,
      "the page would load from other hosts:\n  img src=https://x.example/a.png",
    ],
    ["no Redoc options", "<p>hi</p>", "cannot find __redoc_options in the page"],
    [
      "telemetry on",
      options({ disableTelemetry: false }),
      "the page does not disable telemetry (disableTelemetry must be true)",
    ],
    ["telemetry not mentioned", options({}), "the page does not disable telemetry (disableTelemetry must be true)"],
    [
      "the CDN still named",
      `${options({ disableTelemetry: true })}<!-- cdn.redocly.com/redoc -->`,
      "the page still mentions cdn.redocly.com/redoc",
    ],
  ])("stops the build on %s", (_what, html, message) => {
    expect(() => checkOffline(html)).toThrow(new DocsBuildError(message));
  });
});
