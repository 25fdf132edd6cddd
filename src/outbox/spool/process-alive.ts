/**
 * Whether a process on this machine is certainly gone. Only "no such process" counts: a pid that
 * answers may have been reused by another program, and then the caller falls back to time (a
 * lock's heartbeat, a segment's age), never to guessing that a live process is dead.
 */
export function processIsGone(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}
