/**
 * The classified changes as the gate prints them (one line per change, naming operation,
 * location and field) and as the CHANGELOG's "API changes" section at a release.
 */
import type { Change } from "./classify.js";

export function changeLine(change: Change): string {
  const where = [change.operation, change.location, change.field].filter(Boolean).join(" · ");
  return `${where}: ${change.description}`;
}

const SECTIONS: [Change["kind"], string][] = [
  ["breaking", "Breaking"],
  ["deprecated", "Deprecated"],
  ["non-breaking", "Added or relaxed"],
];

/** Markdown for the CHANGELOG: `### API changes (<from> → <to>)`, a list per kind; annotations left out. */
export function changelogSection(changes: Change[], from: string, to: string): string {
  const lines = [`### API changes (openapi.yaml ${from} → ${to})`, ""];
  for (const [kind, title] of SECTIONS) {
    const listed = [...new Set(changes.filter((c) => c.kind === kind).map(changeLine))];
    if (listed.length === 0) continue;
    lines.push(`**${title}**`, "", ...listed.map((line) => `- ${line}`), "");
  }
  if (lines.length === 2) lines.push("No changes for generated clients.", "");
  return lines.join("\n");
}
