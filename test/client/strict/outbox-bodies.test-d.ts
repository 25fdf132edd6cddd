/**
 * The outbox's records under `exactOptionalPropertyTypes` (compiled with it by
 * test/client/strict-options.test.ts): an optional field takes `undefined`, as the README hook's
 * `textContent: text || undefined` gives it; a misspelt field and a required one given `undefined`
 * stay errors.
 */
import { describe, it } from "vitest";
import type { Outbox } from "../../../src/outbox/index.js";

declare const outbox: Outbox;
declare const text: string;

describe("outbox records under exactOptionalPropertyTypes", () => {
  it("optional fields take undefined", () => {
    void outbox.message({
      sessionExternalId: "s-1",
      externalId: "m-1",
      role: "assistant",
      textContent: text || undefined,
      model: undefined,
      parts: [{ type: "text", content: text }],
    });
    void outbox.session({ externalId: "s-1", title: text || undefined, projectPath: undefined });
  });

  it("a misspelt field is still an error", () => {
    // @ts-expect-error `titel` is not a property of a session
    void outbox.session({ externalId: "s-1", titel: "x" });
  });

  it("a required field does not take undefined", () => {
    // @ts-expect-error role is required
    void outbox.message({ sessionExternalId: "s-1", externalId: "m-1", role: undefined });
  });
});
