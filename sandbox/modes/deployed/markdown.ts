/**
 * The Markdown export as deployed servers write it (the api module's session export): a header
 * of `- **Field:**` lines, then per message its role heading and each text part followed by a
 * blank line, or its `textContent` when no text part has any; the text ends with a blank line.
 */
import { type Message, partText, type SessionRecord } from "../../store/store.js";

export function deployedMarkdown(session: SessionRecord, messages: Message[]): string {
  let md = `# ${session.title || "Untitled"}\n\n`;
  md += `- **Project:** ${session.projectPath || "N/A"}\n`;
  md += `- **Model:** ${session.model || "N/A"}\n`;
  md += `- **Tokens:** ${session.totalTokens}\n`;
  md += `- **Cost:** $${session.cost.toFixed(4)}\n\n---\n\n`;
  for (const message of messages) {
    md += `## ${message.role === "user" ? "User" : "Assistant"}\n\n`;
    const texts = message.parts
      .filter((part) => part.type === "text")
      .map((part) => partText(part.content))
      .filter(Boolean);
    for (const text of texts) md += `${text}\n\n`;
    if (texts.length === 0 && message.textContent) md += `${message.textContent}\n\n`;
  }
  return md;
}
