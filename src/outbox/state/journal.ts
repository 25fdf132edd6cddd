/**
 * The flusher's durable delivery state: journal/state.json (a snapshot) and journal/log (the
 * events since, as checksummed lines). Only the flush lock's holder opens it. An event that must
 * survive a crash (a request about to leave, what came back) is fdatasync'd before the flusher
 * acts on it; other events ride along with the next synced one. Replaying the log over the
 * snapshot rebuilds the state after any crash: a torn last line is an event that was never acted
 * upon, and is cut off before new events are appended.
 */
import { type FileHandle, open, readFile } from "node:fs/promises";
import { ensureDirectory, replaceFile, writeAll } from "../durable-fs.js";
import type { OutboxLayout } from "../layout.js";
import { decodeLines, encodeLine } from "../line-codec.js";
import { apply, type DeliveryEvent, type DeliveryState, emptyState, type SequencedEvent } from "./delivery-state.js";
import { deserialise, serialise } from "./state-snapshot.js";

export class Journal {
  private constructor(
    private readonly layout: OutboxLayout,
    /** Focused on the flusher's destination: its events change that destination's memory. */
    readonly state: DeliveryState,
    private handle: FileHandle,
    private logBytes: number,
  ) {}

  static async open(layout: OutboxLayout, destination = ""): Promise<Journal> {
    await ensureDirectory(layout.journal);
    const state = await readState(layout, destination);
    const handle = await open(layout.log, "a+");
    const log = await handle.readFile();
    const { lines, consumed } = decodeLines(log);
    for (const { value } of lines) apply(state, value as SequencedEvent);
    // Cut a torn last line off, so that the next event does not start in the middle of it.
    if (consumed < log.length) {
      await handle.truncate(consumed);
      await handle.datasync();
    }
    return new Journal(layout, state, handle, consumed);
  }

  /**
   * Applies `event` and appends it; with `sync`, resolves only once it is on disk (with all before
   * it). Concurrent calls are written one after another, in call order: replay relies on it.
   */
  record(event: DeliveryEvent, sync: boolean): Promise<void> {
    const written = this.tail.then(() => this.write(event, sync));
    this.tail = written.catch(() => {});
    return written;
  }

  private tail: Promise<void> = Promise.resolve();

  private async write(event: DeliveryEvent, sync: boolean): Promise<void> {
    const to = this.state.destination;
    const sequenced = { ...event, seq: this.state.seq + 1, ...(to === "" ? {} : { to }) } as SequencedEvent;
    apply(this.state, sequenced);
    const line = encodeLine(sequenced);
    await writeAll(this.handle, line);
    this.logBytes += line.length;
    if (sync) await this.handle.datasync();
  }

  /** Bytes of events since the last snapshot. */
  get pendingLogBytes(): number {
    return this.logBytes;
  }

  /** Writes the state as a new snapshot, then empties the log. */
  async checkpoint(): Promise<void> {
    await replaceFile(this.layout.snapshot, serialise(this.state));
    await this.handle.truncate(0);
    await this.handle.datasync();
    this.logBytes = 0;
  }

  async close(): Promise<void> {
    await this.handle.close();
  }
}

/** The snapshot with the log replayed over it, read-only: what `status` reports from. */
export async function readDeliveryState(layout: OutboxLayout): Promise<DeliveryState> {
  const state = await readState(layout);
  const log = await readFile(layout.log).catch(() => Buffer.alloc(0));
  for (const { value } of decodeLines(log).lines) apply(state, value as SequencedEvent);
  return state;
}

async function readState(layout: OutboxLayout, destination = ""): Promise<DeliveryState> {
  const json = await readFile(layout.snapshot, "utf8").catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return undefined;
    throw error;
  });
  return json === undefined ? emptyState(destination) : deserialise(json, destination);
}
