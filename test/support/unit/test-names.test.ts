import { describe, expect, it } from "vitest";
import { testNameWidths } from "../test-names.js";

const widths = (source: string) => Object.fromEntries(testNameWidths("x.test.ts", source));

describe("testNameWidths", () => {
  it("measures the name of it, describe and it.each(table), quotes included, by line", () => {
    const source = [
      'describe("a group", () => {',
      "  it('one', async () => {});",
      "  it.each([1, 2])(`case %i`, (n) => {});",
      "});",
    ].join("\n");
    expect(widths(source)).toEqual({ 1: 9, 2: 5, 3: 9 });
  });

  it("counts a template with substitutions as one name, and a name on a line of its own", () => {
    const name = "`against $name: through $" + "{KILLS} kills`"; // a template literal in the source read
    const source = ["eachMode(", `  ${name},`, "  async () => {},", "  60_000,", ");"];
    expect(widths(source.join("\n"))).toEqual({ 2: name.length });
  });

  it("leaves out a name split with +, a name over two lines, and strings no function follows", () => {
    const source = [
      'it("a name " +',
      '  "split in two", () => {});',
      "it(`a name over",
      "two lines`, () => {});",
      'expect("a long expected string").toBe("another long string");',
      'server.on("data", handler);',
      'log("message", { fn: () => {} });',
    ];
    expect(widths(source.join("\n"))).toEqual({});
  });
});
