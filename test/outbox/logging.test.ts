/**
 * A flush logs its requests through the logger given to the outbox, as the client logs its calls:
 * one debug line per request with the method and the spec's path, never the key or a body.
 */
import { afterEach, describe, expect, it } from "vitest";
import { type RunningSandbox, startSandbox } from "../../sandbox/index.js";
import { createOutbox } from "../../src/outbox/index.js";
import { recordingLogger } from "../support/recording-logger.js";
import { scratchDir } from "./support.js";

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe("the outbox's log", () => {
  it("has one debug line per request a flush sends, without the key or the records' text", async () => {
    const sandbox: RunningSandbox = await startSandbox({ rateLimits: false });
    cleanups.push(() => sandbox.close());
    const scratch = scratchDir("outbox-logging-");
    cleanups.push(scratch.remove);
    const { logger, lines } = recordingLogger();
    const outbox = createOutbox({
      dir: scratch.dir,
      baseUrl: sandbox.url,
      apiKey: sandbox.apiKey,
      logger,
      logLevel: "debug",
    });
    cleanups.push(() => outbox.close());

    await outbox.session({ externalId: "log-s", title: "A private title" });
    await outbox.message({ sessionExternalId: "log-s", externalId: "log-s:1", role: "user", textContent: "secret" });
    const report = await outbox.flush();

    expect(report).toMatchObject({ sent: 2, pending: 0 });
    const calls = lines.filter((l) => l.level === "debug");
    expect(calls).toHaveLength(report.requests);
    expect(calls[0]!.fields).toMatchObject({ method: "POST", path: "/sync/batch", status: 200 });
    const text = JSON.stringify(lines);
    for (const secret of [sandbox.apiKey, "A private title", "secret"]) expect(text).not.toContain(secret);
  });
});
