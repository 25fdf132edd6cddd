/**
 * Reading a request, under either way the sandbox is served: from Node's IncomingMessage under
 * @hono/node-server (node.ts), from the web Request under `app.fetch(request)` (edge runtimes,
 * in-process tests). Both give the same answers; a behaviour test holds them to it.
 */
import { nodeBindings, nodeHeader, readNodeBody, type SandboxContext } from "./node.js";

/** A request header as `c.req.header(name)` gives it; `name` in lower case. */
export function requestHeader(c: SandboxContext, name: string): string | undefined {
  const node = nodeBindings(c);
  return node ? nodeHeader(node.incoming, name) : c.req.header(name);
}

/** `new URL(url).searchParams` without parsing the rest of the URL (`url` is already normalised, an href). */
export function searchParams(url: string): URLSearchParams {
  const q = url.indexOf("?");
  if (q < 0) return new URLSearchParams();
  const hash = url.indexOf("#", q);
  return new URLSearchParams(hash < 0 ? url.slice(q + 1) : url.slice(q + 1, hash));
}

/** The request body as text, or undefined when it is over `max` bytes (read no further). */
export function readBody(c: SandboxContext, max: number): Promise<string | undefined> {
  const node = nodeBindings(c);
  return node ? readNodeBody(node.incoming, max) : readWebBody(c.req.raw, max);
}

async function readWebBody(request: Request, max: number): Promise<string | undefined> {
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
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(all);
}
