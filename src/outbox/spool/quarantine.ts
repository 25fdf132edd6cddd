/**
 * Damaged lines (a complete line of a spool segment that fails its checksum, or is no line the
 * outbox writes) are kept, never dropped: before their segment may be removed, each is appended,
 * its bytes intact (base64, and as text for people), to quarantine.jsonl in the outbox directory,
 * and counted as `damaged` in the flush report, `status` and the CLI. A crash between the append
 * and the removal repeats a line; readers count each (segment, offset) once.
 */
import { readFile } from "node:fs/promises";
import { appendDurably } from "../durable-fs.js";
import type { DamagedLine } from "./spool.js";

export interface QuarantinedLine {
  /** When it was quarantined (ISO 8601). */
  at: string;
  segment: string;
  offset: number;
  /** The line's exact bytes, base64 (without its newline). */
  bytes: string;
  /** The same bytes as UTF-8 text, for reading. */
  text: string;
}

const keyOf = (line: { segment: string; offset: number }) => `${line.segment}#${line.offset}`;

export async function readQuarantine(path: string): Promise<QuarantinedLine[]> {
  const text = await readFile(path, "utf8").catch(() => "");
  const lines = new Map<string, QuarantinedLine>();
  for (const line of text.split("\n")) {
    if (!line) continue;
    try {
      const entry = JSON.parse(line) as QuarantinedLine;
      if (!lines.has(keyOf(entry))) lines.set(keyOf(entry), entry);
    } catch {
      // A line cut short by a crash: written again before its segment could go.
    }
  }
  return [...lines.values()];
}

/** The quarantine of one outbox, as its flusher keeps it. */
export class Quarantine {
  private constructor(
    private readonly path: string,
    private readonly kept: Set<string>,
  ) {}

  static async open(path: string): Promise<Quarantine> {
    return new Quarantine(path, new Set((await readQuarantine(path)).map(keyOf)));
  }

  has(line: DamagedLine): boolean {
    return this.kept.has(keyOf(line));
  }

  /** Appends (and syncs) the lines not kept yet; returns how many were added. */
  async keep(lines: Iterable<DamagedLine>, now = Date.now()): Promise<number> {
    const fresh = [...lines].filter((line) => !this.has(line));
    if (fresh.length === 0) return 0;
    const at = new Date(now).toISOString();
    const json = fresh.map((line) =>
      JSON.stringify({
        at,
        segment: line.segment,
        offset: line.offset,
        bytes: line.bytes.toString("base64"),
        text: line.bytes.toString("utf8"),
      } satisfies QuarantinedLine),
    );
    await appendDurably(this.path, Buffer.from(`${json.join("\n")}\n`));
    for (const line of fresh) this.kept.add(keyOf(line));
    return fresh.length;
  }
}
