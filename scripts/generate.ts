/**
 * Derives everything in generated/ from openapi.yaml, the single source of truth:
 *   generated/schema.d.ts  types for paths, operations and components (openapi-typescript)
 *   generated/contract.ts  runtime facts the client and sandbox need: error codes; per operation
 *                          its idempotency (x-idempotent, x-repeatable-without), rate-limit group
 *                          and credentials; the limits; which media type and body each export
 *                          format selects (x-response-formats), as data and as types.
 *
 * `--check` regenerates in memory and exits 1 when a committed file differs (CI drift check).
 * Linting is `npm run lint`'s job (redocly honours .redocly.lint-ignore.yaml; the lint built
 * into openapi-typescript's CLI does not), so this script only bundles and converts.
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import openapiTS, { astToString, type OpenAPITSOptions } from "openapi-typescript";
import ts from "typescript";
import { deref, loadSpec } from "#spec/document.js";

const root = new URL("../", import.meta.url);
const specUrl = new URL("openapi.yaml", root);
/**
 * The fields of an OpenAPI Path Item that hold operations. Read here, where generated/contract.ts's
 * OPERATIONS table is derived; everything downstream walks OPERATIONS instead of the document.
 */
const PATH_ITEM_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

interface Operation {
  operationId: string;
  "x-idempotent"?: boolean;
  "x-repeatable-without"?: string[];
  "x-rate-limit-group"?: string;
  "x-response-formats"?: { parameter: string; formats: Record<string, { mediaType: string; schema?: string }> };
  security?: Record<string, string[]>[];
  parameters?: any[];
  responses: Record<string, any>;
}

/** What a `format`-like parameter selects, checked against the operation it sits on. */
interface ResponseFormats {
  operationId: string;
  status: string;
  parameter: string;
  default: string;
  formats: Record<string, { mediaType: string; schema?: string }>;
}

/**
 * `x-response-formats`, checked: the parameter exists and its enum is exactly the formats listed,
 * each media type is one the success response declares, and each named schema is that media
 * type's schema or one of its `oneOf` alternatives. A mistake here fails generation.
 */
function responseFormats(spec: any, key: string, op: Operation): ResponseFormats | null {
  const ext = op["x-response-formats"];
  if (!ext) return null;
  const fail = (why: string): never => {
    throw new Error(`${key}: x-response-formats: ${why}`);
  };
  const param = (op.parameters ?? [])
    .map((p) => deref(spec, p))
    .find((p) => p.name === ext.parameter && p.in === "query");
  if (!param) fail(`no query parameter ${ext.parameter}`);
  const schema = deref(spec, param.schema);
  const values: string[] = schema?.enum ?? fail(`parameter ${ext.parameter} has no enum`);
  if (typeof schema.default !== "string") fail(`parameter ${ext.parameter} has no default`);
  if ([...values].sort().join() !== Object.keys(ext.formats).sort().join())
    fail(`formats must be exactly ${values.join(", ")}`);
  const statuses = Object.keys(op.responses).filter((s) => /^2\d\d$/.test(s));
  if (statuses.length !== 1) fail("needs exactly one 2xx response");
  const status = statuses[0]!;
  const content = op.responses[status].content ?? {};
  for (const [value, format] of Object.entries(ext.formats)) {
    const media =
      content[format.mediaType] ?? fail(`${value}: ${format.mediaType} is not a media type of the ${status} response`);
    if (format.schema === undefined) continue;
    if (!spec.components.schemas[format.schema]) fail(`${value}: no schema ${format.schema}`);
    const declared = media.schema?.$ref as string | undefined;
    const alternatives: string[] = [
      declared,
      ...(deref(spec, media.schema)?.oneOf ?? []).map((s: any) => s.$ref),
    ].filter(Boolean);
    if (!alternatives.includes(`#/components/schemas/${format.schema}`))
      fail(`${value}: ${format.schema} is not the schema of ${format.mediaType} nor one of its oneOf`);
  }
  return {
    operationId: op.operationId,
    status,
    parameter: ext.parameter,
    default: schema.default,
    formats: ext.formats,
  };
}

const header = (what: string) =>
  `/**\n * ${what}\n * Generated from openapi.yaml by scripts/generate.ts. Do not edit: run \`npm run generate\`.\n ` +
  `*/\n`;

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
      ts.factory.createIntersectionTypeNode([
        ts.factory.createKeywordTypeNode(ts.SyntaxKind.StringKeyword),
        ts.factory.createTypeLiteralNode([]),
      ]),
    );
    open.set(
      alias,
      ts.factory.createUnionTypeNode(type.types.map((t) => (t.kind === ts.SyntaxKind.StringKeyword ? anyString : t))),
    );
    return undefined;
  };
  /** The root aliases (`export type ErrorCode = ...`) of the open enums, given their suggesting form. */
  const rewriteAliases = (nodes: ts.Node[]) => {
    const done = new Set<string>();
    const out = nodes.map((node) => {
      if (!ts.isTypeAliasDeclaration(node) || !open.has(node.name.text)) return node;
      done.add(node.name.text);
      return ts.factory.updateTypeAliasDeclaration(
        node,
        node.modifiers,
        node.name,
        node.typeParameters,
        open.get(node.name.text)!,
      );
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
  const operations: Record<
    string,
    { idempotent: boolean; repeatableWithout: string[] | null } & Record<string, unknown>
  > = {};
  const formats: Record<string, ResponseFormats> = {};
  for (const [path, item] of Object.entries<Record<string, Operation>>(spec.paths)) {
    for (const method of PATH_ITEM_METHODS) {
      const op = item[method];
      if (!op) continue;
      const key = `${method.toUpperCase()} ${path}`;
      const security = (op.security ?? globalSecurity).flatMap((req) => Object.keys(req));
      const idempotent = op["x-idempotent"] === true;
      const repeatableWithout = op["x-repeatable-without"] ?? null;
      if (repeatableWithout && idempotent)
        throw new Error(`${key}: x-repeatable-without qualifies x-idempotent: false only`);
      for (const location of repeatableWithout ?? []) {
        if (!/^[A-Za-z_$][\w$]*(\[\])?(\.[A-Za-z_$][\w$]*(\[\])?)*$/.test(location))
          throw new Error(`${key}: x-repeatable-without: ${location} is not a body location like messages[].parts`);
      }
      operations[key] = {
        operationId: op.operationId,
        idempotent,
        repeatableWithout,
        rateLimitGroup: op["x-rate-limit-group"] ?? null,
        security,
      };
      const selected = responseFormats(spec, key, op);
      if (selected) formats[key] = selected;
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
    if (!Number.isInteger(value) || value <= 0)
      throw new Error(`openapi.yaml: request limit ${name} is missing or not a positive integer`);
  }
  const syncFields = Object.fromEntries(
    ["SessionUpsert", "BatchSession", "MessageUpsert", "BatchMessage", "MessagePart"].map((name) => [
      name,
      propertyNames(spec, schemas[name]),
    ]),
  );
  const repeatableWrites = Object.entries(operations)
    .filter(([key, facts]) => !key.startsWith("GET ") && facts.idempotent)
    .map(([key]) => key);
  const repeatableWithout = Object.fromEntries(
    Object.entries(operations).flatMap(([key, facts]) =>
      facts.repeatableWithout ? [[key, facts.repeatableWithout]] : [],
    ),
  );
  const formatRuntime = Object.fromEntries(
    Object.entries(formats).map(([key, f]) => [
      key,
      {
        parameter: f.parameter,
        default: f.default,
        mediaTypes: Object.fromEntries(Object.entries(f.formats).map(([v, x]) => [v, x.mediaType])),
      },
    ]),
  );
  const formatBodies = Object.entries(formats)
    .map(([key, f]) => {
      const bodies = Object.entries(f.formats).map(([value, x]) => {
        const type = x.schema
          ? `components["schemas"][${JSON.stringify(x.schema)}]`
          : `operations[${JSON.stringify(f.operationId)}]["responses"][${f.status}]` +
            `["content"][${JSON.stringify(x.mediaType)}]`;
        return `    ${JSON.stringify(value)}: ${type};`;
      });
      return `  ${JSON.stringify(key)}: {\n${bodies.join("\n")}\n  };`;
    })
    .join("\n");
  return `${header("Runtime facts of the OpenSync contract.")}
import type { components, operations } from "./schema.js";

/**
 * Every error code this version of the contract defines (KnownErrorCode). The set is open: servers may add codes later,
 * so tolerate unknown ones.
 */
export const ERROR_CODES = ${json(errorCodes)} as const satisfies readonly components["schemas"]["KnownErrorCode"][];

/** The rate limits per route group (\`x-rate-limits\`), per API key. */
export const RATE_LIMITS = ${json(spec["x-rate-limits"])} as const;

export type RateLimitGroup = keyof typeof RATE_LIMITS;

/**
 * Deployed servers' skip windows (\`x-deployed-skip-windows\`): an unchanged-looking session update within
 * \`sessionMs\` of the session's last write, and a message write within \`messageMs\` of its createdAt, are skipped.
 */
export const DEPLOYED_SKIP_WINDOWS = ${json(spec["x-deployed-skip-windows"])} as const;

/**
 * The methods an OpenAPI path item can hold an operation under, as operation keys and the client's
 * functions name them (\`GET\`, \`POST\`, ...), whether or not this contract uses each.
 */
export const HTTP_METHODS = ${json(PATH_ITEM_METHODS.map((method) => method.toUpperCase()))} as const;

export interface OperationFacts {
  readonly operationId: string;
  /**
   * \`x-idempotent\`: repeating the request cannot lose or change data on deployed servers, so a
   * client may retry it after an unknown outcome (a timeout, a cut connection, a 5xx).
   */
  readonly idempotent: boolean;
  /**
   * \`x-repeatable-without\`, qualifying \`idempotent: false\`: body locations (\`messages[].parts\`:
   * the \`parts\` of any element of \`messages\`) whose presence, non-empty, makes a request unsafe
   * to repeat; a request with none of them is repeatable. null where the spec gives none.
   */
  readonly repeatableWithout: readonly string[] | null;
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

/** The writes that are repeatable only without the listed body locations (\`x-repeatable-without\`). */
export const REPEATABLE_WITHOUT: Partial<Record<OperationKey, readonly string[]>> = ${json(repeatableWithout)};

/**
 * The operations whose success body depends on a query parameter (\`x-response-formats\`): the
 * parameter, its default, and the media type each value selects.
 */
export const RESPONSE_FORMATS = ${json(formatRuntime)} as const satisfies Partial<
  Record<OperationKey, { parameter: string; default: string; mediaTypes: Record<string, string> }>
>;

/** The success body each value of that parameter selects (\`x-response-formats\`), as types. */
export interface ResponseFormatBodies {
${formatBodies}
}

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

/**
 * A schema's property names, following $ref, allOf and anyOf (the spec composes sync bodies that
 * way: SessionUpsert is one of two keyings of the same fields).
 */
function propertyNames(spec: any, node: any): string[] {
  const schema = deref(spec, node);
  if (!schema) throw new Error(`openapi.yaml: cannot follow ${node.$ref}`);
  const names = new Set<string>(Object.keys(schema.properties ?? {}));
  for (const part of [...(schema.allOf ?? []), ...(schema.anyOf ?? [])])
    for (const name of propertyNames(spec, part)) names.add(name);
  return [...names];
}

async function main() {
  const check = process.argv.includes("--check");
  const spec = loadSpec(specUrl);
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
    console.error(
      `Generated files are not up to date with openapi.yaml: ${stale.join(", ")}\nRun \`npm run generate\` and ` +
        `commit the result.`,
    );
    process.exit(1);
  }
  if (check) console.log("generated/ is up to date with openapi.yaml");
}

await main();
