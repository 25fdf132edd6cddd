/**
 * Whether the module at `moduleUrl` is the script Node was started with, so that a file can be
 * both imported and run (`node --import tsx scripts/x.ts`). Compared as paths, not as URL strings:
 * `import.meta.url` percent-encodes (a space is `%20`) while `process.argv[1]` is the path as given,
 * possibly relative, possibly through a symbolic link.
 */
import { realpathSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";

export function isMainModule(moduleUrl: string, argv1: string | undefined = process.argv[1]): boolean {
  if (!argv1) return false;
  const script = resolve(argv1);
  const module = fileURLToPath(moduleUrl);
  if (script === module) return true;
  try {
    // Node runs the real file behind a link: import.meta.url names it, argv[1] may name the link.
    return realpathSync(script) === realpathSync(module);
  } catch {
    return false;
  }
}
