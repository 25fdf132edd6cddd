/**
 * The caller's abort once a 2xx's headers are in: before openapi-fetch reads the body, while the
 * server holds the body back, and with half of it sent. The call rejects with the caller's own
 * reason, as an abort at any other moment does (failures.test.ts), never a DOMException or a
 * TypeError of the body's stream. A server of its own holds each answer where the test wants it and
 * says when it got there, so the abort follows events, never a timer.
 */
import { createServer, type ServerResponse } from "node:http";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createOpenSyncClient } from "../../src/index.js";
import { KEY, rejectionOf } from "../support/client-harness.js";
import { listenOnLoopback } from "../support/loopback-listen.js";

const BODY = JSON.stringify({ sessions: [], nextCursor: "next-page-cursor" });

/** How much of the body the server sends before it holds the rest back. */
type Hold = { sent: string };

let url: string;
let close: () => Promise<void>;
let hold: Hold;
/** Resolved once the server has flushed the headers and `hold.sent`. */
let flushed: Promise<void>;
let onFlushed: () => void;
/** Answers held back, ended after each test. */
const held = new Set<ServerResponse>();

beforeAll(async () => {
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      res.writeHead(200, { "content-type": "application/json", "content-length": String(Buffer.byteLength(BODY)) });
      res.flushHeaders();
      held.add(res);
      const done = onFlushed;
      if (hold.sent) res.write(hold.sent, done);
      else res.socket?.write("", done);
    });
  });
  ({ url, close } = await listenOnLoopback(server));
});
afterAll(() => close());
afterEach(() => {
  for (const res of held) res.destroy();
  held.clear();
});
beforeEach(() => {
  flushed = new Promise((resolve) => {
    onFlushed = resolve;
  });
});

/**
 * When the caller aborts: once the test saw the headers in (`test`), in fetch as the headers come in,
 * before openapi-fetch reads the body (`headers`), or as openapi-fetch asks for the body's first bytes
 * (`read`: the response is handed on with a body that says when it is first pulled).
 */
type AbortAt = "test" | "headers" | "read";

function client(timeoutMs: number | false, caller: AbortController, reason: unknown, at: AbortAt) {
  let headersIn!: () => void;
  const headers = new Promise<void>((resolve) => {
    headersIn = resolve;
  });
  const watching: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    if (at === "headers") caller.abort(reason);
    headersIn();
    return at === "read" ? pulled(response, () => caller.abort(reason)) : response;
  };
  return {
    headers,
    client: createOpenSyncClient({ baseUrl: url, apiKey: KEY, retry: false, timeoutMs, fetch: watching }),
  };
}

/** `response` with a body that calls `onFirstPull` when its reader first asks for bytes. */
function pulled(response: Response, onFirstPull: () => void): Response {
  const reader = response.body!.getReader();
  let first = true;
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (first) onFirstPull();
        first = false;
        const { done, value } = await reader.read();
        if (done) controller.close();
        else controller.enqueue(value);
      },
      cancel: (why) => reader.cancel(why),
    },
    // Nothing is pulled until someone reads.
    { highWaterMark: 0 },
  );
  const { status, statusText, headers } = response;
  return new Response(body, { status, statusText, headers });
}

describe.each([
  ["with attempt timeouts", 5_000],
  ["with timeoutMs: false", false],
] as const)("the caller's abort once a 2xx's headers are in (%s)", (_, timeoutMs) => {
  it.each([
    ["nothing of the body sent", ""],
    ["half of the body sent", BODY.slice(0, BODY.length / 2)],
  ])("%s, aborted once the headers are in: rejects with the caller's reason", async (_, sent) => {
    hold = { sent };
    const reason = { why: "the caller gave up" };
    const caller = new AbortController();
    const { client: api, headers } = client(timeoutMs, caller, reason, "test");
    const call = rejectionOf(api.GET("/api/sessions", { signal: caller.signal }));
    await Promise.all([flushed, headers]);
    caller.abort(reason);
    expect(await call).toBe(reason);
  });

  it.each([
    ["nothing of the body sent", ""],
    ["half of the body sent", BODY.slice(0, BODY.length / 2)],
    ["the whole body sent", BODY],
  ])("%s, aborted before the body is read: rejects with the caller's reason", async (_, sent) => {
    hold = { sent };
    const reason = new Error("the caller gave up");
    const caller = new AbortController();
    const { client: api } = client(timeoutMs, caller, reason, "headers");
    const call = rejectionOf(api.GET("/api/sessions", { signal: caller.signal }));
    await flushed;
    expect(await call).toBe(reason);
  });

  it("half of the body sent, aborted as openapi-fetch starts reading it: rejects with the caller's reason", async () => {
    hold = { sent: BODY.slice(0, BODY.length / 2) };
    const reason = new Error("the caller gave up");
    const caller = new AbortController();
    const { client: api } = client(timeoutMs, caller, reason, "read");
    const call = rejectionOf(api.GET("/api/sessions", { signal: caller.signal }));
    await flushed;
    expect(await call).toBe(reason);
    expect(caller.signal.aborted).toBe(true);
  });
});
