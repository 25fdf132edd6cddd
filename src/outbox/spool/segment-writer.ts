/**
 * The producer's side of the spool: each writer (one per createOutbox in a process) appends to a
 * segment file of its own, spool/<time>-<pid>-<random>.seg, so concurrent producers, processes or
 * not, never share a file and their bytes cannot interleave. That is simpler and stronger than
 * O_APPEND writes to one shared file: POSIX promises no atomicity for regular-file appends beyond
 * what each file system happens to do, and a torn write by one process would then sit between the
 * records of others. Here a crash can only tear the tail of the crashed writer's own segment,
 * which the checksummed lines (../line-codec.ts) detect.
 *
 * Group commit: appends made while a write is in progress are written together, with one
 * fdatasync, and all resolve when it returns. A new segment's directory entry is synced before
 * its first records are acknowledged.
 *
 * After each fdatasync the writer checks that its file is still the one at its path: the flusher
 * may have compacted a segment it judged finished (see spool.ts). If it is gone, the same lines
 * are written again to a new segment before anything resolves, so no acknowledged record can sit
 * only in an unlinked file.
 */

import { randomBytes } from "node:crypto";
import { constants, statSync, writeSync } from "node:fs";
import { type FileHandle, open, readdir, stat, statfs } from "node:fs/promises";
import { hostname } from "node:os";
import { join } from "node:path";
import { ensureDirectory, syncDirectory, writeAll } from "../durable-fs.js";
import { OutboxClosedError, OutboxFullError } from "../errors.js";
import { SEGMENT_SUFFIX } from "../layout.js";
import { encodeLine } from "../line-codec.js";
import type { EndLine, HeaderLine } from "../records.js";

export interface SegmentWriterOptions {
  spoolDir: string;
  /** Directories whose files count towards the cap (the spool and the journal). */
  measuredDirs: string[];
  maxSpoolBytes: number;
  /** Refuse to write when the file system would have less than this left. */
  minFreeBytes: number;
  /** Start a new segment past this size... */
  segmentBytes: number;
  /** ...or this age, so that finished segments can be compacted away. */
  segmentAgeMs: number;
}

interface Segment {
  handle: FileHandle;
  path: string;
  size: number;
  openedAt: number;
  ino: number;
  dev: number;
}

interface Waiting {
  line: Buffer;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * How often the spool's size and the disk's free space are measured again (in between, writes are
 * counted). Only the first measurement is waited for; later ones run beside the appends, which are
 * checked against the counted figure meanwhile, so that no append waits for a directory listing
 * and a stat of every file in it.
 */
const MEASURE_EVERY_MS = 1000;
const END_LINE = encodeLine({ end: 1 } satisfies EndLine);
/**
 * O_DSYNC (POSIX): each write returns only once its data, and the metadata needed to read it, are
 * on disk: fdatasync's guarantee in the same system call, one thread-pool round trip fewer per
 * append. 0 where the platform has none (Windows); then an fdatasync follows each write.
 */
const DSYNC = (constants as { O_DSYNC?: number }).O_DSYNC ?? 0;

export class SegmentWriter {
  private queue: Waiting[] = [];
  private draining: Promise<void> | undefined;
  private segment: Segment | undefined;
  private usage: { bytes: number; free: number; at: number } | undefined;
  private measuring: Promise<void> | undefined;
  /** Bytes this writer has counted in, ever: what a measurement begun earlier may not have seen. */
  private counted = 0;
  private closed = false;
  private readonly onExit = () => this.sealSync();

  constructor(private readonly options: SegmentWriterOptions) {}

  /** Resolves once `line` is on disk (fdatasync'd), with whatever was appended alongside it. */
  append(line: Buffer): Promise<void> {
    if (this.closed) return Promise.reject(new OutboxClosedError("the outbox is closed"));
    return new Promise((resolve, reject) => {
      this.queue.push({ line, resolve, reject });
      this.draining ??= this.drain();
    });
  }

  /** Waits for pending appends, marks the segment finished and closes it. */
  async close(): Promise<void> {
    this.closed = true;
    while (this.draining) await this.draining;
    await this.measuring;
    const segment = this.segment;
    this.segment = undefined;
    process.off("exit", this.onExit);
    if (!segment) return;
    await writeAll(segment.handle, END_LINE).catch(() => {});
    await segment.handle.close();
  }

  private async drain(): Promise<void> {
    try {
      // Appends made in the same tick as the first one join its write.
      await Promise.resolve();
      while (this.queue.length > 0) {
        const group = this.queue.splice(0);
        try {
          await this.write(group.length === 1 ? group[0]!.line : Buffer.concat(group.map((w) => w.line)));
          for (const w of group) w.resolve();
        } catch (error) {
          for (const w of group) w.reject(error);
        }
      }
    } finally {
      this.draining = undefined;
    }
  }

  private async write(data: Buffer): Promise<void> {
    await this.checkRoom(data.length);
    // Each round that fails found its segment compacted away under it; a new segment is never
    // compacted before its records were read, so this ends.
    for (let round = 0; round < 20; round++) {
      const segment = await this.segmentFor(data.length);
      const before = segment.size;
      try {
        await writeAll(segment.handle, data);
        // Opened with O_DSYNC where there is one: the write itself returned once durable.
        if (!DSYNC) await segment.handle.datasync();
      } catch (error) {
        // Cut back to the last whole line, so the next write does not follow a torn one.
        await segment.handle.truncate(before).catch(() => {});
        const code = (error as NodeJS.ErrnoException).code;
        if (code === "ENOSPC" || code === "EDQUOT")
          throw new OutboxFullError(`the disk under ${this.options.spoolDir} is full (${code}): nothing was written`, {
            cause: error,
          });
        throw error;
      }
      segment.size += data.length;
      if (this.stillLinked(segment)) return;
      await this.drop(segment);
    }
    throw new Error(`spool segments in ${this.options.spoolDir} keep disappearing while being written`);
  }

  private async segmentFor(bytes: number): Promise<Segment> {
    const current = this.segment;
    if (
      current &&
      (current.size + bytes <= this.options.segmentBytes || current.size === 0) &&
      Date.now() - current.openedAt < this.options.segmentAgeMs
    )
      return current;
    if (current) {
      this.segment = undefined;
      await writeAll(current.handle, END_LINE).catch(() => {});
      await current.handle.close().catch(() => {});
    }
    await ensureDirectory(this.options.spoolDir);
    const time = Date.now().toString(36).padStart(9, "0");
    const name = `${time}-${process.pid}-${randomBytes(4).toString("hex")}${SEGMENT_SUFFIX}`;
    const path = join(this.options.spoolDir, name);
    const handle = await open(
      path,
      constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_EXCL | DSYNC,
    );
    try {
      const header: HeaderLine = { h: 1, pid: process.pid, host: hostname(), at: Date.now() };
      await writeAll(handle, encodeLine(header));
      await syncDirectory(this.options.spoolDir);
      const { ino, dev } = await handle.stat();
      // `size` counts records only: the header alone never makes a segment "full".
      this.segment = { handle, path, size: 0, openedAt: Date.now(), ino, dev };
    } catch (error) {
      await handle.close().catch(() => {});
      throw error;
    }
    if (!process.listeners("exit").includes(this.onExit)) process.on("exit", this.onExit);
    return this.segment;
  }

  /**
   * Synchronous: a stat of a name the kernel has just looked up takes microseconds, where the
   * thread pool's round trip was one of the two an append waited for (BENCHMARKS.md, outbox).
   */
  private stillLinked(segment: Segment): boolean {
    try {
      const now = statSync(segment.path);
      return now.ino === segment.ino && now.dev === segment.dev;
    } catch {
      return false;
    }
  }

  private async drop(segment: Segment): Promise<void> {
    if (this.segment === segment) this.segment = undefined;
    await segment.handle.close().catch(() => {});
  }

  /** The cap and the free space, measured at most once a second and counted in between. */
  private async checkRoom(bytes: number): Promise<void> {
    const { maxSpoolBytes, minFreeBytes, spoolDir } = this.options;
    this.usage ??= await this.measure();
    if (Date.now() - this.usage.at > MEASURE_EVERY_MS) this.measuring ??= this.measureAgain();
    const usage = this.usage;
    if (usage.bytes + bytes > maxSpoolBytes) {
      throw new OutboxFullError(
        `the outbox spool ${spoolDir} holds ${usage.bytes} bytes; ${bytes} more would pass its cap of ` +
          `${maxSpoolBytes} (maxSpoolBytes): nothing was written. Flush it (opensync-outbox flush) or raise the cap`,
      );
    }
    if (usage.free - bytes < minFreeBytes) {
      throw new OutboxFullError(
        `the disk under ${spoolDir} has ${usage.free} bytes free, under the ${minFreeBytes} bytes the outbox leaves ` +
          `free (minFreeBytes): nothing was written`,
      );
    }
    usage.bytes += bytes;
    usage.free -= bytes;
    this.counted += bytes;
  }

  /** A new measurement, plus what was counted while it ran (it may have missed those bytes). */
  private async measureAgain(): Promise<void> {
    const counted = this.counted;
    try {
      const usage = await this.measure();
      const since = this.counted - counted;
      this.usage = { bytes: usage.bytes + since, free: usage.free - since, at: usage.at };
    } catch {
      // The counted figure stands; the next append past the interval measures again.
    } finally {
      this.measuring = undefined;
    }
  }

  private async measure(): Promise<{ bytes: number; free: number; at: number }> {
    let bytes = 0;
    for (const dir of this.options.measuredDirs) {
      const names = await readdir(dir).catch(() => [] as string[]);
      const sizes = await Promise.all(
        names.map((name) =>
          stat(join(dir, name)).then(
            (s) => s.size,
            () => 0,
          ),
        ),
      );
      bytes += sizes.reduce((a, b) => a + b, 0);
    }
    await ensureDirectory(this.options.spoolDir);
    const fs = await statfs(this.options.spoolDir);
    return { bytes, free: Number(fs.bavail) * Number(fs.bsize), at: Date.now() };
  }

  /** On process exit without close(): mark the segment finished (best effort, synchronous). */
  private sealSync(): void {
    const segment = this.segment;
    if (!segment) return;
    try {
      writeSync(segment.handle.fd, END_LINE);
    } catch {
      // A segment left open is finished once its writer is gone (see spool.ts).
    }
  }
}
