/**
 * Derives everything in generated/ from openapi.yaml, the single source of truth:
 *   generated/schema.d.ts  types for paths, operations and components (openapi-typescript)
 *   generated/contract.ts  runtime facts the client and sandbox need: error codes, and per
 *                          operation its idempotency and rate-limit group, plus the limits.
 *
 * `--check` regenerates in memory and exits 1 when a committed file differs (CI drift check).
 * Linting is `npm run lint`'s job (redocly honours .redocly.lint-ignore.yaml; the lint built
 * into openapi-typescript's CLI does not), so this script only bundles and converts.
 */
import { readFile, writeFile, mkdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import openapiTS, { astToString } from "openapi-typescript";

const root = new URL("../", import.meta.url);
const specUrl = new URL("openapi.yaml", root);
const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

interface Operation {
  operationId: string;
  "x-idempotent"?: boolean;
  "x-rate-limit-group"?: string;
  security?: Record<string, string[]>[];
}

const header = (what: string) =>
  `/**\n * ${what}\n * Generated from openapi.yaml by scripts/generate.ts. Do not edit: run \`npm run generate\`.\n */\n`;

async function schemaTypes(): Promise<string> {
  const ast = await openapiTS(specUrl, { rootTypes: true, rootTypesNoSchemaPrefix: true, rootTypesKeepCasing: true, silent: true });
  return astToString(ast);
}

function contractModule(spec: any): string {
  const errorCodes: string[] = spec.components.schemas.ErrorCode.enum;
  const globalSecurity: Record<string, string[]>[] = spec.security ?? [];
  const operations: Record<string, unknown> = {};
  for (const [path, item] of Object.entries<Record<string, Operation>>(spec.paths)) {
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (!op) continue;
      const security = (op.security ?? globalSecurity).flatMap((req) => Object.keys(req));
      operations[`${method.toUpperCase()} ${path}`] = {
        operationId: op.operationId,
        idempotent: op["x-idempotent"] === true,
        rateLimitGroup: op["x-rate-limit-group"] ?? null,
        security,
      };
    }
  }
  const json = (value: unknown) => JSON.stringify(value, null, 2);
  const schemas = spec.components.schemas;
  const listLimit = spec.paths["/api/sessions"].get.parameters.find((p: { name: string }) => p.name === "limit");
  const requestLimits = {
    maxBodyBytes: spec["x-max-body-bytes"],
    batchSessions: schemas.BatchUpsert.properties.sessions.maxItems,
    batchMessages: schemas.BatchUpsert.properties.messages.maxItems,
    listSessionsPageSize: listLimit.schema.maximum,
  };
  for (const [name, value] of Object.entries(requestLimits)) {
    if (!Number.isInteger(value) || value <= 0) throw new Error(`openapi.yaml: request limit ${name} is missing or not a positive integer`);
  }
  const syncFields = Object.fromEntries(["SessionUpsert", "BatchSession", "MessageUpsert", "BatchMessage", "MessagePart"].map((name) => [name, propertyNames(spec, schemas[name])]));
  const repeatableWrites = Object.entries(operations)
    .filter(([key, facts]) => !key.startsWith("GET ") && (facts as { idempotent: boolean }).idempotent)
    .map(([key]) => key);
  return `${header("Runtime facts of the OpenSync contract.")}
import type { components } from "./schema.js";

/** Every error code the contract defines. Servers may add codes later: tolerate unknown ones. */
export const ERROR_CODES = ${json(errorCodes)} as const satisfies readonly components["schemas"]["ErrorCode"][];

/** The rate limits per route group (\`x-rate-limits\`), per API key. */
export const RATE_LIMITS = ${json(spec["x-rate-limits"])} as const;

export type RateLimitGroup = keyof typeof RATE_LIMITS;

export interface OperationFacts {
  readonly operationId: string;
  /** \`x-idempotent\`: repeating the request is harmless, so a client may retry it. */
  readonly idempotent: boolean;
  /** \`x-rate-limit-group\`, or null where the operation is not rate limited. */
  readonly rateLimitGroup: RateLimitGroup | null;
  /** Security schemes that can authorise it (any one); empty when it needs none. */
  readonly security: readonly string[];
}

/** Every operation, keyed by \`METHOD /path\`. */
export const OPERATIONS = ${json(operations)} as const satisfies Record<string, OperationFacts>;

export type OperationKey = keyof typeof OPERATIONS;

/**
 * The operations beyond GET that are safe to repeat (x-idempotent): all a retrying client needs,
 * without carrying the whole table into a browser bundle.
 */
export const REPEATABLE_WRITES: readonly OperationKey[] = ${json(repeatableWrites)};

/**
 * How large requests may be: the body limit (\`x-max-body-bytes\`, answered with 413 beyond it),
 * the most items each \`/sync/batch\` array takes (\`maxItems\`), the largest \`/api/sessions\` page.
 */
export const REQUEST_LIMITS = ${json(requestLimits)} as const;

/**
 * The properties each sync body schema defines (through allOf and $ref). The batch items are
 * strict (any other key rejects the array); the single upserts ignore other keys.
 */
export const SYNC_FIELDS = ${json(syncFields)} as const satisfies {
  SessionUpsert: readonly (keyof components["schemas"]["SessionUpsert"])[];
  BatchSession: readonly (keyof components["schemas"]["BatchSession"])[];
  MessageUpsert: readonly (keyof components["schemas"]["MessageUpsert"])[];
  BatchMessage: readonly (keyof components["schemas"]["BatchMessage"])[];
  MessagePart: readonly (keyof components["schemas"]["MessagePart"])[];
};
`;
}

/** A schema's property names, following $ref and allOf (the spec composes sync bodies that way). */
function propertyNames(spec: any, schema: any): string[] {
  if (schema.$ref) {
    const name = /^#\/components\/schemas\/(.+)$/.exec(schema.$ref)?.[1];
    if (!name || !spec.components.schemas[name]) throw new Error(`openapi.yaml: cannot follow ${schema.$ref}`);
    return propertyNames(spec, spec.components.schemas[name]);
  }
  const names = new Set<string>(Object.keys(schema.properties ?? {}));
  for (const part of schema.allOf ?? []) for (const name of propertyNames(spec, part)) names.add(name);
  return [...names];
}

async function main() {
  const check = process.argv.includes("--check");
  const spec = parse(await readFile(specUrl, "utf8"));
  const outputs: Record<string, string> = {
    "generated/schema.d.ts": await schemaTypes(),
    "generated/contract.ts": contractModule(spec),
  };
  const stale: string[] = [];
  for (const [file, content] of Object.entries(outputs)) {
    const path = fileURLToPath(new URL(file, root));
    if (check) {
      const current = await readFile(path, "utf8").catch(() => null);
      if (current !== content) stale.push(file);
    } else {
      await mkdir(new URL("generated/", root), { recursive: true });
      await writeFile(path, content);
      console.log(`wrote ${file}`);
    }
  }
  if (stale.length > 0) {
    console.error(`Generated files are not up to date with openapi.yaml: ${stale.join(", ")}\nRun \`npm run generate\` and commit the result.`);
    process.exit(1);
  }
  if (check) console.log("generated/ is up to date with openapi.yaml");
}

await main();
