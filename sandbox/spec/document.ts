/**
 * openapi.yaml as a parsed document, and the two ways into it that every Node-side reader needs:
 * following a local `$ref` and naming a node by JSON pointer. One loader for the sandbox, the
 * scripts (generate, docs) and the tests. Only `yaml` and the file system: no validator, so the
 * scripts that derive generated/ load nothing else.
 */
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { SPEC_URL } from "../assets.js";

export { SPEC_URL };

/** Loosely typed on purpose: the document's own shape is checked by the linters, not by tsc. */
export type OpenApiDocument = Record<string, any> & { paths: Record<string, any>; components: Record<string, any> };

/** The spec at `url` (by default the one beside the sandbox: the repository's, or the package's copy). */
export function loadSpec(url: URL = SPEC_URL): OpenApiDocument {
  return parse(readFileSync(url, "utf8")) as OpenApiDocument;
}

/** A JSON pointer fragment for a path of keys, e.g. ["paths", "/api/sessions", "get"]. */
export function pointer(...keys: (string | number)[]): string {
  return `#/${keys.map((k) => String(k).replaceAll("~", "~0").replaceAll("/", "~1")).join("/")}`;
}

/**
 * Follows a node's local `$ref`s (`#/...`) through the document to what they point at; a node
 * without one is returned as it is, a reference to nothing gives undefined. Throws on a reference
 * that is not local, and on a chain of more than 20 (a cycle).
 */
export function deref(spec: object, node: any): any {
  let current = node;
  for (let hops = 0; current && typeof current.$ref === "string"; hops++) {
    if (hops > 20 || !current.$ref.startsWith("#/")) throw new Error(`cannot resolve ${current.$ref}`);
    current = current.$ref
      .slice(2)
      .split("/")
      .reduce((at: any, key: string) => at?.[key.replaceAll("~1", "/").replaceAll("~0", "~")], spec);
  }
  return current;
}

/**
 * The operation an OPERATIONS key (`GET /api/sessions`) names in the document, with its method in
 * upper case (as in the key) and its path; the operation is undefined when the document lacks it.
 */
export function operationAt(spec: OpenApiDocument, key: string): { method: string; path: string; operation: any } {
  const [method, path] = key.split(" ") as [string, string];
  return { method, path, operation: deref(spec, spec.paths[path])?.[method.toLowerCase()] };
}
