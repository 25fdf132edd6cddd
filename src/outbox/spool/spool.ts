/**
 * The flusher's view of the spool: every segment, read incrementally (only bytes appended since
 * the last read), its records in order, and whether its writer has finished with it. Only the
 * process holding the flush lock reads it this way and compacts it; `status` reads it once.
 *
 * A segment is finished when it ends with its end line (its writer closed it), when its writer
 * is gone (same host, no such process), or when it has been idle for long. A finished segment
 * whose records are all delivered or dead-lettered is removed, by renaming it aside first and
 * checking that it did not grow since it was read; a writer that appended to it meanwhile finds
 * its file gone and writes those lines again elsewhere (segment-writer.ts).
 */
import { open, readdir, rename, stat, unlink } from "node:fs/promises";
import { hostname } from "node:os";
import { join } from "node:path";
import { syncDirectory } from "../durable-fs.js";
import { SEGMENT_SUFFIX } from "../layout.js";
import { decodeLines } from "../line-codec.js";
import type { HeaderLine, MessageUpsert, RecordKind, RecordLine, SessionUpsert } from "../records.js";
import { processIsGone } from "./process-alive.js";

export interface SpoolRecord {
  /** `<segment>#<offset>`: unique, and stable for the life of the segment. */
  id: string;
  segment: string;
  offset: number;
  kind: RecordKind;
  /** When it was enqueued (the producer's clock). */
  t: number;
  body: SessionUpsert | MessageUpsert;
  /** Where it must go (../destination.ts); undefined when its producer named no server and key: any flusher's. */
  destination?: string;
}

export interface SegmentView {
  name: string;
  /** File size at the last read, and bytes of it taken as complete lines. */
  size: number;
  consumed: number;
  mtimeMs: number;
  header: HeaderLine | undefined;
  sealed: boolean;
  records: SpoolRecord[];
  /**
   * Complete lines that failed their checksum, or are no line the outbox writes: damage (never a
   * torn tail, which is incomplete), kept with their bytes until quarantined (quarantine.ts).
   */
  damaged: DamagedLine[];
}

export interface DamagedLine {
  segment: string;
  offset: number;
  bytes: Buffer;
}

const ASIDE = ".compacting";

export class Spool {
  readonly segments = new Map<string, SegmentView>();

  constructor(private readonly dir: string) {}

  /** Reads what was appended since the last call. True when any segment appeared, grew or went. */
  async refresh(): Promise<boolean> {
    const names = await readdir(this.dir).catch((error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return [] as string[];
      throw error;
    });
    let changed = false;
    const present = new Set<string>();
    // A segment renamed aside is being compacted (or was, by a flusher that crashed: see repair()).
    for (const name of names) if (name.endsWith(SEGMENT_SUFFIX)) present.add(name);
    for (const name of this.segments.keys()) {
      if (!present.has(name)) {
        this.segments.delete(name);
        changed = true;
      }
    }
    for (const name of [...present].sort()) {
      let view = this.segments.get(name);
      if (!view) {
        view = { name, size: 0, consumed: 0, mtimeMs: 0, header: undefined, sealed: false, records: [], damaged: [] };
        this.segments.set(name, view);
        changed = true;
      }
      if (await this.read(view)) changed = true;
    }
    return changed;
  }

  /**
   * Puts back the segments a compaction renamed aside and did not finish with (the flusher died
   * between its rename and its unlink). Only the flush lock's holder may call it: another process
   * could be compacting right now.
   */
  async repair(): Promise<void> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    for (const name of names) {
      if (!name.endsWith(SEGMENT_SUFFIX + ASIDE)) continue;
      const original = name.slice(0, -ASIDE.length);
      if (!names.includes(original)) await rename(join(this.dir, name), join(this.dir, original)).catch(() => {});
    }
  }

  /** Every damaged line read so far. */
  *damaged(): Iterable<DamagedLine> {
    for (const view of this.segments.values()) yield* view.damaged;
  }

  /** Every record read so far, segment by segment (oldest segment first), each in file order. */
  *records(): Iterable<SpoolRecord> {
    for (const view of this.segments.values()) yield* view.records;
  }

  /**
   * Removes the finished segments whose records are all done; returns their names. `idleMs`: a
   * segment untouched this long counts as finished even if its writer seems alive.
   */
  async compact(
    isDone: (record: SpoolRecord) => boolean,
    idleMs: number,
    isQuarantined: (line: DamagedLine) => boolean = () => false,
  ): Promise<string[]> {
    const removed: string[] = [];
    for (const view of this.segments.values()) {
      // Nothing leaves the disk that was not delivered, dead-lettered or quarantined.
      if (!view.records.every(isDone) || !view.damaged.every(isQuarantined) || !this.finished(view, idleMs)) continue;
      const path = join(this.dir, view.name);
      const aside = path + ASIDE;
      try {
        await rename(path, aside);
      } catch {
        continue;
      }
      const now = await stat(aside).catch(() => undefined);
      if (now && now.size !== view.size) {
        // Written to since it was read: keep it.
        await rename(aside, path).catch(() => {});
        continue;
      }
      if (
        await unlink(aside).then(
          () => true,
          () => false,
        )
      )
        removed.push(view.name);
    }
    for (const name of removed) this.segments.delete(name);
    if (removed.length > 0) await syncDirectory(this.dir);
    return removed;
  }

  private finished(view: SegmentView, idleMs: number): boolean {
    if (view.sealed) return true;
    const header = view.header;
    if (header && header.host === hostname() && processIsGone(header.pid)) return true;
    // A segment whose header was torn by a crash holds nothing; after an hour it is debris.
    if (!header && view.records.length === 0) return Date.now() - view.mtimeMs > 3_600_000;
    // A live writer's segment with no record yet is about to get its first: never idle.
    return view.records.length > 0 && Date.now() - view.mtimeMs > idleMs;
  }

  private async read(view: SegmentView): Promise<boolean> {
    // A sealed segment never changes again; others are opened only when they grew.
    if (view.sealed) return false;
    const path = join(this.dir, view.name);
    const info = await stat(path).catch(() => undefined);
    if (!info) return false;
    view.mtimeMs = info.mtimeMs;
    if (info.size <= view.consumed) {
      view.size = info.size;
      return false;
    }
    const handle = await open(path, "r").catch(() => undefined);
    if (!handle) return false;
    try {
      const length = info.size - view.consumed;
      const buffer = Buffer.allocUnsafe(length);
      let got = 0;
      while (got < length) {
        const { bytesRead } = await handle.read(buffer, got, length - got, view.consumed + got);
        if (bytesRead === 0) break;
        got += bytesRead;
      }
      const decoded = decodeLines(buffer.subarray(0, got), view.consumed);
      const bytesOf = (offset: number, end: number) =>
        Buffer.from(buffer.subarray(offset - view.consumed, end - view.consumed));
      for (const { offset, end } of decoded.damagedLines)
        view.damaged.push({ segment: view.name, offset, bytes: bytesOf(offset, end) });
      for (const { value, offset } of decoded.lines) {
        if (this.take(view, value, offset)) continue;
        const end = buffer.indexOf(0x0a, offset - view.consumed) + view.consumed;
        view.damaged.push({ segment: view.name, offset, bytes: bytesOf(offset, end) });
      }
      view.consumed += decoded.consumed;
      view.size = view.consumed + (got - decoded.consumed);
      return decoded.lines.length > 0;
    } finally {
      await handle.close();
    }
  }

  /** Takes a decoded line; false when it is no line the outbox writes. */
  private take(view: SegmentView, value: unknown, offset: number): boolean {
    const line = value as Partial<RecordLine & HeaderLine & { end: 1 }>;
    if (line.h === 1 && typeof line.pid === "number") view.header = line as HeaderLine;
    else if (line.end === 1) view.sealed = true;
    else if (
      (line.k === "s" || line.k === "m") &&
      typeof line.t === "number" &&
      typeof line.b === "object" &&
      line.b !== null
    ) {
      view.records.push({
        id: `${view.name}#${offset}`,
        segment: view.name,
        offset,
        kind: line.k === "s" ? "session" : "message",
        t: line.t,
        body: line.b,
        ...(typeof line.d === "string" ? { destination: line.d } : {}),
      });
    } else return false;
    return true;
  }
}
