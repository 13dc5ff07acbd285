/**
 * Writing a file so that a crash at any moment leaves either the old or the new content: write a
 * temp file beside it, fsync it, rename it over. Temp files a crash left behind are removed when the
 * store next opens the file.
 */
import { open, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

const tempPrefix = (file: string) => `.${basename(file)}.`;

export async function writeFileAtomic(file: string, text: string, mode = 0o644): Promise<void> {
  const temp = join(dirname(file), `${tempPrefix(file)}${process.pid}.tmp`);
  const handle = await open(temp, 'w', mode);
  try {
    await handle.writeFile(text);
    // Without it a power cut after the rename could leave an empty file; a kill -9 could not.
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, file);
}

/** Removes `.<name>.*.tmp` (ours) and `.<name>.tmp` (lowdb/steno's) beside `file`; returns them. */
export async function removeLeftoverTemps(file: string): Promise<string[]> {
  const prefix = tempPrefix(file);
  let names: string[];
  try {
    names = await readdir(dirname(file));
  } catch {
    return [];
  }
  const leftovers = names.filter((n) => n.startsWith(prefix) && n.endsWith('.tmp'));
  const removed: string[] = [];
  for (const name of leftovers) {
    // Only files: anything else under that name is not ours to delete (the next write reports it).
    await rm(join(dirname(file), name)).then(
      () => removed.push(name),
      () => undefined,
    );
  }
  return removed;
}
