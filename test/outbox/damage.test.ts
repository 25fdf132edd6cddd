/**
 * A damaged line in the middle of a spool segment (one byte changed: its checksum fails) is never
 * dropped silently: its bytes go to quarantine.jsonl before its segment may be removed, and the
 * flush report, `status` and the command line count it.
 */
import { execFile } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { startSandbox } from "../../sandbox/index.js";
import { createOutbox } from "../../src/outbox/index.js";
import { readBack, scratchDir } from "./support.js";

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const cli = fileURLToPath(new URL("../../src/outbox/cli/cli.ts", import.meta.url));

describe("damaged spool lines", () => {
  it("quarantines a damaged middle line with its bytes intact, counts it, and delivers the rest", async () => {
    const sandbox = await startSandbox({ rateLimits: false });
    cleanups.push(() => sandbox.close());
    const { dir, remove } = scratchDir("outbox-damage-");
    cleanups.push(remove);
    const producer = createOutbox({ dir });
    await producer.session({ externalId: "d", title: "Damaged" });
    for (let i = 0; i < 5; i++)
      await producer.message({ sessionExternalId: "d", externalId: `d:${i}`, role: "user", textContent: `text ${i}` });
    await producer.close();

    // One byte of the fourth record (d:2), inside its JSON: the line is complete, its checksum fails.
    const [segment] = readdirSync(join(dir, "spool"));
    const path = join(dir, "spool", segment!);
    const bytes = readFileSync(path);
    const lines = bytes.toString("latin1").split("\n");
    const at = lines.findIndex((l) => l.includes('"d:2"'));
    const offset = lines.slice(0, at).reduce((n, l) => n + l.length + 1, 0);
    const flip = offset + lines[at]!.indexOf("text 2");
    bytes[flip] = "T".charCodeAt(0);
    writeFileSync(path, bytes);
    const damagedLine = bytes.subarray(offset, offset + lines[at]!.length);

    const outbox = createOutbox({ dir, baseUrl: sandbox.url, apiKey: sandbox.apiKey });
    cleanups.push(() => outbox.close());
    expect(await outbox.status()).toMatchObject({ pending: 5, damaged: 1 });
    expect(await outbox.flush()).toMatchObject({ sent: 5, pending: 0, damaged: 1 });
    // Its segment is gone: the damaged line lives on in quarantine.jsonl, byte for byte.
    expect(readdirSync(join(dir, "spool"))).toEqual([]);
    const quarantined = readFileSync(join(dir, "quarantine.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(quarantined).toHaveLength(1);
    expect(quarantined[0]).toMatchObject({ segment, offset });
    expect(Buffer.from(quarantined[0].bytes, "base64").equals(damagedLine)).toBe(true);
    expect(quarantined[0].text).toContain('"Text 2"');
    expect(await outbox.status()).toMatchObject({ pending: 0, damaged: 1 });
    expect((await readBack(sandbox.url, sandbox.apiKey)).get("d")!.messages.map((m) => m.externalId)).toEqual([
      "d:0",
      "d:1",
      "d:3",
      "d:4",
    ]);

    const status = await promisify(execFile)(process.execPath, ["--import", "tsx", cli, "status", "--dir", dir]);
    expect(status.stdout).toMatch(/: 0 pending \(0 in flight\), 0 rejected, 1 damaged \(kept in quarantine\.jsonl\)/);
  });
});
