/**
 * `mirrorlab init` in a user's repository: it writes the scaffold, the example scenario passes with
 * both built-in integrations, and it never overwrites a file.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { command } from '../../harness/cli/init.ts';
import type { CliContext } from '../../harness/cli/command.ts';
import { loadScenarioFile, runScenario } from '../../harness/scenario/index.ts';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function project(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'mirrorlab-init-'));
  dirs.push(dir);
  return dir;
}

function context(cwd: string): CliContext & { lines: string[] } {
  const lines: string[] = [];
  return {
    env: {},
    cwd,
    out: (l) => lines.push(l),
    err: (l) => lines.push(`ERR ${l}`),
    signal: new AbortController().signal,
    debug: false,
    lines,
  };
}

const FILES = [
  'scenarios/example.yaml',
  'scenarios/scenarios.test.ts',
  '.github/workflows/mirrorlab.yml',
  '.vscode/settings.json',
];

describe('mirrorlab init', () => {
  it('writes the scaffold, says what it wrote and what to run next', async () => {
    const dir = await project();
    const ctx = context(dir);
    expect(await command.run({}, [], ctx)).toBe(0);
    for (const file of FILES) expect(existsSync(join(dir, file)), file).toBe(true);
    expect(ctx.lines).toContain('  wrote   scenarios/example.yaml  (an example scenario)');
    expect(ctx.lines).toContain('  npx mirrorlab run            # run every scenario under scenarios/');
    const settings = JSON.parse(await readFile(join(dir, '.vscode/settings.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(settings['yaml.schemas']).toEqual({
      './node_modules/mirrorlab/dist/scenarios/schema.json': 'scenarios/**/*.yaml',
    });
  });

  it.each([
    [false, 'builtin:helpdesk'],
    [true, 'builtin:helpdesk-py'],
  ])('writes an example scenario that passes (python: %s, %s)', async (python, integration) => {
    const dir = await project();
    await command.run(python ? { python: true } : {}, [], context(dir));
    const text = await readFile(join(dir, 'scenarios/example.yaml'), 'utf8');
    expect(text).toContain(`integration: ${integration}`);
    expect(text).toContain('# mine_1:');
    const result = await runScenario(
      await loadScenarioFile(join(dir, 'scenarios/example.yaml'), { cwd: dir }),
    );
    expect(result.failure?.message).toBeUndefined();
    expect(result.status).toBe('passed');
  });

  it('never overwrites a file, and writes only what is missing', async () => {
    const dir = await project();
    await mkdir(join(dir, '.vscode'));
    await writeFile(join(dir, '.vscode/settings.json'), '{ "editor.tabSize": 2 }\n');
    const ctx = context(dir);
    await command.run({}, [], ctx);
    expect(await readFile(join(dir, '.vscode/settings.json'), 'utf8')).toBe('{ "editor.tabSize": 2 }\n');
    expect(
      ctx.lines.some((l) => l.startsWith('  kept    .vscode/settings.json  (exists; not overwritten')),
    ).toBe(true);
    await writeFile(join(dir, 'scenarios/example.yaml'), 'mine\n');
    const again = context(dir);
    await command.run({}, [], again);
    expect(await readFile(join(dir, 'scenarios/example.yaml'), 'utf8')).toBe('mine\n');
    expect(again.lines).toContain('mirrorlab init: nothing to write. Next:');
  });

  it('scaffolds into a given directory, and refuses one that does not exist', async () => {
    const dir = await project();
    await mkdir(join(dir, 'pack'));
    expect(await command.run({}, ['pack'], context(dir))).toBe(0);
    expect(existsSync(join(dir, 'pack/scenarios/example.yaml'))).toBe(true);
    const ctx = context(dir);
    expect(await command.run({}, ['nope'], ctx)).toBe(2);
    expect(ctx.lines.join('\n')).toContain('no such directory');
  });
});
