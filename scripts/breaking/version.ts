/**
 * `info.version` is the API document's semver: a change that breaks generated clients needs a
 * major bump (for 0.y.z, a minor bump, as semver leaves 0.y free to break).
 */
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

export interface Semver {
  major: number;
  minor: number;
  patch: number;
}

export function parseSemver(version: unknown): Semver | undefined {
  const match = typeof version === "string" ? SEMVER.exec(version) : null;
  if (!match) return undefined;
  return { major: Number(match[1]), minor: Number(match[2]), patch: Number(match[3]) };
}

/** Whether going from `before` to `after` announces breaking changes. */
export function isMajorBump(before: Semver, after: Semver): boolean {
  if (before.major === 0) return after.major > 0 || after.minor > before.minor;
  return after.major > before.major;
}
