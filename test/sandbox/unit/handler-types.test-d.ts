/**
 * Handlers are typed from the generated operations: validated query and body, a user only where credentials are needed.
 */
import { describe, expectTypeOf, it } from "vitest";
import type { components } from "../../../generated/schema.js";
import type { Body, OperationRequest, Query, Reply } from "../../../sandbox/handlers/types.js";
import type { UserData } from "../../../sandbox/store/store.js";

type Schemas = components["schemas"];

describe("handler types", () => {
  it("give a handler its operation's query, body and success JSON", () => {
    expectTypeOf<Query<"GET /api/sessions">>().toEqualTypeOf<{
      limit?: number;
      cursor?: string;
      source?: Schemas["Source"];
    }>();
    expectTypeOf<Query<"GET /api/sessions/get">["id"]>().toEqualTypeOf<string>();
    expectTypeOf<Query<"POST /sync/session">>().toEqualTypeOf<Record<string, never>>();
    expectTypeOf<Body<"POST /sync/session">>().toEqualTypeOf<Schemas["SessionUpsert"]>();
    expectTypeOf<Body<"POST /sync/batch">>().toEqualTypeOf<Schemas["BatchUpsert"]>();
    expectTypeOf<Body<"GET /api/stats">>().toEqualTypeOf<undefined>();
    expectTypeOf<Reply<"GET /api/stats">>().toEqualTypeOf<Schemas["Stats"]>();
    expectTypeOf<Reply<"POST /sync/session">>().toEqualTypeOf<Schemas["SessionUpsertResult"]>();
  });

  it("give the caller's data to authenticated operations only", () => {
    expectTypeOf<OperationRequest<"GET /api/stats">["user"]>().toEqualTypeOf<UserData>();
    expectTypeOf<OperationRequest<"GET /api/export/evals">["user"]>().toEqualTypeOf<UserData>();
    expectTypeOf<OperationRequest<"GET /health">>().not.toHaveProperty("user");
  });
});
