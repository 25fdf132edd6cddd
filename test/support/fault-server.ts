/**
 * A scripted HTTP server on loopback for client tests: it answers attempt by attempt from a list
 * of steps and records what every attempt sent (method, path, headers, body), so a test can say
 * "503, 503, then 200" and then check what the client did.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { listenOnLoopback } from "./loopback-listen.js";

export type Step =
  | { status: number; headers?: Record<string, string>; body?: string | object; delayMs?: number }
  /** Destroys the connection without answering. */
  | { reset: true }
  /** Never answers (until the server closes). */
  | { hang: true }
  /** Sends headers and part of the body, then goes silent. */
  | { stallAfter: string; status?: number; headers?: Record<string, string> }
  /** Answers with a handler of the test's own. */
  | { handle: (req: IncomingMessage, res: ServerResponse, body: string) => void };

export interface RecordedAttempt {
  method: string;
  path: string;
  headers: IncomingMessage["headers"];
  body: string;
  at: number;
}

export interface FaultServer {
  url: string;
  attempts: RecordedAttempt[];
  /** Steps still to come; when empty, every request gets `fallback`. */
  script(...steps: Step[]): void;
  /** Drops the steps still queued. */
  clear(): void;
  close(): Promise<void>;
}

export async function startFaultServer(fallback: Step = { status: 200, body: { ok: true } }): Promise<FaultServer> {
  const queue: Step[] = [];
  const attempts: RecordedAttempt[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      attempts.push({
        method: req.method ?? "",
        path: req.url ?? "",
        headers: req.headers,
        body,
        at: performance.now(),
      });
      answer(queue.shift() ?? fallback, req, res, body);
    });
  });
  const { url, close } = await listenOnLoopback(server);
  return {
    url,
    attempts,
    script: (...steps) => void queue.push(...steps),
    clear: () => void queue.splice(0),
    close,
  };
}

function answer(step: Step, req: IncomingMessage, res: ServerResponse, body: string) {
  if ("reset" in step) return void req.socket.destroy();
  if ("hang" in step) return;
  if ("handle" in step) return step.handle(req, res, body);
  if ("stallAfter" in step) {
    res.writeHead(step.status ?? 200, {
      "content-type": "application/json",
      "content-length": "1000",
      ...step.headers,
    });
    res.write(step.stallAfter);
    return;
  }
  const send = () => {
    const payload =
      typeof step.body === "string" ? step.body : step.body === undefined ? "" : JSON.stringify(step.body);
    const isJson = typeof step.body === "object";
    res.writeHead(step.status, { ...(isJson ? { "content-type": "application/json" } : {}), ...step.headers });
    res.end(payload);
  };
  if (step.delayMs) setTimeout(send, step.delayMs);
  else send();
}
