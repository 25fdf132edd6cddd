/** codeForStatus: the envelope code a status implies, for bodies that carry none. */
import { describe, expect, it } from "vitest";
import { ERROR_CODES } from "../../../generated/contract.js";
import { codeForStatus } from "../../../src/utils/status-code.js";

describe("codeForStatus", () => {
  it.each([
    [400, "INVALID_REQUEST"],
    [401, "UNAUTHORIZED"],
    [402, "INVALID_REQUEST"],
    [403, "FORBIDDEN"],
    [404, "NOT_FOUND"],
    [408, "INVALID_REQUEST"],
    [409, "INVALID_REQUEST"],
    [413, "INVALID_REQUEST"],
    [422, "INVALID_REQUEST"],
    [429, "RATE_LIMITED"],
    [500, "INTERNAL_ERROR"],
    [502, "INTERNAL_ERROR"],
    [504, "INTERNAL_ERROR"],
    [599, "INTERNAL_ERROR"],
  ])("%i is %s", (status, code) => {
    expect(codeForStatus(status)).toBe(code);
  });

  it("only ever gives a code the contract defines", () => {
    const given = new Set(Array.from({ length: 200 }, (_, i) => codeForStatus(400 + i)));
    expect([...given].every((code) => (ERROR_CODES as readonly string[]).includes(code))).toBe(true);
    expect(given).toEqual(new Set(ERROR_CODES));
  });
});
