/**
 * The sandbox's data: per user, in memory. Sessions and messages are upserted by `externalId`, so
 * repeating a write leaves the same state (the contract's x-idempotent). Message ids are looked up
 * in a directory per user by default, so another user's message is never touched; deployed servers
 * share one directory across accounts (the sandbox's deployed mode passes one). What each write
 * changes is decided by the write rules (modes/contract/write-rules.ts); this module keeps the
 * records and the indexes that listings read.
 */
import type { components } from "opensync-api/schema";
import {
  CONTRACT_WRITE_RULES,
  type SessionWrite,
  type WriteRules,
  type WriteVia,
} from "../modes/contract/write-rules.js";
import { newId, type Random } from "../utils/random.js";

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

/** Where a stored message lives: the account and the session that hold it. */
export interface MessageHome {
  owner: UserData;
  session: SessionRecord;
}

/**
 * Where message `externalId`s are looked up: one directory per account (the contract), or one
 * shared by all accounts (deployed servers, whose message index is global).
 */
export type MessageDirectory = Map<string, MessageHome>;

/** A session write's outcome: the session, and whether anything was written (deployed servers skip some). */
export interface Written<T> {
  record: T;
  written: boolean;
}

const MAX_KEPT_ANSWERS = 64;

export class UserData {
  readonly sessions = new Map<string, SessionRecord>();
  readonly sessionsById = new Map<string, SessionRecord>();
  /** Sessions, most recently updated first: kept until the next write, as a database index would be. */
  private recency: SessionRecord[] | undefined;
  /** Each session's summary as JSON, kept until that session's next write: listings repeat it. */
  private readonly summaryJson = new WeakMap<SessionRecord, string>();
  /** Answers made from this user's data (a listing's pages), by key, kept until the next write. */
  private readonly keptAnswers = new Map<string, unknown>();

  constructor(
    private readonly random: Random,
    private readonly now: () => number,
    private readonly rules: WriteRules = CONTRACT_WRITE_RULES,
    private readonly messageHomes: MessageDirectory = new Map(),
  ) {}

  /** /sync/session (one call, `viaBatch` false) or a session of /sync/batch. */
  upsertSession(input: SessionWrite, via: WriteVia = { viaBatch: false }): Written<SessionRecord> {
    const now = this.now();
    let session = via.copy ? undefined : this.sessions.get(input.externalId);
    let written = true;
    if (!session) session = this.insertSession(input, now, via);
    else if (this.rules.skipsSessionUpdate(session, input, via, now)) written = false;
    else {
      this.rules.applySession(session, input, false, via);
      this.touch(session, now);
    }
    if (!via.viaBatch) this.rules.afterSessionCall(session, session.messages.values());
    return { record: session, written };
  }

  private insertSession(input: SessionWrite, now: number, via: WriteVia): SessionRecord {
    const session = {
      id: newId(this.random, "sessions"),
      externalId: input.externalId,
      source: this.rules.insertedSource(input.source),
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
    this.sessions.set(via.copy ? `${input.externalId}\u0000${session.id}` : input.externalId, session);
    this.sessionsById.set(session.id, session);
    this.rules.applySession(session, input, true, via);
    this.touch(session, now);
    return session;
  }

  /**
   * /sync/message (`viaBatch` false) or a message of /sync/batch, whose rules for parts differ
   * (modes/contract/write-rules.ts).
   */
  upsertMessage(input: MessageUpsert, via: WriteVia = { viaBatch: false }): Written<Message> {
    const now = this.now();
    const home = via.copy ? undefined : this.messageHomes.get(input.externalId);
    if (home) {
      const message = home.session.messages.get(input.externalId)!;
      if (this.rules.skipsMessageUpdate(message, now)) return { record: message, written: false };
      // The message stays where it is; the rules say which session the write counts for.
      const named = this.rules.creditsNamedSession;
      const [owner, session] = named
        ? [this as UserData, this.namedSession(input, now, via)]
        : [home.owner, home.session];
      if (this.rules.applyMessage(message, session, input, true, via)) owner.touch(session, now);
      return { record: message, written: true };
    }
    const session = this.namedSession(input, now, via);
    const message: Message = {
      id: newId(this.random, "messages"),
      externalId: input.externalId,
      role: input.role,
      createdAt: input.createdAt ?? now,
      parts: [],
    };
    if (via.copy) session.messages.set(`${input.externalId}\u0000${message.id}`, message);
    else {
      session.messages.set(input.externalId, message);
      this.messageHomes.set(input.externalId, { owner: this, session });
    }
    if (!via.uncounted) session.messageCount++;
    this.rules.applyMessage(message, session, input, false, via);
    this.touch(session, now);
    return { record: message, written: true };
  }

  /** The session a message write names, created (with the message's source and model) when missing. */
  private namedSession(input: MessageUpsert, now: number, via: WriteVia): SessionRecord {
    return (
      this.sessions.get(input.sessionExternalId) ??
      this.insertSession({ externalId: input.sessionExternalId, source: input.source, model: input.model }, now, via)
    );
  }

  /** Whether a write of `externalId` would find a stored message (in deployed mode, any account's). */
  hasMessage(externalId: string): boolean {
    return this.messageHomes.has(externalId);
  }

  /** A stored message's parts, or undefined when none is stored under `externalId`. */
  storedParts(externalId: string): number | undefined {
    return this.messageHomes.get(externalId)?.session.messages.get(externalId)?.parts.length;
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
    this.keptAnswers.clear();
  }

  /** Sessions, most recently updated first (ties, which the monotonic clock rules out, by id). */
  byRecency(): readonly SessionRecord[] {
    this.recency ??= [...this.sessions.values()].sort((a, b) => b.updatedAt - a.updatedAt || (b.id < a.id ? -1 : 1));
    return this.recency;
  }

  /**
   * What `make` answers from this user's data, kept under `key` until the next write: a client
   * polling a listing gets the bytes made for the first poll. At most MAX_KEPT_ANSWERS are kept
   * (all dropped when full), so queries that never repeat cannot grow it without bound.
   */
  keptUntilWrite<T>(key: string, make: () => T): T {
    if (this.keptAnswers.has(key)) return this.keptAnswers.get(key) as T;
    const answer = make();
    if (this.keptAnswers.size >= MAX_KEPT_ANSWERS) this.keptAnswers.clear();
    this.keptAnswers.set(key, answer);
    return answer;
  }

  /**
   * What the API lists of a session, as JSON: the record itself, as its messages are not
   * enumerable; from the cache while the session is unchanged.
   */
  summaryAsJson(session: SessionRecord): string {
    let json = this.summaryJson.get(session);
    if (json === undefined) {
      json = JSON.stringify(session);
      this.summaryJson.set(session, json);
    }
    return json;
  }
}

/** The text of a message: its text parts (string, `{text}` or `{content}`), else `textContent`. */
export function messageText(message: Message): string {
  const texts = message.parts
    .filter((part) => part.type === "text")
    .map((part) => partText(part.content))
    .filter(Boolean);
  return texts.length > 0 ? texts.join("\n") : (message.textContent ?? "");
}

/** The text a `text` part carries: its content when a string, else its `text` or `content` string. */
export function partText(content: unknown): string {
  if (typeof content === "string") return content;
  if (content && typeof content === "object") {
    const o = content as Record<string, unknown>;
    if (typeof o.text === "string") return o.text;
    if (typeof o.content === "string") return o.content;
  }
  return "";
}
