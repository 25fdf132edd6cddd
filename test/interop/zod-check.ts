/**
 * Run by `npm run check:interop` after the generators: the zod schemas that openapi-zod-client
 * and kubb generate from openapi.yaml must accept what servers really send (an error code newer
 * than the contract; float and negative stored numbers; parts with `content: null` or an empty
 * `type`) and still refuse what the contract forbids (a client sending a null part content, a
 * non-string error code), so the check cannot pass by generating `any`.
 */
import assert from "node:assert/strict";
import { errorResponseSchema, messagePartSchema, sessionDetailSchema, statsSchema } from "./out/kubb/zod/index.ts";
import { schemas as zodios } from "./out/zodios/client.ts";

interface Parser {
  safeParse(value: unknown): { success: boolean; error?: unknown };
}

const unknownCode = { error: { code: "QUOTA_EXCEEDED", message: "Monthly quota used up" } };
const storedDetail = {
  session: {
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
  },
  messages: [
    {
      id: "k57a1b2c3d4e5f6g7h8j9k0m1n2p3q4r",
      externalId: "ses_float:1",
      role: "assistant",
      promptTokens: 0.5,
      completionTokens: 12.25,
      createdAt: 1767225601000.25,
      parts: [
        { type: "text", content: null },
        { type: "", content: "x" },
        { type: "tool-result", content: [1, { ok: true }] },
      ],
    },
  ],
};
const stats = {
  sessionCount: 1,
  messageCount: 2,
  totalTokens: 1.5,
  totalCost: -0.25,
  totalDurationMs: 0.5,
  modelUsage: { m: { tokens: 1.5, cost: -0.25, sessions: 1 } },
};

const generators: Record<string, { envelope: Parser; detail: Parser; stats: Parser; part: Parser }> = {
  "openapi-zod-client": {
    envelope: zodios.ErrorResponse,
    detail: zodios.SessionDetail,
    stats: zodios.Stats,
    part: zodios.MessagePart,
  },
  kubb: { envelope: errorResponseSchema, detail: sessionDetailSchema, stats: statsSchema, part: messagePartSchema },
};

let failed = 0;
for (const [name, s] of Object.entries(generators)) {
  const checks: [string, boolean][] = [
    ["accepts an unknown error code", s.envelope.safeParse(unknownCode).success],
    ["refuses a non-string error code", !s.envelope.safeParse({ error: { code: 42, message: "x" } }).success],
    ["accepts float and negative stored numbers and null part content", s.detail.safeParse(storedDetail).success],
    ["accepts float and negative stats", s.stats.safeParse(stats).success],
    ["refuses a part a client sends with null content", !s.part.safeParse({ type: "text", content: null }).success],
  ];
  for (const [what, ok] of checks) {
    console.log(`${ok ? "ok  " : "FAIL"} ${name}: ${what}`);
    if (!ok) failed++;
  }
}
assert.equal(failed, 0, `${failed} zod check(s) failed`);
