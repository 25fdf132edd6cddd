/**
 * Two copies of the package in one process (an app's ESM import beside a CommonJS dependency's
 * require) see each other's errors: `instanceof` gives, between copies, exactly what it gives
 * within one, for every error class; `isOpenSyncError` and `unwrap` work across them too. Here
 * the second copy is the same source evaluated again; test/package/installed/ does the same with
 * the built ESM and CJS files.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import * as first from "../../src/index.js";
import { KEY } from "../support/client-harness.js";
import { type FaultServer, startFaultServer } from "../support/fault-server.js";

type Api = typeof first;
vi.resetModules();
const second: Api = await import("../../src/index.js");

/** One instance of every error class of a copy. */
function instances(api: Api): Record<string, Error> {
  const headers = new Headers();
  const call = { method: "GET", path: "/api/stats" };
  const upstream = new api.ApiError({
    status: 503,
    code: "INTERNAL_ERROR",
    message: "busy",
    headers,
    attempts: 1,
    call,
  });
  return {
    OpenSyncError: new api.OpenSyncError("base"),
    ApiError: upstream,
    BatchError: new api.BatchError({
      errors: ["e"],
      sessions: 0,
      messages: 1,
      status: 200,
      headers,
      attempts: 1,
      call,
    }),
    ConnectionError: new api.ConnectionError(1, new Error("reset"), call),
    TimeoutError: new api.TimeoutError(1, 10, undefined, call),
    OutcomeUnknownError: new api.OutcomeUnknownError(upstream, call),
    InvalidResponseError: new api.InvalidResponseError(200, headers, "not JSON", call),
    ConfigurationError: new api.ConfigurationError("bad option"),
    UnstorableValueError: new api.UnstorableValueError("parts[0].content.$schema", "field-name", "reserved", {
      method: "POST",
      path: "/sync/message",
    }),
  };
}

type ErrorClass = abstract new (...args: never[]) => object;

/** The error classes a copy exports. */
const classes = (api: Api) =>
  Object.entries(api).filter(([, value]) => typeof value === "function" && value.prototype instanceof Error) as [
    string,
    ErrorClass,
  ][];

describe("two copies of the package", () => {
  it("are distinct classes (the hazard is real here)", () => {
    expect(second.ApiError).not.toBe(first.ApiError);
    expect(
      Object.getPrototypeOf(
        new second.ApiError({ status: 1, code: "x", message: "m", headers: new Headers(), attempts: 1 }),
      ),
    ).not.toBe(first.ApiError.prototype);
  });

  it("every exported error class has an instance in the table", () => {
    expect(Object.keys(instances(first)).sort()).toEqual(
      classes(first)
        .map(([name]) => name)
        .sort(),
    );
  });

  it.each([
    ["first's errors against second's classes", first, second],
    ["second's errors against first's classes", second, first],
  ] as const)("%s: instanceof agrees with the same copy's prototype chain", (_name, from, against) => {
    const made = instances(from);
    for (const [errorName, error] of Object.entries(made)) {
      for (const [className, type] of classes(against)) {
        const sameCopy = (from as unknown as Record<string, ErrorClass>)[className]!;
        const expected = Function.prototype[Symbol.hasInstance].call(sameCopy, error);
        expect(error instanceof type, `${errorName} instanceof ${className}`).toBe(expected);
      }
      expect(against.isOpenSyncError(error)).toBe(true);
      expect(error).toBeInstanceOf(Error);
    }
  });

  it("isOpenSyncError is false for other errors and values", () => {
    for (const value of [
      new Error("x"),
      new TypeError("x"),
      { name: "ApiError", message: "x" },
      null,
      undefined,
      "ApiError",
      42,
    ]) {
      expect(first.isOpenSyncError(value)).toBe(false);
      expect(value instanceof first.OpenSyncError).toBe(false);
    }
  });

  it("a subclass of an error class, made by a user, still follows its own prototype chain", () => {
    class MyError extends first.ApiError {}
    const mine = new MyError({
      status: 400,
      code: "INVALID_REQUEST",
      message: "m",
      headers: new Headers(),
      attempts: 1,
    });
    expect(mine).toBeInstanceOf(MyError);
    expect(mine).toBeInstanceOf(second.ApiError);
    expect(
      new first.ApiError({ status: 400, code: "INVALID_REQUEST", message: "m", headers: new Headers(), attempts: 1 }),
    ).not.toBeInstanceOf(MyError);
  });

  describe("unwrap of one copy on a call of the other", () => {
    let server: FaultServer;
    beforeAll(async () => {
      server = await startFaultServer({
        status: 503,
        headers: { "retry-after-ms": "1" },
        body: { error: { code: "INTERNAL_ERROR", message: "busy" } },
      });
    });
    afterAll(() => server.close());

    it("throws an ApiError both copies recognise, with the attempts the call made", async () => {
      const client = first.createOpenSyncClient({
        baseUrl: server.url,
        apiKey: KEY,
        retry: { maxRetries: 2, baseDelayMs: 1 },
      });
      const error = await second.unwrap(client.GET("/api/stats")).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(second.ApiError);
      expect(error).toBeInstanceOf(first.ApiError);
      expect(error).toMatchObject({ status: 503, attempts: 3, retryAfterMs: 1, method: "GET", path: "/api/stats" });
    });
  });
});
