/**
 * The outbox's files (spool segments, the flusher's journal) are lines of checksummed JSON:
 *
 *   <CRC-32 of the JSON's UTF-8 bytes, 8 hex digits> <JSON>\n
 *
 * A crash can leave the last line of a file cut short, or (after a power loss on some file
 * systems) followed by zeros. A line is taken only when it ends in "\n" and its checksum matches,
 * so a torn tail is detected and skipped, never misread; JSON.stringify never emits a raw newline,
 * so the next "\n" always ends the damaged line and reading resumes after it.
 */
import { crc32 } from "node:zlib";

const NEWLINE = 0x0a;
const HEX = /^[0-9a-f]{8}$/;

export function encodeLine(value: unknown): Buffer {
  return encodeJsonLine(JSON.stringify(value));
}

/** The line of a JSON text already serialised (a record's, whose body was serialised to be checked). */
export function encodeJsonLine(json: string): Buffer {
  const length = Buffer.byteLength(json);
  const line = Buffer.allocUnsafe(length + 10);
  line.write(json, 9, "utf8");
  line.write(
    crc32(line.subarray(9, 9 + length))
      .toString(16)
      .padStart(8, "0"),
    0,
    "latin1",
  );
  line[8] = 0x20;
  line[line.length - 1] = NEWLINE;
  return line;
}

export interface DecodedLine {
  value: unknown;
  /** Byte offset of the line in its file. */
  offset: number;
}

export interface DecodedLines {
  lines: DecodedLine[];
  /** Bytes of `buffer` taken up to the end of the last complete line (valid or not). */
  consumed: number;
  /** Complete lines that failed their checksum or did not parse: damage, skipped. */
  damaged: number;
  /** Where those lines are: byte offsets in the file, from the line's start to its newline (excluded). */
  damagedLines: { offset: number; end: number }[];
}

/**
 * The complete lines of `buffer` (read from `baseOffset` of a file). An incomplete last line is
 * left unconsumed: its writer may still be writing it (or died writing it, see the caller).
 */
export function decodeLines(buffer: Buffer, baseOffset = 0): DecodedLines {
  const lines: DecodedLine[] = [];
  const damagedLines: { offset: number; end: number }[] = [];
  let start = 0;
  for (;;) {
    const end = buffer.indexOf(NEWLINE, start);
    if (end < 0) break;
    const value = decodeOne(buffer.subarray(start, end));
    if (value === undefined) damagedLines.push({ offset: baseOffset + start, end: baseOffset + end });
    else lines.push({ value, offset: baseOffset + start });
    start = end + 1;
  }
  return { lines, consumed: start, damaged: damagedLines.length, damagedLines };
}

function decodeOne(line: Buffer): unknown {
  if (line.length < 10 || line[8] !== 0x20) return undefined;
  const sum = line.toString("latin1", 0, 8);
  if (!HEX.test(sum)) return undefined;
  const json = line.subarray(9);
  if (crc32(json) !== parseInt(sum, 16)) return undefined;
  try {
    return JSON.parse(json.toString("utf8"));
  } catch {
    return undefined;
  }
}
