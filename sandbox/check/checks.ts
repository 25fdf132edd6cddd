/**
 * A check's result under each profile, and how one answer is judged: against the profile's own
 * answer to the same request (a refusal, a write) or against the statuses a read may answer, and
 * then against openapi.yaml (a success, and any answer under the contract) or the profile's error
 * shape (a deployed refusal).
 */
import type { OperationKey } from "opensync-api/contract";
import { errorShapeDifference, PROFILES, type Profile, referenceDifference } from "./profiles.js";
import { specIssue } from "./spec-conformance.js";
import type { Answer, ProbeRequest } from "./target.js";

export type OutcomeKind = "pass" | "fail" | "skip";

export interface Outcome {
  outcome: OutcomeKind;
  detail: string;
}

export interface Check {
  /** The spec's method and path, e.g. `GET /api/sessions`. */
  operation: OperationKey;
  name: string;
  outcomes: Record<Profile, Outcome>;
}

export const pass = (detail: string): Outcome => ({ outcome: "pass", detail });
export const fail = (detail: string): Outcome => ({ outcome: "fail", detail });
export const skip = (detail: string): Outcome => ({ outcome: "skip", detail });

/** The same outcome under every profile. */
export const everyProfile = (outcome: Outcome): Record<Profile, Outcome> => ({
  contract: outcome,
  deployed: outcome,
});

export interface Probe {
  operation: OperationKey;
  name: string;
  request: ProbeRequest;
  /** The statuses a read may answer; absent: whatever each profile answers to the same request. */
  statuses?: number[];
}

/** The start of a refusal's text, to say what the server said. */
const said = (answer: Answer) => (answer.status >= 400 ? `: ${answer.text.slice(0, 120).replace(/\s+/g, " ")}` : "");

/** How the answer differs from the closest of the profile's answers (undefined: it is one of them). */
function expectedDifference(answer: Answer, expected: Answer[]): string | undefined {
  const differences = expected.map((one) => referenceDifference(answer, one));
  return differences.includes(undefined) ? undefined : differences[0];
}

function judgeFor(profile: Profile, probe: Probe, answer: Answer, expected: Answer[] | undefined): Outcome {
  const difference = expected
    ? expectedDifference(answer, expected)
    : probe.statuses?.includes(answer.status)
      ? undefined
      : `status ${answer.status}, expected ${probe.statuses?.join(" or ")}`;
  if (difference) return fail(`${difference}${said(answer)}`);
  const issue =
    answer.status < 400 || profile === "contract"
      ? specIssue(probe.operation, answer)
      : errorShapeDifference(profile, answer);
  if (issue) return fail(issue);
  return pass(`${answer.status} ${answer.mediaType}`.trim());
}

/** One answer judged under each profile; `expected`: each profile's answers to the same request. */
export function judge(probe: Probe, answer: Answer, expected?: Record<Profile, Answer[]>): Check {
  const outcomes = Object.fromEntries(
    PROFILES.map((profile) => [profile, judgeFor(profile, probe, answer, expected?.[profile])]),
  ) as Record<Profile, Outcome>;
  return { operation: probe.operation, name: probe.name, outcomes };
}
