/**
 * Reads a V8 .cpuprofile (what `node --cpu-prof` writes) into the two views a hot path is found
 * with: self time per function (where the CPU was) and inclusive time (what it was doing it for).
 * Shares are of the busy samples: idle time is left out, and so is "(program)".
 */
import { readFileSync } from "node:fs";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
}

export interface ProfileSummary {
  busySamples: number;
  self: { frame: string; share: number }[];
  inclusive: { frame: string; share: number }[];
}

const IDLE = new Set(["(idle)", "(program)", "(root)"]);

/** "name file:line", the file shortened to its last two path segments. */
const frameName = ({ callFrame: f }: ProfileNode) =>
  `${f.functionName || "(anonymous)"} ${f.url.split("/").slice(-2).join("/")}:${f.lineNumber + 1}`;

export function summarizeProfile(path: string, top = 25): ProfileSummary {
  const profile = JSON.parse(readFileSync(path, "utf8")) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const hits = new Map<number, number>();
  for (const id of profile.samples) hits.set(id, (hits.get(id) ?? 0) + 1);

  const self = new Map<string, number>();
  let busy = 0;
  for (const [id, count] of hits) {
    const node = byId.get(id)!;
    if (IDLE.has(node.callFrame.functionName)) continue;
    busy += count;
    self.set(frameName(node), (self.get(frameName(node)) ?? 0) + count);
  }

  // Inclusive: a node's samples and its descendants', counted once per frame on a stack (recursion
  // does not count twice).
  const inclusive = new Map<string, number>();
  const walk = (id: number, onStack: Set<string>): number => {
    const node = byId.get(id)!;
    let total = IDLE.has(node.callFrame.functionName) ? 0 : (hits.get(id) ?? 0);
    const name = frameName(node);
    const nested = new Set(onStack).add(name);
    for (const child of node.children ?? []) total += walk(child, nested);
    if (!onStack.has(name) && !IDLE.has(node.callFrame.functionName))
      inclusive.set(name, (inclusive.get(name) ?? 0) + total);
    return total;
  };
  walk(profile.nodes[0]!.id, new Set());

  const ranked = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([frame, count]) => ({ frame, share: count / busy }));
  return { busySamples: busy, self: ranked(self), inclusive: ranked(inclusive) };
}

/**
 * The main thread's profile among the files `--cpu-prof` wrote, named
 * CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile: thread 0. Size does not tell it apart: under
 * tsx the loader thread's profile can be the larger one.
 */
export function mainThreadProfile(names: readonly string[]): string | undefined {
  return names.find((name) => /^CPU\.\d+\.\d+\.\d+\.0\.\d+\.cpuprofile$/.test(name));
}
