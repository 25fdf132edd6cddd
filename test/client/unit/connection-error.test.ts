/**
 * ConnectionError: its message names the socket error, and `neverSent` is the client's verdict on
 * whether the request ever left, read once from the cause by the rule in never-sent.ts.
 */
import { describe, expect, it } from "vitest";
import { ConnectionError } from "../../../src/errors/index.js";

const KEY = "osk_TestKey0123456789abcdefghijKLMN";
const coded = (code: string, message = code) => Object.assign(new Error(message), { code });
/** What undici's fetch rejects with: a TypeError whose cause is the socket's error. */
const fetchFailed = (cause: unknown) => new TypeError("fetch failed", { cause });

describe("ConnectionError", () => {
  it("names the code of the socket error inside a fetch failure", () => {
    const cause = fetchFailed(coded("ECONNREFUSED", "connect ECONNREFUSED 127.0.0.1:1"));
    expect(new ConnectionError(1, cause).message).toBe(
      "connection failed after 1 attempt: fetch failed: connect ECONNREFUSED 127.0.0.1:1 (ECONNREFUSED)",
    );
  });

  it.each([
    ["refused", fetchFailed(coded("ECONNREFUSED")), true],
    ["no DNS answer", fetchFailed(coded("ENOTFOUND")), true],
    ["connect timeout", fetchFailed(coded("UND_ERR_CONNECT_TIMEOUT")), true],
    ["TLS handshake refused", fetchFailed(coded("ERR_SSL_WRONG_VERSION_NUMBER")), true],
    ["every address refused", fetchFailed(new AggregateError([coded("ECONNREFUSED"), coded("ENETUNREACH")])), true],
    ["one address reset", fetchFailed(new AggregateError([coded("ECONNREFUSED"), coded("ECONNRESET")])), false],
    ["reset", fetchFailed(coded("ECONNRESET")), false],
    ["other side closed", fetchFailed(coded("UND_ERR_SOCKET")), false],
    ["a browser's opaque failure", new TypeError("Failed to fetch"), false],
    ["no cause", undefined, false],
    ["a string", "ECONNREFUSED", false],
  ])("%s: neverSent is %s", (_, cause, expected) => {
    expect(new ConnectionError(1, cause).neverSent).toBe(expected);
  });

  it("is read once, when the error is made: later changes to the cause do not change it", () => {
    const socket = coded("ECONNREFUSED");
    const error = new ConnectionError(1, fetchFailed(socket));
    socket.code = "ECONNRESET";
    expect(error.neverSent).toBe(true);
  });

  it("serialises neverSent beside its other fields, without its cause (which may hold the request's key)", () => {
    const cause = fetchFailed(coded("ECONNREFUSED", "connect ECONNREFUSED 127.0.0.1:1"));
    Object.assign(cause, { request: { headers: { authorization: `Bearer ${KEY}` } } });
    const error = new ConnectionError(2, cause, { method: "POST", path: "/sync/batch" });
    const text = JSON.stringify(error);
    expect(JSON.parse(text)).toEqual({
      name: "ConnectionError",
      message:
        "POST /sync/batch: connection failed after 2 attempts: fetch failed: connect ECONNREFUSED 127.0.0.1:1 " +
        "(ECONNREFUSED)",
      method: "POST",
      path: "/sync/batch",
      attempts: 2,
      neverSent: true,
    });
    expect(text).not.toContain(KEY);
  });
});
