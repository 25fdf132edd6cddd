/** The base error: the call it belongs to in its message and fields, and a secret-free JSON view. */
import { describe, expect, it } from "vitest";
import {
  ApiError,
  ConnectionError,
  OpenSyncError,
  OutcomeUnknownError,
  TimeoutError,
} from "../../../src/errors/index.js";

describe("OpenSyncError", () => {
  it("starts its message with the call, when it belongs to one", () => {
    const error = new OpenSyncError("went wrong", undefined, { method: "GET", path: "/api/search" });
    expect(error.message).toBe("GET /api/search: went wrong");
    expect(error).toMatchObject({ method: "GET", path: "/api/search", name: "OpenSyncError" });
    expect(new OpenSyncError("alone")).toMatchObject({ message: "alone", method: undefined, path: undefined });
  });

  it("serialises its own fields, name and message, without the stack or the headers", () => {
    const error = new ApiError({
      status: 404,
      code: "NOT_FOUND",
      message: "gone",
      headers: new Headers({ "x-request-id": "r1" }),
      attempts: 2,
      call: { method: "GET", path: "/api/sessions/get" },
    });
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: "ApiError",
      message: "GET /api/sessions/get: 404 NOT_FOUND: gone",
      method: "GET",
      path: "/api/sessions/get",
      status: 404,
      code: "NOT_FOUND",
      attempts: 2,
      requestId: "r1",
    });
    expect(error.headers.get("x-request-id")).toBe("r1");
  });

  it("says how many attempts were made, in the singular for one", () => {
    expect(new TimeoutError(1, 500).message).toBe("timed out after 500 ms (1 attempt)");
    expect(new TimeoutError(3, 500).message).toBe("timed out after 500 ms (3 attempts)");
    expect(new ConnectionError(2, new Error("socket hang up")).message).toBe(
      "connection failed after 2 attempts: socket hang up",
    );
  });

  it("an unknown outcome quotes its cause without repeating the call", () => {
    const call = { method: "POST", path: "/sync/batch" };
    const cause = new TimeoutError(1, 100, undefined, call);
    const error = new OutcomeUnknownError(cause, call);
    expect(error.message).toBe(
      "POST /sync/batch: may or may not have been written; not retried, as repeating it can lose data: timed out " +
        "after 100 ms (1 attempt)",
    );
    expect(error).toMatchObject({ status: undefined, attempts: 1, cause });
  });
});
