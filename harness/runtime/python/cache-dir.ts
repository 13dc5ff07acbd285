/**
 * The compiled-code cache is executed as trusted code, so it must be a directory only this user can
 * write: a predictable shared path in /tmp let another user plant a file that ran instead of the
 * integration. Default `<tmpdir>/mirrorlab-<uid>/python-cache`, created 0700; an existing directory
 * must be ours (not a symlink) and writable by nobody else.
 */
import { chmodSync, lstatSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HarnessError } from '../../core/index.ts';

export function defaultCacheDir(): string {
  const uid = process.getuid?.() ?? 'user';
  return join(tmpdir(), `mirrorlab-${uid}`, 'python-cache');
}

function refuse(dir: string, reason: string): never {
  throw new HarnessError(
    'invalid-input',
    `python: failed to use code cache ${dir}: ${reason}. Another user may have planted it: remove it, or pass a directory of your own as cacheDir.`,
  );
}

/** Creates (0700) or verifies one directory level. */
function ownDirectory(dir: string): void {
  try {
    mkdirSync(dir, { mode: 0o700 });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  const st = lstatSync(dir);
  if (st.isSymbolicLink()) refuse(dir, 'it is a symbolic link');
  if (!st.isDirectory()) refuse(dir, 'it is not a directory');
  const uid = process.getuid?.();
  if (uid !== undefined && st.uid !== uid) refuse(dir, `it belongs to uid ${st.uid}, not ${uid}`);
  if ((st.mode & 0o022) !== 0) refuse(dir, `others may write to it (mode ${(st.mode & 0o777).toString(8)})`);
  if ((st.mode & 0o077) !== 0) chmodSync(dir, 0o700);
}

/** Makes `dir` (and, for the default, its per-user parent) safe to execute cached code from. */
export function prepareCacheDir(dir: string): void {
  const perUserParent = join(dir, '..');
  if (dir === defaultCacheDir()) ownDirectory(perUserParent);
  else mkdirSync(perUserParent, { recursive: true });
  ownDirectory(dir);
}
