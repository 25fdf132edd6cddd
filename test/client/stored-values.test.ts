/**
 * Deployed servers store whatever numbers and part contents clients sent (`v.number()`,
 * `v.any()`) and return them as stored: float and negative token counts, costs and durations,
 * parts with `content: null` or an empty `type`. Such a response, served over loopback, is valid
 * against the spec's response schemas and reads through the typed client unchanged.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pointer } from "#spec/document.js";
import { createSpecValidator, describeErrors } from "#spec/validator.js";
import { unwrap } from "../../src/index.js";
import { clientFor } from "../support/client-harness.js";
import { type FaultServer, startFaultServer } from "../support/fault-server.js";

const validator = createSpecValidator();
const responseSchema = (path: string) =>
  validator.at(pointer("paths", path, "get", "responses", "200", "content", "application/json", "schema"));

const STORED_SESSION = {
  id: "jd7a1b2c3d4e5f6g7h8j9k0m1n2p3q4r",
  externalId: "ses_float",
  promptTokens: 1200.5,
  completionTokens: -3,
  totalTokens: 1197.5,
  cost: -0.25,
  durationMs: 95000.75,
  isPublic: false,
  messageCount: 2,
  createdAt: 1767225600000.5,
  updatedAt: 1767225602000,
};
const DETAIL = {
  session: STORED_SESSION,
  messages: [
    {
      id: "k57a1b2c3d4e5f6g7h8j9k0m1n2p3q4r",
      externalId: "ses_float:1",
      role: "assistant",
      promptTokens: 0.5,
      completionTokens: 12.25,
      durationMs: -1,
      createdAt: 1767225601000.25,
      parts: [
        { type: "text", content: null },
        { type: "", content: "written by another client" },
        { type: "tool-result", content: [1, { ok: true }] },
      ],
    },
  ],
};
const STATS = {
  sessionCount: 1,
  messageCount: 2,
  totalTokens: 1197.5,
  totalCost: -0.25,
  totalDurationMs: 95000.75,
  modelUsage: { unknown: { tokens: 1197.5, cost: -0.25, sessions: 1 } },
};

let server: FaultServer;
beforeAll(async () => {
  server = await startFaultServer({ status: 200, body: DETAIL });
});
afterAll(() => server.close());

describe("values as deployed servers store them", () => {
  it("are valid against the spec's response schemas", () => {
    for (const [path, body] of [
      ["/api/sessions/get", DETAIL],
      ["/api/sessions", { sessions: [STORED_SESSION] }],
      ["/api/stats", STATS],
    ] as const) {
      const validate = responseSchema(path);
      expect(validate(body), `${path}: ${describeErrors(validate.errors)}`).toBe(true);
    }
  });

  it("read through the typed client unchanged: float tokens and null part content", async () => {
    server.script({ status: 200, body: DETAIL });
    const detail = await unwrap(
      clientFor(server).GET("/api/sessions/get", { params: { query: { id: STORED_SESSION.id } } }),
    );
    expect(detail).toEqual(DETAIL);
    const tokens: number = detail.session.promptTokens;
    expect(tokens).toBe(1200.5);
    const [nullPart, untyped] = detail.messages[0]!.parts;
    expect(nullPart!.content).toBeNull();
    expect(untyped!.type).toBe("");
  });

  it("read through the typed client unchanged: negative totals", async () => {
    server.script({ status: 200, body: STATS });
    expect(await unwrap(clientFor(server).GET("/api/stats"))).toEqual(STATS);
  });
});
