/**
 * The Node fast path: under @hono/node-server (the Node listener) the sandbox reads headers and
 * bodies straight from Node's IncomingMessage and puts its CORS headers on Node's ServerResponse,
 * both reached through `c.env` (@hono/node-server's HttpBindings). Going through hono's web Request
 * instead makes node-server build one (with an AbortSignal), copy every header into a web Headers
 * object and wrap the body in two ReadableStreams; and headers set on `c.res` make it build a real
 * web Response and a stream for every answer. Those cost more than everything else a request does
 * (BENCHMARKS.md). request.ts and cors.ts take this path when there is one, the web one otherwise.
 */

import type { IncomingMessage, ServerResponse } from "node:http";
import type { HttpBindings } from "@hono/node-server";
import type { Context } from "hono";

/**
 * The app's hono environment: @hono/node-server passes Node's request and response as `c.env`;
 * `app.fetch(request)` passes none (optional, so the app is still a plain `Hono`).
 */
export type SandboxEnv = { Bindings?: HttpBindings };
export type SandboxContext = Context<SandboxEnv>;

/** Node's request and response, when @hono/node-server serves the app. */
export function nodeBindings(c: SandboxContext): HttpBindings | undefined {
  // An edge runtime may pass bindings of its own as c.env: Node's are the ones with a request.
  return c.env?.incoming === undefined ? undefined : c.env;
}

/**
 * A request header as web Headers give it (`name` in lower case; repeated headers joined with
 * ", ", outer blanks trimmed), read from Node's rawHeaders.
 */
export function nodeHeader(incoming: IncomingMessage, name: string): string | undefined {
  const raw = incoming.rawHeaders;
  let value: string | undefined;
  for (let i = 0; i < raw.length; i += 2) {
    const key = raw[i]!;
    if (key.length !== name.length || key.toLowerCase() !== name) continue;
    const v = trimHttpWhitespace(raw[i + 1]!);
    value = value === undefined ? v : `${value}, ${v}`;
  }
  return value;
}

const isHttpWhitespace = (ch: number) => ch === 0x20 || ch === 0x09 || ch === 0x0a || ch === 0x0d;
const trimHttpWhitespace = (v: string) =>
  v.length > 0 && (isHttpWhitespace(v.charCodeAt(0)) || isHttpWhitespace(v.charCodeAt(v.length - 1)))
    ? v.replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, "")
    : v;

const utf8 = new TextDecoder();

/**
 * The body as text, or undefined once it passes `max` bytes (read no further; node-server drains
 * or drops the rest after the 413, which also closes the connection). Decoded by a default
 * TextDecoder, as request.ts decodes the web path's body, so a BOM or invalid UTF-8 is treated
 * alike on both.
 */
export function readNodeBody(incoming: IncomingMessage, max: number): Promise<string | undefined> {
  if (Number(incoming.headers["content-length"]) > max) return Promise.resolve(undefined);
  if (incoming.readableEnded) return Promise.resolve("");
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = () => {
      incoming.off("data", onData);
      incoming.off("end", onEnd);
      incoming.off("error", onError);
      incoming.off("close", onClose);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) {
        done();
        incoming.pause();
        resolve(undefined);
      } else chunks.push(chunk);
    };
    const onEnd = () => {
      done();
      resolve(utf8.decode(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size)));
    };
    const onError = (error: Error) => {
      done();
      reject(error);
    };
    // The client went away before the end of its body: nobody is left to answer.
    const onClose = () => {
      done();
      reject(new Error("request closed before its body ended"));
    };
    incoming.on("data", onData);
    incoming.on("end", onEnd);
    incoming.on("error", onError);
    incoming.on("close", onClose);
  });
}

/**
 * Headers every answer carries, set on Node's response: writeHead merges them with the answer's
 * own (which win on a clash), and hono's answers keep plain header objects.
 */
export function setNodeHeaders(outgoing: ServerResponse, headers: readonly (readonly [string, string])[]): void {
  for (const [name, value] of headers) outgoing.setHeader(name, value);
}
