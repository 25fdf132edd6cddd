/**
 * The report as people read it (a table, then the verdict) or as one JSON object for CI. Every
 * secret the run was given is replaced before anything is printed, whatever a server echoed.
 */
import type { OperationKey } from "opensync-api/contract";
import type { Check, OutcomeKind } from "./checks.js";
import { PROFILES, type Profile } from "./profiles.js";
import type { WriteFacts } from "./write-probes.js";

/** What the server's writes say of its generation. */
export interface Generation {
  skipWindow: boolean;
  createdAtHonoured: boolean;
  tokensOnUpdate: WriteFacts["tokensOnUpdate"];
}

export interface CheckReport {
  baseUrl: string;
  profile: Profile;
  /** The profile every check passes under, the one asked for first; `neither` when none does. */
  matches: Profile | "neither";
  verdict: "pass" | "fail";
  generation?: Generation;
  checks: { operation: OperationKey; name: string; outcome: OutcomeKind; detail: string }[];
}

const conforms = (checks: Check[], profile: Profile) => checks.every((c) => c.outcomes[profile].outcome !== "fail");

export function summarise(baseUrl: string, profile: Profile, checks: Check[], generation?: Generation): CheckReport {
  const order = [profile, ...PROFILES.filter((p) => p !== profile)];
  const matches = order.find((p) => conforms(checks, p)) ?? "neither";
  return {
    baseUrl,
    profile,
    matches,
    verdict: conforms(checks, profile) ? "pass" : "fail",
    ...(generation ? { generation } : {}),
    checks: checks.map(({ operation, name, outcomes }) => ({ operation, name, ...outcomes[profile] })),
  };
}

const REDACTED = "[redacted]";

/** The text with each secret replaced; secrets shorter than 8 characters are not worth hiding (nor safe to). */
export function redact(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const secret of secrets) if (secret && secret.length >= 8) out = out.split(secret).join(REDACTED);
  return out;
}

export function renderJson(report: CheckReport): string {
  return JSON.stringify(report, null, 2);
}

const MARK = { pass: "ok  ", fail: "FAIL", skip: "skip" } as const;

export function renderTable(report: CheckReport): string {
  const width = Math.max(...report.checks.map((c) => c.operation.length));
  const rows = report.checks.map(
    (c) => `${MARK[c.outcome]}  ${c.operation.padEnd(width)}  ${c.name}${c.detail ? ` (${c.detail})` : ""}`,
  );
  const failed = report.checks.filter((c) => c.outcome === "fail").length;
  const lines = [`opensync-sandbox check: ${report.baseUrl}, profile ${report.profile}`, "", ...rows, ""];
  if (report.generation) {
    const g = report.generation;
    lines.push(
      `generation: updates within 10 s ${g.skipWindow ? "skipped" : "written"}, createdAt ` +
        `${g.createdAtHonoured ? "honoured" : "ignored"}, token counts ${g.tokensOnUpdate} on update`,
    );
  }
  lines.push(`matches: ${report.matches}`);
  lines.push(
    report.verdict === "pass"
      ? `verdict: conforms to the ${report.profile} profile`
      : `verdict: does not conform to the ${report.profile} profile (${failed} check(s) failed)`,
  );
  return lines.join("\n");
}
