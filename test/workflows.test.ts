/**
 * The GitHub workflows that guard a release, read as data: releases come only from a version tag,
 * after the full test suite as CI runs it, publish the client before the sandbox with provenance,
 * and only that job may mint the OIDC token provenance needs; CI dry-runs the publication of both
 * tarballs. Every `run:` script parses as bash.
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const WORKFLOWS = fileURLToPath(new URL("../.github/workflows/", import.meta.url));
type Step = { name?: string; run?: string; uses?: string; with?: Record<string, unknown> };
type Job = { needs?: string | string[]; container?: string; permissions?: Record<string, string>; steps: Step[] };
type Workflow = { on: Record<string, unknown>; permissions?: Record<string, string>; jobs: Record<string, Job> };

const files = readdirSync(WORKFLOWS).filter((f) => f.endsWith(".yml"));
const workflow = (file: string): Workflow => parse(readFileSync(join(WORKFLOWS, file), "utf8"));
const runs = (job: Job) => job.steps.map((s) => s.run ?? "").join("\n");

describe("the release workflow", () => {
  const release = workflow("release.yml");
  const { versions, test, publish } = release.jobs as Record<string, Job>;

  it("runs only for a version tag", () => {
    expect(release.on).toEqual({ push: { tags: ["v*"] } });
  });

  it("checks the tag against both packages' versions first", () => {
    expect(runs(versions!)).toContain('node --import tsx/esm scripts/release/versions.ts "$GITHUB_REF_NAME"');
    expect(test!.needs).toBe("versions");
  });

  it("runs the full test suite as CI does, on Debian (Chromium from apt), then packs", () => {
    expect(test!.container).toMatch(/^node:20-bookworm/);
    const script = runs(test!);
    expect(script).toContain("bash .ci/run");
    expect(script.indexOf("bash .ci/run")).toBeLessThan(script.indexOf("npm run pack -- release"));
  });

  it("publishes the tested tarballs, the client before the sandbox, with provenance", () => {
    expect(publish!.needs).toBe("test");
    expect(publish!.steps.some((s) => s.uses?.startsWith("actions/download-artifact@"))).toBe(true);
    const publishing = publish!.steps.find((s) => /npm publish --provenance/.test(s.run ?? ""))!.run!;
    expect(publishing).toMatch(/for name in opensync-api opensync-sandbox; do/);
    expect(publishing).toContain('npm publish --provenance --access public --tag "$tag" "./$name-$version.tgz"');
    // A dry run of both comes first.
    const order = publish!.steps.map((s) => s.run ?? "");
    expect(order.findIndex((r) => r.includes("npm publish --dry-run"))).toBeLessThan(order.indexOf(publishing));
  });

  it("lets only the publishing job mint an OIDC token", () => {
    expect(release.permissions).toEqual({ contents: "read" });
    expect(publish!.permissions).toEqual({ contents: "read", "id-token": "write" });
    for (const [name, job] of Object.entries(release.jobs))
      if (name !== "publish") expect(job.permissions?.["id-token"], name).toBeUndefined();
  });
});

describe("the workflows", () => {
  it("publish nowhere but in the release workflow", () => {
    for (const file of files.filter((f) => f !== "release.yml")) {
      for (const job of Object.values(workflow(file).jobs)) {
        for (const line of runs(job)
          .split("\n")
          .filter((l) => /\bnpm publish\b/.test(l)))
          expect(line, file).toContain("--dry-run");
      }
    }
  });

  it("dry-run the publication of both tarballs in CI, offline", () => {
    const script = Object.values(workflow("ci.yml").jobs).map(runs).join("\n");
    expect(script).toContain('npm run pack -- "$RUNNER_TEMP/release"');
    expect(script).toMatch(
      new RegExp(
        String.raw`for tarball in opensync-api-\*\.tgz opensync-sandbox-\*\.tgz; do\s+` +
          String.raw`npm publish --dry-run --offline "\./\$tarball"`,
      ),
    );
  });

  it("run the breaking-change gate in CI against the last release tag, with the tags fetched", () => {
    const { contract } = workflow("ci.yml").jobs as Record<string, Job>;
    expect(contract!.steps[0]).toMatchObject({ uses: "actions/checkout@v4", with: { "fetch-depth": 0 } });
    const script = runs(contract!);
    expect(script).toContain("git describe --tags --abbrev=0 --match 'v*'");
    expect(script).toContain('npm run check:breaking -- --base "$base"');
  });

  it("run the client on Bun, Deno and workerd in a job of their own, and .ci/run runs them after npm test", () => {
    const job = workflow("ci.yml").jobs.runtimes;
    expect(job && runs(job)).toContain("npm run test:runtimes");
    const ci = readFileSync(fileURLToPath(new URL("../.ci/run", import.meta.url)), "utf8");
    // Right after npm test, which has just built the package: no second build.
    expect(ci).toMatch(/^npm run test:runtimes -- --built$/m);
    expect(ci.indexOf("npm run test:runtimes")).toBeGreaterThan(ci.indexOf("npm test"));
  });

  it("run the soak runs on every push to main and before every release, and the test budget after npm test", () => {
    const soak = workflow("ci.yml").jobs.soak!;
    expect((soak as Job & { if?: string }).if).toBe("github.event_name == 'push' && github.ref == 'refs/heads/main'");
    expect(runs(soak)).toContain("npm run test:soak");
    const release = runs(workflow("release.yml").jobs.test!);
    expect(release.indexOf("bash .ci/run")).toBeLessThan(release.indexOf("npm run test:soak"));
    expect(release.indexOf("npm run test:soak")).toBeLessThan(release.indexOf("npm run pack -- release"));
    const contract = runs(workflow("ci.yml").jobs.contract!);
    expect(contract.indexOf("npm test")).toBeLessThan(contract.indexOf("npm run test:budget -- --check"));
    const local = readFileSync(join(WORKFLOWS, "../../.ci/run"), "utf8");
    expect(local.indexOf("npm test")).toBeLessThan(local.indexOf("npm run test:budget -- --check"));
  });

  it.each(files)("%s: every run script parses as bash", (file) => {
    for (const job of Object.values(workflow(file).jobs)) {
      for (const step of job.steps.filter((s) => s.run)) execFileSync("bash", ["-n", "-c", step.run!]);
    }
  });
});
