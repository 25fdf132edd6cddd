/**
 * Request validation compiled from openapi.yaml: each operation's parameters and body schema are
 * taken from the spec and compiled with ajv, so the sandbox cannot disagree with the contract.
 * Messages follow the published error page's style ("Missing required field: sessionExternalId").
 */
import type { ErrorObject, ValidateFunction } from "ajv/dist/2020.js";
import { OPERATIONS, type OperationKey } from "opensync-api/contract";
import { deref, type OpenApiDocument, pointer } from "#spec/document.js";
import { createSpecValidator, type SpecValidator } from "#spec/validator.js";

interface ParameterCheck {
  name: string;
  required: boolean;
  type: string | undefined;
  validate: ValidateFunction;
}

export interface OperationChecks {
  key: OperationKey;
  method: string;
  path: string;
  query: ParameterCheck[];
  /** The request body's validator, when the operation takes one. */
  body: ValidateFunction | undefined;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

export function compileOperations(
  validator: SpecValidator = createSpecValidator(),
): Map<OperationKey, OperationChecks> {
  const { spec } = validator;
  const resolve = (node: any) => deref(spec, node);
  const checks = new Map<OperationKey, OperationChecks>();
  for (const key of Object.keys(OPERATIONS) as OperationKey[]) {
    const [method, path] = key.split(" ") as [string, string];
    const op = spec.paths[path][method.toLowerCase()];
    const query = (op.parameters ?? [])
      .map(resolve)
      .filter((p: any) => p.in === "query")
      .map((p: any) => ({
        name: p.name,
        required: p.required === true,
        type: resolve(p.schema)?.type,
        validate: validator.schema(p.schema),
      }));
    const hasBody = op.requestBody?.content?.["application/json"]?.schema !== undefined;
    const body = hasBody
      ? validator.at(
          pointer("paths", path, method.toLowerCase(), "requestBody", "content", "application/json", "schema"),
        )
      : undefined;
    checks.set(key, { key, method, path, query, body });
  }
  return checks;
}

/** Query values are strings on the wire: coerce each to its schema's type, then validate it. */
export function checkQuery(checks: OperationChecks, params: URLSearchParams): Checked<Record<string, unknown>> {
  const query: Record<string, unknown> = {};
  for (const param of checks.query) {
    const raw = params.get(param.name);
    if (raw === null) {
      if (param.required) return { ok: false, message: `Missing required query parameter: ${param.name}` };
      continue;
    }
    const value = coerce(raw, param.type);
    if (!param.validate(value))
      return { ok: false, message: `Invalid query parameter: ${param.name} ${describe(param.validate.errors)}` };
    query[param.name] = value;
  }
  return { ok: true, value: query };
}

function coerce(raw: string, type: string | undefined): unknown {
  if (type === "integer" && /^-?\d+$/.test(raw)) return Number(raw);
  if (type === "number" && raw.trim() !== "" && !Number.isNaN(Number(raw))) return Number(raw);
  if (type === "boolean" && (raw === "true" || raw === "false")) return raw === "true";
  return raw;
}

/** The most useful single sentence for a failed validation: missing, then unknown, then wrong. */
export function bodyError(errors: ErrorObject[] | null | undefined): string {
  const all = withoutAlternativeKeys(errors ?? []);
  const missing = all.find((e) => e.keyword === "required");
  if (missing) return `Missing required field: ${fieldPath(missing.instancePath, missing.params.missingProperty)}`;
  const unknown = all.find((e) => e.keyword === "unevaluatedProperties" || e.keyword === "additionalProperties");
  if (unknown)
    return (
      `Unknown field: ` +
      `${fieldPath(unknown.instancePath, unknown.params.unevaluatedProperty ?? unknown.params.additionalProperty)}`
    );
  const first = alternative(all, all.find((e) => e.keyword !== "allOf" && e.keyword !== "oneOf") ?? all[0]);
  if (!first) return "Invalid request body";
  return first.instancePath
    ? `Invalid field: ${fieldPath(first.instancePath)} ${describe([first])}`
    : `Invalid request body: ${describe([first])}`;
}

/**
 * A body keyed one of several ways (SessionUpsert: `externalId`, or `sessionId`) fails each way
 * it does not use for lack of that key. That says nothing when something else is wrong: the
 * missing keys of the alternatives count only when nothing else failed.
 */
function withoutAlternativeKeys(all: ErrorObject[]): ErrorObject[] {
  const isAlternativeKey = (e: ErrorObject) => e.keyword === "required" && /\/anyOf\/\d+\//.test(e.schemaPath);
  const rest = all.filter((e) => !isAlternativeKey(e) && !(e.keyword === "anyOf" && e.instancePath === ""));
  return rest.length > 0 && rest.length < all.length ? rest : all;
}

/**
 * A value that fits no branch of an anyOf (one branch per JSON type) fails each branch in turn.
 * "must be string" misleads when the value is an array past its maxItems: name the branch that
 * matched its type and failed on something else, or else every type the value may have.
 */
function alternative(all: ErrorObject[], first: ErrorObject | undefined): ErrorObject | undefined {
  if (first?.keyword !== "type") return first;
  const here = all.filter(
    (e) => e.instancePath === first.instancePath && e.keyword !== "anyOf" && e.keyword !== "oneOf",
  );
  const bound = here.find((e) => e.keyword !== "type");
  if (bound) return bound;
  const types = here.map((e) => String(e.params.type));
  return types.length > 1
    ? { ...first, message: `must be ${types.slice(0, -1).join(", ")} or ${types[types.length - 1]}` }
    : first;
}

function describe(errors: ErrorObject[] | null | undefined): string {
  const e = errors?.[0];
  if (!e) return "is invalid";
  if (e.keyword === "enum") return `must be one of ${(e.params.allowedValues as unknown[]).join(", ")}`;
  return e.message ?? "is invalid";
}

/** `/sessions/0/externalId` → `sessions[0].externalId` */
function fieldPath(instancePath: string, leaf?: string): string {
  const parts = instancePath.split("/").filter(Boolean);
  if (leaf) parts.push(leaf);
  return parts.reduce((out, p) => (/^\d+$/.test(p) ? `${out}[${p}]` : out ? `${out}.${p}` : p), "");
}

/**
 * The body check of /sync/batch: BatchUpsert without its item schemas. A bad item fails its
 * array inside a 200, as the spec says, so the pipeline checks only the outer shape.
 */
export function batchBodyValidator(validator: SpecValidator): ValidateFunction {
  return validator.schema(shallowBatchSchema(validator.spec));
}

function shallowBatchSchema(spec: OpenApiDocument): object {
  const schema = structuredClone(spec.components.schemas.BatchUpsert);
  for (const name of ["sessions", "messages"]) schema.properties[name].items = {};
  return schema;
}
