/** Checksummed JSON lines: what a crash can leave behind is detected and skipped, never misread. */
import { describe, expect, it } from "vitest";
import { decodeLines, encodeJsonLine, encodeLine } from "../../../src/outbox/line-codec.js";

const lines = (...values: unknown[]) => Buffer.concat(values.map(encodeLine));

describe("line codec", () => {
  it("round-trips any JSON value, unicode and newlines inside strings included", () => {
    const values = [
      { a: 1 },
      "x\ny",
      [1, null, { é: "😀" }],
      { text: "line one\nline two\r\n", nested: { deep: [true, false] } },
    ];
    const buffer = lines(...values);
    const decoded = decodeLines(buffer);
    expect(decoded.lines.map((l) => l.value)).toEqual(values);
    expect(decoded.consumed).toBe(buffer.length);
    expect(decoded.damaged).toBe(0);
  });

  it("encodes a JSON text already serialised as it encodes the value", () => {
    for (const value of [{ a: 1 }, { é: "😀", text: "x\ny" }, [1, null]])
      expect(encodeJsonLine(JSON.stringify(value)).equals(encodeLine(value))).toBe(true);
  });

  it("reports each line's offset, from a base offset", () => {
    const first = encodeLine({ n: 1 });
    const decoded = decodeLines(lines({ n: 1 }, { n: 2 }), 100);
    expect(decoded.lines.map((l) => l.offset)).toEqual([100, 100 + first.length]);
  });

  it("leaves a torn last line unconsumed, at every cut point", () => {
    const whole = lines({ id: "a", parts: ["x"] }, { id: "b", parts: ["y"] });
    const firstLength = encodeLine({ id: "a", parts: ["x"] }).length;
    for (let cut = firstLength; cut < whole.length; cut++) {
      const decoded = decodeLines(whole.subarray(0, cut));
      expect(decoded.lines.map((l) => (l.value as { id: string }).id)).toEqual(["a"]);
      expect(decoded.consumed).toBe(firstLength);
      expect(decoded.damaged).toBe(0);
    }
  });

  it.each([
    ["a flipped byte in the JSON", (b: Buffer) => (b[20] = b[20]! ^ 0x01)],
    ["a flipped byte in the checksum", (b: Buffer) => (b[3] = b[3] === 0x30 ? 0x31 : 0x30)],
    ["zeros where a line was (a power loss on some file systems)", (b: Buffer) => b.fill(0, 0, b.indexOf(0x0a))],
  ])("skips a complete line with %s and reads on after it", (_, damage) => {
    const buffer = lines({ id: "a", text: "abcdefghijklmnop" }, { id: "b" });
    damage(buffer);
    const decoded = decodeLines(buffer);
    expect(decoded.lines.map((l) => (l.value as { id: string }).id)).toEqual(["b"]);
    expect(decoded.damaged).toBe(1);
    expect(decoded.consumed).toBe(buffer.length);
  });

  it("never takes a line without a checksum, even if it is valid JSON", () => {
    const decoded = decodeLines(Buffer.from('{"id":"forged"}\n'));
    expect(decoded.lines).toEqual([]);
    expect(decoded.damaged).toBe(1);
  });
});
