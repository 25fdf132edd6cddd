/**
 * Reading back messages with parts from a batch whose outcome is unknown: resending them in a batch
 * could delete their parts if the first one landed, and sending each alone costs a request apiece.
 * One read of their session tells which are stored (done), stored otherwise (an update, sent alone
 * once quiet) or missing (sent again).
 */
import type { components } from "opensync-api/schema";
import type { MessageUpsert } from "../records.js";
import { type Outcome, outcomeOf } from "./classify.js";
import { MESSAGE_WAIT_MS } from "./deployed-rules.js";
import { storedMatches } from "./fold.js";
import type { Delivery } from "./planner.js";
import { rateWait } from "./rate-budget.js";
import { type RunContext, StopFlush } from "./run-context.js";
import { acknowledge, emptyAck } from "./send-decision.js";

type Schemas = components["schemas"];

/**
 * Read-backs of one session answered with a 500 (the server failing on that read, e.g. a session
 * too large for deployed servers' per-call limits) before its messages are sent alone instead.
 * Other failures (a proxy's 502, a cut connection) are retried for as long as the flush lasts.
 */
const VERIFY_ATTEMPTS = 10;
/** Pages of `/api/sessions` read to find a session's id. */
const LIST_PAGES = 5;
const PAGE_SIZE = 200;

export class ReadBack {
  /** Messages that cannot be read back this flush: they go alone through /sync/message instead. */
  readonly unverifiable = new Set<string>();
  private readonly failures = new Map<string, number>();

  constructor(private readonly run: RunContext) {}

  private get state() {
    return this.run.journal.state;
  }

  /** Reads `session` back and records what it says of `messages`. */
  async verify(session: string, messages: Delivery[]): Promise<void> {
    const journal = this.run.journal;
    // Before any read: "absent" then holds from this time on, at the latest.
    const readAt = this.run.clock.now();
    let serverId = this.state.sessions.get(session)?.serverId;
    if (serverId === undefined) {
      const found = await this.findSessionId(session);
      if (found.kind === "absent") {
        await journal.record({ e: "absent", at: readAt, m: messages.map((d) => d.key) }, false);
        return;
      }
      if (found.kind === "not-listed") return this.giveUp(messages);
      if (found.kind !== "found") return;
      serverId = found.id;
    }
    await journal.record({ e: "read", at: this.run.clock.now(), group: "api" }, false);
    this.run.report.requests++;
    const outcome = await outcomeOf(
      this.run.client().GET("/api/sessions/get", { params: { query: { id: serverId } }, signal: this.run.signal }),
    );
    if (outcome.kind === "fatal" && outcome.status === 404) {
      await journal.record({ e: "absent", at: readAt, m: messages.map((d) => d.key) }, false);
      return;
    }
    if (outcome.kind !== "ok") return this.failed(outcome, session, messages);
    this.run.pacing.answered("api");
    const stored = new Map<string, Schemas["Message"]>();
    for (const message of Array.isArray(outcome.data?.messages) ? outcome.data.messages : [])
      stored.set(message.externalId, message);
    const now = this.run.clock.now();
    const absent: string[] = [];
    const present: [string, number][] = [];
    const ack = emptyAck(now);
    for (const d of messages) {
      const found = stored.get(d.key);
      if (!found) absent.push(d.key);
      else if (storedMatches(d.body as MessageUpsert, found, false)) this.run.report.sent += acknowledge(ack, d, now);
      else present.push([d.key, now + MESSAGE_WAIT_MS]);
    }
    if (absent.length > 0) await journal.record({ e: "absent", at: readAt, m: absent }, false);
    if (present.length > 0) await journal.record({ e: "present", m: present }, false);
    if (ack.m.length > 0) await journal.record(ack, true);
  }

  /**
   * The server's id of `session`, from `/api/sessions` (most recently updated first, so a session
   * just written is on the first page). "absent": the whole list was read without it;
   * "not-listed": not within the pages read; "failed": a request failed.
   */
  private async findSessionId(
    session: string,
  ): Promise<{ kind: "found"; id: string } | { kind: "absent" | "not-listed" | "failed" }> {
    let cursor: string | undefined;
    for (let page = 0; page < LIST_PAGES; page++) {
      const wait = rateWait(this.state, "api", this.run.config.rateLimits.api, this.run.clock.now());
      if (wait > 0) {
        if (this.run.clock.now() + wait > this.run.deadline) return { kind: "failed" };
        await this.run.clock.sleep(wait, this.run.signal);
      }
      await this.run.journal.record({ e: "read", at: this.run.clock.now(), group: "api" }, false);
      this.run.report.requests++;
      const outcome = await outcomeOf(
        this.run.client().GET("/api/sessions", {
          params: { query: cursor ? { limit: PAGE_SIZE, cursor } : { limit: PAGE_SIZE } },
          signal: this.run.signal,
        }),
      );
      if (outcome.kind !== "ok") {
        await this.failed(outcome, session, []);
        return { kind: "failed" };
      }
      const list = outcome.data as Schemas["SessionList"];
      const sessions = Array.isArray(list?.sessions) ? list.sessions : [];
      const ids = sessions
        .filter((s) => typeof s?.id === "string" && typeof s.externalId === "string")
        .map((s) => [s.externalId, s.id] as [string, string]);
      if (ids.length > 0) await this.run.journal.record({ e: "serverIds", ids }, false);
      const found = ids.find(([externalId]) => externalId === session);
      if (found) return { kind: "found", id: found[1] };
      // Servers without pagination send one page and no cursor: only a short page is the end.
      if (!list?.nextCursor) return { kind: sessions.length < PAGE_SIZE ? "absent" : "not-listed" };
      cursor = list.nextCursor;
    }
    return { kind: "not-listed" };
  }

  private async failed(
    outcome: Exclude<Outcome<unknown>, { kind: "ok" }>,
    session: string,
    messages: Delivery[],
  ): Promise<void> {
    if (this.run.signal?.aborted) throw new StopFlush("aborted");
    this.run.noteFailure(outcome.failure);
    const pacing = this.run.pacing;
    if (outcome.kind === "rate-limited") {
      const until = this.run.clock.now() + (outcome.retryAfterMs ?? pacing.delay("api"));
      await this.run.journal.record({ e: "block", group: "api", until }, false);
      return;
    }
    if (outcome.kind === "fatal") throw outcome.error;
    pacing.failed("api", this.run.clock.now());
    if (outcome.kind === "refused") return this.giveUp(messages);
    if (outcome.kind === "unknown" && outcome.serverError && messages.length > 0) {
      const failures = (this.failures.get(session) ?? 0) + 1;
      this.failures.set(session, failures);
      if (failures >= VERIFY_ATTEMPTS) this.giveUp(messages);
    }
  }

  /** These messages cannot be read back: they go alone through /sync/message, which cannot lose parts. */
  private giveUp(messages: Delivery[]): void {
    for (const d of messages) this.unverifiable.add(d.key);
  }
}
