/** A logger (pino-shaped) that keeps every line it is given, for tests of what is logged. */
import type { Logger } from "../../src/index.js";

export type LogLine = { level: string; fields: Record<string, unknown>; message: string };

export function recordingLogger(): { logger: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const at =
    (level: string) =>
    (fields: Record<string, unknown>, message: string): void =>
      void lines.push({ level, fields, message });
  return { logger: { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") }, lines };
}
