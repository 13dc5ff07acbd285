/**
 * A JSON file through lowdb's JSONFile adapter: steno writes to a temp file and renames it, so a
 * crash mid-write never leaves half a file. The only module importing lowdb (design.md §4).
 */
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { JSONFile } from 'lowdb/node';
import type { Store } from './store.ts';

export function createLowdbStore<T>(file: string): Store<T> {
  const adapter = new JSONFile<T>(file);
  let dirReady: Promise<unknown> | undefined;
  return {
    async read() {
      try {
        return await adapter.read();
      } catch (e) {
        throw new Error(
          `store: failed to read ${file}: ${(e as Error).message}. Fix or delete the file to start from a fresh state.`,
        );
      }
    },
    async write(value) {
      dirReady ??= mkdir(dirname(file), { recursive: true });
      await dirReady;
      await adapter.write(value);
    },
  };
}
