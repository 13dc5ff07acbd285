import { existsSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createWorkDirs, WORK_DIR_PREFIX } from '../../harness/runtime/python/work-dirs.ts';

const turnOver = () => new Promise<void>((r) => setImmediate(r));
const inode = (dir: string) => statSync(dir).ino;
/** The working directories in the temp directory with this inode (a recycled one keeps its inode). */
const withInode = (ino: number) =>
  readdirSync(tmpdir())
    .filter((name) => name.startsWith(WORK_DIR_PREFIX))
    .filter((name) => statSync(join(tmpdir(), name), { throwIfNoEntry: false })?.ino === ino);

describe("python runner: commands' working directories", () => {
  it('recycles a released directory once the turn is over, under a new name; a command sent at once gets another', async () => {
    const dirs = createWorkDirs();
    const first = dirs.take();
    const ino = inode(first);
    dirs.release(first);
    const atOnce = dirs.take(); // back to back: the recycling has not run yet
    expect(inode(atOnce)).not.toBe(ino);
    await turnOver();
    expect(existsSync(first)).toBe(false);
    const recycled = dirs.take();
    expect(inode(recycled)).toBe(ino);
    expect(recycled).not.toBe(first);
    expect(basename(recycled).startsWith(WORK_DIR_PREFIX)).toBe(true);
    expect(readdirSync(recycled)).toEqual([]);
    dirs.release(atOnce);
    dirs.release(recycled);
    await dirs.close();
    expect([atOnce, recycled].filter((dir) => existsSync(dir))).toEqual([]);
  });

  it("leaves a finished command's late writer nothing to write into", async () => {
    const dirs = createWorkDirs();
    const first = dirs.take();
    dirs.release(first);
    await turnOver();
    expect(() => writeFileSync(join(first, 'late.txt'), 'late')).toThrow(/ENOENT/);
    expect(readdirSync(dirs.take())).toEqual([]);
    await dirs.close();
  });

  it('removes a released directory with something in it instead of recycling it', async () => {
    const dirs = createWorkDirs();
    const first = dirs.take();
    const ino = inode(first);
    writeFileSync(join(first, 'left.txt'), 'left behind');
    dirs.release(first);
    await turnOver();
    expect(inode(dirs.take())).not.toBe(ino);
    await dirs.close();
    expect(withInode(ino)).toEqual([]);
  });

  it('removes every directory at close: recycled, released and not yet recycled, kept with files', async () => {
    const dirs = createWorkDirs();
    const [spare, pending, kept] = [dirs.take(), dirs.take(), dirs.take()];
    const spareIno = inode(spare);
    dirs.release(spare);
    await turnOver();
    expect(withInode(spareIno)).toHaveLength(1); // recycled, under its new name
    dirs.release(pending);
    writeFileSync(join(kept, 'report.txt'), 'a file entry points here');
    dirs.keep(kept);
    await dirs.close();
    expect([pending, kept].filter((dir) => existsSync(dir))).toEqual([]);
    expect(withInode(spareIno)).toEqual([]);
    const late = mkdtempSync(join(tmpdir(), WORK_DIR_PREFIX));
    dirs.release(late); // after close: removed, not kept
    await new Promise((r) => setTimeout(r, 50));
    expect(existsSync(late)).toBe(false);
  });
});
