/**
 * The contract itself: every example in openapi.yaml is valid against its schema, the error
 * contract carries everything the published error page defines, and the runtime facts in
 * generated/contract.ts agree with the spec.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { deref, operationAt, pointer } from "#spec/document.js";
import { createSpecValidator, describeErrors } from "#spec/validator.js";
import {
  DEPLOYED_SKIP_WINDOWS,
  ERROR_CODES,
  OPERATIONS,
  type OperationKey,
  RATE_LIMITS,
  REPEATABLE_WITHOUT,
  RESPONSE_FORMATS,
} from "../generated/contract.js";

const validator = createSpecValidator();
const spec = validator.spec;
/** The API's published error page, as published (vendored: the tests read nothing outside the repository). */
const errorPage = readFileSync(new URL("fixtures/error-page.txt", import.meta.url), "utf8");
/** Its SHA-256 as published: an edited copy would make these tests check against something else. */
const ERROR_PAGE_SHA256 = "90d78ee488ceb5180bfe0c3b63d902bd1aba1742dbd8985d0159cb97a19e23b8";
const OPERATION_KEYS = Object.keys(OPERATIONS) as OperationKey[];

interface ExampleCase {
  where: string;
  schemaPointer: string;
  value: unknown;
}

/** Every (example, schema) pair in the document: media types, parameters, headers and schemas. */
function collectExamples(): ExampleCase[] {
  const cases: ExampleCase[] = [];
  const fromHolder = (holder: any, keys: (string | number)[]) => {
    if (!holder?.schema) return;
    const schemaPointer = pointer(...keys, "schema");
    if ("example" in holder) cases.push({ where: pointer(...keys), schemaPointer, value: holder.example });
    for (const [name, ex] of Object.entries<any>(holder.examples ?? {})) {
      cases.push({ where: pointer(...keys, "examples", name), schemaPointer, value: ex.value });
    }
  };
  const fromContent = (content: any, keys: (string | number)[]) => {
    for (const mediaType of Object.keys(content ?? {})) fromHolder(content[mediaType], [...keys, "content", mediaType]);
  };
  const fromResponse = (response: any, keys: (string | number)[]) => {
    if (!response || response.$ref) return;
    fromContent(response.content, keys);
    for (const [name, header] of Object.entries<any>(response.headers ?? {})) {
      if (!header.$ref) fromHolder(header, [...keys, "headers", name]);
    }
  };
  for (const key of OPERATION_KEYS) {
    const { method, path, operation: op } = operationAt(spec, key);
    const base = ["paths", path, method.toLowerCase()];
    for (const [i, p] of (op.parameters ?? []).entries()) if (!p.$ref) fromHolder(p, [...base, "parameters", i]);
    if (op.requestBody) fromContent(op.requestBody.content, [...base, "requestBody"]);
    for (const [status, response] of Object.entries(op.responses))
      fromResponse(response, [...base, "responses", status]);
  }
  for (const [name, p] of Object.entries(spec.components.parameters ?? {}))
    fromHolder(p, ["components", "parameters", name]);
  for (const [name, h] of Object.entries(spec.components.headers ?? {})) fromHolder(h, ["components", "headers", name]);
  for (const [name, r] of Object.entries(spec.components.responses ?? {}))
    fromResponse(r, ["components", "responses", name]);
  const walkSchema = (schema: any, keys: (string | number)[]) => {
    if (!schema || typeof schema !== "object") return;
    if ("example" in schema)
      cases.push({ where: pointer(...keys), schemaPointer: pointer(...keys), value: schema.example });
    if (Array.isArray(schema.examples)) {
      for (const [i, value] of schema.examples.entries()) {
        cases.push({ where: pointer(...keys, "examples", i), schemaPointer: pointer(...keys), value });
      }
    }
    for (const [k, v] of Object.entries<any>(schema)) {
      if (k === "properties" || k === "$defs")
        for (const [prop, sub] of Object.entries(v)) walkSchema(sub, [...keys, k, prop]);
      else if (["items", "additionalProperties", "not", "contentSchema"].includes(k)) walkSchema(v, [...keys, k]);
      else if (["allOf", "oneOf", "anyOf"].includes(k))
        for (const [i, sub] of v.entries()) walkSchema(sub, [...keys, k, i]);
    }
  };
  for (const [name, schema] of Object.entries(spec.components.schemas))
    walkSchema(schema, ["components", "schemas", name]);
  return cases;
}

describe("examples", () => {
  const cases = collectExamples();

  it("finds the examples of every operation and component", () => {
    // One per operation's 200, one per request body, one per error response, plus schema examples.
    expect(cases.length).toBeGreaterThan(40);
    const successExamples = cases.filter((c) => /\/responses\/200\/content\//.test(c.where));
    expect(successExamples.length).toBeGreaterThanOrEqual(OPERATION_KEYS.length);
  });

  it.each(cases.map((c) => [c.where, c] as const))("%s is valid against its schema", (_where, c) => {
    const validate = validator.at(c.schemaPointer);
    expect(validate(c.value), describeErrors(validate.errors)).toBe(true);
  });
});

describe("error contract from the published error page", () => {
  const errorSchema = spec.components.schemas.ErrorResponse;
  const responses = spec.components.responses;

  it("vendors the published error page unchanged", () => {
    const sha256 = createHash("sha256").update(errorPage).digest("hex");
    expect(sha256, "test/fixtures/error-page.txt differs from the published page: copy it again, unedited").toBe(
      ERROR_PAGE_SHA256,
    );
  });

  it("defines the envelope { error: { code, message } } with both required", () => {
    expect(errorSchema.required).toEqual(["error"]);
    expect(errorSchema.properties.error.required).toEqual(["code", "message"]);
    expect(errorSchema.properties.error.properties.code.$ref).toBe("#/components/schemas/ErrorCode");
  });

  it("keeps the set of codes open: the known codes enumerated, or any other string", () => {
    const code = validator.at(pointer("components", "schemas", "ErrorCode"));
    expect(spec.components.schemas.ErrorCode.anyOf).toEqual([
      { $ref: "#/components/schemas/KnownErrorCode" },
      expect.objectContaining({ type: "string" }),
    ]);
    expect(spec.components.schemas.ErrorCode.description).toMatch(/unknown code/);
    expect(spec.components.schemas.KnownErrorCode.enum).toEqual([...ERROR_CODES]);
    for (const known of ERROR_CODES) expect(code(known)).toBe(true);
    expect(code("QUOTA_EXCEEDED")).toBe(true);
    expect(code(42)).toBe(false);
    const envelope = validator.at(pointer("components", "schemas", "ErrorResponse"));
    expect(envelope({ error: { code: "QUOTA_EXCEEDED", message: "Monthly quota used up" } })).toBe(true);
  });

  it("has every code of the published error page, plus FORBIDDEN and INTERNAL_ERROR", () => {
    const pageCodes = [...errorPage.matchAll(/"code": "([A-Z_]+)"/g)].map((m) => m[1]);
    expect(new Set(pageCodes)).toEqual(new Set(["UNAUTHORIZED", "INVALID_REQUEST", "NOT_FOUND", "RATE_LIMITED"]));
    expect(ERROR_CODES).toEqual(expect.arrayContaining([...pageCodes, "FORBIDDEN", "INTERNAL_ERROR"]));
    expect(ERROR_CODES).toHaveLength(6);
  });

  it("declares a shared response for every error status of the published error page", () => {
    const pageStatuses = [...errorPage.matchAll(/^(\d{3})[A-Z]/gm)].map((m) => Number(m[1]));
    expect(pageStatuses).toEqual([200, 400, 401, 403, 404, 429, 500]);
    const byStatus: Record<number, string> = {
      400: "BadRequest",
      401: "Unauthorized",
      403: "Forbidden",
      404: "SessionNotFound",
      429: "RateLimited",
      500: "InternalError",
    };
    for (const status of pageStatuses.filter((s) => s >= 400)) {
      const response = responses[byStatus[status]!];
      expect(response, `response for ${status}`).toBeDefined();
      expect(response.content["application/json"].schema.$ref).toBe("#/components/schemas/ErrorResponse");
    }
  });

  it("uses the published error page's exact example messages", () => {
    const pageExamples = [...errorPage.matchAll(/"code": "([A-Z_]+)",\s*"message": "([^"]+)"/g)].map((m) => ({
      code: m[1],
      message: m[2],
    }));
    expect(pageExamples.length).toBeGreaterThanOrEqual(4);
    const specExamples = Object.values<any>(responses).map((r) => r.content["application/json"].example.error);
    for (const example of pageExamples) expect(specExamples).toContainEqual(example);
  });

  it("declares Retry-After on 429 in both its forms: delay-seconds (at least 1) or an HTTP date", () => {
    expect(responses.RateLimited.headers["Retry-After"].$ref).toBe("#/components/headers/RetryAfter");
    const retryAfter = validator.at(pointer("components", "headers", "RetryAfter", "schema"));
    expect(retryAfter(1)).toBe(true);
    expect(retryAfter(120)).toBe(true);
    expect(retryAfter("Wed, 21 Oct 2026 07:28:00 GMT")).toBe(true);
    expect(retryAfter(0)).toBe(false);
    expect(retryAfter(1.5)).toBe(false);
    expect(retryAfter("soon")).toBe(false);
  });

  it("makes every authenticated operation reference 400, 401, 429 and 500 through the shared responses", () => {
    for (const [key, facts] of Object.entries(OPERATIONS)) {
      const op = operationAt(spec, key).operation;
      if (facts.security.length === 0) continue;
      for (const status of ["400", "401", "429", "500"]) {
        expect(op.responses[status]?.$ref, `${key} ${status}`).toMatch(/^#\/components\/responses\//);
      }
    }
  });

  it("documents the status table, every code with its fix, the retry strategy and the rate limits", () => {
    const guide: string = spec.info.description;
    for (const code of ERROR_CODES) expect(guide).toContain(`\`${code}\``);
    for (const status of [200, 400, 401, 403, 404, 429, 500]) expect(guide).toMatch(new RegExp(`\\| ${status} \\|`));
    expect(guide).toContain("Check that your API key is valid and included in the Authorization header.");
    expect(guide).toMatch(/exponential backoff/);
    expect(guide).toMatch(/Retry-After/);
    expect(guide).toMatch(/100 requests\/min/);
    expect(guide).toMatch(/60 requests\/min/);
    expect(guide).toMatch(/30 requests\/min/);
  });
});

describe("retry and rate-limit policy derived from the spec", () => {
  it("lists every operation of the spec", () => {
    // Found by shape, not from a list of methods: whatever a path item holds with responses is an operation.
    const keys = Object.entries<Record<string, any>>(spec.paths).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([, value]) => typeof value === "object" && value !== null && "responses" in value)
        .map(([method]) => `${method.toUpperCase()} ${path}`),
    );
    expect(Object.keys(OPERATIONS).sort()).toEqual(keys.sort());
    expect(keys).toHaveLength(12);
  });

  it("marks the single /sync/* upserts idempotent, from x-idempotent", () => {
    for (const path of ["/sync/session", "/sync/message"]) {
      expect(spec.paths[path]!.post["x-idempotent"]).toBe(true);
      expect(OPERATIONS[`POST ${path}` as keyof typeof OPERATIONS].idempotent).toBe(true);
      expect(OPERATIONS[`POST ${path}` as keyof typeof OPERATIONS].repeatableWithout).toBeNull();
    }
  });

  it("marks /sync/batch repeatable only without message parts (deployed servers delete the parts of a message a batch updates)", () => {
    const op = spec.paths["/sync/batch"]!.post;
    expect(op["x-idempotent"]).toBe(false);
    expect(op["x-repeatable-without"]).toEqual(["messages[].parts"]);
    expect(OPERATIONS["POST /sync/batch"]).toMatchObject({
      idempotent: false,
      repeatableWithout: ["messages[].parts"],
    });
    expect(REPEATABLE_WITHOUT).toEqual({ "POST /sync/batch": ["messages[].parts"] });
    expect(op.description).toMatch(/x-repeatable-without/);
    expect(spec.info.description).toMatch(/x-repeatable-without/);
  });

  it("every x-repeatable-without location names a property of the request body schema", () => {
    /** A schema's properties, its allOf members' included. */
    const propertiesOf = (schema: any): Record<string, any> =>
      Object.assign(
        {},
        ...(schema.allOf ?? []).map((member: any) => propertiesOf(deref(spec, member))),
        schema.properties ?? {},
      );
    for (const [key, facts] of Object.entries(OPERATIONS)) {
      const body = operationAt(spec, key).operation.requestBody;
      for (const location of facts.repeatableWithout ?? []) {
        let schema = deref(spec, body.content["application/json"].schema);
        for (const step of location.split(".")) {
          const name = step.replace(/\[\]$/, "");
          const property = propertiesOf(schema)[name];
          expect(property, `${key}: ${location} at ${step}`).toBeDefined();
          schema = deref(spec, property);
          if (step.endsWith("[]")) {
            expect(schema.type, `${key}: ${step} is an array`).toBe("array");
            schema = deref(spec, schema.items);
          }
        }
      }
    }
  });

  it("x-response-formats names, for every format value, a media type the success response declares", () => {
    for (const [key, formats] of Object.entries(RESPONSE_FORMATS)) {
      const op = operationAt(spec, key).operation;
      const content = op.responses["200"].content;
      const param = op.parameters.map((p: any) => deref(spec, p)).find((p: any) => p.name === formats.parameter);
      const enumValues = deref(spec, param.schema).enum;
      expect(Object.keys(formats.mediaTypes).sort()).toEqual([...enumValues].sort());
      expect(formats.default).toBe(deref(spec, param.schema).default);
      for (const mediaType of Object.values(formats.mediaTypes)) expect(Object.keys(content)).toContain(mediaType);
      // Every media type of the response is reachable by some format.
      expect([...new Set(Object.values(formats.mediaTypes))].sort()).toEqual(Object.keys(content).sort());
    }
    expect(Object.keys(RESPONSE_FORMATS).sort()).toEqual(["GET /api/export", "GET /api/export/evals"]);
  });

  it("puts each route in the documented rate-limit group", () => {
    expect(RATE_LIMITS).toEqual({
      sync: { limit: 100, windowSeconds: 60 },
      api: { limit: 60, windowSeconds: 60 },
      search: { limit: 30, windowSeconds: 60 },
    });
    for (const [key, facts] of Object.entries(OPERATIONS)) {
      const { path } = operationAt(spec, key);
      const expected =
        path === "/health"
          ? null
          : path.startsWith("/sync/")
            ? "sync"
            : ["/api/search", "/api/context"].includes(path)
              ? "search"
              : "api";
      expect(facts.rateLimitGroup, key).toBe(expected);
    }
  });

  it("declares deployed servers' skip windows once, as the /sync operations describe them", () => {
    expect(DEPLOYED_SKIP_WINDOWS).toEqual(spec["x-deployed-skip-windows"]);
    const seconds = (ms: number) => `${ms / 1000} s`;
    const session = operationAt(spec, "POST /sync/session").operation.description as string;
    expect(session).toContain(`Updates skipped within ${seconds(DEPLOYED_SKIP_WINDOWS.sessionMs)}`);
    const batch = operationAt(spec, "POST /sync/batch").operation.description as string;
    expect(batch).toContain(`Sessions skipped within ${seconds(DEPLOYED_SKIP_WINDOWS.sessionMs)}`);
    const info = spec.info.description as string;
    expect(info).toContain(
      `${seconds(DEPLOYED_SKIP_WINDOWS.sessionMs)} and ${seconds(DEPLOYED_SKIP_WINDOWS.messageMs)} windows`,
    );
  });

  it("records the credentials each operation accepts", () => {
    expect(OPERATIONS["GET /health"].security).toEqual([]);
    expect(OPERATIONS["GET /sync/sessions/list"].security).toEqual(["ApiKey"]);
    expect(OPERATIONS["GET /api/export/evals"].security).toEqual(["WorkOSToken"]);
    expect(OPERATIONS["GET /api/sessions"].security).toEqual(["ApiKey", "WorkOSToken"]);
  });
});

describe("schemas", () => {
  const v = (name: string) => validator.at(pointer("components", "schemas", name));

  it("bounds limit on /api/sessions to 1..200, default 50", () => {
    const limit = spec.paths["/api/sessions"]!.get.parameters.find((p: any) => p.name === "limit");
    expect(limit.schema).toMatchObject({ type: "integer", minimum: 1, maximum: 200, default: 50 });
  });

  it("rejects a batch item with a key servers reject", () => {
    expect(v("BatchSession")({ externalId: "s1", title: "t" })).toBe(true);
    expect(v("BatchSession")({ externalId: "s1", createdAt: 1 })).toBe(false);
    expect(v("BatchMessage")({ sessionExternalId: "s1", externalId: "m1", role: "user", createdAt: 1 })).toBe(false);
  });

  it("accepts only {type, content} parts with non-null content from clients", () => {
    for (const content of ["text", 0, false, { name: "bash", args: {} }, [1, "two"]]) {
      expect(v("MessagePart")({ type: "tool-call", content }), JSON.stringify(content)).toBe(true);
    }
    expect(v("MessagePart")({ type: "tool-call", toolName: "bash", args: {} })).toBe(false);
    expect(v("MessagePart")({ type: "text", content: null })).toBe(false);
    expect(v("MessagePart")({ type: "", content: "x" })).toBe(false);
  });

  it("returns stored parts as servers hold them: null content and empty types included", () => {
    expect(v("StoredMessagePart")({ type: "text", content: null })).toBe(true);
    expect(v("StoredMessagePart")({ type: "", content: "x" })).toBe(true);
    expect(v("StoredMessagePart")({ type: "text" })).toBe(false);
  });

  it("types numbers in responses as any number, as deployed servers return them", () => {
    const summary = {
      id: "a",
      externalId: "e",
      promptTokens: 1.5,
      completionTokens: -2,
      totalTokens: -0.5,
      cost: -0.01,
      durationMs: 12.25,
      isPublic: false,
      messageCount: 2,
      createdAt: 1767225600000.5,
      updatedAt: 1767225600001,
    };
    expect(v("SessionSummary")(summary)).toBe(true);
    const stats = {
      sessionCount: 1,
      messageCount: 2.5,
      totalTokens: 1.5,
      totalCost: -1,
      totalDurationMs: 0.5,
      modelUsage: { m: { tokens: 1.5, cost: 0.1, sessions: 1 } },
    };
    expect(v("Stats")(stats)).toBe(true);
    // Counts the server makes as it answers stay whole.
    expect(v("Stats")({ ...stats, sessionCount: 1.5 })).toBe(false);
  });

  it("tells search hits apart by shape", () => {
    const hit = v("SearchHit");
    expect(hit({ id: "a", externalId: "e", totalTokens: 1, cost: 0, messageCount: 1, createdAt: 1 })).toBe(true);
    expect(
      hit({
        _id: "a",
        externalId: "e",
        totalTokens: 1,
        cost: 0,
        isPublic: false,
        messageCount: 1,
        createdAt: 1,
        updatedAt: 1,
      }),
    ).toBe(true);
    expect(hit({ externalId: "e" })).toBe(false);
  });

  it("rejects unknown roles and negative token counts", () => {
    const msg = v("MessageUpsert");
    expect(msg({ sessionExternalId: "s", externalId: "m", role: "robot" })).toBe(false);
    expect(msg({ sessionExternalId: "s", externalId: "m", role: "user", promptTokens: -1 })).toBe(false);
    expect(msg({ sessionExternalId: "s", externalId: "m", role: "user", promptTokens: 3 })).toBe(true);
  });
});
