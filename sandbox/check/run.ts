/**
 * One conformance run against a server: reachability and the key first, then (with `write`) the
 * writes and what they left, then the reads and the refusals; every answer judged under both
 * profiles, and every operation of the spec accounted for (a row that says why it was skipped).
 */
import { randomBytes } from "node:crypto";
import { OPERATIONS, type OperationKey } from "opensync-api/contract";
import { type Check, everyProfile, fail, judge, type Probe, pass, skip } from "./checks.js";
import { PROFILES, type Profile, referenceTargets } from "./profiles.js";
import { HEALTH, LISTING, type ReadContext, reads, refusals } from "./read-probes.js";
import { type CheckReport, type Generation, summarise } from "./report.js";
import { type Answer, remoteTarget, type Target } from "./target.js";
import { FACTS, readFacts, type WriteFacts, writes } from "./write-probes.js";

export interface CheckOptions {
  baseUrl: string;
  apiKey: string;
  accessToken?: string;
  /** Add the sync routes' checks (records stay on the server). Default false: GETs only. */
  write?: boolean;
  profile?: Profile;
  /** externalIds of what --write sends start with this. Default `conformance-<time>-<random>`. */
  prefix?: string;
}

/** The server could not be checked at all: unreachable, or the key refused. One line, no secret. */
export class CheckAborted extends Error {}

const newPrefix = () => `conformance-${Date.now()}-${randomBytes(4).toString("hex")}`;

async function sendEach(target: Target, probes: Probe[]): Promise<Answer[]> {
  const answers: Answer[] = [];
  for (const probe of probes) answers.push(await target.send(probe.request));
  return answers;
}

/** The server's answers, and each profile's sandboxes' answers (per sandbox, per probe). */
type Answers = { server: Answer[] } & Record<Profile, Answer[][]>;

/** Each probe to the server, then to each profile's sandboxes. */
async function exchange(target: Target, references: Record<Profile, Target[]>, probes: Probe[]): Promise<Answers> {
  const server = await sendEach(target, probes);
  const answersOf = (profile: Profile) => Promise.all(references[profile].map((ref) => sendEach(ref, probes)));
  const [contract, deployed] = await Promise.all(PROFILES.map(answersOf));
  return { server, contract: contract!, deployed: deployed! };
}

const judgeAll = (probes: Probe[], answers: Answers): Check[] =>
  probes.map((probe, i) =>
    judge(probe, answers.server[i]!, {
      contract: answers.contract.map((one) => one[i]!),
      deployed: answers.deployed.map((one) => one[i]!),
    }),
  );

/** Each fact the server showed against the same fact of each profile's sandboxes. */
function factChecks(facts: WriteFacts, expected: Record<Profile, (WriteFacts | string)[]>): Check[] {
  return (Object.keys(FACTS) as (keyof WriteFacts)[]).map((key) => {
    const outcomes = Object.fromEntries(
      PROFILES.map((profile) => {
        const wanted = expected[profile].map((one) => (typeof one === "string" ? one : one[key]));
        return [profile, wanted.includes(facts[key]) ? pass(facts[key]) : fail(`${facts[key]}, expected ${wanted[0]}`)];
      }),
    ) as Check["outcomes"];
    return { ...FACTS[key], outcomes };
  });
}

/** The writes' checks, what they left, and the server's generation they show. */
async function writeChecks(target: Target, references: Record<Profile, Target[]>, prefix: string) {
  const probes = writes(prefix);
  const answers = await exchange(target, references, probes);
  const checks = judgeAll(probes, answers);
  const facts = await readFacts(target, prefix, answers.server);
  const factsOf = (profile: Profile) =>
    Promise.all(references[profile].map((ref, i) => readFacts(ref, prefix, answers[profile][i]!)));
  const [contract, deployed] = await Promise.all(PROFILES.map(factsOf));
  const sessionId = (answers.server[0]?.json as { sessionId?: string } | undefined)?.sessionId;
  if (typeof facts === "string") {
    const outcomes = everyProfile(fail(facts));
    checks.push({ operation: "GET /api/sessions/get", name: "reads back what was written", outcomes });
    return { checks, generation: undefined, sessionId };
  }
  checks.push(...factChecks(facts, { contract: contract!, deployed: deployed! }));
  const generation: Generation = {
    skipWindow: facts.quickUpdate === "skipped",
    createdAtHonoured: facts.createdAt === "honoured",
    tokensOnUpdate: facts.tokensOnUpdate,
  };
  return { checks, generation, sessionId };
}

/** The first session of a listing, to read and export. */
const firstSession = (listing: Answer) =>
  ((listing.json as { sessions?: { id?: unknown }[] })?.sessions?.[0]?.id as string | undefined) ?? undefined;

/** A row for every operation no check covered, so that the report accounts for the whole spec. */
function uncovered(checks: Check[], write: boolean): Check[] {
  const covered = new Set(checks.map((c) => c.operation));
  return (Object.keys(OPERATIONS) as OperationKey[])
    .filter((key) => !covered.has(key))
    .map((operation) => ({
      operation,
      name: "not checked",
      outcomes: everyProfile(skip(write ? "no probe for this operation" : "a write: run with --write")),
    }));
}

export async function runCheck(options: CheckOptions): Promise<CheckReport> {
  const target = remoteTarget(options);
  const references = referenceTargets();
  let health: Answer;
  try {
    health = await target.send(HEALTH.request);
  } catch (error) {
    throw new CheckAborted(`cannot reach ${options.baseUrl}: ${(error as Error).message.split(": ").pop()}`);
  }
  const listing = await target.send(LISTING.request);
  if (listing.status === 401)
    throw new CheckAborted(`${options.baseUrl} refused the API key (401): check --api-key or OPENSYNC_API_KEY`);
  const checks = [judge(HEALTH, health), judge(LISTING, listing)];
  let generation: Generation | undefined;
  let sessionId = firstSession(listing);
  if (options.write) {
    const written = await writeChecks(target, references, options.prefix ?? newPrefix());
    checks.push(...written.checks);
    generation = written.generation;
    sessionId = written.sessionId ?? sessionId;
  }
  const context: ReadContext = { sessionId, hasAccessToken: options.accessToken !== undefined };
  for (const read of reads(context)) {
    if ("skip" in read)
      checks.push({ operation: read.operation, name: read.name, outcomes: everyProfile(skip(read.skip)) });
    else checks.push(judge(read, await target.send(read.request)));
  }
  const probes = refusals(context);
  checks.push(...judgeAll(probes, await exchange(target, references, probes)));
  checks.push(...uncovered(checks, options.write ?? false));
  return summarise(options.baseUrl, options.profile ?? "contract", checks, generation);
}
