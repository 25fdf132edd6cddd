/**
 * Crash test: producer processes enqueue sessions and messages (messages with parts, edits of
 * earlier messages, records with createdAt) into one outbox directory while flusher processes
 * deliver it to a sandbox that injects faults on 45 % of requests (including answers lost after
 * the write: `reset-after`, `500-after`) and enforces rate limits. Producers and flushers are
 * SIGKILLed at random instants and restarted. After a final flush, every record whose
 * session()/message() had resolved is stored exactly once with its exact content and parts (read
 * back through the API), in order; no window of the rate limits saw more requests arrive at the
 * server than they allow; nothing was dead-lettered.
 *
 * `npm test` runs a small version (a few hundred records, 12 kills per mode); OPENSYNC_SOAK=1 the
 * full one (more than 5,000 records, 60 kills per mode). The randomness is seeded and printed.
 * Parameterised by the sandbox's options: each entry of MODES is a run.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { setPriority } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FAULT_KINDS } from "../../sandbox/faults/injector.js";
import type { SandboxOptions } from "../../sandbox/index.js";
import { createOutbox, type OutboxOptions, readDeadLetters } from "../../src/outbox/index.js";
import { bundleScript } from "../support/bundle-script.js";
import { busiestWindow, type ObservedSandbox, startObservedSandbox } from "../support/observed-sandbox.js";
import { SOAK, seededTestRandom, soakScale } from "../support/soak.js";
import { expectedSession, producerSteps } from "./fixtures/plan.js";
import { describePending, describeRequests } from "./flush-diagnosis.js";
import { readBack, recordingClient, scratchDir } from "./support.js";

const SESSIONS = soakScale(8, 40);
const MESSAGES_PER_SESSION = soakScale(30, 125);
/** Producers' pause between steps (random, up to this): production must span the killing. */
const PACE_MS = soakScale(20, 14);
const PRODUCERS = 4;
const FLUSHER_SLOTS = 2;
const KILLS = soakScale(12, 60);
const MIN_RECORDS = soakScale(200, 5000);
const FAULT_RATE = 0.45;
/**
 * A slow fault holds a request this long before it runs: longer than the flushers' timeout, so its
 * outcome is unknown to them. Their settle time (how long such a write may still land: the one
 * thing the outbox assumes of a server) covers it with time to spare, since on a busy machine the
 * held write runs late: timers fire late and the sandbox's event loop waits its turn. A write
 * landing after the settle time can make a deployed server skip a later update the outbox sends.
 * (Every settle time is waited out, many of them one after another: the spare is no larger.)
 */
const SLOW_MS = soakScale(700, 1500);
const TIMEOUT_MS = soakScale(500, 1000);
const SETTLE_MS = SLOW_MS + soakScale(500, 1000);
/** Test-scale rate limits (the spec's are per minute): the sandbox enforces them, the flushers keep to them. */
const RATE_LIMITS = {
  sync: { limit: 40, windowSeconds: 2 },
  api: { limit: 60, windowSeconds: 2 },
  search: { limit: 30, windowSeconds: 2 },
};
const TIME_BOUND_MS = soakScale(60_000, 120_000);
const BACKOFF = { baseMs: 50, maxMs: 400 };
/**
 * The final flush's deadline, from the run's parameters: a bound a healthy flush does not reach.
 * Its time goes to waits, not to records. The flusher sends one request at a time (a slow answer
 * holds it for the whole timeout), and a fault costs the records it carried a timeout (a slow
 * answer), a settle time (an unknown outcome may still land) and a backoff before the next try.
 * Two paths are slow:
 *   - a chain of requests each waiting for the one before (a session with createdAt alone, then
 *     its messages, then their read-back when a batch's outcome is unknown): each step is allowed
 *     the longest run of faults that any of the run's chains meets with a chance above one in a
 *     thousand (the retries draw faults at the same rate);
 *   - a session's messages read back absent by a killed flusher long enough ago: each goes alone,
 *     behind the one before, so a fault on one holds up all the later ones; a whole session of them
 *     is allowed its expected faults at their full cost.
 */
const FAILED_TRY_MS = TIMEOUT_MS + SETTLE_MS + BACKOFF.maxMs;
const CHAIN_STEPS = 3;
const FAULTS_IN_A_ROW = Math.ceil(Math.log(SESSIONS * CHAIN_STEPS * 1000) / Math.log(1 / FAULT_RATE));
const ONE_AT_A_TIME_MS = (MESSAGES_PER_SESSION * FAILED_TRY_MS * FAULT_RATE) / (1 - FAULT_RATE);
const FINAL_FLUSH_DEADLINE_MS = Math.ceil(Math.max(CHAIN_STEPS * FAULTS_IN_A_ROW * FAILED_TRY_MS, ONE_AT_A_TIME_MS));

const MODES: { name: string; sandbox: SandboxOptions }[] = [
  { name: "the contract", sandbox: {} },
  { name: "deployed servers", sandbox: { deployed: true } },
];

const scripts = scratchDir("outbox-crash-bin-");
let producerScript: string;
let flusherScript: string;

beforeAll(async () => {
  [producerScript, flusherScript] = await Promise.all([
    bundleScript("test/outbox/fixtures/producer.ts", join(scripts.dir, "producer.mjs")),
    bundleScript("test/outbox/fixtures/flusher.ts", join(scripts.dir, "flusher.mjs")),
  ]);
});
afterAll(() => scripts.remove());

// The small runs go side by side (most of each is waiting: quiet windows, settle times, backoff); the
// full ones one after the other, each within its time bound.
const eachMode = SOAK ? it.each(MODES) : it.concurrent.each(MODES);
describe("crash test", () => {
  eachMode(
    `against $name: delivers every resolved record exactly once, intact, within the rate limits, through ${KILLS} SIGKILLs`,
    async ({ name: mode, sandbox: modeOptions }) => {
      const work = scratchDir("outbox-crash-");
      const sandbox: ObservedSandbox = await startObservedSandbox({
        seed: 7,
        rateLimits: RATE_LIMITS,
        // Every kind, those that lose the answer after the write included.
        faults: { rate: FAULT_RATE, retryAfterMs: 250, slowMs: SLOW_MS, kinds: FAULT_KINDS },
        ...modeOptions,
      });
      try {
        await crashRun(mode, sandbox, work.dir);
      } finally {
        await sandbox.close();
        work.remove();
      }
    },
    TIME_BOUND_MS + FINAL_FLUSH_DEADLINE_MS + 60_000,
  );
});

async function crashRun(mode: string, sandbox: ObservedSandbox, workDir: string): Promise<void> {
  const random = seededTestRandom(`crash test (${mode})`);
  const started = Date.now();
  const dir = join(workDir, "outbox");
  const flushOptions: OutboxOptions = {
    baseUrl: sandbox.url,
    apiKey: sandbox.apiKey,
    rateLimits: RATE_LIMITS,
    settleMs: SETTLE_MS,
    timeoutMs: TIMEOUT_MS,
    backoff: BACKOFF,
  };
  const perProducer = SESSIONS / PRODUCERS;
  const producers = Array.from({ length: PRODUCERS }, (_, p) => {
    const first = p * perProducer;
    const progress = join(workDir, `progress-${p}`);
    writeFileSync(progress, "");
    return {
      first,
      last: first + perProducer - 1,
      progress,
      steps: producerSteps(
        Array.from({ length: perProducer }, (_, i) => first + i),
        MESSAGES_PER_SESSION,
      ).length,
      child: undefined as ChildProcess | undefined,
      done: false,
    };
  });
  const records = producers.reduce((n, p) => n + p.steps, 0);
  expect(records).toBeGreaterThanOrEqual(MIN_RECORDS);

  const running = new Set<ChildProcess>();
  const start = (script: string, args: string[], onExit: (code: number | null) => void) => {
    const child = spawn(process.execPath, [script, ...args], { stdio: ["ignore", "ignore", "pipe"] });
    // At a lower priority: this test is a stress test, and must not starve the timing-sensitive
    // tests that run beside it (it only takes longer itself).
    if (child.pid) setPriority(child.pid, 10);
    let stderr = "";
    child.stderr!.on("data", (d) => (stderr += d));
    running.add(child);
    child.on("exit", (code, signal) => {
      running.delete(child);
      if (code !== 0 && signal !== "SIGKILL") problems.push(`${script} exited ${code}: ${stderr.slice(0, 2000)}`);
      onExit(code);
    });
    return child;
  };
  const problems: string[] = [];
  let producing = true;
  const kills = { producer: 0, flusher: 0 };
  const isProducer = new WeakSet<ChildProcess>();

  const runProducer = (p: (typeof producers)[number]) => {
    const args = [String(p.first), String(p.last), String(MESSAGES_PER_SESSION), String(PACE_MS)];
    const seed = String(Math.floor(random() * 2 ** 32));
    p.child = start(producerScript, [dir, p.progress, ...args, seed], (code) => {
      if (code === 0) p.done = true;
      else if (Date.now() - started < TIME_BOUND_MS) runProducer(p);
    });
    isProducer.add(p.child);
  };
  const runFlusher = () => {
    if (!producing) return;
    start(flusherScript, [dir, JSON.stringify(flushOptions), String(2000 + Math.floor(random() * 4000))], () =>
      runFlusher(),
    );
  };
  producers.forEach(runProducer);
  for (let i = 0; i < FLUSHER_SLOTS; i++) runFlusher();

  // The killer: at random instants, a running producer or flusher (each as likely while producers
  // run, once KILLS / 6 producers died: production can be short), until each kind died KILLS / 2
  // times. Then the producers finish, flushers still running.
  const quota = KILLS / 2;
  const producersFirst = KILLS / 6;
  while ((kills.producer < quota || kills.flusher < quota) && Date.now() - started < TIME_BOUND_MS) {
    await new Promise((resolve) => setTimeout(resolve, 100 + random() * 300));
    const all = [...running];
    const producersUp = all.filter((c) => isProducer.has(c));
    const flushersUp = all.filter((c) => !isProducer.has(c));
    const wantProducer =
      kills.producer < quota &&
      producersUp.length > 0 &&
      (kills.producer < producersFirst || kills.flusher >= quota || flushersUp.length === 0 || random() < 0.5);
    const pool = wantProducer ? producersUp : flushersUp;
    const victim = pool[Math.floor(random() * pool.length)];
    if (victim && victim.exitCode === null && victim.kill("SIGKILL")) kills[wantProducer ? "producer" : "flusher"]++;
    // The producers may all finish before their quota: then the flushers make up the count.
    if (producers.every((p) => p.done) && kills.producer < quota && kills.producer + kills.flusher >= KILLS) break;
  }
  while (producers.some((p) => !p.done) && Date.now() - started < TIME_BOUND_MS)
    await new Promise((resolve) => setTimeout(resolve, 100));
  producing = false;
  // The small run does not wait for the flushers' deadlines: they die as the others did.
  if (!SOAK) for (const child of running) if (!isProducer.has(child)) child.kill("SIGKILL");
  await Promise.all(
    [...running].map(
      (child) => new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once("exit", resolve))),
    ),
  );
  expect(producers.every((p) => p.done)).toBe(true);
  expect(kills.producer + kills.flusher).toBeGreaterThanOrEqual(KILLS);
  expect(kills.producer).toBeGreaterThanOrEqual(producersFirst);
  expect(kills.flusher).toBeGreaterThanOrEqual(KILLS / 6);
  expect(problems).toEqual([]);
  const productionMs = Date.now() - started;

  // Every step resolved (the restarted producers redid the one in progress at each kill).
  for (const p of producers)
    expect(new Set(readFileSync(p.progress, "utf8").split("\n").filter(Boolean)).size).toBe(p.steps);

  // The final flush, in this process, until nothing is pending (its requests recorded, to say
  // where its time went if it leaves records pending).
  const recorder = recordingClient(sandbox.url, sandbox.apiKey, TIMEOUT_MS);
  const outbox = createOutbox({ dir, ...flushOptions, client: recorder.client });
  const flushFrom = Date.now();
  const report = await outbox.flush({ deadlineMs: FINAL_FLUSH_DEADLINE_MS });
  if (report.pending > 0) {
    const waiting = await describePending(dir, {
      baseUrl: sandbox.url,
      apiKey: sandbox.apiKey,
      settleMs: SETTLE_MS,
      rateLimits: RATE_LIMITS,
    });
    const spent = describeRequests(recorder.sent, flushFrom, Date.now(), TIMEOUT_MS);
    expect.fail(
      `the final flush left ${report.pending} records pending after ${FINAL_FLUSH_DEADLINE_MS} ms ` +
        `(${JSON.stringify(report)})\nwhat they wait for: ${waiting}\nits requests: ${spent}`,
    );
  }
  await outbox.close();
  const flushedAt = Date.now();
  const status = await createOutbox({ dir }).status();
  expect(status).toMatchObject({ pending: 0, rejected: 0 });
  expect(await readDeadLetters(dir)).toEqual([]);

  // No more requests per window than the limits allow, in either group, over the whole run.
  const during = sandbox.arrivals.filter((a) => a.at <= flushedAt);
  const syncBusiest = busiestWindow(during, RATE_LIMITS.sync.windowSeconds * 1000, (a) => a.path.startsWith("/sync/"));
  const apiBusiest = busiestWindow(during, RATE_LIMITS.api.windowSeconds * 1000, (a) => a.path.startsWith("/api/"));
  expect(syncBusiest).toBeLessThanOrEqual(RATE_LIMITS.sync.limit);
  expect(apiBusiest).toBeLessThanOrEqual(RATE_LIMITS.api.limit);
  const { faultsInjected, requests } = sandbox.stats();
  expect(faultsInjected / requests).toBeGreaterThanOrEqual(0.3);

  // Everything is there exactly once, with its exact content. A write held past the settle time
  // breaks what the outbox assumes, not what it promises: a failure says how late the latest ran.
  const heldLongest = Math.max(0, ...during.filter((a) => a.fault === "slow").map((a) => a.ms));
  const held = `(the longest a slow fault held a write: ${heldLongest} ms, the settle time: ${SETTLE_MS} ms)`;
  const stored = await readBack(sandbox.url, sandbox.apiKey);
  expect([...stored.keys()].sort()).toEqual(Array.from({ length: SESSIONS }, (_, s) => `crash-${s}`).sort());
  let messages = 0;
  for (let s = 0; s < SESSIONS; s++) {
    const expected = expectedSession(s, MESSAGES_PER_SESSION);
    const got = stored.get(`crash-${s}`)!;
    expect(got.summary, `session ${s} ${held}`).toMatchObject(expected.summary);
    if (expected.createdAt !== undefined)
      expect(got.summary.createdAt, `session ${s} createdAt`).toBe(expected.createdAt);
    expect(got.summary.messageCount).toBe(expected.messages.length);
    expect(
      got.messages.map((m) => ({
        externalId: m.externalId,
        role: m.role,
        textContent: m.textContent,
        parts: m.parts,
        ...(expected.messages.find((e) => e.externalId === m.externalId)?.createdAt !== undefined
          ? { createdAt: m.createdAt }
          : {}),
      })),
      `session ${s} messages ${held}`,
    ).toEqual(expected.messages.map(({ createdAt, ...m }) => (createdAt !== undefined ? { ...m, createdAt } : m)));
    messages += got.messages.length;
  }
  const syncRequests = during.filter((a) => a.path.startsWith("/sync/")).length;
  console.log(
    `crash test (${mode}): ${records} records enqueued by ${PRODUCERS} producers (${SESSIONS} sessions, ` +
      `${messages} messages stored), ` +
      `${kills.producer + kills.flusher} SIGKILLs (${kills.producer} producers, ${kills.flusher} flushers), ` +
      `${requests} requests served, ${faultsInjected} faults ` +
      `(${((100 * faultsInjected) / requests).toFixed(1)} %), ` +
      `${syncRequests} sync requests (busiest ${RATE_LIMITS.sync.windowSeconds} s window: ${syncBusiest} of ` +
      `${RATE_LIMITS.sync.limit}; api: ${apiBusiest} of ${RATE_LIMITS.api.limit}), ` +
      `production ${(productionMs / 1000).toFixed(1)} s, final flush ` +
      `${((flushedAt - started - productionMs) / 1000).toFixed(1)} s (${report.requests} requests, ` +
      `${report.sent + report.unchanged} records), ` +
      `whole run ${((Date.now() - started) / 1000).toFixed(1)} s, records lost: 0`,
  );
}
