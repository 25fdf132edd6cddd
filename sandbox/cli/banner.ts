/**
 * What opensync-sandbox prints when it starts: where it listens, how it behaves (mode, faults,
 * rate limits), the key and where that key came from, a WorkOS token for the token-only export,
 * and one line to paste into a shell so the client and any tool read the sandbox's URL and key.
 * Pure (facts in, lines out), so every variant is tested without a process.
 */

/** Where the printed key came from. */
export type KeyOrigin = "--api-key" | "OPENSYNC_API_KEY" | "generated" | "seed";

export interface BannerFacts {
  url: string;
  apiKeys: string[];
  keyOrigin: KeyOrigin;
  workosToken: string;
  seed: number;
  deployed: boolean;
  legacyErrors: boolean;
  /** Share of requests answered with a random fault. */
  faultRate: number;
  rateLimits: boolean;
  /** With --demo: how many demo sessions, and their sources. */
  demo?: { sessions: number; sources: string[] } | undefined;
}

const KEY_ORIGINS: Record<KeyOrigin, (facts: BannerFacts) => string> = {
  "--api-key": () => "given with --api-key",
  OPENSYNC_API_KEY: () => "from OPENSYNC_API_KEY",
  generated: () => "generated: the host is reachable from other machines, so no seeded demo key",
  seed: (facts) => `demo key, the same on every run with --seed ${facts.seed}`,
};

function mode(facts: BannerFacts): string {
  if (facts.deployed) return "deployed servers (--deployed): their error bodies, statuses and write windows";
  if (facts.legacyErrors) return 'the contract, with deployed servers\' {"error": "..."} bodies (--legacy-errors)';
  return "the contract (the spec's statuses and error envelope)";
}

function faults(facts: BannerFacts): string {
  const forced = "force one with the header X-Sandbox-Fault: 503; count=2";
  if (facts.faultRate === 0) return `none at random (${forced})`;
  return `${Math.round(facts.faultRate * 1000) / 10} % of requests at random, seed ${facts.seed} (${forced})`;
}

function rateLimits(facts: BannerFacts): string {
  if (facts.deployed) return "none (deployed servers have none)";
  return facts.rateLimits ? "on: the spec's per-key limits (--no-rate-limit turns them off)" : "off (--no-rate-limit)";
}

export function bannerLines(facts: BannerFacts): string[] {
  const [key, ...more] = facts.apiKeys;
  const lines = [
    `OpenSync sandbox listening on ${facts.url}`,
    `Mode:         ${mode(facts)}`,
    `Faults:       ${faults(facts)}`,
    `Rate limits:  ${rateLimits(facts)}`,
    `API docs:     ${facts.url}/docs/`,
    `Spec:         ${facts.url}/openapi.yaml`,
    `API key:      ${key} (${KEY_ORIGINS[facts.keyOrigin](facts)})`,
  ];
  if (more.length > 0) lines.push(`More keys:    ${more.join(" ")} (one user each)`);
  lines.push(`WorkOS token: ${facts.workosToken} (the first key's user; GET /api/export/evals needs one)`);
  if (facts.demo) {
    lines.push(`Demo data:    ${facts.demo.sessions} sessions from ${facts.demo.sources.join(", ")}`);
    lines.push(`Try: curl -H "Authorization: Bearer ${key}" "${facts.url}/api/search?q=token+refresh"`);
  } else {
    lines.push(`Try: curl -H "Authorization: Bearer ${key}" ${facts.url}/api/stats`);
    lines.push(`     (start with --demo for a dozen sessions to list, search and export)`);
  }
  lines.push(
    "",
    "Point the opensync-api client and your tools at this sandbox (paste into your shell):",
    `export OPENSYNC_BASE_URL=${facts.url} OPENSYNC_API_KEY=${key}`,
  );
  return lines;
}
