/** A flush that cannot deliver says why: the kind of failure, in its report and in `status`. */
import { afterEach, describe, expect, it } from "vitest";
import { startSandbox } from "../../sandbox/index.js";
import { createOutbox } from "../../src/outbox/index.js";
import { scratchDir } from "./support.js";

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe("failures", () => {
  it("https to a plain-http port: a TLS failure, never sent (nothing left in flight to settle)", async () => {
    const sandbox = await startSandbox({ rateLimits: false });
    cleanups.push(() => sandbox.close());
    const { dir, remove } = scratchDir("outbox-failures-");
    cleanups.push(remove);
    const outbox = createOutbox({
      dir,
      baseUrl: sandbox.url.replace("http:", "https:"),
      apiKey: sandbox.apiKey,
      backoff: { baseMs: 20, maxMs: 100 },
    });
    cleanups.push(() => outbox.close());
    await outbox.session({ externalId: "tls", title: "TLS" });
    const report = await outbox.flush({ deadlineMs: 300 });
    expect(report).toMatchObject({ sent: 0, pending: 1, lastError: { kind: "tls" } });
    expect(report.lastError!.message).toMatch(/ERR_SSL_WRONG_VERSION_NUMBER/);
    expect(report.lastError!.message).not.toContain(sandbox.apiKey.slice(4));
    const status = await outbox.status();
    expect(status).toMatchObject({ inFlight: 0, lastError: { kind: "tls", at: expect.any(String) } });
  });
});
