/** The generated types give the shapes the spec defines. */
import { describe, expectTypeOf, it } from "vitest";
import type { ERROR_CODES, OPERATIONS } from "../generated/contract.js";
import type {
  components,
  ErrorCode,
  ErrorResponse as ErrorEnvelope,
  KnownErrorCode,
  Message,
  MessagePart,
  paths,
  SearchHit,
  SessionSummary,
  StoredMessagePart,
} from "../generated/schema.js";

type Json<P extends keyof paths, M extends keyof paths[P], S extends number> = paths[P][M] extends {
  responses: { [K in S]: { content: { "application/json": infer B } } };
}
  ? B
  : never;

describe("generated schema types", () => {
  it("types the 200 body of GET /api/sessions as a list of SessionSummary with an optional cursor", () => {
    type Body = Json<"/api/sessions", "get", 200>;
    expectTypeOf<Body>().toEqualTypeOf<components["schemas"]["SessionList"]>();
    expectTypeOf<Body["sessions"]>().toEqualTypeOf<SessionSummary[]>();
    expectTypeOf<Body["nextCursor"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<SessionSummary["id"]>().toEqualTypeOf<string>();
    expectTypeOf<SessionSummary["title"]>().toEqualTypeOf<string | undefined>();
  });

  it("lists the six known codes, and keeps the error code open to newer ones", () => {
    expectTypeOf<KnownErrorCode>().toEqualTypeOf<
      "UNAUTHORIZED" | "INVALID_REQUEST" | "FORBIDDEN" | "NOT_FOUND" | "RATE_LIMITED" | "INTERNAL_ERROR"
    >();
    // `string & {}`, not `string`: any code is accepted, and editors still suggest the known ones.
    expectTypeOf<ErrorCode>().toEqualTypeOf<KnownErrorCode | (string & {})>();
    expectTypeOf<"QUOTA_EXCEEDED">().toMatchTypeOf<ErrorCode>();
    // Inside components (what openapi-fetch's results are built from) the code stays a plain
    // string: openapi-fetch would map `string & {}` as an object.
    expectTypeOf<components["schemas"]["ErrorCode"]>().toEqualTypeOf<string>();
    expectTypeOf<ErrorEnvelope>().toEqualTypeOf<{
      error: { code: components["schemas"]["ErrorCode"]; message: string };
    }>();
    expectTypeOf<(typeof ERROR_CODES)[number]>().toEqualTypeOf<KnownErrorCode>();
  });

  it("types what servers return as plain numbers, and what clients send as whole ones", () => {
    // Responses: deployed servers store any number a client sent (floats and negatives too).
    expectTypeOf<SessionSummary["promptTokens"]>().toEqualTypeOf<number>();
    expectTypeOf<SessionSummary["cost"]>().toEqualTypeOf<number>();
    expectTypeOf<Message["durationMs"]>().toEqualTypeOf<number | undefined>();
  });

  it("types part content as a JSON value: never null when sent, possibly null when returned", () => {
    type JsonObject = { [key: string]: unknown };
    expectTypeOf<MessagePart["content"]>().toEqualTypeOf<string | number | boolean | JsonObject | unknown[]>();
    expectTypeOf<StoredMessagePart["content"]>().toEqualTypeOf<
      string | number | boolean | JsonObject | unknown[] | null
    >();
    expectTypeOf<Message["parts"]>().toEqualTypeOf<StoredMessagePart[]>();
  });

  it("gives every error response of an operation the envelope", () => {
    expectTypeOf<Json<"/api/sessions/get", "get", 404>>().toEqualTypeOf<ErrorEnvelope>();
    expectTypeOf<Json<"/sync/session", "post", 429>>().toEqualTypeOf<ErrorEnvelope>();
    expectTypeOf<Json<"/api/export/evals", "get", 403>>().toEqualTypeOf<ErrorEnvelope>();
  });

  it("requires the upsert keys of a message and types its role", () => {
    type Body = NonNullable<paths["/sync/message"]["post"]["requestBody"]>["content"]["application/json"];
    expectTypeOf<Body["sessionExternalId"]>().toEqualTypeOf<string>();
    expectTypeOf<Body["role"]>().toEqualTypeOf<"user" | "assistant" | "system" | "tool" | "unknown">();
    expectTypeOf<{ sessionExternalId: string; externalId: string }>().not.toMatchTypeOf<Body>();
  });

  it("types search hits as the union of the two shapes", () => {
    expectTypeOf<SearchHit>().toEqualTypeOf<
      components["schemas"]["FullTextHit"] | components["schemas"]["SemanticHit"]
    >();
    expectTypeOf<Json<"/api/search", "get", 200>["results"]>().toEqualTypeOf<SearchHit[]>();
  });

  it("types the markdown export as text beside the JSON shapes", () => {
    type Content = paths["/api/export"]["get"]["responses"][200]["content"];
    expectTypeOf<Content["text/markdown"]>().toEqualTypeOf<string>();
    expectTypeOf<Content["application/json"]>().toEqualTypeOf<components["schemas"]["SessionExport"]>();
  });

  it("keys the operation table by method and path", () => {
    expectTypeOf<keyof typeof OPERATIONS>().toMatchTypeOf<`${"GET" | "POST"} /${string}`>();
    expectTypeOf<(typeof OPERATIONS)["POST /sync/session"]["idempotent"]>().toEqualTypeOf<true>();
  });
});
