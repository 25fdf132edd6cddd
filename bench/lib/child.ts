/** Starts a server in a child process and resolves once it prints the line `ready` matches. */
import { type ChildProcess, spawn } from "node:child_process";

export interface Child {
  process: ChildProcess;
  match: RegExpMatchArray;
  stop(): void;
}

export function startChild(command: string, args: string[], ready: RegExp, timeoutMs = 60_000): Promise<Child> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, REDOCLY_TELEMETRY: "off" },
    });
    let output = "";
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`${command} did not become ready in ${timeoutMs} ms:\n${output.slice(-2000)}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk;
      const match = output.match(ready);
      if (match) {
        clearTimeout(timer);
        child.stdout!.off("data", onData);
        child.stdout!.resume();
        child.stderr!.resume();
        resolve({ process: child, match, stop: () => void child.kill() });
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", (c: Buffer) => (output += c));
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${command} exited with ${code}:\n${output.slice(-2000)}`));
    });
  });
}
