/**
 * redocly.yaml's `openapi.theme` (the Redoc 2 theme schema Redocly still validates) onto Redoc 3's
 * CSS custom properties: Redoc 3 no longer reads a theme object itself. A key this module does not
 * map stops the build, so no setting is silently ignored.
 */
import { fail } from "./build-error.js";

/** The brand colour when the theme names none. */
export const DEFAULT_BRAND = "#0f766e";

/** Ten shades of a brand colour, 1 (lightest) to 10 (darkest), with the base at 6. */
export function brandScale(hex: string): string[] {
  const m = /^#([0-9a-f]{6})$/i.exec(hex) ?? fail(`theme colour ${hex} must be #rrggbb`);
  const rgb = [0, 2, 4].map((i) => parseInt(m[1]!.slice(i, i + 2), 16));
  const mix = (target: number, amount: number) =>
    `#${rgb
      .map((c) =>
        Math.round(c + (target - c) * amount)
          .toString(16)
          .padStart(2, "0"),
      )
      .join("")}`;
  return [
    mix(255, 0.92),
    mix(255, 0.82),
    mix(255, 0.65),
    mix(255, 0.45),
    mix(255, 0.2),
    hex,
    mix(0, 0.15),
    mix(0, 0.3),
    mix(0, 0.45),
    mix(0, 0.6),
  ];
}

/** Each theme key this module maps, with the Redoc 3 variable it sets (the primary colour sets ten). */
const VARIABLES: Record<string, string | null> = {
  "colors.primary.main": null,
  "typography.fontFamily": "--font-family-base",
  "typography.fontSize": "--font-size-base",
  "typography.headings.fontFamily": "--heading-font-family",
  "typography.headings.fontWeight": "--heading-font-weight",
  "typography.code.fontFamily": "--font-family-monospaced",
  "typography.links.color": "--link-color-primary",
  "colors.text.primary": "--text-color-primary",
  "colors.text.secondary": "--text-color-secondary",
  "colors.border.dark": "--border-color-primary",
  "sidebar.backgroundColor": "--sidebar-bg-color",
  "sidebar.textColor": "--sidebar-text-color",
  "sidebar.activeTextColor": "--menu-item-color-active",
  "sidebar.activeBgColor": "--menu-item-bg-color-active",
  "sidebar.width": "--sidebar-width",
  "codeBlock.backgroundColor": "--code-block-bg-color",
  "rightPanel.backgroundColor": "--code-panel-bg-color",
};

/** A nested object as dotted keys and their values as text: `{ a: { b: 1 } }` -> `[["a.b", "1"]]`. */
export function flatten(value: unknown, prefix = ""): [string, string][] {
  if (value === null || typeof value !== "object") return [[prefix, String(value)]];
  return Object.entries(value).flatMap(([k, v]) => flatten(v, prefix ? `${prefix}.${k}` : k));
}

/** The stylesheet for `theme`, and the brand colour the logo and icon are drawn in. */
export function themeCss(theme: unknown): { css: string; brand: string } {
  const flat = new Map(flatten(theme ?? {}));
  const unknown = [...flat.keys()].filter((k) => !(k in VARIABLES));
  if (unknown.length)
    fail(`redocly.yaml openapi.theme has keys scripts/docs/theme.ts does not map: ${unknown.join(", ")}`);
  const vars: string[] = [];
  const primary = flat.get("colors.primary.main");
  if (primary) {
    for (const [i, shade] of brandScale(primary).entries()) vars.push(`--color-brand-${i + 1}: ${shade};`);
  }
  for (const [key, variable] of Object.entries(VARIABLES)) {
    if (variable && flat.has(key)) vars.push(`${variable}: ${flat.get(key)};`);
  }
  // Not theme values but layout fixes: keep error codes and route groups in tables on one line.
  const layout = "table td code { white-space: nowrap; word-break: normal; }";
  return { css: `:root:root { ${vars.join(" ")} }\n${layout}`, brand: primary ?? DEFAULT_BRAND };
}
