/**
 * What `--write` sends, under one unique prefix of externalIds (the API cannot delete, so these
 * records stay): a session inserted with `createdAt`, updated twice (its tokens; then only its
 * cost, within deployed servers' 10 s window), a message with parts, a batch, a batch item and a
 * message the server must refuse, and the session read back. The same sequence is run against
 * each profile's sandbox, so what the server does is compared with what each profile does:
 * which is also how the server's generation is told (skip window, `createdAt`, tokens).
 */
import type { OperationKey } from "opensync-api/contract";
import type { Probe } from "./checks.js";
import type { Answer, Target } from "./target.js";

/** 2025-01-01T00:00:00Z: a `createdAt` no server would pick as its own time. */
const CREATED_AT = 1_735_689_600_000;
const FIRST_TOKENS = 100;
const UPDATED_TOKENS = 50;

const post = (operation: OperationKey, name: string, body: unknown): Probe => ({
  operation,
  name,
  request: { method: "POST", path: operation.slice(5), body, credential: "key" },
});

/** The writes, in order, for one prefix. */
export function writes(prefix: string): Probe[] {
  const externalId = `${prefix}-session`;
  const session = {
    externalId,
    title: `${prefix} (opensync-sandbox check)`,
    model: "conformance-model",
    projectPath: "/conformance",
    promptTokens: FIRST_TOKENS,
    completionTokens: 10,
    cost: 1,
  };
  const batchSession = `${prefix}-batch-session`;
  return [
    post("POST /sync/session", "inserts a session with createdAt", { ...session, createdAt: CREATED_AT }),
    post("POST /sync/session", "updates it by externalId (tokens)", { ...session, promptTokens: UPDATED_TOKENS }),
    post("POST /sync/session", "updates only its cost at once", { ...session, promptTokens: UPDATED_TOKENS, cost: 2 }),
    post("POST /sync/message", "inserts a message with parts", {
      sessionExternalId: externalId,
      externalId: `${prefix}-message`,
      role: "user",
      textContent: "conformance check message",
      parts: [{ type: "text", content: "conformance check message" }],
    }),
    post("POST /sync/message", "refuses a message without role", {
      sessionExternalId: externalId,
      externalId: `${prefix}-message-without-role`,
      textContent: "refused",
    }),
    post("POST /sync/batch", "upserts a session and a message", {
      sessions: [{ externalId: batchSession, title: `${prefix} batch` }],
      messages: [
        {
          sessionExternalId: batchSession,
          externalId: `${prefix}-batch-message`,
          role: "assistant",
          textContent: "ok",
        },
      ],
    }),
    post("POST /sync/batch", "reports a message it refuses", {
      sessions: [],
      messages: [{ sessionExternalId: batchSession, externalId: `${prefix}-batch-refused`, role: "nobody" }],
    }),
  ];
}

/** What the writes showed, as words the profiles can be compared on. */
export interface WriteFacts {
  /** The second write of the same externalId answered the first one's id. */
  upsertByExternalId: "same id" | "new id";
  createdAt: "honoured" | "server time";
  tokensOnUpdate: "replaced" | "added" | "kept";
  /** The update that changed only `cost` right after another write. */
  quickUpdate: "written" | "skipped";
  parts: string;
  batchCounts: string;
  /** What the batch with a message to refuse answered: its status and the errors it listed. */
  batchRefusal: string;
  listed: "listed" | "missing";
}

/** The fields of the answers the facts are read from (each checked against the spec on its own). */
interface Written {
  sessionId?: unknown;
  sessions?: unknown;
  messages?: unknown;
  errors?: unknown[];
}
interface ReadBack {
  session?: { createdAt?: unknown; promptTokens?: unknown; cost?: unknown };
  messages?: { externalId?: unknown; parts?: unknown[] }[];
  sessionIds?: unknown[];
}

const json = <T>(answer: Answer | undefined) => (answer?.json ?? {}) as T;

/** Reads back what the writes left and says what they did; `answers`: the writes' answers, in order. */
export async function readFacts(target: Target, prefix: string, answers: Answer[]): Promise<WriteFacts | string> {
  const [inserted, updated, , , , batch, refusal] = answers.map((answer) => json<Written>(answer));
  const id = inserted?.sessionId;
  if (typeof id !== "string") return "the insert answered no sessionId";
  const read = await target.send({ method: "GET", path: "/api/sessions/get", query: { id }, credential: "key" });
  const list = await target.send({ method: "GET", path: "/sync/sessions/list", credential: "key" });
  const { session, messages } = json<ReadBack>(read);
  if (!session) return `reading the session back answered ${read.status}`;
  const tokens = session.promptTokens;
  const message = (messages ?? []).find((m) => m.externalId === `${prefix}-message`);
  const ids = json<ReadBack>(list).sessionIds ?? [];
  return {
    upsertByExternalId: updated?.sessionId === id ? "same id" : "new id",
    createdAt: session.createdAt === CREATED_AT ? "honoured" : "server time",
    tokensOnUpdate:
      tokens === UPDATED_TOKENS ? "replaced" : tokens === FIRST_TOKENS + UPDATED_TOKENS ? "added" : "kept",
    quickUpdate: session.cost === 2 ? "written" : "skipped",
    parts: `${message?.parts?.length ?? "no"} part(s) stored`,
    batchCounts: `${batch?.sessions} session(s), ${batch?.messages} message(s), ${batch?.errors?.length} error(s)`,
    batchRefusal: `status ${answers[6]?.status}, ${refusal?.errors?.length ?? "no"} error(s) listed`,
    listed: [`${prefix}-session`, `${prefix}-batch-session`].every((x) => ids.includes(x)) ? "listed" : "missing",
  };
}

/** Where each fact shows, and what it is called in the report. */
export const FACTS: Record<keyof WriteFacts, { operation: OperationKey; name: string }> = {
  upsertByExternalId: { operation: "POST /sync/session", name: "upserts by externalId" },
  createdAt: { operation: "POST /sync/session", name: "createdAt on insert" },
  tokensOnUpdate: { operation: "POST /sync/session", name: "token counts on update" },
  quickUpdate: { operation: "POST /sync/session", name: "an update within 10 s of the last write" },
  parts: { operation: "POST /sync/message", name: "stores the message's parts" },
  batchCounts: { operation: "POST /sync/batch", name: "counts what it wrote" },
  batchRefusal: { operation: "POST /sync/batch", name: "lists the message it refused" },
  listed: { operation: "GET /sync/sessions/list", name: "lists the sessions written" },
};
