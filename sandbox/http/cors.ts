/**
 * CORS, so browser apps on any origin can call the sandbox: preflights through hono's cors();
 * every other answer gets the two headers cors() would add for origin "*" (allow-origin and
 * expose-headers), from `allowCrossOrigin` at the start of each route rather than from a "*"
 * middleware (with one handler per route, hono calls it directly instead of composing a chain
 * per request). Under @hono/node-server they go on Node's response (node.ts; held until writeHead
 * by the sandbox's own, node-response.ts), not through c.res.headers as cors() does, which would
 * make node-server build a web Response per answer.
 */
import type { Context } from "hono";
import { cors } from "hono/cors";
import { OPERATIONS } from "opensync-api/contract";
import { nodeBindings, type SandboxContext, setNodeHeaders } from "./node.js";
import { SandboxResponse } from "./node-response.js";

const EXPOSED = ["Retry-After", "retry-after-ms", "Content-Disposition", "X-Export-Sessions", "X-Export-TestCases"];

const CROSS_ORIGIN_HEADERS = [
  ["Access-Control-Allow-Origin", "*"],
  ["Access-Control-Expose-Headers", EXPOSED.join(",")],
] as const;

/** The methods the contract's operations use, and OPTIONS for the preflight itself. */
const ALLOWED_METHODS = [...new Set([...Object.keys(OPERATIONS).map((key) => key.split(" ")[0]!), "OPTIONS"])];

const preflight = cors({
  origin: "*",
  allowMethods: ALLOWED_METHODS,
  // No allowHeaders: the preflight allows whatever headers the browser asks for, so a client
  // adding its own header (a request id, say) is not refused.
  exposeHeaders: EXPOSED,
  maxAge: 86400,
});

/** The answer to every OPTIONS request (cors() answers a preflight itself, never calling next). */
export const answerPreflight = (c: Context) => preflight(c, async () => {}) as Promise<Response>;

/** Every CORS header an answer that is not a preflight may carry, in either mode. */
const CROSS_ORIGIN_HEADER_NAMES = [
  "Access-Control-Allow-Origin",
  "Access-Control-Expose-Headers",
  "Access-Control-Allow-Methods",
  "Access-Control-Allow-Headers",
];

export type HeaderList = readonly (readonly [string, string])[];

/** The CORS headers of an answer that is not a preflight; call before the answer is made. */
export function allowCrossOrigin(c: SandboxContext, headers: HeaderList = CROSS_ORIGIN_HEADERS): void {
  const node = nodeBindings(c);
  if (node?.outgoing instanceof SandboxResponse) node.outgoing.addDueHeaders(headers);
  else if (node) setNodeHeaders(node.outgoing, headers);
  else for (const [name, value] of headers) c.header(name, value);
}

/** Takes back the CORS headers allowCrossOrigin gave an answer (one a page on another origin must not read). */
export function withholdCrossOrigin(c: SandboxContext): void {
  const node = nodeBindings(c);
  for (const name of CROSS_ORIGIN_HEADER_NAMES) {
    if (node?.outgoing instanceof SandboxResponse) node.outgoing.dropDueHeader(name);
    else if (node) node.outgoing.removeHeader(name);
    else c.header(name, undefined);
  }
}
