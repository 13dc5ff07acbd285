/**
 * `npm run lint` is part of `npm test`, so CI (which runs the README's test command and nothing
 * else) fails on a broken dependency rule, an import cycle or unformatted code: eslint with the
 * boundaries of design.md §4 and import-x's cycle check, then prettier.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');

it('passes npm run lint: eslint (dependency rules, no cycles) and prettier', () => {
  const run = spawnSync('npm', ['run', 'lint', '--silent'], {
    cwd: root,
    encoding: 'utf8',
    timeout: 240_000,
  });
  expect(`${run.stdout}${run.stderr}`.trim().split('\n').slice(-30).join('\n')).not.toMatch(/error|warn\]/);
  expect(run.status).toBe(0);
}, 240_000);
