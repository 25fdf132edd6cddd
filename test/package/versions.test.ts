/**
 * Versions move together: the workspace root, opensync-api and opensync-sandbox carry one version,
 * opensync-sandbox depends on exactly that opensync-api, and the lockfile agrees. The release
 * workflow runs the same check (scripts/release/versions.ts) against the pushed tag.
 */
import { describe, expect, it } from "vitest";
import { readWorkspace, versionProblems, type Workspace } from "../../scripts/release/versions.js";

/** A workspace that keeps the rule, at `version`, for the cases below to break one thing each. */
function workspace(version = "1.4.0"): Workspace {
  return {
    root: { name: "opensync-api-workspace", version },
    client: { name: "opensync-api", version, dependencies: { "openapi-fetch": "0.17.0" } },
    sandbox: { name: "opensync-sandbox", version, dependencies: { hono: "4.13.19", "opensync-api": version } },
    lock: {
      "": { version },
      "packages/opensync-api": { version },
      "packages/opensync-sandbox": { version, dependencies: { "opensync-api": version } },
    },
    changelog: `# Changelog\n\n## ${version}\n\n- Something users see.\n`,
  };
}

describe("the package versions", () => {
  it("agree in this repository: root, opensync-api, opensync-sandbox, its dependency, the lockfile", () => {
    const ws = readWorkspace();
    expect(versionProblems(ws)).toEqual([]);
    expect(ws.client.version).toMatch(/^\d+\.\d+\.\d+(-[\w.]+)?$/);
  });

  it("agree in a workspace that keeps the rule, and with its tag", () => {
    expect(versionProblems(workspace())).toEqual([]);
    expect(versionProblems(workspace(), "v1.4.0")).toEqual([]);
  });

  const drifts: [string, (ws: Workspace) => void, RegExp][] = [
    [
      "the sandbox's version",
      (ws) => (ws.sandbox.version = "1.4.1"),
      /opensync-sandbox is 1\.4\.1 but opensync-api is 1\.4\.0/,
    ],
    ["the root's version", (ws) => (ws.root.version = "1.3.0"), /workspace root \(package\.json\) is 1\.3\.0/],
    [
      "a range on the client",
      (ws) => (ws.sandbox.dependencies!["opensync-api"] = "^1.4.0"),
      /depends on opensync-api "\^1\.4\.0", not exactly 1\.4\.0/,
    ],
    [
      "an older client dependency",
      (ws) => (ws.sandbox.dependencies!["opensync-api"] = "1.3.0"),
      /depends on opensync-api "1\.3\.0"/,
    ],
    [
      "a missing client dependency",
      (ws) => delete ws.sandbox.dependencies!["opensync-api"],
      /depends on opensync-api undefined/,
    ],
    [
      "a stale lockfile",
      (ws) => (ws.lock["packages/opensync-api"]!.version = "1.3.0"),
      /package-lock\.json has "1\.3\.0" for packages\/opensync-api.*run npm install/,
    ],
    [
      "a stale locked dependency",
      (ws) => (ws.lock["packages/opensync-sandbox"]!.dependencies!["opensync-api"] = "1.3.0"),
      /opensync-api dependency, not 1\.4\.0/,
    ],
    ["a renamed package", (ws) => (ws.client.name = "@opensync/api"), /not opensync-api and opensync-sandbox/],
  ];
  it.each(drifts)("breaks on %s", (_what, drift, problem) => {
    const ws = workspace();
    drift(ws);
    const problems = versionProblems(ws);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(problem);
  });

  it.each([
    ["v1.4.1", /the tag v1\.4\.1 does not name the packages' version 1\.4\.0/],
    ["1.4.0", /the tag 1\.4\.0 .*expected v1\.4\.0/],
  ])("refuses the tag %s for version 1.4.0", (tag, problem) => {
    expect(versionProblems(workspace(), tag)).toEqual([expect.stringMatching(problem)]);
  });

  it.each(["## 1.4.0", "## [1.4.0] - 2026-02-01", "### v1.4.0 (2026-02-01)", "# opensync-api 1.4.0"])(
    "finds the CHANGELOG heading %j",
    (heading) => {
      expect(
        versionProblems({ ...workspace(), changelog: `# Changelog\n\n${heading}\n\n- A change.\n` }, "v1.4.0"),
      ).toEqual([]);
    },
  );

  it.each([
    ["no CHANGELOG.md", undefined, /no CHANGELOG\.md/],
    ["only the previous version", "## 1.3.0\n", /no heading for 1\.4\.0/],
    ["a longer version", "## 1.4.0-beta.1\n## 11.4.0\n", /no heading for 1\.4\.0/],
    ["the version in text, not a heading", "Fixed in 1.4.0.\n", /no heading for 1\.4\.0/],
  ])("refuses a release with %s", (_what, changelog, problem) => {
    expect(versionProblems({ ...workspace(), changelog }, "v1.4.0")).toEqual([expect.stringMatching(problem)]);
  });
});
