import { describe, expect, it } from "vitest";
import { logoDataUrl, markDataUrl, svgUrl } from "../../../scripts/docs/logo.js";

const svgOf = (url: string) => {
  expect(url.startsWith("data:image/svg+xml,")).toBe(true);
  return decodeURIComponent(url.slice("data:image/svg+xml,".length));
};

describe("svgUrl", () => {
  it("percent-encodes the document into a data URL", () => {
    expect(svgUrl('<svg a="#1"/>')).toBe("data:image/svg+xml,%3Csvg%20a%3D%22%231%22%2F%3E");
  });
});

describe("markDataUrl", () => {
  it("draws the mark in the brand colour on a 32 by 32 canvas", () => {
    const svg = svgOf(markDataUrl("#123456"));
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 32 32">/);
    expect(svg).toContain('<rect width="32" height="32" rx="8" fill="#123456"/>');
    expect(svg.match(/<path /g)).toHaveLength(2);
  });
});

describe("logoDataUrl", () => {
  it("sizes the logo to the text and escapes it", () => {
    const svg = svgOf(logoDataUrl("A & <B>", "#123456"));
    // 44 for the mark and gap, 11.6 per character, rounded up: 7 characters -> 126.
    expect(svg).toContain('viewBox="0 0 126 32" width="126" height="32"');
    expect(svg).toContain('fill="#123456"');
    expect(svg).toMatch(/<text x="42" y="22.5" [^>]*>A &amp; &lt;B&gt;<\/text><\/svg>$/);
  });
});
