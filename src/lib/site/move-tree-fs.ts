/**
 * Moving one built tree into another: a folder the target lacks moves in one rename, whatever it holds, and only a
 * folder both have is entered. Joining two shards of a 100,000-institution register this way takes a rename per
 * institution folder of the smaller shard, where moving file by file took one per file and a mkdir per folder (a
 * rename with its mkdir cost ~100 µs on the 2-core machine, a folder's rename ~25 µs).
 */
import { cpSync, existsSync, readdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Moves everything under `from` into `to`. A file both have is left where it is and passed to `both` (relative to
 * `from`), which decides whether that is an error. Across file systems, entries are copied instead.
 */
export function moveInto(from: string, to: string, both: (file: string) => void, at = ''): void {
  for (const e of readdirSync(from, { withFileTypes: true })) {
    const src = join(from, e.name);
    const dst = join(to, e.name);
    const rel = at ? `${at}/${e.name}` : e.name;
    if (!existsSync(dst)) {
      try {
        renameSync(src, dst);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
        cpSync(src, dst, { recursive: true });
      }
    } else if (e.isDirectory()) moveInto(src, dst, both, rel);
    else both(rel);
  }
}
