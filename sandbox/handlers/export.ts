/** Exports: one session (JSON, JSONL or Markdown), and eval datasets across sessions. */
import { withholdCrossOrigin } from "../http/cors.js";
import { notFound } from "../http/http-error.js";
import type { ReadRules } from "../modes/contract/read-rules.js";
import { evalDataset, exportName, isEvalReady, jsonExport, jsonlExport } from "../store/renderers.js";
import { findSession } from "./sessions.js";
import type { Handlers } from "./types.js";

export type ExportOperation = "GET /api/export" | "GET /api/export/evals";

/** `now`: the store's clock, which dates eval datasets. */
export function exportHandlers(now: () => number, reads: ReadRules): Handlers<ExportOperation> {
  return {
    "GET /api/export": ({ c, user, query }) => {
      const session = findSession(user, query.id);
      const messages = user.orderedMessages(session);
      if (query.format === "markdown") {
        if (!reads.markdownCrossOrigin) withholdCrossOrigin(c);
        const markdown = reads.markdown(session, messages);
        return c.body(markdown.body, 200, {
          "content-type": markdown.contentType,
          "content-disposition": `attachment; filename="${exportName(session)}.md"`,
        });
      }
      return query.format === "jsonl" ? jsonlExport(session, messages) : jsonExport(session, messages);
    },
    "GET /api/export/evals": ({ c, user, caller, query }) => {
      const ready = [...user.sessions.values()]
        .map((session) => ({ session, messages: user.orderedMessages(session) }))
        .filter(({ messages }) => isEvalReady(messages));
      if (ready.length === 0) throw notFound("No eval-ready sessions found");
      const from = query.date_from ? Date.parse(query.date_from) : -Infinity;
      const to = query.date_to ? Date.parse(`${query.date_to}T23:59:59.999Z`) : Infinity;
      const tags = query.tags ? query.tags.split(",").filter(Boolean) : [];
      const chosen = ready.filter(
        ({ session }) =>
          (query.tool === undefined || session.source === query.tool) &&
          (query.model === undefined || session.model === query.model) &&
          session.createdAt >= from &&
          session.createdAt <= to &&
          (query.min_tokens === undefined || session.totalTokens >= query.min_tokens) &&
          // Sandbox sessions carry no tags or review status (there is no dashboard to set them).
          tags.length === 0 &&
          query.status === undefined,
      );
      if (chosen.length === 0) throw notFound("No sessions match the specified filters");
      reads.checkEvalOptions(query);
      reads.checkEvalIdentity(caller);
      const dataset = evalDataset(
        chosen,
        {
          format: query.format ?? "deepeval",
          turnMode: query.turn_mode ?? "per_turn",
          includeMetadata: query.include_metadata ?? true,
          anonymize: query.anonymize ?? true,
        },
        new Date(now()),
      );
      if (reads.evalCrossOrigin === "origin") {
        withholdCrossOrigin(c);
        c.header("access-control-allow-origin", "*");
      }
      return c.body(dataset.body, 200, {
        "content-type": dataset.contentType,
        "content-disposition": `attachment; filename="${dataset.filename}"`,
        "x-export-sessions": String(chosen.length),
        "x-export-testcases": String(dataset.testCases),
      });
    },
  };
}
