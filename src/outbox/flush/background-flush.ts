/**
 * A flush in another process, detached: what a hook starts before it exits, so that delivery
 * (with its waits, retries and backoff) never holds up the tool that ran the hook.
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/** The path of the opensync-outbox bin of the installed opensync-api package. */
export function outboxBinPath(): string {
  const manifest = createRequire(import.meta.url).resolve("opensync-api/package.json");
  const bin = (JSON.parse(readFileSync(manifest, "utf8")) as { bin?: Record<string, string> }).bin?.["opensync-outbox"];
  if (!bin) throw new Error(`${manifest} names no opensync-outbox bin`);
  return join(dirname(manifest), bin);
}

export interface BackgroundFlushOptions {
  dir: string;
  baseUrl?: string | undefined;
  apiKey?: string | undefined;
  deadlineMs?: number | undefined;
}

/**
 * Starts `opensync-outbox flush --dir <dir>` in a detached process with no stdio, and returns its
 * pid at once. The credentials go through the environment (OPENSYNC_BASE_URL, OPENSYNC_API_KEY),
 * never the command line, which other users of the machine can read.
 */
export function spawnDetachedFlush(options: BackgroundFlushOptions): number | undefined {
  const env = { ...process.env };
  if (options.baseUrl !== undefined) env.OPENSYNC_BASE_URL = options.baseUrl;
  if (options.apiKey !== undefined) env.OPENSYNC_API_KEY = options.apiKey;
  const args = [outboxBinPath(), "flush", "--dir", options.dir];
  if (options.deadlineMs !== undefined) args.push("--deadline-ms", String(Math.ceil(options.deadlineMs)));
  const child = spawn(process.execPath, args, { detached: true, stdio: "ignore", env, windowsHide: true });
  child.unref();
  return child.pid;
}
