/** A clock that never repeats a value, so "most recently updated" is always well defined. */
export function monotonic(clock: () => number): () => number {
  let last = 0;
  return () => (last = Math.max(clock(), last + 1));
}
