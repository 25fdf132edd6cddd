/** Packing a plan into one batch: count, byte and transaction limits, maxItems, one version per record. */
import { describe, expect, it } from "vitest";
import { REQUEST_LIMITS } from "../../../generated/contract.js";
import { packBatch } from "../../../src/outbox/flush/batch-packing.js";
import { emptyState } from "../../../src/outbox/state/delivery-state.js";
import { CONVEX_LIMITS } from "../../../src/transport/convex-values.js";
import { deliveryOf, msg, NOW, partless, session } from "./plan-fixtures.js";

describe("packing a batch", () => {
  const limits = { maxBodyBytes: 1 << 20, sessions: 1000, messages: 5000 };

  it("fills a batch up to the count and byte limits, and sends an oversized record alone rather than never", () => {
    const { plan } = deliveryOf(
      Array.from({ length: 30 }, (_, i) => msg(`m${i}`)),
      emptyState(),
    );
    expect(packBatch(plan, NOW, { ...limits, messages: 7 }).messages).toHaveLength(7);
    const small = packBatch(plan, NOW, { ...limits, maxBodyBytes: 400 });
    expect(small.messages.length).toBeGreaterThan(1);
    expect(
      Buffer.byteLength(JSON.stringify({ sessions: [], messages: small.messages.map((d) => d.body) })),
    ).toBeLessThanOrEqual(400);
    expect(packBatch(plan, NOW, { ...limits, maxBodyBytes: 10 }).messages).toHaveLength(1);
  });

  it("keeps a batch's messages within the 16,000 documents one transaction may write, exactly at the limit", () => {
    const parts = (n: number) => Array.from({ length: n }, () => ({ type: "text", content: "x" }));
    // The session named by the messages: 2 documents; each message 1 plus its parts.
    const records = [
      ...Array.from({ length: 159 }, (_, i) => msg(`m${i}`, { parts: parts(99) })),
      msg("last", { parts: parts(97) }),
      partless("over"),
    ];
    const exists = emptyState();
    exists.sessions.set("s", { seenAt: 0, exists: true });
    const batch = packBatch(deliveryOf(records, exists).plan, NOW, limits);
    const written = 2 + batch.messages.reduce((n, d) => n + 1 + ((d.body as any).parts?.length ?? 0), 0);
    expect(written).toBe(CONVEX_LIMITS.documentsWritten);
    expect(batch.messages.map((d) => d.key).slice(-2)).toEqual(["m158", "last"]);
  });

  it("never packs more than the spec's maxItems, whatever larger limits it is given", () => {
    const records = Array.from({ length: REQUEST_LIMITS.batchMessages + 5 }, (_, i) => partless(`m${i}`));
    const exists = emptyState();
    exists.sessions.set("s", { seenAt: 0, exists: true });
    const batch = packBatch(deliveryOf(records, exists).plan, NOW, { ...limits, messages: 100_000 });
    expect(batch.messages).toHaveLength(REQUEST_LIMITS.batchMessages);
  });

  it("puts one version of each record in a batch, however many are pending", () => {
    const records = [session(), msg("a"), session({ title: "u" }), msg("a", { textContent: "v2" }), msg("b")];
    const batch = packBatch(deliveryOf(records, emptyState()).plan, NOW, limits);
    expect(batch.sessions.map((d) => d.key)).toEqual(["s"]);
    expect(batch.messages.map((d) => d.key)).toEqual(["a", "b"]);
    expect((batch.messages[0]!.body as any).textContent).toBe("v2");
  });

  it("packs only the given deliveries when asked (a half of a refused batch)", () => {
    const { plan } = deliveryOf([session(), msg("a"), msg("b"), msg("c")], emptyState());
    const batch = packBatch(plan, NOW, limits, new Set(["m:b", "m:c", "s:s"]));
    expect(batch.sessions.map((d) => d.key)).toEqual(["s"]);
    expect(batch.messages.map((d) => d.key)).toEqual([]);
    const exists = emptyState();
    exists.sessions.set("s", { seenAt: 0, exists: true });
    const again = packBatch(
      deliveryOf([msg("a"), msg("b"), msg("c")], exists).plan,
      NOW,
      limits,
      new Set(["m:a", "m:c"]),
    );
    expect(again.messages.map((d) => d.key)).toEqual(["a"]);
  });
});
