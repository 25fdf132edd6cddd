/**
 * File operations that survive a crash of the process or of the machine: data is on disk when the
 * promise resolves. A file's own fsync does not make a new name for it durable: the directory
 * holding it must be synced too (POSIX leaves it to the application), or after a power loss the
 * file may be gone while its data was "synced".
 */
import { type FileHandle, mkdir, open, rename } from "node:fs/promises";
import { dirname } from "node:path";

/** fsync a directory, so that files created, renamed or removed in it stay so. */
export async function syncDirectory(path: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(path, "r");
    await handle.sync();
  } catch (error) {
    // Windows cannot open or sync a directory; its file system orders metadata itself.
    if (process.platform !== "win32") throw error;
  } finally {
    await handle?.close();
  }
}

/** mkdir -p, syncing each directory it had to create and the parent it was created in. */
export async function ensureDirectory(path: string): Promise<void> {
  const created = await mkdir(path, { recursive: true });
  if (created === undefined) return;
  // `created` is the first directory made; sync it, each one below it, and its parent.
  for (let dir = path; ; dir = dirname(dir)) {
    await syncDirectory(dir);
    if (dir === created || dirname(dir) === dir) break;
  }
  await syncDirectory(dirname(created));
}

/** Writes `data` to `path` so that a reader sees the old file or the new one, never a mix. */
export async function replaceFile(path: string, data: Buffer | string): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  const handle = await open(temporary, "w");
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temporary, path);
  await syncDirectory(dirname(path));
}

/** Writes all of `data` at the end of an append-mode handle (fs may write less than asked). */
export async function writeAll(handle: FileHandle, data: Buffer): Promise<void> {
  let written = 0;
  while (written < data.length) {
    const { bytesWritten } = await handle.write(data, written, data.length - written);
    written += bytesWritten;
  }
}

/** Appends `data` to the file at `path` (created if need be), synced, with its name made durable too. */
export async function appendDurably(path: string, data: Buffer): Promise<void> {
  const handle = await open(path, "a");
  try {
    await writeAll(handle, data);
    await handle.datasync();
  } finally {
    await handle.close();
  }
  await syncDirectory(dirname(path));
}
