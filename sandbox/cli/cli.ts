/**
 * opensync-sandbox: runs the sandbox until interrupted and prints where it is. `--help` for the
 * flags (sandbox/cli/command-line.ts). A bad invocation (an unknown flag, a bad value, a key the
 * client would refuse, a port in use) gets one line saying what is wrong and what to do, then the usage,
 * and exit code 2: never a stack trace. `opensync-sandbox check ...` checks a running server
 * instead (sandbox/check/).
 */

import { runCheckCli } from "../check/command.js";
import { demoData } from "../demo/demo.js";
import { requestLine } from "../http/request-log.js";
import { type RunningSandbox, startSandbox } from "../index.js";
import { normaliseSource } from "../modes/contract/write-rules.js";
import { bannerLines, type KeyOrigin } from "./banner.js";
import { apiKeysFor, readCommandLine, USAGE } from "./command-line.js";

const NAME = "opensync-sandbox";

function refuse(complaint: string): void {
  process.stderr.write(`${NAME}: ${complaint}\n\n${USAGE}\n`);
  process.exitCode = 2;
}

/** Why listening failed, as one line a person can act on; undefined for an error we cannot explain. */
function listenComplaint(error: unknown, host: string, port: number): string | undefined {
  switch ((error as { code?: string }).code) {
    case "EADDRINUSE":
      return (
        `port ${port} on ${host} is already in use: stop whatever is using it, or pick another port with ` +
        `--port (--port 0 picks a free one)`
      );
    case "EACCES":
      return `port ${port} on ${host} needs privileges this user does not have: pick a port above 1023 with --port`;
    case "EADDRNOTAVAIL":
      return (
        `--host ${host} is not an address of this machine: use 127.0.0.1 (this machine only) or 0.0.0.0 (every ` +
        `interface)`
      );
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return `--host ${host} does not resolve to an address: use an IP address such as 127.0.0.1, or localhost`;
    default:
      return undefined;
  }
}

async function main(argv: string[]): Promise<void> {
  if (argv[0] === "check") return runCheckCli(argv.slice(1));
  const command = readCommandLine(argv, process.env);
  if (command.kind === "help") {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (command.kind === "refused") return refuse(command.complaint);

  const { options } = command;
  const given = options.apiKeys;
  options.apiKeys = apiKeysFor(options.host, given);
  if (command.log) options.onRequest = (record) => process.stdout.write(`${requestLine(record)}\n`);
  const keyOrigin: KeyOrigin = given ? command.keyOrigin! : options.apiKeys ? "generated" : "seed";

  let sandbox: RunningSandbox;
  try {
    sandbox = await startSandbox(options);
  } catch (error) {
    const complaint = listenComplaint(error, options.host, options.port);
    if (complaint) return refuse(complaint);
    process.stderr.write(`${NAME}: could not start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
    return;
  }

  const demo = options.demo ? demoData(Date.now()).sessions : undefined;
  const lines = bannerLines({
    url: sandbox.url,
    apiKeys: sandbox.apiKeys,
    keyOrigin,
    workosToken: sandbox.workosToken,
    seed: options.seed ?? 1,
    deployed: options.deployed ?? false,
    legacyErrors: options.legacyErrors ?? false,
    faultRate: options.faults?.rate ?? 0,
    rateLimits: options.rateLimits !== false,
    demo: demo && { sessions: demo.length, sources: [...new Set(demo.map((s) => normaliseSource(s.source)))] },
  });
  process.stdout.write(`${lines.join("\n")}\n`);

  const stop = () => void sandbox.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  // Nothing above should throw; if it does, one line still beats a stack trace for a user.
  process.stderr.write(`${NAME}: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
