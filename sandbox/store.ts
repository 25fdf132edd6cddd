/**
 * The sandbox's data: per user, in memory. Sessions and messages are upserted by `externalId`, so
 * repeating a write leaves the same state (the contract's x-idempotent). Unlike deployed servers,
 * message ids are looked up per user: another user's message is never touched. What each write
 * changes is decided by the write rules (write-rules.ts); this module keeps the records and the
 * indexes that listings read.
 */
import type { components } from "opensync-api/schema";
import { newId, type Random } from "./random.js";
import { CONTRACT_WRITE_RULES, type WriteRules } from "./write-rules.js";

type Schemas = components["schemas"];
export type SessionUpsert = Schemas["SessionUpsert"];
export type MessageUpsert = Schemas["MessageUpsert"];
export type SessionSummary = Schemas["SessionSummary"];
export type Message = Schemas["Message"];

export interface SessionRecord extends SessionSummary {
  source: string;
  /**
   * Messages by externalId, in insertion order. Not enumerable: the record serialises as its own
   * summary, with no copy per session listed.
   */
  readonly messages: Map<string, Message>;
}

export class UserData {
  readonly sessions = new Map<string, SessionRecord>();
  readonly sessionsById = new Map<string, SessionRecord>();
  private readonly messageSessions = new Map<string, SessionRecord>();
  /** Sessions, most recently updated first: kept until the next write, as a database index would be. */
  private recency: SessionRecord[] | undefined;
  /** Each session's summary as JSON, kept until that session's next write: listings repeat it. */
  private readonly summaryJson = new WeakMap<SessionRecord, string>();

  constructor(
    private readonly random: Random,
    private readonly now: () => number,
    private readonly rules: WriteRules = CONTRACT_WRITE_RULES,
  ) {}

  upsertSession(input: SessionUpsert): SessionRecord {
    const externalId = input.externalId;
    let session = this.sessions.get(externalId);
    const now = this.now();
    if (!session) {
      session = {
        id: newId(this.random),
        externalId,
        source: this.rules.source(input.source),
        promptTokens: 0,
        completionTokens: 0,
        totalTokens: 0,
        cost: 0,
        isPublic: false,
        messageCount: 0,
        createdAt: input.createdAt ?? now,
        updatedAt: now,
      } as SessionRecord;
      Object.defineProperty(session, "messages", { value: new Map(), enumerable: false });
      this.sessions.set(externalId, session);
      this.sessionsById.set(session.id, session);
    } else if (input.source !== undefined) {
      session.source = this.rules.source(input.source);
    }
    this.rules.applySession(session, input);
    this.touch(session, now);
    return session;
  }

  /** `viaBatch`: the write came through /sync/batch, whose rules for parts differ (write-rules.ts). */
  upsertMessage(input: MessageUpsert, { viaBatch = false } = {}): Message {
    const now = this.now();
    const session =
      this.messageSessions.get(input.externalId) ??
      this.sessions.get(input.sessionExternalId) ??
      this.upsertSession({ externalId: input.sessionExternalId, source: input.source, model: input.model });
    let message = session.messages.get(input.externalId);
    const existed = message !== undefined;
    if (!message) {
      message = { id: newId(this.random), externalId: input.externalId, role: input.role, createdAt: input.createdAt ?? now, parts: [] };
      session.messages.set(input.externalId, message);
      this.messageSessions.set(input.externalId, session);
      session.messageCount = session.messages.size;
    }
    this.rules.applyMessage(message, input, existed, { viaBatch });
    this.touch(session, now);
    return message;
  }

  /** Messages oldest first (createdAt, then arrival). */
  orderedMessages(session: SessionRecord): Message[] {
    return [...session.messages.values()].sort((a, b) => a.createdAt - b.createdAt);
  }

  /** A write to `session`: it moves to the front of the listing, and its cached JSON is stale. */
  private touch(session: SessionRecord, now: number): void {
    session.updatedAt = now;
    this.recency = undefined;
    this.summaryJson.delete(session);
  }

  /** Sessions, most recently updated first (ties, which the monotonic clock rules out, by id). */
  byRecency(): readonly SessionRecord[] {
    return (this.recency ??= [...this.sessions.values()].sort((a, b) => b.updatedAt - a.updatedAt || (b.id < a.id ? -1 : 1)));
  }

  /** What the API lists of a session: the record itself, as its messages are not enumerable. */
  summary(session: SessionRecord): SessionSummary {
    return session;
  }

  /** `JSON.stringify(summary(session))`, from the cache while the session is unchanged. */
  summaryAsJson(session: SessionRecord): string {
    let json = this.summaryJson.get(session);
    if (json === undefined) this.summaryJson.set(session, (json = JSON.stringify(session)));
    return json;
  }
}

/** The text of a message: its text parts (string, `{text}` or `{content}`), else `textContent`. */
export function messageText(message: Message): string {
  const texts = message.parts
    .filter((part) => part.type === "text")
    .map((part) => {
      const c = part.content as unknown;
      if (typeof c === "string") return c;
      if (c && typeof c === "object") {
        const o = c as Record<string, unknown>;
        if (typeof o.text === "string") return o.text;
        if (typeof o.content === "string") return o.content;
      }
      return "";
    })
    .filter(Boolean);
  return texts.length > 0 ? texts.join("\n") : (message.textContent ?? "");
}
