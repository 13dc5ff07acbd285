/**
 * A JSON file, read through lowdb's JSONFile adapter and written atomically (temp file, fsync,
 * rename), so a crash mid-write never leaves half a file. The only module importing lowdb
 * (design.md §4).
 */
import { chmod, mkdir, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { JSONFile } from 'lowdb/node';
import { removeLeftoverTemps, writeFileAtomic } from './atomic-file.ts';
import type { Store } from './store.ts';

export interface LowdbStoreOptions {
  /** File mode for secrets (0600): new files get it, an existing file is chmod-ed to it when opened. */
  mode?: number;
}

export function createLowdbStore<T>(file: string, options: LowdbStoreOptions = {}): Store<T> {
  const adapter = new JSONFile<T>(file);
  const mode = options.mode ?? 0o644;
  const enforceMode = options.mode !== undefined;
  let opened: Promise<unknown> | undefined;
  // Once per store: the directory exists, temp files of a crashed writer are gone, the mode is right.
  const open = () =>
    (opened ??= (async () => {
      await mkdir(dirname(file), { recursive: true });
      await removeLeftoverTemps(file);
      const existing = await stat(file).catch(() => undefined);
      if (enforceMode && existing && (existing.mode & 0o777) !== mode) await chmod(file, mode);
    })().catch((e: unknown) => {
      opened = undefined; // a later write tries again (the directory may be fixed meanwhile)
      throw e;
    }));
  return {
    async read() {
      try {
        await open();
        return await adapter.read();
      } catch (e) {
        throw new Error(
          `store: failed to read ${file}: ${(e as Error).message}. Fix or delete the file to start from a fresh state.`,
        );
      }
    },
    async write(value) {
      await open();
      await writeFileAtomic(file, JSON.stringify(value, null, 2), mode);
    },
  };
}
