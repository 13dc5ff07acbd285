/**
 * The documentation's code blocks, extracted and checked (test/support/doc-blocks.ts says how blocks
 * are tagged): scenarios run, fragments parse, shell lines use only real commands and options. The
 * TypeScript blocks run in a user's project (package-consumer.test.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { GLOBAL_OPTIONS } from '../../harness/cli/command.ts';
import { loadCommand, SUBCOMMANDS } from '../../harness/cli/commands.ts';
import { parseScenario, runScenario } from '../../harness/scenario/index.ts';
import { docBlocks, where, type DocBlock } from '../support/doc-blocks.ts';

const root = join(import.meta.dirname, '..', '..');
const blocks = docBlocks(root);
const scripts = Object.keys(
  (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> })
    .scripts,
);
const TAGS: Record<string, readonly string[]> = { ts: ['test', 'module'], yaml: ['scenario', 'fragment'] };

/** `mirrorlab <command> … --option …` and `npm run <script>` uses in one shell line. */
async function shellProblems(line: string): Promise<string[]> {
  const problems: string[] = [];
  const code = line.replace(/(^|\s)#.*$/, '');
  for (const m of code.matchAll(/\bmirrorlab\s+([a-z][a-z-]*)((?:\s+[^|&;]*)?)/g)) {
    const [, name, rest = ''] = m;
    const command = await loadCommand(name!);
    if (!command) {
      problems.push(`unknown command "mirrorlab ${name}"`);
      continue;
    }
    for (const flag of rest.matchAll(/(?:^|\s)--([a-z][a-z-]*)/g)) {
      const option = flag[1]!;
      if (!Object.hasOwn(command.options, option) && !Object.hasOwn(GLOBAL_OPTIONS, option))
        problems.push(`"mirrorlab ${name}" has no option --${option}`);
    }
  }
  for (const m of code.matchAll(/\bnpm run ([a-z:-]+)/g))
    if (!scripts.includes(m[1]!)) problems.push(`package.json has no script "${m[1]}"`);
  return problems;
}

describe('documentation code blocks', () => {
  it('finds the blocks of every reference page', () => {
    expect(blocks.filter((b) => b.tag === 'scenario').length).toBeGreaterThanOrEqual(2);
    expect(new Set(blocks.map((b) => b.file)).size).toBe(4);
    expect(Object.keys(SUBCOMMANDS)).toContain('init');
  });

  it('tags every TypeScript and YAML block with how it is tested', () => {
    const untagged = blocks
      .filter((b) => TAGS[b.language] && !TAGS[b.language]!.includes(b.tag ?? ''))
      .map(
        (b) => `${where(b)}: \`\`\`${b.language} ${b.tag ?? ''} (use one of ${TAGS[b.language]!.join(', ')})`,
      );
    expect(untagged).toEqual([]);
  });

  it('parses every YAML fragment', () => {
    for (const block of blocks.filter((b) => b.tag === 'fragment'))
      expect(() => parse(block.code), where(block)).not.toThrow();
  });

  it('uses only real commands, options and scripts in shell blocks', async () => {
    const problems: string[] = [];
    for (const block of blocks.filter((b) => b.language === 'sh'))
      for (const [i, line] of block.code.split('\n').entries())
        for (const p of await shellProblems(line)) problems.push(`${block.file}:${block.line + 1 + i}: ${p}`);
    expect(problems).toEqual([]);
  });

  const scenarios = blocks.filter((b) => b.tag === 'scenario');
  it.each(scenarios.map((b) => [where(b), b] as [string, DocBlock]))(
    'runs the scenario at %s',
    async (at, block) => {
      const file = join(root, block.file);
      const { scenario, issues } = parseScenario(block.code, { file, displayPath: at });
      expect(issues).toEqual([]);
      const result = await runScenario(scenario!);
      expect(result.failure?.message).toBeUndefined();
      expect(result.status).toBe('passed');
    },
  );
});
