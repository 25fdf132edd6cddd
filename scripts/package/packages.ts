/**
 * The one declaration of the two npm packages: what each builds from which source, what it leaves
 * out of its bundles, the commands it installs, the files it ships beside dist/ and the "imports"
 * through which its built code finds files at run time. tsup.config.ts builds from it,
 * vitest.config.ts aliases the client's name to its sources from it, and
 * scripts/package/assemble.ts copies the shipped files from it. tsconfig.json's paths and each
 * packages/<name>/package.json (the root package.json's "imports" too) are JSON and cannot import
 * it: test/package/unit/packages.test.ts holds them equal to it.
 *   packages/opensync-api       the client and its errors (web-standard APIs only), the generated
 *                               types (a runtime-empty module), the contract's facts, the outbox
 *                               (Node only, its own subpath) and the opensync-outbox bin
 *   packages/opensync-sandbox   the sandbox (Node only) and the opensync-sandbox bin
 */

/** One subpath of a package's "exports", built to dist/<dist>.{js,cjs,d.ts,d.cts} from `source`. */
export interface PackageEntry {
  readonly subpath: string;
  readonly dist: string;
  readonly source: string;
}

/** One command of a package's "bin", built to dist/<dist>.js (ESM, with a shebang) from `source`. */
export interface PackageBin {
  readonly name: string;
  readonly dist: string;
  readonly source: string;
}

export interface PackageDeclaration {
  readonly name: string;
  /** The publish folder, relative to the repository: what `npm pack` there publishes. */
  readonly dir: string;
  readonly entries: readonly PackageEntry[];
  readonly bins: readonly PackageBin[];
  /** Imports the bundles keep as imports: the root package.json lists no dependencies to tell tsup. */
  readonly external: readonly (string | RegExp)[];
  /** Repository files copied to the publish folder's top (its dist/ is built there). */
  readonly shipped: readonly string[];
  /**
   * The manifest's "imports": where the built code finds its files at run time. The root
   * package.json maps the same names for the sources (sandbox/assets.ts reads them).
   */
  readonly imports: Readonly<Record<string, string>>;
}

/** The licence and the one changelog of both. */
const SHIPPED_BY_BOTH = ["LICENSE", "CHANGELOG.md"];

export const CLIENT: PackageDeclaration = {
  name: "opensync-api",
  dir: "packages/opensync-api",
  entries: [
    { subpath: ".", dist: "index", source: "src/index.ts" },
    { subpath: "./schema", dist: "schema", source: "src/schema.ts" },
    { subpath: "./contract", dist: "contract", source: "src/contract.ts" },
    { subpath: "./outbox", dist: "outbox", source: "src/outbox/index.ts" },
  ],
  bins: [{ name: "opensync-outbox", dist: "outbox-cli", source: "src/outbox/cli/cli.ts" }],
  external: ["openapi-fetch", /^opensync-api(\/|$)/],
  // The repository's README is the client's: one README for npm users and contributors.
  // The spec, exported as "./openapi.yaml": the sandbox serves and validates with this copy.
  shipped: [...SHIPPED_BY_BOTH, "openapi.yaml", "README.md"],
  imports: {},
};

export const SANDBOX: PackageDeclaration = {
  name: "opensync-sandbox",
  dir: "packages/opensync-sandbox",
  entries: [{ subpath: ".", dist: "index", source: "sandbox/index.ts" }],
  bins: [{ name: "opensync-sandbox", dist: "cli", source: "sandbox/cli/cli.ts" }],
  external: [
    /^opensync-api(\/|$)/,
    /^hono(\/|$)/,
    /^@hono\/node-server(\/|$)/,
    /^ajv(\/|$)/,
    /^ajv-formats(\/|$)/,
    /^yaml$/,
  ],
  shipped: SHIPPED_BY_BOTH,
  // The spec of the opensync-api it depends on (the same version), and the docs assemble.ts copies in.
  imports: { "#openapi.yaml": "opensync-api/openapi.yaml", "#docs/*": "./dist/docs/*" },
};

export const PACKAGES = { client: CLIENT, sandbox: SANDBOX } as const;

/** The import specifier of an entry: "opensync-api", "opensync-api/schema", ... */
export function specifier(pkg: PackageDeclaration, entry: PackageEntry): string {
  return entry.subpath === "." ? pkg.name : `${pkg.name}/${entry.subpath.slice(2)}`;
}
