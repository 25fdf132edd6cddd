/**
 * Reading a request, under either way the sandbox is served. Under @hono/node-server (the Node
 * listener), headers, query and body come straight from Node's IncomingMessage: going through hono's
 * web Request makes node-server build one (with an AbortSignal) and copy every header into a web
 * Headers object, which cost more than everything else a request does. Under `app.fetch(request)`
 * (edge runtimes, in-process tests) they come from the web Request. Both give the same answers; a
 * behaviour test holds them to it.
 */
import type { Context } from "hono";
import type { IncomingMessage } from "node:http";

/** Node's request, when @hono/node-server serves the app; undefined under `app.fetch(request)`. */
export const nodeIncoming = (c: Context) => (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;

/**
 * A request header as `c.req.header(name)` gives it (`name` in lower case; repeated headers joined
 * with ", ", outer blanks trimmed, as web Headers do), read from Node's rawHeaders when there are
 * any: `c.req.header()` makes @hono/node-server copy every header into a web Headers object first.
 */
export function requestHeader(c: Context, name: string): string | undefined {
  const incoming = nodeIncoming(c);
  if (!incoming) return c.req.header(name);
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
  v.length > 0 && (isHttpWhitespace(v.charCodeAt(0)) || isHttpWhitespace(v.charCodeAt(v.length - 1))) ? v.replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, "") : v;

/** `new URL(url).searchParams` without parsing the rest of the URL (`url` is already normalised, an href). */
export function searchParams(url: string): URLSearchParams {
  const q = url.indexOf("?");
  if (q < 0) return new URLSearchParams();
  const hash = url.indexOf("#", q);
  return new URLSearchParams(hash < 0 ? url.slice(q + 1) : url.slice(q + 1, hash));
}

const utf8 = new TextDecoder();

/**
 * Under @hono/node-server: the body straight from Node's IncomingMessage (`c.env.incoming`), as
 * text, or undefined once it passes `max` bytes (read no further; node-server drains or drops
 * the rest after the 413, which also closes the connection). Going through `c.req.raw.body`
 * instead makes node-server build a web Request with an AbortSignal and wrap the message in two
 * ReadableStreams: that cost more than everything else a POST does. Decoding is the same
 * TextDecoder as readLimited's, so a BOM or invalid UTF-8 is treated alike on both paths.
 */
function readIncomingLimited(incoming: IncomingMessage, max: number): Promise<string | undefined> {
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
    const onError = (error: Error) => (done(), reject(error));
    // The client went away before the end of its body: nobody is left to answer.
    const onClose = () => (done(), reject(new Error("request closed before its body ended")));
    incoming.on("data", onData);
    incoming.on("end", onEnd);
    incoming.on("error", onError);
    incoming.on("close", onClose);
  });
}

/** The request body as text, or undefined once it passes `max` bytes (read no further). */
async function readLimited(request: Request, max: number): Promise<string | undefined> {
  const declared = Number(request.headers.get("content-length"));
  if (declared > max) return undefined;
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => {});
      return undefined;
    }
    chunks.push(value);
  }
  const all = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) (all.set(chunk, offset), (offset += chunk.byteLength));
  return new TextDecoder().decode(all);
}

/** The request body as text, or undefined when it is over `max` bytes; the right reader for how the app is served. */
export function readBody(c: Context, max: number): Promise<string | undefined> {
  const incoming = nodeIncoming(c);
  return incoming ? readIncomingLimited(incoming, max) : readLimited(c.req.raw, max);
}
