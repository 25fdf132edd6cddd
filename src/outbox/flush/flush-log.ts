/**
 * flush.log: one line per command-line flush (the background flush a hook starts included), with
 * what it did and why it failed, so that a flush nobody watches still says why. Bounded: past
 * MAX_BYTES, its older half is dropped.
 */
import { appendFile, readFile, stat } from "node:fs/promises";
import { resolve } from "node:path";
import { replaceFile } from "../durable-fs.js";
import { layoutOf } from "../layout.js";

const MAX_BYTES = 64 * 1024;

export async function appendFlushLog(dir: string, line: string, now = new Date()): Promise<void> {
  const path = layoutOf(resolve(dir)).flushLog;
  await appendFile(path, `${now.toISOString()} ${line.replaceAll("\n", " ")}\n`);
  const size = (await stat(path)).size;
  if (size <= MAX_BYTES) return;
  const text = await readFile(path, "utf8");
  const keep = text.slice(text.length - MAX_BYTES / 2);
  await replaceFile(path, keep.slice(keep.indexOf("\n") + 1));
}
