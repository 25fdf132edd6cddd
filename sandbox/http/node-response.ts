/**
 * Node's response as the sandbox's listener makes it: it holds the CORS headers an answer is due
 * (cors.ts) until the answer writes its head, then passes them to writeHead with the answer's own.
 * Set one by one with setHeader, as any other response takes them, they cost each answer two
 * validated setHeader calls and sent writeHead down its slow path, which merges the answer's
 * headers with setHeader's one by one (BENCHMARKS.md). The bytes sent are the same: these headers
 * first, in the order given, then the answer's, whose own value wins for a header both name.
 */
import { type IncomingMessage, ServerResponse } from "node:http";

export type HeaderPairs = readonly (readonly [string, string])[];

export class SandboxResponse<Request extends IncomingMessage = IncomingMessage> extends ServerResponse<Request> {
  /** Headers due on the answer, not yet passed to Node. */
  private due: [string, string][] = [];

  /** Adds headers to the answer's (a header named again replaces its earlier value). */
  addDueHeaders(headers: HeaderPairs): void {
    for (const [name, value] of headers) {
      const at = this.due.findIndex(([due]) => sameName(due, name));
      if (at < 0) this.due.push([name, value]);
      else this.due[at] = [name, value];
    }
  }

  /** Takes a header back, whether still due or already set. */
  dropDueHeader(name: string): void {
    this.due = this.due.filter(([due]) => !sameName(due, name));
    this.removeHeader(name);
  }

  override writeHead(statusCode: number, ...rest: unknown[]): this {
    const due = this.due;
    if (due.length === 0) return super.writeHead(statusCode, ...(rest as []));
    this.due = [];
    const reason = typeof rest[0] === "string" ? rest[0] : undefined;
    const headers = reason === undefined ? rest[0] : rest[1];
    if (headers === undefined || headers === null || typeof headers !== "object" || Array.isArray(headers)) {
      // Not the plain object the sandbox's adapter passes: set them as any response would.
      for (const [name, value] of due) if (!this.hasHeader(name)) this.setHeader(name, value);
      return super.writeHead(statusCode, ...(rest as []));
    }
    const own = headers as Record<string, unknown>;
    const merged: Record<string, unknown> = {};
    for (const [name, value] of due) if (!this.hasHeader(name) && !namedIn(own, name)) merged[name] = value;
    for (const name in own) merged[name] = own[name];
    return reason === undefined
      ? super.writeHead(statusCode, merged as never)
      : super.writeHead(statusCode, reason, merged as never);
  }
}

const sameName = (a: string, b: string) => a.length === b.length && a.toLowerCase() === b.toLowerCase();

function namedIn(headers: Record<string, unknown>, name: string): boolean {
  for (const key in headers) if (sameName(key, name)) return true;
  return false;
}
