/** A docs build that must stop: the message says what changed and what to do about it. */
export class DocsBuildError extends Error {
  override name = "DocsBuildError";
}

export function fail(message: string): never {
  throw new DocsBuildError(message);
}
