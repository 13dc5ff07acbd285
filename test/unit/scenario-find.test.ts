import { fileURLToPath } from 'node:url';
import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findScenarioFiles, globToRegExp } from '../../harness/scenario/find-scenarios.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const rel = (files: string[]) => files.map((f) => relative(root, f));

describe('finding scenario files', () => {
  it.each([
    ['scenarios/*.yaml', 'scenarios/a.yaml', true],
    ['scenarios/*.yaml', 'scenarios/sub/a.yaml', false],
    ['scenarios/**/*.yaml', 'scenarios/sub/deep/a.yaml', true],
    ['scenarios/**/*.yaml', 'scenarios/a.yaml', true],
    ['scenarios/*.{yaml,yml}', 'scenarios/a.yml', true],
    ['scenarios/?.yaml', 'scenarios/ab.yaml', false],
  ])('glob %s matching %s is %s', (glob, path, ok) => {
    expect(globToRegExp(glob).test(path)).toBe(ok);
  });

  it('expands a directory to its scenario files and skips integration manifests', () => {
    const { files, unmatched } = findScenarioFiles(
      ['test/fixtures/scenarios/ok', 'test/fixtures/scenarios/integrations'],
      root,
    );
    expect(rel(files)).toEqual([
      'test/fixtures/scenarios/ok/fault-then-recover.yaml',
      'test/fixtures/scenarios/ok/fetch-tickets.yaml',
    ]);
    expect(unmatched).toEqual(['test/fixtures/scenarios/integrations']);
  });

  it('expands globs and reports inputs that match nothing', () => {
    const { files, unmatched } = findScenarioFiles(
      ['test/fixtures/scenarios/broken/unknown-*.yaml', 'nowhere/*.yaml', 'missing.yaml'],
      root,
    );
    expect(rel(files)).toEqual([
      'test/fixtures/scenarios/broken/unknown-builtin.yaml',
      'test/fixtures/scenarios/broken/unknown-instance.yaml',
      'test/fixtures/scenarios/broken/unknown-kind.yaml',
      'test/fixtures/scenarios/broken/unknown-operator.yaml',
      'test/fixtures/scenarios/broken/unknown-remote.yaml',
      'test/fixtures/scenarios/broken/unknown-step.yaml',
    ]);
    expect(unmatched).toEqual(['nowhere/*.yaml', 'missing.yaml']);
  });
});
