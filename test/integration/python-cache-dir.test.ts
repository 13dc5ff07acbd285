import { mkdir, mkdtemp, rm, stat, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultCacheDir, prepareCacheDir } from '../../harness/runtime/python/cache-dir.ts';

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'mirrorlab-cache-'));
  dirs.push(dir);
  return dir;
}
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

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
