/**
 * The READMEs are read where they ship: on npm and inside node_modules, where a relative link to a
 * repository file leads nowhere. So every link in both (the repository's README, which is also
 * opensync-api's, and opensync-sandbox's own) must be an absolute https URL or an anchor of a
 * heading in the same file; a link to a repository file must name a file that exists; and the
 * code blocks must not point at files the packages do not ship.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import GithubSlugger from "github-slugger";
import { fromMarkdown } from "mdast-util-from-markdown";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const REPOSITORY = "https://github.com/opensync-api/opensync-api";
const READMES = { "README.md": "opensync-api", "packages/opensync-sandbox/README.md": "opensync-sandbox" } as const;

type Node = { type: string; url?: string; value?: string; lang?: string | null; depth?: number; children?: Node[] };

function walk(node: Node, visit: (node: Node) => void): void {
  visit(node);
  for (const child of node.children ?? []) walk(child, visit);
}

const textOf = (node: Node): string => (node.value ?? "") + (node.children ?? []).map(textOf).join("");

interface Readme {
  links: string[];
  anchors: Set<string>;
  code: { lang: string; value: string }[];
}

function read(file: string): Readme {
  const tree = fromMarkdown(readFileSync(join(ROOT, file), "utf8")) as Node;
  const slugger = new GithubSlugger();
  const readme: Readme = { links: [], anchors: new Set(), code: [] };
  walk(tree, (node) => {
    if (node.type === "link" || node.type === "definition" || node.type === "image") readme.links.push(node.url!);
    if (node.type === "heading") readme.anchors.add(slugger.slug(textOf(node)));
    if (node.type === "code") readme.code.push({ lang: node.lang ?? "", value: node.value! });
    // Links written as HTML (comments are html nodes too, and hold no links).
    if (node.type === "html")
      for (const m of node.value!.matchAll(/\b(?:href|src)\s*=\s*["']([^"']*)["']/g)) readme.links.push(m[1]!);
  });
  return readme;
}

/** The files a package ships: its manifest's `files`, plus what npm always includes. */
function shipped(pkg: string): (path: string) => boolean {
  const manifest = JSON.parse(readFileSync(join(ROOT, "packages", pkg, "package.json"), "utf8")) as { files: string[] };
  const always = ["package.json", "README.md", "LICENSE"];
  return (path) => [...always, ...manifest.files].some((entry) => path === entry || path.startsWith(`${entry}/`));
}

/** Paths in a code block: anything with a slash or a file extension, e.g. `node_modules/x/y.yaml`. */
const pathsIn = (code: string) =>
  [
    ...code.matchAll(
      /(?<![\w:/<.-])(?:[\w@.-]+\/)+[\w@.-]*[\w]|(?<![\w/.-])[\w-]+\.(?:ya?ml|json|[cm]?[jt]s|md|tgz)\b/g,
    ),
  ].map((m) => m[0]);

describe.each(Object.entries(READMES))("%s", (file, pkg) => {
  const readme = read(file);

  it("has links, and every one is an absolute https URL or an anchor of this file", () => {
    expect(readme.links.length).toBeGreaterThan(2);
    const bad = readme.links.filter((link) =>
      link.startsWith("#") ? !readme.anchors.has(link.slice(1)) : !/^https:\/\/[^/]+/.test(link),
    );
    expect(
      bad,
      `links that do not resolve inside the package (anchors here: ${[...readme.anchors].join(", ")})`,
    ).toEqual([]);
  });

  it("links repository files that exist, on the main branch", () => {
    const repositoryLinks = readme.links.filter(
      (link) => link.startsWith(`${REPOSITORY}/`) && !link.startsWith(`${REPOSITORY}#`),
    );
    for (const link of repositoryLinks) {
      const path = /^https:\/\/github\.com\/opensync-api\/opensync-api\/(?:blob|tree)\/main\/([^#?]+)/.exec(link)?.[1];
      expect(path, `${link} names a file as ${REPOSITORY}/blob/main/<path>`).toBeDefined();
      expect(existsSync(join(ROOT, path!)), `${path} exists in the repository`).toBe(true);
    }
  });

  it("has code blocks that name no file the packages do not ship", () => {
    const ships = { "opensync-api": shipped("opensync-api"), "opensync-sandbox": shipped("opensync-sandbox") };
    const bad: string[] = [];
    for (const { value } of readme.code) {
      for (const path of pathsIn(value)) {
        const installed = /^node_modules\/(opensync-api|opensync-sandbox)\/(.+)$/.exec(path);
        if (installed) {
          if (!ships[installed[1] as keyof typeof ships](installed[2]!))
            bad.push(`${path} (not in ${installed[1]}'s files)`);
          continue;
        }
        // A path of this repository means nothing to a user with the package installed, unless
        // the package ships it too (openapi.yaml). Other paths are the user's own files.
        if (existsSync(join(ROOT, path)) && !ships[pkg](path)) bad.push(`${path} (a repository file, not shipped)`);
      }
    }
    expect(bad).toEqual([]);
  });
});

describe("the README checks themselves", () => {
  it("find paths in code and anchors as GitHub makes them", () => {
    expect(pathsIn("npx openapi-typescript node_modules/opensync-api/openapi.yaml -o src/x.d.ts")).toEqual([
      "node_modules/opensync-api/openapi.yaml",
      "src/x.d.ts",
    ]);
    expect(pathsIn('curl "https://example.com/api/x" && cat scripts/docs.ts BENCHMARKS.md')).toEqual([
      "scripts/docs.ts",
      "BENCHMARKS.md",
    ]);
    const slugger = new GithubSlugger();
    expect(slugger.slug("The sandbox: npx opensync-sandbox")).toBe("the-sandbox-npx-opensync-sandbox");
  });
});
