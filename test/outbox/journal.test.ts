/** The flusher's journal: what it recorded is what a later flusher reads back, whatever a crash cut short. */
import { appendFileSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { layoutOf } from "../../src/outbox/layout.js";
import { Journal, readDeliveryState } from "../../src/outbox/state/journal.js";
import { serialise } from "../../src/outbox/state/state-snapshot.js";
import { scratchDir } from "./support.js";

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
function layout() {
  const { dir, remove } = scratchDir("outbox-journal-");
  cleanups.push(remove);
  return layoutOf(dir);
}

describe("journal", () => {
  it("rebuilds the same state from its log after a crash, a send without an answer leaving its keys in flight", async () => {
    const l = layout();
    const journal = await Journal.open(l);
    await journal.record(
      {
        e: "send",
        at: 1000,
        group: "sync",
        via: "batch",
        s: [["s1", "d1"]],
        m: [
          ["m1", "d2"],
          ["m2", "d3"],
        ],
      },
      true,
    );
    await journal.record(
      {
        e: "ack",
        at: 1100,
        done: [["seg-a", [10, 20]]],
        s: [["s1", "d1"]],
        touched: ["s1"],
        m: [["m1", 7100, "d2"]],
      },
      true,
    );
    await journal.record({ e: "send", at: 2000, group: "sync", via: "single", s: [], m: [["m3", "d4"]] }, true);
    const before = serialise(journal.state);
    await journal.close();
    const reopened = await Journal.open(l);
    expect(serialise(reopened.state)).toBe(before);
    expect(reopened.state.messages.get("m2")).toMatchObject({ inflightAt: 1000, inflightVia: "batch" });
    expect(reopened.state.messages.get("m3")).toMatchObject({ inflightAt: 2000, inflightVia: "single" });
    expect(reopened.state.messages.get("m1")).toMatchObject({ storedQuietAt: 7100, storedDigest: "d2" });
    expect(reopened.state.messages.get("m1")!.inflightAt).toBeUndefined();
    expect([...reopened.state.done.get("seg-a")!]).toEqual([10, 20]);
    expect(reopened.state.requests.get("sync")).toEqual([1000, 2000]);
    await reopened.close();
  });

  it("cuts a torn last event off before appending, so the next event is not lost behind it", async () => {
    const l = layout();
    const journal = await Journal.open(l);
    await journal.record({ e: "block", group: "sync", until: 5000 }, true);
    await journal.close();
    appendFileSync(l.log, '3fa2c1d0 {"e":"block","group":"api","unt');
    const reopened = await Journal.open(l);
    expect(statSync(l.log).size).toBeLessThan(readFileSync(l.log).length + 1);
    await reopened.record({ e: "block", group: "api", until: 9000 }, true);
    await reopened.close();
    const state = await readDeliveryState(l);
    expect([...state.blockedUntil]).toEqual([
      ["sync", 5000],
      ["api", 9000],
    ]);
  });

  it("snapshots and empties its log; events already in a snapshot are not applied twice", async () => {
    const l = layout();
    const journal = await Journal.open(l);
    await journal.record({ e: "send", at: 1, group: "sync", via: "batch", s: [], m: [["m", "d"]] }, true);
    await journal.record({ e: "serverErrors", kind: "m", id: "m", count: 2 }, true);
    const logged = readFileSync(l.log);
    await journal.checkpoint();
    expect(statSync(l.log).size).toBe(0);
    // A crash between the snapshot and the emptying of the log: the old events replay over it.
    writeFileSync(l.log, logged);
    await journal.record({ e: "serverErrors", kind: "m", id: "m", count: 3 }, true);
    await journal.close();
    const state = await readDeliveryState(l);
    // The replayed send is not counted twice; the event after them applies.
    expect(state.requests.get("sync")).toEqual([1]);
    expect(state.messages.get("m")).toMatchObject({ serverErrors: 3, inflightAt: 1 });
  });

  it("writes concurrent events one after another, in call order", async () => {
    const l = layout();
    const journal = await Journal.open(l);
    await Promise.all(
      Array.from({ length: 50 }, (_, i) => journal.record({ e: "read", at: i, group: "api" }, i % 7 === 0)),
    );
    await journal.close();
    expect((await readDeliveryState(l)).requests.get("api")).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });
});
