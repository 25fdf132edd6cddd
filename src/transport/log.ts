/**
 * The client's log: what it tells a logger the caller gave (`logger`, pino-shaped), or the
 * console when `OPENSYNC_LOG` asks for it. Events carry the method, the spec's path, statuses,
 * attempts and times; never a header, a query or a body, so neither the key, a token nor what a
 * user searched for can reach a log. Without a logger there is no Log at all, and the hot path
 * pays one optional call that does nothing.
 */
import { ConfigurationError } from "../errors/configuration-error.js";

/** One level's method: pino's `(fields, message)`; a console method takes the same arguments. */
export type LogMethod = (fields: Record<string, unknown>, message: string) => void;

/** Any object with these four methods: pino, a pino child, winston's, or `console`. */
export interface Logger {
  debug: LogMethod;
  info: LogMethod;
  warn: LogMethod;
  error: LogMethod;
}

/** The least severe level logged: `debug` is one line per call, `info` adds retries, `warn` give-ups. */
export type LogLevel = "debug" | "info" | "warn" | "error" | "silent";

/** Sends an event to the logger when its level is at or above the threshold. */
export type Log = (level: "debug" | "info" | "warn", fields: Record<string, unknown>, message: string) => void;

const LEVELS = ["debug", "info", "warn", "error", "silent"];

/** The log for a logger and a level, or undefined when nothing would be logged. */
export function createLog(logger: Logger | undefined, level: string): Log | undefined {
  const threshold = LEVELS.indexOf(level);
  if (threshold < 0) throw new ConfigurationError(`logLevel must be one of ${LEVELS.join(", ")}`);
  // The client logs nothing at error: a level above warn leaves nothing to send.
  if (!logger || threshold > 2) return undefined;
  return (at, fields, message) => {
    if (LEVELS.indexOf(at) >= threshold) logger[at](fields, message);
  };
}

const line =
  (level: string): LogMethod =>
  (fields, message) =>
    console.error(`opensync-api ${level}: ${message} ${JSON.stringify(fields)}`);

/** The logger `OPENSYNC_LOG` turns on: one line per event on stderr, where hook output does not go. */
export const consoleLogger: Logger = {
  debug: line("debug"),
  info: line("info"),
  warn: line("warn"),
  error: line("error"),
};
