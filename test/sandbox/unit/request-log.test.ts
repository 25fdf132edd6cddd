import { describe, expect, it, vi } from "vitest";
import { RECENT, RequestLog, requestLine } from "../../../sandbox/http/request-log.js";

describe("RequestLog", () => {
  it("keeps the most recent requests, oldest first, and tells onRequest of each", () => {
    const seen = vi.fn();
    const log = new RequestLog(seen);
    for (let i = 0; i < RECENT + 5; i++) log.add({ method: "GET", path: `/p/${i}`, status: 200, ms: 1 });
    const list = log.list();
    expect(list).toHaveLength(RECENT);
    expect(list[0]!.path).toBe("/p/5");
    expect(seen).toHaveBeenCalledTimes(RECENT + 5);
  });
});

describe("requestLine", () => {
  it("is method, path, status and whole milliseconds, with the fault when there was one", () => {
    expect(requestLine({ method: "GET", path: "/api/stats", status: 200, ms: 3.4 })).toBe("GET /api/stats 200 3 ms");
    expect(requestLine({ method: "POST", path: "/sync/batch", status: 503, ms: 1, fault: "503" })).toBe(
      "POST /sync/batch 503 1 ms fault=503",
    );
  });
});
