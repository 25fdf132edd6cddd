/**
 * Sending one write request: a synced journal event naming what it carries goes first (so a crash
 * leaves those records "in flight", never "new"), then the request, then what the answer means
 * (send-decision.ts) is recorded before the flush goes on.
 */
import type { components } from "opensync-api/schema";
import type { MessageUpsert, SessionUpsert } from "../records.js";
import type { DeliveryEvent } from "../state/delivery-state.js";
import { type Batch, jsonOf } from "./batch-packing.js";
import { type Outcome, outcomeOf } from "./classify.js";
import type { Delivery } from "./planner.js";
import { type RunContext, StopFlush } from "./run-context.js";
import { decideSend, type SendDecision } from "./send-decision.js";

type Schemas = components["schemas"];

const digested = (d: Delivery): [string, string] => [d.key, d.digest];

export class Sender {
  /** Halves of refused batches still to send, the next on top. */
  readonly splits: Set<string>[] = [];

  constructor(private readonly run: RunContext) {}

  async sendBatch(batch: Batch): Promise<void> {
    await this.beforeSend("batch", batch.sessions, batch.messages);
    const members: string[] = [];
    if (batch.sessions.length > 0) members.push(`"sessions":[${batch.sessions.map(jsonOf).join(",")}]`);
    if (batch.messages.length > 0) members.push(`"messages":[${batch.messages.map(jsonOf).join(",")}]`);
    const json = `{${members.join(",")}}`;
    // The body as objects too (its JSON is made once, above): the client decides from it whether the
    // request may be repeated, and a batch whose messages carry parts may not (a second copy landing
    // on a stored message deletes its parts). An empty placeholder let a retrying client resend it.
    const body = {
      ...(batch.sessions.length > 0 ? { sessions: batch.sessions.map((d) => d.body) } : {}),
      ...(batch.messages.length > 0 ? { messages: batch.messages.map((d) => d.body) } : {}),
    } as Schemas["BatchUpsert"];
    const outcome = await outcomeOf(
      this.run.client().POST("/sync/batch", { body, bodySerializer: () => json, signal: this.run.signal }),
    );
    await this.settle(batch.sessions, batch.messages, "batch", outcome);
  }

  async sendSingle(delivery: Delivery): Promise<void> {
    const isSession = delivery.kind === "session";
    const sessions = isSession ? [delivery] : [];
    const messages = isSession ? [] : [delivery];
    await this.beforeSend("single", sessions, messages);
    const client = this.run.client();
    const signal = this.run.signal;
    const outcome: Outcome<{ sessionId?: string; messageId?: string }> = isSession
      ? await outcomeOf(client.POST("/sync/session", { body: delivery.body as SessionUpsert, signal }))
      : await outcomeOf(client.POST("/sync/message", { body: delivery.body as MessageUpsert, signal }));
    if (outcome.kind !== "ok" && !this.run.signal?.aborted) await this.countServerError(delivery, outcome);
    await this.settle(sessions, messages, "single", outcome);
    if (outcome.kind === "ok" && isSession && typeof outcome.data?.sessionId === "string")
      await this.run.journal.record({ e: "serverIds", ids: [[delivery.key, outcome.data.sessionId]] }, false);
  }

  /** The journal event that must be on disk before a request leaves, and the lock check. */
  private async beforeSend(via: "batch" | "single", sessions: Delivery[], messages: Delivery[]): Promise<void> {
    // The client first: a configuration error must not leave records "in flight" that never left.
    this.run.client();
    await this.run.checkLock();
    const event: DeliveryEvent = {
      e: "send",
      at: this.run.clock.now(),
      group: "sync",
      via,
      s: sessions.map(digested),
      m: messages.map(digested),
    };
    await this.run.journal.record(event, true);
    this.run.report.requests++;
  }

  /** Records what the outcome means, and acts on it. */
  private async settle(
    sessions: Delivery[],
    messages: Delivery[],
    via: "batch" | "single",
    outcome: Outcome<unknown>,
  ): Promise<void> {
    // Stopped mid-request (the signal, close()): whether it was written is unknown; it stays in flight.
    if (outcome.kind !== "ok" && this.run.signal?.aborted) throw new StopFlush("aborted");
    const at = this.run.clock.now();
    const pacing = this.run.pacing;
    const decision: SendDecision = decideSend(
      { via, sessions, messages, at, backoffMs: outcome.kind === "rate-limited" ? pacing.delay("sync") : 0 },
      outcome,
    );
    if (outcome.kind !== "ok") this.run.noteFailure(outcome.failure);
    else if (decision.pacing === "failed") this.run.noteFailure(unreadable(at));
    for (const [i, event] of decision.events.entries())
      await this.run.journal.record(event, i === decision.events.length - 1 || event.e === "block");
    await this.run.deadLetter(decision.deadLetters);
    this.run.report.sent += decision.sent;
    if (decision.pacing === "answered") pacing.answered("sync");
    else if (decision.pacing === "failed") pacing.failed("sync", at);
    this.splits.push(...decision.splits);
    if (decision.stop !== undefined) throw decision.stop;
  }

  /** A 500 with a message, again and again, to one record sent alone: the server cannot take it. */
  private async countServerError(delivery: Delivery, outcome: Exclude<Outcome<unknown>, { kind: "ok" }>) {
    const state = this.run.journal.state;
    const memory = delivery.kind === "session" ? state.sessions.get(delivery.key) : state.messages.get(delivery.key);
    const count = outcome.kind === "unknown" && outcome.serverError ? (memory?.serverErrors ?? 0) + 1 : 0;
    if (count === (memory?.serverErrors ?? 0)) return;
    await this.run.journal.record(
      { e: "serverErrors", kind: delivery.kind === "session" ? "s" : "m", id: delivery.key, count },
      false,
    );
    if (count >= this.run.config.maxServerErrors && outcome.kind === "unknown") {
      await this.run.deadLetter([
        [delivery, `the server answered 500 to ${count} attempts in a row: ${outcome.message}`],
      ]);
    }
  }
}

const unreadable = (at: number) => ({
  kind: "other" as const,
  message: "the server's answer to /sync/batch was not a batch result",
  at: new Date(at).toISOString(),
});
