/**
 * scripts/package/packages.ts declares the packages; tsconfig.json's paths and each publish
 * folder's package.json are JSON, which cannot import it, so they are held equal to it here.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { CLIENT, PACKAGES, type PackageDeclaration, specifier } from "../../../scripts/package/packages.js";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const read = (file: string) => readFileSync(`${root}${file}`, "utf8");

interface Manifest {
  name: string;
  exports: Record<string, unknown>;
  bin: Record<string, string>;
  files: string[];
  imports?: Record<string, string>;
}

/** What `exports` says of an entry built by tsup.config.ts: ESM and CJS, each with its types. */
function exported(dist: string) {
  return {
    import: { types: `./dist/${dist}.d.ts`, default: `./dist/${dist}.js` },
    require: { types: `./dist/${dist}.d.cts`, default: `./dist/${dist}.cjs` },
  };
}

/** npm ships these whatever `files` says. */
const ALWAYS_PACKED = ["README.md", "LICENSE"];

describe("the package declaration", () => {
  it("gives tsconfig.json's paths: each client entry's name resolves to its source", () => {
    const { config, error } = ts.parseConfigFileTextToJson("tsconfig.json", read("tsconfig.json"));
    expect(error).toBeUndefined();
    const declared = Object.fromEntries(CLIENT.entries.map((e) => [specifier(CLIENT, e), [`./${e.source}`]]));
    expect(config.compilerOptions.paths).toEqual(declared);
  });

  describe.each(Object.values(PACKAGES))("gives $name's package.json", (pkg: PackageDeclaration) => {
    const manifest = JSON.parse(read(`${pkg.dir}/package.json`)) as Manifest;

    it("its name, its exports (the entries, the manifest, any shipped file) and its bins", () => {
      expect(manifest.name).toBe(pkg.name);
      const entries = Object.fromEntries(pkg.entries.map((entry) => [entry.subpath, exported(entry.dist)]));
      const files = Object.fromEntries(
        Object.entries(manifest.exports).filter(([subpath]) => !(subpath in entries) && subpath !== "./package.json"),
      );
      expect({ ...manifest.exports, ...files }).toEqual({ ...entries, ...files, "./package.json": "./package.json" });
      for (const [subpath, target] of Object.entries(files)) {
        expect(target).toBe(subpath);
        expect(pkg.shipped).toContain(subpath.slice(2));
      }
      expect(manifest.bin).toEqual(Object.fromEntries(pkg.bins.map((bin) => [bin.name, `./dist/${bin.dist}.js`])));
    });

    it("its imports, each of which the repository's package.json maps for the sources", () => {
      expect(manifest.imports ?? {}).toEqual(pkg.imports);
      const root = JSON.parse(read("package.json")) as { imports?: Record<string, string> };
      for (const name of Object.keys(pkg.imports)) expect(Object.keys(root.imports ?? {})).toContain(name);
    });

    it("its files: dist and every shipped file npm would otherwise leave out", () => {
      const listed = pkg.shipped.filter((file) => !ALWAYS_PACKED.includes(file));
      expect([...manifest.files].sort()).toEqual(["dist", ...listed].sort());
    });
  });
});
