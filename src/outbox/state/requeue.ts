/**
 * Sending dead letters again: `opensync-outbox requeue <externalId…|--all>`. Under the flush lock
 * (the flusher appends to dead-letter.jsonl), the chosen letters' records are enqueued again, then
 * removed from dead-letter.jsonl. A crash between the two at worst enqueues a record twice (the
 * versions coalesce) or keeps its letter (requeued again later): nothing is lost.
 */
import { rm } from "node:fs/promises";
import { resolve } from "node:path";
import { destinationOf } from "../destination.js";
import { ensureDirectory, replaceFile } from "../durable-fs.js";
import { acquireFlushLock } from "../flush/flush-lock.js";
import { layoutOf } from "../layout.js";
import { encodeLine } from "../line-codec.js";
import { SEGMENT_AGE_MS, SEGMENT_BYTES } from "../options.js";
import type { RecordLine } from "../records.js";
import { SegmentWriter } from "../spool/segment-writer.js";
import { readDeadLetterFile } from "./dead-letter.js";

export interface RequeueResult {
  /** Dead letters enqueued again. */
  requeued: number;
  /** External ids asked for that no dead letter has. */
  notFound: string[];
}

/**
 * Enqueues again the dead letters named (by externalId) or all of them, bound to the server and
 * account given (default: OPENSYNC_BASE_URL and OPENSYNC_API_KEY; neither: any flush's).
 */
export async function requeueDeadLetters(
  dir: string,
  which: readonly string[] | "all",
  options: { baseUrl?: string; apiKey?: string; waitMs?: number } = {},
): Promise<RequeueResult> {
  const layout = layoutOf(resolve(dir));
  const destination = destinationOf(
    options.baseUrl ?? process.env.OPENSYNC_BASE_URL,
    options.apiKey ?? process.env.OPENSYNC_API_KEY,
  );
  await ensureDirectory(layout.dir);
  const lock = await acquireFlushLock(layout.lock, {
    deadline: Date.now() + (options.waitMs ?? 60_000),
    staleMs: 20_000,
  });
  if (!lock) throw new Error("another flush held the outbox's lock throughout: try again once it is done");
  try {
    const letters = await readDeadLetterFile(layout.deadLetter);
    const wanted = which === "all" ? undefined : new Set(which);
    const chosen = letters.filter((l) => !wanted || wanted.has(l.externalId));
    const found = new Set(chosen.map((l) => l.externalId));
    const notFound = which === "all" ? [] : which.filter((id) => !found.has(id));
    if (chosen.length === 0) return { requeued: 0, notFound };
    const writer = new SegmentWriter({
      spoolDir: layout.spool,
      measuredDirs: [layout.spool, layout.journal],
      maxSpoolBytes: Infinity,
      minFreeBytes: 0,
      segmentBytes: SEGMENT_BYTES,
      segmentAgeMs: SEGMENT_AGE_MS,
    });
    try {
      const d = destination ? { d: destination.key } : {};
      for (const letter of chosen) {
        const line: RecordLine = { k: letter.kind === "session" ? "s" : "m", t: Date.now(), b: letter.record, ...d };
        await writer.append(encodeLine(line));
      }
    } finally {
      await writer.close();
    }
    const kept = letters.filter((l) => !chosen.includes(l));
    if (kept.length === 0) await rm(layout.deadLetter, { force: true });
    else await replaceFile(layout.deadLetter, kept.map((l) => `${JSON.stringify(l)}\n`).join(""));
    return { requeued: chosen.length, notFound };
  } finally {
    await lock.release();
  }
}
