/**
 * The kit example of mocks/README.md (a user's own fake, its vitest test and a scenario that
 * registers it by path), extracted from the README and run against the sources: the module and the
 * test in a vitest child process, the scenario through the scenario runner.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { promisify, stripVTControlCharacters } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { CliContext } from '../../harness/cli/command.ts';
import { command as remote } from '../../harness/cli/remote.ts';
import { loadScenarioFile, runScenario } from '../../harness/scenario/index.ts';
import { docBlocks } from '../support/doc-blocks.ts';
import { repoRoot } from '../support/consumer-project.ts';

const dir = join(repoRoot, 'test-results', 'kit-example');
const blocks = docBlocks(repoRoot, ['mocks/README.md']);
const moduleBlock = blocks.find((b) => b.tag === 'module' && b.argument === 'fakes/alertly.ts');
const testBlock = blocks.find((b) => b.tag === 'test' && b.code.includes('../fakes/alertly.ts'));
const scenarioBlock = blocks.find((b) => b.tag === 'fragment' && b.code.includes('./fakes/alertly.ts'));

/** The user's imports of the package, pointed at the sources from `file`'s folder. */
function toSources(code: string, fromDir: string): string {
  const to = (target: string) => {
    const path = relative(fromDir, join(repoRoot, target)).split('\\').join('/');
    return path.startsWith('.') ? path : `./${path}`;
  };
  return code
    .replaceAll("from 'mirrorlab/fakes'", `from '${to('mocks/index.ts')}'`)
    .replaceAll("from 'mirrorlab'", `from '${to('harness/index.ts')}'`);
}

describe('the kit example in mocks/README.md', () => {
  beforeAll(() => {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(join(dir, 'fakes'), { recursive: true });
    mkdirSync(join(dir, 'test'), { recursive: true });
    writeFileSync(join(dir, 'fakes', 'alertly.ts'), toSources(moduleBlock?.code ?? '', join(dir, 'fakes')));
    writeFileSync(join(dir, 'test', 'alertly.test.ts'), testBlock?.code ?? '');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('has the fake, its test and a scenario', () => {
    expect(
      [moduleBlock?.line, testBlock?.line, scenarioBlock?.line].every((l) => typeof l === 'number'),
    ).toBe(true);
  });

  it("passes the example's own tests", async () => {
    // The test imports 'mirrorlab' too; only the fake module is rewritten above, so do it here.
    writeFileSync(join(dir, 'test', 'alertly.test.ts'), toSources(testBlock?.code ?? '', join(dir, 'test')));
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [join(repoRoot, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--root', dir, '--reporter', 'dot'],
      { cwd: dir, env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' }, timeout: 120_000 },
    ).catch((e: { stdout?: string; stderr?: string }) => {
      throw new Error(`the README example's tests failed:\n${e.stdout ?? ''}\n${e.stderr ?? ''}`);
    });
    expect(stripVTControlCharacters(stdout)).toMatch(/Tests\s+3 passed \(3\)/);
  }, 150_000);

  it('loads the fake by path in mirrorlab remote, which needs a cli in the descriptor', async () => {
    const ctx: CliContext = {
      env: {},
      cwd: dir,
      out: () => undefined,
      err: () => undefined,
      signal: AbortSignal.abort(),
      debug: false,
    };
    await expect(remote.run({}, ['./fakes/alertly.ts'], ctx)).rejects.toThrow(
      'remote: failed to start remote: ./fakes/alertly.ts has no cli',
    );
    await expect(remote.run({}, ['./fakes/missing.ts'], ctx)).rejects.toThrow('cannot import');
  });

  it('runs a scenario that registers the fake by its path', async () => {
    const fragment = parse(scenarioBlock?.code ?? '') as Record<string, unknown>;
    const file = join(dir, 'alertly.yaml');
    writeFileSync(
      file,
      JSON.stringify({
        name: 'a user fake registered from a scenario file',
        ...fragment,
        steps: [
          ...(fragment.steps as unknown[]),
          { remote: { pager: { close: 'A-1' } } },
          { expect: { ticket: { remote: 'pager', id: 'A-1', match: { status: 'resolved' } } } },
          { remote: { pager: { reopen: 'A-1' } } },
        ],
      }),
    );
    const result = await runScenario(await loadScenarioFile(file));
    // Alertly takes no reopen: its own descriptor refuses the last step, naming what it takes.
    expect(result.status).toBe('error');
    expect(result.failure?.index).toBe(4);
    expect(result.failure?.message).toContain(
      'an alertly remote cannot reopen; it takes create, update, comment, close, rateLimit',
    );
  });
});
