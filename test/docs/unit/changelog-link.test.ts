import { describe, expect, it } from "vitest";
import { changelogLink } from "../../../scripts/docs/changelog-link.js";

describe("changelogLink", () => {
  it("links CHANGELOG.md on the main branch of the GitHub repository package.json names", () => {
    expect(changelogLink("git+https://github.com/opensync-api/opensync-api.git")).toEqual({
      description: "API changelog: what changed in each release, breaking changes first",
      url: "https://github.com/opensync-api/opensync-api/blob/main/CHANGELOG.md",
    });
    expect(changelogLink("https://github.com/o/r")?.url).toBe("https://github.com/o/r/blob/main/CHANGELOG.md");
  });

  it("links nothing for a repository elsewhere or none", () => {
    expect(changelogLink("git+https://gitlab.com/o/r.git")).toBeUndefined();
    expect(changelogLink(undefined)).toBeUndefined();
  });
});
