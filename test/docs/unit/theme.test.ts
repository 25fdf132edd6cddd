import { describe, expect, it } from "vitest";
import { DocsBuildError } from "../../../scripts/docs/build-error.js";
import { brandScale, DEFAULT_BRAND, flatten, themeCss } from "../../../scripts/docs/theme.js";

const LAYOUT = "table td code { white-space: nowrap; word-break: normal; }";

describe("brandScale", () => {
  it("mixes ten shades towards white then black, the colour itself sixth", () => {
    expect(brandScale("#000000")).toEqual([
      "#ebebeb",
      "#d1d1d1",
      "#a6a6a6",
      "#737373",
      "#333333",
      "#000000",
      "#000000",
      "#000000",
      "#000000",
      "#000000",
    ]);
    expect(brandScale("#ffffff")).toEqual([
      "#ffffff",
      "#ffffff",
      "#ffffff",
      "#ffffff",
      "#ffffff",
      "#ffffff",
      "#d9d9d9",
      "#b3b3b3",
      "#8c8c8c",
      "#666666",
    ]);
    expect(brandScale("#0F766E")[5]).toBe("#0F766E");
  });

  it.each(["#fff", "0f766e", "#0f766g", "teal"])("refuses %s", (colour) => {
    expect(() => brandScale(colour)).toThrow(new DocsBuildError(`theme colour ${colour} must be #rrggbb`));
  });
});

describe("flatten", () => {
  it("gives dotted keys and text values", () => {
    expect(flatten({ a: { b: 1, c: { d: "x" } }, e: true })).toEqual([
      ["a.b", "1"],
      ["a.c.d", "x"],
      ["e", "true"],
    ]);
  });
});

describe("themeCss", () => {
  it("maps every known key onto its Redoc 3 variable, in a fixed order", () => {
    const theme = {
      sidebar: {
        width: "280px",
        backgroundColor: "#fafafa",
        textColor: "#111111",
        activeTextColor: "#222222",
        activeBgColor: "#eeeeee",
      },
      typography: {
        fontFamily: "Inter",
        fontSize: "15px",
        headings: { fontFamily: "Serif", fontWeight: 600 },
        code: { fontFamily: "Mono" },
        links: { color: "#0000ee" },
      },
      colors: { text: { primary: "#101010", secondary: "#202020" }, border: { dark: "#303030" } },
      rightPanel: { backgroundColor: "#404040" },
      codeBlock: { backgroundColor: "#505050" },
    };
    expect(themeCss(theme)).toEqual({
      css:
        ":root:root { --font-family-base: Inter; --font-size-base: 15px; --heading-font-family: Serif; " +
        "--heading-font-weight: 600;" +
        " --font-family-monospaced: Mono; --link-color-primary: #0000ee; --text-color-primary: #101010; " +
        "--text-color-secondary: #202020;" +
        " --border-color-primary: #303030; --sidebar-bg-color: #fafafa; --sidebar-text-color: #111111; " +
        "--menu-item-color-active: #222222;" +
        " --menu-item-bg-color-active: #eeeeee; --sidebar-width: 280px; --code-block-bg-color: #505050; " +
        "--code-panel-bg-color: #404040; }\n" +
        LAYOUT,
      brand: DEFAULT_BRAND,
    });
  });

  it("turns the primary colour into ten brand shades and the brand", () => {
    const { css, brand } = themeCss({ colors: { primary: { main: "#000000" } } });
    expect(brand).toBe("#000000");
    expect(css).toBe(
      `:root:root { ${brandScale("#000000")
        .map((shade, i) => `--color-brand-${i + 1}: ${shade};`)
        .join(" ")} }\n${LAYOUT}`,
    );
  });

  it("without a theme, only the layout fixes and the default brand", () => {
    expect(themeCss(undefined)).toEqual({ css: `:root:root {  }\n${LAYOUT}`, brand: "#0f766e" });
  });

  it("stops the build on a key it does not map, naming each", () => {
    expect(() => themeCss({ colors: { primary: { light: "#ffffff" } }, spacing: { unit: 4 } })).toThrow(
      new DocsBuildError(
        "redocly.yaml openapi.theme has keys scripts/docs/theme.ts does not map: colors.primary.light, spacing.unit",
      ),
    );
  });
});
