/**
 * The brand mark (two arrows chasing each other in a rounded square: sync), drawn as SVG data URLs
 * so the page needs no image files: the favicon, and the sidebar logo with the API's title beside it.
 */

/** An SVG document as a `data:` URL. */
export const svgUrl = (svg: string) => `data:image/svg+xml,${encodeURIComponent(svg)}`;

const xmlEscape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

function markSvg(brand: string): string {
  return (
    `<g transform="translate(0 0)"><rect width="32" height="32" rx="8" fill="${brand}"/>` +
    `<path d="M9 14a7 7 0 0 1 12.5-4.3M23 18a7 7 0 0 1-12.5 4.3" fill="none" stroke="#fff" stroke-width="2.6" ` +
    `stroke-linecap="round"/>` +
    `<path d="M22.8 5.8v4.6h-4.6M9.2 26.2v-4.6h4.6" fill="none" stroke="#fff" stroke-width="2.6" ` +
    `stroke-linecap="round" stroke-linejoin="round"/></g>`
  );
}

/** The mark alone, 32 by 32: the page's icon. */
export function markDataUrl(brand: string): string {
  return svgUrl(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">${markSvg(brand)}</svg>`);
}

/** The sidebar logo: the mark and `text`, drawn with the system font (no font files). */
export function logoDataUrl(text: string, brand: string): string {
  const width = 44 + Math.ceil(text.length * 11.6);
  return svgUrl(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} 32" width="${width}" height="32">${markSvg(brand)}` +
      `<text x="42" y="22.5" font-family="system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif" ` +
      `font-size="18" font-weight="700" fill="#17202a">${xmlEscape(text)}</text></svg>`,
  );
}
