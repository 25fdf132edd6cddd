/**
 * The one place failures become answers: an HttpError in the envelope or the legacy shape, with
 * its status and headers; anything else thrown is a 500 that says nothing of it. Driven through
 * a hono app in process, as the sandbox uses the renderer (onError and notFound).
 */
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { createErrorRenderer, ENVELOPE, type ErrorShape, LEGACY } from "../../../sandbox/http/error-renderer.js";
import { type ErrorStatus, HttpError } from "../../../sandbox/http/http-error.js";

function appThrowing(shape: ErrorShape, error: unknown) {
  const app = new Hono();
  const render = createErrorRenderer(shape);
  app.get("/", () => {
    throw error;
  });
  app.get("/async", async () => {
    await Promise.resolve();
    throw error;
  });
  app.notFound((c) => render(new HttpError(404, "NOT_FOUND", "Route not found"), c));
  app.onError(render);
  return app;
}

const answer = async (response: Response | Promise<Response>) => {
  const res = await response;
  return { status: res.status, type: res.headers.get("content-type"), body: await res.json() };
};

describe("the error renderer", () => {
  const statuses: [ErrorStatus, HttpError["code"]][] = [
    [400, "INVALID_REQUEST"],
    [401, "UNAUTHORIZED"],
    [403, "FORBIDDEN"],
    [404, "NOT_FOUND"],
    [413, "INVALID_REQUEST"],
    [429, "RATE_LIMITED"],
    [500, "INTERNAL_ERROR"],
    [503, "INTERNAL_ERROR"],
  ];

  it.each(["/", "/async"])(
    "answers an HttpError thrown from %s in the envelope, or the legacy shape, with its status",
    async (path) => {
      for (const [status, code] of statuses) {
        const error = new HttpError(status, code, `failed with ${status}`);
        expect(await answer(appThrowing(ENVELOPE, error).request(path))).toEqual({
          status,
          type: "application/json",
          body: { error: { code, message: `failed with ${status}` } },
        });
        expect(await answer(appThrowing(LEGACY, error).request(path))).toEqual({
          status,
          type: "application/json",
          body: { error: `failed with ${status}` },
        });
      }
    },
  );

  it("sends the error's headers in either shape", async () => {
    const error = new HttpError(429, "RATE_LIMITED", "Rate limit exceeded. Retry after 3 seconds.", {
      "Retry-After": "3",
      "retry-after-ms": "2500",
    });
    for (const shape of [ENVELOPE, LEGACY]) {
      const res = await appThrowing(shape, error).request("/");
      expect([res.headers.get("retry-after"), res.headers.get("retry-after-ms")]).toEqual(["3", "2500"]);
    }
  });

  it("answers anything else thrown with a 500 that names nothing of it", async () => {
    for (const thrown of [new TypeError("secret internals at line 3"), new Error("osk_leaked")]) {
      const envelope = await appThrowing(ENVELOPE, thrown).request("/");
      expect([envelope.status, await envelope.text()]).toEqual([
        500,
        '{"error":{"code":"INTERNAL_ERROR","message":"Internal server error"}}',
      ]);
      const legacy = await appThrowing(LEGACY, thrown).request("/async");
      expect([legacy.status, await legacy.text()]).toEqual([500, '{"error":"Internal server error"}']);
    }
  });

  it("renders notFound's answer the same way", async () => {
    expect(await answer(appThrowing(LEGACY, null).request("/nowhere"))).toEqual({
      status: 404,
      type: "application/json",
      body: { error: "Route not found" },
    });
  });
});
