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
import openapiTS, { astToString, type OpenAPITSOptions } from "openapi-typescript";
import ts from "typescript";

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

/**
 * Open enums: `ErrorCode` is `anyOf: [KnownErrorCode, {type: string}]`. As plain
 * `KnownErrorCode | string` the union collapses to `string` and editors stop suggesting the
 * known codes; `KnownErrorCode | (string & {})` accepts the same values and keeps the
 * suggestions. That form goes on the exported root alias (`ErrorCode`, what users and
 * ApiError.code are typed with). The `components` entry keeps the plain union, because
 * openapi-fetch maps every response type through its `Readable<T>`, which takes `string & {}`
 * for an object and would turn a result's `error.error.code` into an object type.
 */
const OPEN_ENUMS = new Map([["#/components/schemas/ErrorCode", "ErrorCode"]]);

function openEnumTypes() {
  const open = new Map<string, ts.TypeNode>();
  const postTransform: OpenAPITSOptions["postTransform"] = (type, { path }) => {
    const alias = path && OPEN_ENUMS.get(path);
    if (!alias) return undefined;
    if (!ts.isUnionTypeNode(type) || !type.types.some((t) => t.kind === ts.SyntaxKind.StringKeyword)) {
      throw new Error(`${path} must be anyOf [a string enum, {type: string}] to be an open enum`);
    }
    const anyString = ts.factory.createParenthesizedType(
      ts.factory.createIntersectionTypeNode([ts.factory.createKeywordTypeNode(ts.SyntaxKind.StringKeyword), ts.factory.createTypeLiteralNode([])]),
    );
    open.set(alias, ts.factory.createUnionTypeNode(type.types.map((t) => (t.kind === ts.SyntaxKind.StringKeyword ? anyString : t))));
    return undefined;
  };
  /** The root aliases (`export type ErrorCode = ...`) of the open enums, given their suggesting form. */
  const rewriteAliases = (nodes: ts.Node[]) => {
    const done = new Set<string>();
    const out = nodes.map((node) => {
      if (!ts.isTypeAliasDeclaration(node) || !open.has(node.name.text)) return node;
      done.add(node.name.text);
      return ts.factory.updateTypeAliasDeclaration(node, node.modifiers, node.name, node.typeParameters, open.get(node.name.text)!);
    });
    const missing = [...OPEN_ENUMS.values()].filter((alias) => !done.has(alias));
    if (missing.length > 0) throw new Error(`no root type alias for the open enum(s) ${missing.join(", ")}`);
    return out;
  };
  return { postTransform, rewriteAliases };
}

async function schemaTypes(): Promise<string> {
  const openEnums = openEnumTypes();
  const ast = await openapiTS(specUrl, {
    rootTypes: true,
    rootTypesNoSchemaPrefix: true,
    rootTypesKeepCasing: true,
    silent: true,
    postTransform: openEnums.postTransform,
  });
  return astToString(openEnums.rewriteAliases(ast));
}

function contractModule(spec: any): string {
  const errorCodes: string[] = spec.components.schemas.KnownErrorCode.enum;
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
  const repeatableWrites = Object.entries(operations)
    .filter(([key, facts]) => !key.startsWith("GET ") && (facts as { idempotent: boolean }).idempotent)
    .map(([key]) => key);
  return `${header("Runtime facts of the OpenSync contract.")}
import type { components } from "./schema.js";

/** Every error code this version of the contract defines (KnownErrorCode). The set is open: servers may add codes later, so tolerate unknown ones. */
export const ERROR_CODES = ${json(errorCodes)} as const satisfies readonly components["schemas"]["KnownErrorCode"][];

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
`;
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
