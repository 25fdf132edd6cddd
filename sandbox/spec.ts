/**
 * openapi.yaml as data, for Node-side code (the sandbox, tests, scripts): the parsed document
 * and ajv validators compiled straight from its schemas, so no rule is written twice.
 * Not imported by the client, which must stay free of Node built-ins and of ajv.
 */
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { Ajv2020, type ValidateFunction, type ErrorObject } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";

// ajv-formats is CommonJS; under NodeNext its default export arrives wrapped.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

import { SPEC_URL } from "./assets.js";

export { SPEC_URL };

/** Loosely typed on purpose: the document's own shape is checked by the linters, not by tsc. */
export type OpenApiDocument = Record<string, any> & { paths: Record<string, any>; components: Record<string, any> };

export function loadSpec(url: URL = SPEC_URL): OpenApiDocument {
  return parse(readFileSync(url, "utf8")) as OpenApiDocument;
}

const SPEC_ID = "opensync:openapi";

/** A JSON pointer fragment for a path of keys, e.g. ["paths", "/api/sessions", "get"]. */
export function pointer(...keys: (string | number)[]): string {
  return "#/" + keys.map((k) => String(k).replaceAll("~", "~0").replaceAll("/", "~1")).join("/");
}

/** Follows a node's local `$ref`s (`#/...`) through the document to what they point at. */
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

export interface SpecValidator {
  readonly spec: OpenApiDocument;
  /** A validator for the schema at a JSON pointer into the spec (e.g. pointer("components","schemas","ErrorResponse")). */
  at(jsonPointer: string): ValidateFunction;
  /** A validator for a schema object taken from the spec (its $refs resolve against the spec). */
  schema(schema: object): ValidateFunction;
}

/**
 * Compiles the spec's schemas with ajv (JSON Schema draft 2020-12, the dialect of OpenAPI 3.1).
 * OpenAPI's own annotation keywords are declared so ajv's strict mode stays on for the rest.
 */
export function createSpecValidator(spec: OpenApiDocument = loadSpec()): SpecValidator {
  const ajv = new Ajv2020({ allErrors: true, strict: "log", strictTypes: false, logger: false, validateFormats: true });
  addFormats(ajv);
  ajv.addVocabulary(["example", "discriminator", "xml", "externalDocs", ...extensionKeys(spec)]);
  ajv.addSchema({ ...spec, $id: SPEC_ID });
  const cache = new Map<string, ValidateFunction>();
  return {
    spec,
    at(jsonPointer) {
      let validate = cache.get(jsonPointer);
      if (!validate) {
        validate = ajv.compile({ $ref: `${SPEC_ID}${jsonPointer}` });
        cache.set(jsonPointer, validate);
      }
      return validate;
    },
    schema(schema) {
      return ajv.compile({ $id: `${SPEC_ID}/inline/${cache.size}-${Math.random()}`, ...rebase(schema) });
    },
  };
}

/** Every vendor-extension key (x-...) used anywhere in the spec: annotations to ajv. */
function extensionKeys(value: unknown, found = new Set<string>()): string[] {
  if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      if (k.startsWith("x-")) found.add(k);
      extensionKeys(v, found);
    }
  }
  return [...found];
}

/** Rewrites local refs (#/components/...) so they resolve against the registered spec. */
function rebase(value: any): any {
  if (Array.isArray(value)) return value.map(rebase);
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = k === "$ref" && typeof v === "string" && v.startsWith("#") ? `${SPEC_ID}${v}` : rebase(v);
    }
    return out;
  }
  return value;
}

/** One line per ajv error, e.g. "/sessions/0/externalId must be string". */
export function describeErrors(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? "is invalid"}`).join("; ");
}
