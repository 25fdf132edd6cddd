/**
 * What the enqueue benchmark writes, and its floor: the least a durable append must do.
 *
 * One `message()` that resolves must leave its record's line in a file on disk (the data and the
 * file's size: fdatasync's guarantee) in a file whose name is durable. The floor does exactly
 * that and nothing more, on the same bytes the outbox writes, in the same layout: a file per
 * writer in a spool directory shared by every writer, created before timing with its first line
 * synced and its directory entry synced (as the outbox's first record creates its segment), then
 * one write and one fdatasync per record.
 */
import { closeSync, fdatasyncSync, fsyncSync, mkdirSync, openSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { encodeLine } from "../../src/outbox/line-codec.js";

/** A message with parts (about 500 B as a spool line), the same for the floor and the outbox. */
export const benchMessage = (session: string, i: number) => ({
  sessionExternalId: session,
  externalId: `${session}:${i}`,
  role: i % 2 ? ("assistant" as const) : ("user" as const),
  textContent:
    `Message ${i}: the refresh handler drops the new token because the cookie is written before the ` +
    `rotation completes.`,
  parts: [
    {
      type: "text",
      content:
        `Message ${i}: the refresh handler drops the new token because the cookie is written before the ` +
        `rotation completes.`,
    },
    {
      type: "tool-call",
      content: { name: "Read", args: { file_path: `src/auth/refresh-${i % 17}.ts`, offset: i, limit: 200 } },
    },
  ],
});

/** The line the outbox writes for `message` (a record line with no destination). */
export const messageLine = (message: object) => encodeLine({ k: "m", t: Date.now(), b: message });

/** Creates `<dir>/spool/<name>` with a first line, synced, its name synced too; returns its descriptor. */
export function openFloorFile(dir: string, name: string): number {
  const spool = join(dir, "spool");
  mkdirSync(spool, { recursive: true });
  const fd = openSync(join(spool, name), "a");
  floorAppend(fd, encodeLine({ h: 1, pid: process.pid, host: hostname(), at: Date.now() }));
  const directory = openSync(spool, "r");
  try {
    fsyncSync(directory);
  } finally {
    closeSync(directory);
  }
  return fd;
}

/** The floor's append: the line written, then fdatasync'd. */
export function floorAppend(fd: number, line: Buffer): void {
  writeSync(fd, line);
  fdatasyncSync(fd);
}
