/**
 * Every bound the spec declares on what clients send is enforced by the sandbox. The bounds are
 * found by walking each operation's request body and query parameters in openapi.yaml (nothing is
 * listed by hand); each one is sent just past its limit, which must get the 400 envelope naming
 * the field, and at its limit, which must be accepted, with everything else in the request valid.
 * Inside a /sync/batch item the contract reports the failure in the 200's `errors` instead.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deref, loadSpec } from "#spec/document.js";
import { OPERATIONS, type OperationKey } from "../../generated/contract.js";
import { type RunningSandbox, startSandbox } from "../../sandbox/index.js";

const spec = loadSpec();
const BOUND_KEYWORDS = [
  "minLength",
  "maxLength",
  "minItems",
  "maxItems",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
] as const;
type Keyword = (typeof BOUND_KEYWORDS)[number];
type Path = (string | number)[];
/** The sandbox's body limit (the spec's PayloadTooLarge): an at-the-limit request must fit in it. */
const MAX_BODY = 1024 * 1024;

interface Bound {
  key: OperationKey;
  in: "query" | "body";
  path: Path;
  keyword: Keyword;
  limit: number;
  schema: any;
}

/** Every bound keyword on a schema and everything inside it, with the instance path it applies to. */
function boundsOf(node: any, path: Path, found: Omit<Bound, "key" | "in">[] = []): Omit<Bound, "key" | "in">[] {
  const schema = deref(spec, node);
  if (!schema || typeof schema !== "object") return found;
  for (const keyword of BOUND_KEYWORDS) {
    if (typeof schema[keyword] === "number") found.push({ path, keyword, limit: schema[keyword], schema });
  }
  for (const part of [...(schema.allOf ?? []), ...(schema.anyOf ?? []), ...(schema.oneOf ?? [])])
    boundsOf(part, path, found);
  for (const [name, property] of Object.entries(schema.properties ?? {})) boundsOf(property, [...path, name], found);
  if (schema.items && typeof schema.items === "object") boundsOf(schema.items, [...path, 0], found);
  return found;
}

function declaredBounds(): Bound[] {
  const bounds: Bound[] = [];
  for (const key of Object.keys(OPERATIONS) as OperationKey[]) {
    const [method, path] = key.split(" ") as [string, string];
    const op = spec.paths[path][method.toLowerCase()];
    for (const param of (op.parameters ?? []).map((p: any) => deref(spec, p))) {
      if (param.in !== "query") continue;
      for (const b of boundsOf(param.schema, [param.name])) bounds.push({ key, in: "query", ...b });
    }
    const body = op.requestBody?.content?.["application/json"]?.schema;
    if (body) for (const b of boundsOf(body, [])) bounds.push({ key, in: "body", ...b });
  }
  // allOf can reach the same keyword twice; keep one of each.
  const unique = new Map(bounds.map((b) => [`${b.key} ${b.in} ${b.path.join(".")} ${b.keyword}`, b]));
  return [...unique.values()];
}

/** The smallest valid value of a schema: required properties only, minimal lengths and numbers. */
function minimal(node: any): unknown {
  const schema = deref(spec, node);
  if (schema.allOf) return Object.assign({}, ...schema.allOf.map(minimal));
  if (schema.enum) return schema.enum[0];
  if (schema.const !== undefined) return schema.const;
  if (schema.example !== undefined && schema.format) return schema.example;
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if (type === "object")
    return Object.fromEntries((schema.required ?? []).map((name: string) => [name, minimal(schema.properties[name])]));
  if (type === "string") return "x".repeat(Math.max(1, schema.minLength ?? 0));
  if (type === "integer" || type === "number") return schema.minimum ?? 0;
  if (type === "boolean") return false;
  if (type === "array") return [];
  return 0;
}

/** `["messages", 0, "parts", 0, "content"]` → `messages[0].parts[0].content`, as the sandbox names fields. */
const fieldName = (path: Path) =>
  path.reduce<string>((out, p) => (typeof p === "number" ? `${out}[${p}]` : out ? `${out}.${p}` : p), "");

/** The value just past the limit (`over`) and at it (`at`). */
function values(bound: Bound, current: unknown): { over: unknown; at: unknown } {
  const { keyword, limit, schema } = bound;
  const whole = schema.type === "integer";
  const step = whole ? 1 : Math.max(Math.abs(limit) * 1e-9, 1e-6);
  switch (keyword) {
    case "maxLength":
      // A string with a format (a date) is at its limit as its example; past it, one character more.
      return schema.format
        ? { over: `${schema.example}x`, at: schema.example }
        : { over: "x".repeat(limit + 1), at: "x".repeat(limit) };
    case "minLength":
      return { over: "x".repeat(limit - 1), at: "x".repeat(limit) };
    case "maxItems":
    case "minItems": {
      // Repeat the smallest valid item, so that even thousands fit in the body limit.
      const item =
        schema.items && Object.keys(schema.items).length > 0
          ? minimal(schema.items)
          : Array.isArray(current)
            ? current[0]
            : 0;
      const n = keyword === "maxItems" ? limit + 1 : limit - 1;
      return {
        over: Array.from({ length: n }, () => structuredClone(item)),
        at: Array.from({ length: limit }, () => structuredClone(item)),
      };
    }
    case "maximum":
      return { over: limit + step, at: limit };
    case "minimum":
      return { over: limit - step, at: limit };
    case "exclusiveMaximum":
      return { over: limit, at: limit - step };
    case "exclusiveMinimum":
      return { over: limit, at: limit + step };
  }
}

function setAt(target: any, path: Path, value: unknown): void {
  let at = target;
  for (const step of path.slice(0, -1)) {
    if (at[step] === undefined) at[step] = {};
    at = at[step];
  }
  at[path[path.length - 1]!] = value;
}

const getAt = (target: any, path: Path): unknown => path.reduce((at, step) => at?.[step], target);

/** The operation's valid request from the spec's examples: its request body example and required query parameters. */
function baseRequest(key: OperationKey): { query: Record<string, unknown>; body: unknown } {
  const [method, path] = key.split(" ") as [string, string];
  const op = spec.paths[path][method.toLowerCase()];
  const query: Record<string, unknown> = {};
  for (const param of (op.parameters ?? []).map((p: any) => deref(spec, p))) {
    if (param.in === "query" && param.required) query[param.name] = param.example;
  }
  return { query, body: structuredClone(op.requestBody?.content?.["application/json"]?.example) };
}

/** Inside a batch item, a bad field fails its array in the 200's `errors` (the spec's /sync/batch). */
const inBatchItem = (bound: Bound) => bound.key === "POST /sync/batch" && bound.in === "body" && bound.path.length > 2;

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ rateLimits: false });
});
afterAll(async () => {
  await sandbox.close();
});

async function send(bound: Bound, value: unknown): Promise<{ status: number; body: any; bytes: number }> {
  const [method, path] = bound.key.split(" ") as [string, string];
  const { query, body } = baseRequest(bound.key);
  if (bound.in === "query") query[bound.path[0] as string] = value;
  else setAt(body, bound.path, value);
  const url = new URL(path, sandbox.url);
  for (const [name, v] of Object.entries(query)) url.searchParams.set(name, String(v));
  const credential = (OPERATIONS[bound.key].security as readonly string[]).includes("ApiKey")
    ? sandbox.apiKey
    : sandbox.workosToken;
  const text = body === undefined ? undefined : JSON.stringify(body);
  const res = await fetch(url, {
    method,
    headers: { authorization: `Bearer ${credential}`, "content-type": "application/json" },
    body: text,
  });
  const answer = await res.text();
  return {
    status: res.status,
    body: answer.startsWith("{") || answer.startsWith("[") ? JSON.parse(answer) : answer,
    bytes: text?.length ?? 0,
  };
}

const bounds = declaredBounds();

describe("bounds declared on requests", () => {
  it("finds the bounds of bodies and query parameters, down to batch items and part content", () => {
    const names = new Set(bounds.map((b) => `${b.key} ${fieldName(b.path)} ${b.keyword}`));
    // A few the walk must reach, one per kind of place a bound can sit.
    for (const expected of [
      "GET /api/sessions limit maximum",
      "GET /api/search q maxLength",
      "GET /api/export/evals date_from maxLength",
      "POST /sync/session createdAt maximum",
      "POST /sync/message parts[0].content maxLength",
      "POST /sync/message parts[0].content maxItems",
      "POST /sync/batch messages maxItems",
      "POST /sync/batch sessions[0].title maxLength",
    ]) {
      expect(names, expected).toContain(expected);
    }
    expect(bounds.length).toBeGreaterThan(80);
  });

  it.each(bounds.map((b) => [`${b.key} ${fieldName(b.path)} ${b.keyword} ${b.limit}`, b] as const))(
    "%s: refused past the limit, accepted at it",
    async (_name, bound) => {
      const current = getAt(
        bound.in === "query" ? baseRequest(bound.key).query : baseRequest(bound.key).body,
        bound.path,
      );
      const { over, at } = values(bound, current);
      const field = fieldName(bound.in === "body" && inBatchItem(bound) ? bound.path.slice(2) : bound.path);

      const refused = await send(bound, over);
      expect(refused.bytes, "the past-the-limit request fits in the body limit").toBeLessThanOrEqual(MAX_BODY);
      if (inBatchItem(bound)) {
        expect(refused.status).toBe(200);
        const [array] = bound.path as [string];
        expect(refused.body.errors).toHaveLength(1);
        expect(refused.body.errors[0]).toContain(`${array}[0]: `);
        expect(refused.body.errors[0]).toContain(field);
      } else {
        expect(refused.status).toBe(400);
        expect(refused.body.error.code).toBe("INVALID_REQUEST");
        expect(refused.body.error.message).toContain(field);
      }

      const accepted = await send(bound, at);
      if (accepted.bytes > MAX_BODY) return; // only the body limit stands between the two
      if (bound.key === "GET /api/sessions" && bound.path[0] === "cursor") {
        // Any cursor this long is well-formed; this one is simply not one the server issued.
        expect(accepted.body.error.message).toBe("Invalid query parameter: cursor is not one this server issued");
        return;
      }
      // 404: the request was valid, and names a session (or eval data) the sandbox does not hold.
      expect([200, 404], JSON.stringify(accepted.body).slice(0, 300)).toContain(accepted.status);
      if (inBatchItem(bound)) expect(accepted.body.errors).toEqual([]);
    },
  );

  it("names every JSON type a part's content may have when it is null", async () => {
    const res = await fetch(new URL("/sync/message", sandbox.url), {
      method: "POST",
      headers: { authorization: `Bearer ${sandbox.apiKey}`, "content-type": "application/json" },
      body: JSON.stringify({
        sessionExternalId: "s",
        externalId: "s:1",
        role: "user",
        parts: [{ type: "text", content: null }],
      }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: {
        code: "INVALID_REQUEST",
        message: "Invalid field: parts[0].content must be string, number, boolean, object or array",
      },
    });
  });
});
