/**
 * openapi.yaml as data, for Node-side code (the sandbox, tests, scripts): the parsed document
 * (document.ts) and ajv validators compiled straight from its schemas, so no rule is written
 * twice. Not imported by the client, which must stay free of Node built-ins and of ajv.
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";

// ajv-formats is CommonJS; under NodeNext its default export arrives wrapped.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

import { loadSpec, type OpenApiDocument } from "./document.js";

const SPEC_ID = "opensync:openapi";

export interface SpecValidator {
  readonly spec: OpenApiDocument;
  /**
   * A validator for the schema at a JSON pointer into the spec (e.g. pointer("components","schemas","ErrorResponse")).
   */
  at(jsonPointer: string): ValidateFunction;
  /** A validator for a schema object taken from the spec (its $refs resolve against the spec). */
  schema(schema: object): ValidateFunction;
}

/**
 * Compiles the spec's schemas with ajv (JSON Schema draft 2020-12, the dialect of OpenAPI 3.1).
 * OpenAPI's own annotation keywords are declared so ajv's strict mode stays on for the rest.
 */
/** `finiteNumbers: false`: Infinity (JSON `1e400`) is a number, as deployed servers' `v.number()` takes it. */
export function createSpecValidator(spec: OpenApiDocument = loadSpec(), { finiteNumbers = true } = {}): SpecValidator {
  const ajv = new Ajv2020({
    allErrors: true,
    strict: "log",
    strictTypes: false,
    strictNumbers: finiteNumbers,
    logger: false,
    validateFormats: true,
  });
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
