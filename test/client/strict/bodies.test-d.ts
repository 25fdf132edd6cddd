/**
 * Type tests of bodies under `exactOptionalPropertyTypes` (compiled with it by
 * test/client/strict-options.test.ts, and with the repository's settings by vitest): an optional
 * body field takes `undefined`, as the hook pattern `textContent: text || undefined` gives it,
 * in the client's calls; a misspelt field and a required field given `undefined` stay errors.
 * Per-call `retry` and `timeoutMs` are typed.
 */
import { describe, expectTypeOf, it } from "vitest";
import type { OpenSyncClient } from "../../../src/index.js";

declare const client: OpenSyncClient;
declare const text: string;

describe("bodies under exactOptionalPropertyTypes", () => {
  it("optional fields take undefined, at the top and nested", () => {
    void client.POST("/sync/message", {
      body: {
        sessionExternalId: "s-1",
        externalId: "m-1",
        role: "assistant",
        textContent: text || undefined,
        model: undefined,
        parts: [{ type: "text", content: text }],
      },
    });
    void client.POST("/sync/session", { body: { externalId: "s-1", title: text || undefined } });
  });

  it("a misspelt field is still an error", () => {
    // @ts-expect-error `titel` is not a property of the body
    void client.POST("/sync/session", { body: { externalId: "s-1", titel: "x" } });
  });

  it("a required field does not take undefined", () => {
    // @ts-expect-error externalId is required
    void client.POST("/sync/session", { body: { externalId: undefined } });
  });

  it("an array item does not take undefined (JSON would send null)", () => {
    void client.POST("/sync/message", {
      // @ts-expect-error a part must be a part
      body: { sessionExternalId: "s-1", externalId: "m-1", role: "user", parts: [undefined] },
    });
  });
});

describe("per-call options", () => {
  it("retry and timeoutMs are typed", () => {
    void client.GET("/api/stats", { retry: { maxRetries: 0 }, timeoutMs: 500 });
    void client.GET("/api/stats", { retry: false, timeoutMs: false });
    void client.GET("/api/sessions", { params: { query: { limit: 5 } }, retry: undefined, timeoutMs: undefined });
    // @ts-expect-error timeoutMs is a number or false
    void client.GET("/api/stats", { timeoutMs: "5s" });
    // @ts-expect-error retry options are typed
    void client.GET("/api/stats", { retry: { maxRetries: "3" } });
    expectTypeOf(client.GET).toBeFunction();
  });
});
