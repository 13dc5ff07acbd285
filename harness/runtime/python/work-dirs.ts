/**
 * Python commands' working directories (python-runtime.md §3): every command runs in an empty
 * directory of its own in the system's temp directory, where fileResult writes its files.
 *
 * A finished command's directory, when it left nothing behind, becomes a later command's: as empty
 * as a new one, without a mkdtemp and an rmdir on every command (two trips to libuv's threadpool, a
 * tenth of a warm command, issue 16). That recycling runs after the current turn of the event loop,
 * so a command sent back to back is not kept waiting for it: it takes the directory recycled the
 * turn before. A recycled directory moves to a new random name first, so a stray thread of the
 * finished command that still holds the old path writes nowhere, as into a removed directory; only
 * then is it checked for being empty. Anything in it, and it goes.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { rm, rmdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** In the system's temp directory (process-cleanup looks for them). */
export const WORK_DIR_PREFIX = 'mirrorlab-cmd-';
/** Back to back, one command runs while the directory of the one before is recycled: two suffice. */
const MAX_SPARES = 2;

export interface WorkDirs {
  /** An empty directory for the next command: a recycled one, else a new one. */
  take(): string;
  /** A finished command's directory, nothing in it needed any more: recycled or removed later. */
  release(dir: string): void;
  /** A finished command's directory holding files a result points at: kept until close. */
  keep(dir: string): void;
  /** Removes every directory, waiting for removals under way. */
  close(): Promise<void>;
}

export function createWorkDirs(): WorkDirs {
  const spares: string[] = [];
  const released: string[] = [];
  const kept = new Set<string>();
  /** Directories being removed: close() waits for them. */
  const removals = new Set<Promise<void>>();
  let pending: NodeJS.Immediate | undefined;
  let closed = false;

  /** In the background: removing a directory costs milliseconds on a busy disk (journal). */
  function removeLater(dir: string): void {
    // Mostly empty: one rmdir, not the recursive walk (each of its steps wakes the event loop).
    const removal = rmdir(dir)
      .catch(() => rm(dir, { recursive: true, force: true }))
      .catch(() => undefined);
    removals.add(removal);
    void removal.then(() => removals.delete(removal));
  }

  function recycle(dir: string): void {
    if (spares.length >= MAX_SPARES) return removeLater(dir);
    let current = dir;
    try {
      const renamed = join(dirname(dir), `${WORK_DIR_PREFIX}${randomBytes(6).toString('hex')}`);
      renameSync(dir, renamed);
      current = renamed;
      if (readdirSync(current).length === 0) return void spares.push(current);
    } catch {
      // Renamed or not, what is there goes below.
    }
    removeLater(current);
  }

  function recycleReleased(): void {
    pending = undefined;
    for (const dir of released.splice(0)) recycle(dir);
  }

  return {
    take() {
      return spares.pop() ?? mkdtempSync(join(tmpdir(), WORK_DIR_PREFIX));
    },
    release(dir) {
      if (closed) return removeLater(dir);
      released.push(dir);
      pending ??= setImmediate(recycleReleased);
    },
    keep(dir) {
      kept.add(dir);
    },
    async close() {
      closed = true;
      if (pending !== undefined) clearImmediate(pending);
      pending = undefined;
      for (const dir of [...released.splice(0), ...spares.splice(0)]) removeLater(dir);
      await Promise.all([...removals]);
      for (const dir of kept) rmSync(dir, { recursive: true, force: true });
      kept.clear();
    },
  };
}
