import { mkdir, stat, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTempDirs } from '../support/temp-dirs.ts';
import { defaultCacheDir, prepareCacheDir } from '../../harness/runtime/python/cache-dir.ts';

const temp = createTempDirs('mirrorlab-cache-');
const tempDir = () => temp.make();
afterEach(() => temp.removeAll());

describe('python code cache directory', () => {
  it('is per user by default', () => {
    expect(defaultCacheDir()).toBe(join(tmpdir(), `mirrorlab-${process.getuid!()}`, 'python-cache'));
  });

  it('creates the directory with mode 0700', async () => {
    const dir = join(await tempDir(), 'cache');
    prepareCacheDir(dir);
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
  });

  it('refuses a directory others may write to', async () => {
    const dir = join(await tempDir(), 'cache');
    await mkdir(dir, { mode: 0o777 });
    const { chmod } = await import('node:fs/promises');
    await chmod(dir, 0o777);
    expect(() => prepareCacheDir(dir)).toThrow(
      `python: failed to use code cache ${dir}: others may write to it (mode 777). Another user may have planted it: remove it, or pass a directory of your own as cacheDir.`,
    );
  });

  it('refuses a symbolic link planted in its place', async () => {
    const base = await tempDir();
    await mkdir(join(base, 'elsewhere'), { mode: 0o700 });
    await symlink(join(base, 'elsewhere'), join(base, 'cache'));
    expect(() => prepareCacheDir(join(base, 'cache'))).toThrow(/it is a symbolic link/);
  });
});
