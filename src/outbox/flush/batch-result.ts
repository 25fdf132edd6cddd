/**
 * Reading a `/sync/batch` answer (SyncBatchResult). Servers answer 200 even when they refused
 * something; `errors` says what:
 *   "Sessions batch error: ..."  the whole sessions array was refused (nothing of it written)
 *   "Messages batch error: ..."  the same for the messages array
 *   "<message externalId>: ..."  one message failed; the others were written
 * and `sessions` / `messages` count what was inserted or updated (deployed servers leave sessions
 * they skipped out of the count: see deployed-rules.ts).
 */
import type { components } from "opensync-api/schema";

type SyncBatchResult = components["schemas"]["SyncBatchResult"];

export interface ArrayRefusal {
  message: string;
  /** The index the server named (`sessions[3]`, `messages[17]`), when it did: where to split first. */
  index: number | undefined;
}

export interface BatchReading {
  sessionsRefused: ArrayRefusal | undefined;
  messagesRefused: ArrayRefusal | undefined;
  /** Per-message failures, by externalId. */
  messageErrors: Map<string, string>;
  /** Errors that name neither an array nor a message sent: nothing can be concluded about the messages. */
  unexplained: string[];
  sessionsStored: number;
  messagesStored: number;
}

/** The answer, read; undefined when it is not a SyncBatchResult (then nothing is known). */
export function readBatchResult(data: unknown, sentMessageIds: readonly string[]): BatchReading | undefined {
  const result = data as Partial<SyncBatchResult> | null;
  if (typeof result !== "object" || result === null) return undefined;
  const { sessions, messages, errors } = result;
  if (
    !Number.isFinite(sessions) ||
    !Number.isFinite(messages) ||
    !Array.isArray(errors) ||
    !errors.every((e) => typeof e === "string")
  )
    return undefined;
  const reading: BatchReading = {
    sessionsRefused: undefined,
    messagesRefused: undefined,
    messageErrors: new Map(),
    unexplained: [],
    sessionsStored: sessions!,
    messagesStored: messages!,
  };
  // Longest first, so that an id that prefixes another is not taken for it.
  const ids = [...sentMessageIds].sort((a, b) => b.length - a.length);
  for (const error of errors) {
    if (error.startsWith("Sessions batch error:"))
      reading.sessionsRefused = { message: error, index: namedIndex(error, "sessions") };
    else if (error.startsWith("Messages batch error:"))
      reading.messagesRefused = { message: error, index: namedIndex(error, "messages") };
    else {
      const id = ids.find((candidate) => error.startsWith(`${candidate}: `));
      if (id !== undefined) reading.messageErrors.set(id, error);
      else reading.unexplained.push(error);
    }
  }
  return reading;
}

function namedIndex(error: string, array: "sessions" | "messages"): number | undefined {
  const match = new RegExp(`\\b${array}\\[(\\d+)\\]`).exec(error);
  return match ? Number(match[1]) : undefined;
}
