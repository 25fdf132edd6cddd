/**
 * `opensync-sandbox check`: reads the command line, runs the check, prints the report (secrets
 * replaced) and returns the exit code: 0 conforms to the profile, 1 does not, 2 bad usage or a
 * server that could not be checked (one line, no stack).
 */
import { CHECK_USAGE, readCheckCommandLine } from "./args.js";
import { redact, renderJson, renderTable } from "./report.js";
import { CheckAborted, runCheck } from "./run.js";
import { NoAnswer } from "./target.js";

export interface CommandIo {
  env: Record<string, string | undefined>;
  stdout(text: string): void;
  stderr(text: string): void;
}

const NAME = "opensync-sandbox check";

export async function checkCommand(argv: readonly string[], io: CommandIo): Promise<number> {
  const command = readCheckCommandLine(argv, io.env);
  if (command.kind === "help") {
    io.stdout(`${CHECK_USAGE}\n`);
    return 0;
  }
  if (command.kind === "refused") {
    io.stderr(`${NAME}: ${command.complaint}\n\n${CHECK_USAGE}\n`);
    return 2;
  }
  const secrets = [command.options.apiKey, command.options.accessToken];
  try {
    const report = await runCheck(command.options);
    io.stdout(`${redact(command.json ? renderJson(report) : renderTable(report), secrets)}\n`);
    return report.verdict === "pass" ? 0 : 1;
  } catch (error) {
    const line =
      error instanceof CheckAborted
        ? error.message
        : error instanceof NoAnswer
          ? `${command.options.baseUrl} stopped answering: ${error.message}`
          : `failed: ${(error as Error)?.message ?? error}`;
    io.stderr(`${NAME}: ${redact(line, secrets)}\n`);
    return 2;
  }
}

/** The subcommand as the bin runs it: the process's environment and streams, and its exit code. */
export async function runCheckCli(argv: readonly string[]): Promise<void> {
  process.exitCode = await checkCommand(argv, {
    env: process.env,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  });
}
