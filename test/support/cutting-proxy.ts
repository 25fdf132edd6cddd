/**
 * A scripted proxy on loopback between a client and a real server (the sandbox): per request it
 * forwards, forwards and then cuts the answer (the server wrote, the client never hears), holds the
 * request until the test releases it (a request still on its way when its sender died), or answers
 * itself without forwarding (a 429 nothing reached the server for). It records what it did.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { listenOnLoopback } from "./loopback-listen.js";

export interface ProxiedRequest {
  method: string;
  path: string;
  body: string;
  at: number;
}

export type ProxyAction =
  /** `thenRun` runs once the server answered, before the answer goes back. */
  | { kind: "forward"; thenRun?: () => Promise<void> }
  /** Forwarded, answered by the server, and the answer cut before the client gets any of it. */
  | { kind: "cut" }
  /** Forwarded only once `until` resolves (its answer then goes to the client if still there); `landed` once
   * answered. */
  | { kind: "hold"; until: Promise<void>; landed?: () => void }
  | { kind: "answer"; status: number; headers?: Record<string, string>; body?: object };

export interface ProxyLogEntry extends ProxiedRequest {
  action: ProxyAction["kind"];
  /** The server's status, for what was forwarded. */
  status?: number;
  /** When the server answered (the write, if any, is done by then). */
  answeredAt?: number;
}

export interface CuttingProxy {
  url: string;
  log: ProxyLogEntry[];
  close(): Promise<void>;
}

export async function startCuttingProxy(
  upstream: string,
  decide: (request: ProxiedRequest, index: number) => ProxyAction | Promise<ProxyAction>,
): Promise<CuttingProxy> {
  const log: ProxyLogEntry[] = [];
  const forward = async (request: ProxiedRequest, headers: Record<string, string>, entry: ProxyLogEntry) => {
    const response = await fetch(upstream + request.path, {
      method: request.method,
      headers,
      ...(request.method === "GET" || request.method === "HEAD" ? {} : { body: request.body }),
    });
    const body = await response.text();
    Object.assign(entry, { status: response.status, answeredAt: Date.now() });
    return { status: response.status, body };
  };
  const handle = async (req: IncomingMessage, res: ServerResponse, body: string) => {
    const request: ProxiedRequest = { method: req.method ?? "GET", path: req.url ?? "/", body, at: Date.now() };
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers))
      if (typeof value === "string" && !["host", "connection", "content-length"].includes(name)) headers[name] = value;
    const index = log.length;
    const entry: ProxyLogEntry = { ...request, action: "forward" };
    log.push(entry);
    const action = await decide(request, index);
    entry.action = action.kind;
    if (action.kind === "answer") {
      res.writeHead(action.status, { "content-type": "application/json", ...action.headers });
      return void res.end(JSON.stringify(action.body ?? {}));
    }
    if (action.kind === "hold") await action.until;
    const answer = await forward(request, headers, entry);
    if (action.kind === "hold") action.landed?.();
    if (action.kind === "forward") await action.thenRun?.();
    if (action.kind === "cut") return void req.socket.destroy();
    if (res.destroyed || req.socket.destroyed) return;
    res.writeHead(answer.status, { "content-type": "application/json" });
    res.end(answer.body);
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      handle(req, res, Buffer.concat(chunks).toString("utf8")).catch(() => req.socket.destroy());
    });
  });
  const { url, close } = await listenOnLoopback(server);
  return {
    url,
    log,
    close,
  };
}
