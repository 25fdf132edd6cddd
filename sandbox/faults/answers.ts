/**
 * What a request gets when a fault fires (faults/injector.ts decides when). The server's own failures
 * (429, 500, a held request while the sandbox closes) are HttpErrors, answered in the sandbox's
 * error shape; what a proxy or the network would do instead (a 502 HTML page, a plain-text 503,
 * a dropped connection) is answered as such, whatever the shape.
 */
import { setTimeout as delay } from "node:timers/promises";
import { HttpError, rateLimited } from "../http/http-error.js";
import { nodeBindings, type SandboxContext } from "../http/node.js";
import { type AfterWriteFaultKind, type Fault, retryAfterHeaders } from "./injector.js";

const BAD_GATEWAY_PAGE =
  "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>";

/**
 * The fault's answer, or undefined when the request goes on (after a slow fault's delay).
 * `closing` aborts when the sandbox is disposed: a held request is then answered at once.
 */
export async function answerFault(
  c: SandboxContext,
  fault: Fault,
  closing: AbortSignal,
): Promise<Response | undefined> {
  switch (fault.kind) {
    case "slow":
      try {
        await delay(fault.delayMs, undefined, { signal: closing });
        return undefined;
      } catch {
        throw new HttpError(503, "INTERNAL_ERROR", "The sandbox is shutting down");
      }
    case "reset":
      return dropConnection(c);
    case "429":
      throw rateLimited(fault.retryAfterSeconds, retryAfterHeaders(fault));
    case "500":
      throw new HttpError(500, "INTERNAL_ERROR", "Internal server error (injected fault)");
    case "502":
      // What a reverse proxy in front of a dead upstream sends: HTML, not the envelope.
      return c.html(BAD_GATEWAY_PAGE, 502);
    case "503":
      return c.text("Service Unavailable", 503, retryAfterHeaders(fault));
    case "reset-after":
    case "500-after":
      // Answered once the operation has run (answerAfterWrite), not here.
      return undefined;
  }
}

/** What replaces the answer of an operation that ran: the write happened, its answer is lost. */
export function answerAfterWrite(c: SandboxContext, kind: AfterWriteFaultKind): Response {
  if (kind === "reset-after") return dropConnection(c);
  throw new HttpError(500, "INTERNAL_ERROR", "Internal server error (injected fault, after the operation ran)");
}

function dropConnection(c: SandboxContext): Response {
  // Only a Node listener has a socket to drop; elsewhere the closest thing is a bare 502.
  const socket = nodeBindings(c)?.incoming.socket;
  if (socket) {
    socket.destroy();
    return new Response(null, { status: 502 });
  }
  return c.body(null, 502);
}
