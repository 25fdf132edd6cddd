/**
 * The docs page's link to the API changelog: CHANGELOG.md in the repository that package.json
 * names (its "API changes" sections come from `npm run check:breaking -- --changelog`). A link,
 * not a resource: the page still loads nothing from another host.
 */
export interface ExternalDocs {
  description: string;
  url: string;
}

/** `git+https://github.com/o/r.git` → the CHANGELOG.md on its main branch; undefined for another host. */
export function changelogLink(repositoryUrl: string | undefined): ExternalDocs | undefined {
  const match = /^(?:git\+)?https:\/\/github\.com\/([\w.-]+\/[\w.-]+?)(?:\.git)?$/.exec(repositoryUrl ?? "");
  if (!match) return undefined;
  return {
    description: "API changelog: what changed in each release, breaking changes first",
    url: `https://github.com/${match[1]}/blob/main/CHANGELOG.md`,
  };
}
