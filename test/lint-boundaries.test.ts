/**
 * The dependency rules of design.md §4 that ESLint enforces (eslint.config.js), proven rule by
 * rule: each fixture in test/fixtures/lint/ breaks one boundary and is linted as if it sat where
 * the boundary applies (a file of harness/core, harness/api.ts, a harness folder that is not a
 * composition root); ESLint must fail it with the named rule. Clean fixtures must pass, so a rule
 * that fires on everything fails here too.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const fixture = (name: string) => join(root, 'test/fixtures/lint', name);

let eslint: ESLint;
beforeAll(() => {
  // The fixtures are in eslint.config.js's ignores (they must fail); lint them regardless.
  eslint = new ESLint({ cwd: root, ignore: false });
});

/** Rule ids ESLint reports for the fixture's text placed at `asPath` (repository-relative). */
async function ruleIds(name: string, asPath: string): Promise<string[]> {
  const [result] = await eslint.lintText(readFileSync(fixture(name), 'utf8'), {
    filePath: join(root, asPath),
  });
  const fatal = result!.messages.filter((m) => m.fatal);
  expect(fatal, `${name} does not parse`).toEqual([]);
  return [...new Set(result!.messages.map((m) => m.ruleId ?? 'none'))].sort();
}

describe('harness/core stays pure (design.md §4 rule 1)', () => {
  it.each([
    ['date-now.ts', 'no-restricted-properties'],
    ['new-date-bare.ts', 'no-restricted-syntax'],
    ['new-date-call.ts', 'no-restricted-syntax'],
    ['date-call.ts', 'no-restricted-syntax'],
    ['math-random.ts', 'no-restricted-properties'],
    ['performance-now.ts', 'no-restricted-globals'],
    ['crypto-uuid.ts', 'no-restricted-globals'],
    ['global-fetch.ts', 'no-restricted-globals'],
    ['global-this.ts', 'no-restricted-globals'],
    ['intl-timezone.ts', 'no-restricted-properties'],
    ['local-time.ts', 'no-restricted-properties'],
    ['process-env.ts', 'no-restricted-globals'],
    ['set-timeout.ts', 'no-restricted-globals'],
    ['template-import.ts', 'no-restricted-syntax'],
    ['package-import.ts', 'no-restricted-imports'],
    ['node-fs.mts', 'no-restricted-imports'],
    ['leaves-core.ts', 'import-x/no-restricted-paths'],
  ])('fails %s with %s', async (name, rule) => {
    const extension = name.endsWith('.mts') ? '.mts' : '.ts';
    expect(await ruleIds(name, `harness/core/lint-fixture${extension}`)).toContain(rule);
  });

  it('passes pure time arithmetic with an explicit zone', async () => {
    expect(await ruleIds('clean-core.ts', 'harness/core/lint-fixture.ts')).toEqual([]);
  });

  it('applies none of these rules outside harness/core', async () => {
    expect(await ruleIds('date-now.ts', 'harness/scheduler/lint-fixture.ts')).toEqual([]);
  });
});

describe('only the composition roots import mocks/ (design.md §4 rule 6)', () => {
  it('fails a harness folder that is not a composition root', async () => {
    expect(await ruleIds('mocks-outside-root.ts', 'harness/runtime/lint-fixture.ts')).toEqual([
      'import-x/no-restricted-paths',
    ]);
  });

  it.each(['harness/create-harness.ts', 'harness/cli.ts'])(
    'lets the composition root %s import the registry',
    async (asPath) => {
      expect(await ruleIds('mocks-in-root.ts', asPath)).toEqual([]);
    },
  );

  it('lets harness/api.ts name the public types of mocks/, never import its code', async () => {
    expect(await ruleIds('api-type-import.ts', 'harness/api.ts')).toEqual([]);
    expect(await ruleIds('api-value-import.ts', 'harness/api.ts')).toEqual([
      '@typescript-eslint/no-restricted-imports',
    ]);
  });
});

describe('no import cycles (design.md §4)', () => {
  it('fails both files of a cycle with import-x/no-cycle', async () => {
    const results = await eslint.lintFiles([fixture('cycle/a.ts'), fixture('cycle/b.ts')]);
    expect(results.map((r) => r.messages.map((m) => m.ruleId))).toEqual([
      ['import-x/no-cycle'],
      ['import-x/no-cycle'],
    ]);
  });
});
