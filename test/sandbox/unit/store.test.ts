import { describe, expect, it } from "vitest";
import { storeWith } from "./fixtures.js";

describe("UserData.keptUntilWrite", () => {
  it("makes an answer once and gives the same one back while nothing is written", () => {
    const { store } = storeWith({ a: { title: "A" } });
    let made = 0;
    const make = () => ({ made: ++made });
    const first = store.keptUntilWrite("k", make);
    expect(store.keptUntilWrite("k", make)).toBe(first);
    expect(store.keptUntilWrite("other", make)).toEqual({ made: 2 });
    expect(made).toBe(2);
  });

  it("makes the answer again after a session write, a message write and a new session", () => {
    const { store } = storeWith({ a: { title: "A" } });
    let made = 0;
    const make = () => ++made;
    store.keptUntilWrite("k", make);
    store.upsertSession({ externalId: "a", title: "A2" });
    expect(store.keptUntilWrite("k", make)).toBe(2);
    store.upsertMessage({ externalId: "m1", sessionExternalId: "a", role: "user" });
    expect(store.keptUntilWrite("k", make)).toBe(3);
    store.upsertSession({ externalId: "b" });
    expect(store.keptUntilWrite("k", make)).toBe(4);
  });

  it("keeps nothing when making the answer throws", () => {
    const { store } = storeWith({});
    expect(() =>
      store.keptUntilWrite("k", () => {
        throw new Error("bad cursor");
      }),
    ).toThrow("bad cursor");
    expect(store.keptUntilWrite("k", () => "made")).toBe("made");
  });

  it("drops what it keeps once 64 answers are kept, so queries that never repeat cannot grow it", () => {
    const { store } = storeWith({});
    for (let i = 0; i < 64; i++) store.keptUntilWrite(`k${i}`, () => i);
    expect(store.keptUntilWrite("k0", () => "kept")).toBe(0);
    store.keptUntilWrite("k64", () => 64); // the 65th key: everything kept before it is dropped
    expect(store.keptUntilWrite("k0", () => "made again")).toBe("made again");
  });
});
