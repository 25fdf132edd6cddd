/**
 * BENCHMARKS.md's findings: what was profiled, why, what changed and what it measured, written by
 * hand as a target is worked on. `npm run bench` rewrites the measurements above them and keeps
 * them as they are, so a measurement's history lives in BENCHMARKS.md and nowhere in the code.
 */
export const FINDINGS_HEADING = "## Findings";

/** The findings section of a BENCHMARKS.md (from its heading to the end), or "" when it has none. */
export function findingsOf(markdown: string): string {
  const at = markdown.search(new RegExp(`^${FINDINGS_HEADING}\\b`, "m"));
  return at < 0 ? "" : `${markdown.slice(at).trimEnd()}\n`;
}
