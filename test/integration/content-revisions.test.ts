/** The revision helper of the opt-in suites names files by the blob id git itself computes. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  contentRevisions,
  describeRevisions,
  REVISIONS_FILE,
  revisionLabel,
} from '../support/content-revisions.ts';
import { createTempDirs } from '../support/temp-dirs.ts';

const temp = createTempDirs('mirrorlab-revisions-');
afterEach(() => temp.removeAll());

describe('content revisions', () => {
  it('names a file by the blob id `git hash-object` prints, and a missing one as missing', async () => {
    const root = await temp.make();
    mkdirSync(join(root, 'Packs', 'X'), { recursive: true });
    writeFileSync(join(root, 'Packs', 'X', 'X.py'), 'print("é")\n');
    const [found, absent] = contentRevisions(root, ['Packs/X/X.py', 'Packs/X/X.yml']);
    const git = execFileSync('git', ['hash-object', join(root, 'Packs', 'X', 'X.py')], {
      encoding: 'utf8',
    }).trim();
    expect(found).toEqual({ path: 'Packs/X/X.py', blob: git });
    expect(absent).toEqual({ path: 'Packs/X/X.yml', blob: undefined });
    expect(revisionLabel([found!, absent!])).toBe(`X.py@${git.slice(0, 8)} X.yml@missing`);
  });

  it('adds the commit recorded beside copied files, and the one git knows in a checkout', async () => {
    const root = await temp.make();
    writeFileSync(join(root, 'A.py'), 'a = 1\n');
    writeFileSync(join(root, REVISIONS_FILE), JSON.stringify({ 'A.py': { commit: 'c0ffee' } }));
    expect(contentRevisions(root, ['A.py'])[0]?.commit).toBe('c0ffee');
    const git = (...args: string[]) =>
      execFileSync('git', ['-C', root, '-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], {
        encoding: 'utf8',
      }).trim();
    git('init', '-q');
    git('add', 'A.py');
    git('commit', '-qm', 'a');
    const head = git('rev-parse', 'HEAD');
    const [a] = contentRevisions(root, ['A.py']);
    expect(a?.commit).toBe(head);
    expect(describeRevisions('suite', [a!])).toBe(
      `suite ran on these demisto/content revisions (git blob ids):\n  A.py blob ${a!.blob} from commit ${head}`,
    );
  });
});
