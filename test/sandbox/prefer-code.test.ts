/**
 * `Prefer: code=<status>` over HTTP: every status every operation declares is answered with the
 * spec's example for it, before authentication or validation; a status not declared is a 400
 * naming the declared ones.
 */
import { OPERATIONS } from "opensync-api/contract";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSpec } from "#spec/document.js";
import { declaredExamples } from "../../sandbox/http/prefer-code.js";
import { type RunningSandbox, startSandbox } from "../../sandbox/index.js";

const spec = loadSpec();
let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.close());

const cases = Object.keys(OPERATIONS).flatMap((key) =>
  [...declaredExamples(spec, key).values()].map((example) => [key, example.status, example] as const),
);

describe("Prefer: code=<status>", () => {
  it("covers every operation, each with its errors and its success", () => {
    expect(new Set(cases.map(([key]) => key)).size).toBe(Object.keys(OPERATIONS).length);
    expect(cases.some(([, status]) => status === 500)).toBe(true);
  });

  it.each(cases)("%s answers %i with the spec's example", async (key, status, example) => {
    const [method, path] = key.split(" ") as [string, string];
    const response = await fetch(`${sandbox.url}${path}`, { method, headers: { prefer: `code=${status}` } });
    expect(response.status).toBe(status);
    if (example.mediaType?.includes("json")) expect(await response.json()).toEqual(example.body);
    else if (example.body !== undefined) expect(await response.text()).toBe(String(example.body));
    if (status === 429) expect(response.headers.get("retry-after")).toBe("1");
  });

  it("refuses a status the operation does not declare, naming those it does", async () => {
    const response = await fetch(`${sandbox.url}/api/stats`, { headers: { prefer: "code=418" } });
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toMatch(/code=418 is not a status GET \/api\/stats declares \(\d/);
  });
});
