/**
 * One flusher at a time per outbox directory, across processes, and never stuck behind a dead one.
 *
 * The lock is the file flush.lock, holding { pid, host, token }. It is taken by writing a private
 * file and hard-linking it to flush.lock: link() fails if the name exists, so exactly one process
 * wins, and the file is complete before anyone can see it. The holder touches it (a heartbeat)
 * every `staleMs / 5`.
 *
 * A lock is stale when its holder is certainly gone (same host, no such process: a SIGKILLed
 * flusher is detected at once) or its heartbeat is older than `staleMs` (another host, a reused
 * pid, a frozen process). A stale lock is stolen by renaming it aside and reading what was moved:
 * if it is not the stale lock that was judged (someone else stole it first and took the lock
 * anew), it is linked back at once. The holder checks that flush.lock still carries its token
 * before each request, so a holder that was frozen long enough to be judged stale stops by itself.
 */

import { randomBytes } from "node:crypto";
import { readFileSync, unlinkSync } from "node:fs";
import { link, readFile, rename, stat, unlink, utimes, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import { processIsGone } from "../spool/process-alive.js";
import { SYSTEM_CLOCK } from "./clock.js";

interface LockContent {
  pid: number;
  host: string;
  token: string;
  at: number;
  /** The destination the holder delivers to (../destination.ts), so that a flush for another one waits. */
  destination?: string;
}

export interface FlushLockOptions {
  /** Give up waiting at this time (epoch ms). */
  deadline: number;
  signal?: AbortSignal | undefined;
  staleMs: number;
  /** Written into the lock: whose records its holder delivers. */
  destination?: string;
}

export class FlushLock {
  private heartbeat: ReturnType<typeof setInterval> | undefined;
  private released = false;
  private readonly onExit = () => this.releaseSync();

  constructor(
    readonly path: string,
    readonly token: string,
    staleMs: number,
  ) {
    this.heartbeat = setInterval(() => void this.beat(), Math.max(50, Math.floor(staleMs / 5)));
    this.heartbeat.unref();
    process.on("exit", this.onExit);
  }

  /** Whether flush.lock is still ours (read from disk: another process may have judged us stale). */
  async held(): Promise<boolean> {
    if (this.released) return false;
    return (await readLock(this.path))?.token === this.token;
  }

  async release(): Promise<void> {
    if (this.released) return;
    this.stop();
    if ((await readLock(this.path))?.token === this.token) await unlink(this.path).catch(() => {});
  }

  private stop(): void {
    this.released = true;
    clearInterval(this.heartbeat);
    process.off("exit", this.onExit);
  }

  private async beat(): Promise<void> {
    if (await this.held()) {
      const now = new Date();
      await utimes(this.path, now, now).catch(() => {});
    }
  }

  private releaseSync(): void {
    this.stop();
    try {
      if ((JSON.parse(readFileSync(this.path, "utf8")) as LockContent).token === this.token) unlinkSync(this.path);
    } catch {
      // Gone already, or not ours.
    }
  }
}

/** Takes the lock, waiting for a live holder until the deadline; undefined if it never came free. */
export async function acquireFlushLock(path: string, options: FlushLockOptions): Promise<FlushLock | undefined> {
  const token = randomBytes(12).toString("hex");
  const mine = `${path}.${token}`;
  const content: LockContent = { pid: process.pid, host: hostname(), token, at: Date.now() };
  if (options.destination !== undefined) content.destination = options.destination;
  await writeFile(mine, JSON.stringify(content));
  try {
    for (;;) {
      options.signal?.throwIfAborted();
      try {
        await link(mine, path);
        return new FlushLock(path, token, options.staleMs);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      }
      const holder = await readLock(path);
      const info = await stat(path).catch(() => undefined);
      if (!info) continue;
      if (isStale(holder, info.mtimeMs, options.staleMs)) {
        await steal(path, token, holder?.token);
        continue;
      }
      if (Date.now() >= options.deadline) return undefined;
      // Polling: there is no portable way to be told when a file is removed. Jittered, so that
      // waiting flushers do not all retry in step.
      await SYSTEM_CLOCK.sleep(
        Math.min(100 + Math.random() * 150, Math.max(0, options.deadline - Date.now())),
        options.signal,
      );
    }
  } finally {
    await unlink(mine).catch(() => {});
  }
}

/** The destination the lock's holder delivers to ("" for none named), or undefined when the lock is free. */
export async function lockHolderDestination(path: string): Promise<string | undefined> {
  const holder = await readLock(path);
  return holder === undefined ? undefined : (holder.destination ?? "");
}

function isStale(holder: LockContent | undefined, mtimeMs: number, staleMs: number): boolean {
  if (Date.now() - mtimeMs > staleMs) return true;
  // Unreadable content cannot come from link() (the file is whole before it has the name); only
  // damage does: then time alone decides.
  if (!holder) return false;
  return holder.host === hostname() && processIsGone(holder.pid);
}

async function steal(path: string, token: string, staleToken: string | undefined): Promise<void> {
  const aside = `${path}.stale-${token}`;
  try {
    await rename(path, aside);
  } catch {
    return;
  }
  const moved = await readLock(aside);
  if (moved?.token !== staleToken) {
    // Not the lock judged stale: another process took the lock meanwhile. Give it back.
    await link(aside, path).catch(() => {});
  }
  await unlink(aside).catch(() => {});
}

async function readLock(path: string): Promise<LockContent | undefined> {
  try {
    const value = JSON.parse(await readFile(path, "utf8")) as LockContent;
    return typeof value?.token === "string" && typeof value.pid === "number" ? value : undefined;
  } catch {
    return undefined;
  }
}
