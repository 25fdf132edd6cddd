/**
 * Records the server refused, kept for people to read: dead-letter.jsonl in the outbox directory,
 * one JSON object per line with what was sent and what the server said. A record is written here
 * (and synced) before it counts as done, so a refusal is never lost; a crash between the two at
 * worst repeats its line.
 */
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { appendDurably } from "../durable-fs.js";
import { layoutOf } from "../layout.js";
import type { MessageUpsert, RecordKind, SessionUpsert } from "../records.js";

export interface DeadLetter {
  /** When it was refused (ISO 8601). */
  at: string;
  kind: RecordKind;
  externalId: string;
  /** What the server said (or why the outbox gave up: a 500 answered every time). */
  error: string;
  /** What was sent: the pending versions folded into one upsert. */
  record: SessionUpsert | MessageUpsert;
  /** How many enqueued versions it covers. */
  versions: number;
}

export async function appendDeadLetters(path: string, letters: DeadLetter[]): Promise<void> {
  if (letters.length === 0) return;
  await appendDurably(path, Buffer.from(letters.map((l) => `${JSON.stringify(l)}\n`).join("")));
}

/** Every dead letter of the outbox in `dir` (lines cut short by a crash mid-write are skipped). */
export async function readDeadLetters(dir: string): Promise<DeadLetter[]> {
  return readDeadLetterFile(layoutOf(resolve(dir)).deadLetter);
}

export async function readDeadLetterFile(path: string): Promise<DeadLetter[]> {
  const text = await readFile(path, "utf8").catch(() => "");
  const letters: DeadLetter[] = [];
  for (const line of text.split("\n")) {
    if (!line) continue;
    try {
      letters.push(JSON.parse(line));
    } catch {
      // A line cut short by a crash.
    }
  }
  return letters;
}
