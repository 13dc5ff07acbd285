/**
 * `mirrorlab init [dir] [--python]`: scaffolds scenarios, a vitest test, a CI workflow and editor
 * settings into an existing repository. It never overwrites a file: what exists is left as it is and
 * said so, with what to add by hand.
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import type { CliCommand } from './command.ts';
import { initFiles } from './init-files.ts';

export const command: CliCommand = {
  name: 'init',
  summary: 'scaffold an example scenario, a vitest test, a CI workflow and editor settings; never overwrites',
  usage: 'mirrorlab init [dir]',
  options: {
    python: {
      type: 'boolean',
      description: 'use the Python reference integration and run `mirrorlab setup` in CI',
    },
  },
  async run(values, positionals, ctx) {
    if (positionals.length > 1) {
      ctx.err(
        `mirrorlab init: failed to read the arguments: expected at most one directory, got ${positionals.length}.`,
      );
      return 2;
    }
    const dir = resolve(ctx.cwd, positionals[0] ?? '.');
    if (!existsSync(dir)) {
      ctx.err(`mirrorlab init: failed to scaffold ${dir}: no such directory. Create it first (mkdir -p).`);
      return 2;
    }
    const shown = (file: string) => relative(ctx.cwd, join(dir, file)) || file;
    let wrote = 0;
    for (const file of initFiles({ python: values.python === true })) {
      const target = join(dir, file.path);
      if (existsSync(target)) {
        ctx.out(`  kept    ${shown(file.path)}  (exists; not overwritten — ${file.what})`);
        continue;
      }
      await mkdir(dirname(target), { recursive: true });
      // 'wx' fails if the file appeared meanwhile: never overwrite, even in a race.
      await writeFile(target, file.text, { flag: 'wx' });
      ctx.out(`  wrote   ${shown(file.path)}  (${file.what})`);
      wrote++;
    }
    ctx.out('');
    ctx.out(
      wrote > 0
        ? `mirrorlab init: wrote ${wrote} file${wrote === 1 ? '' : 's'}. Next:`
        : 'mirrorlab init: nothing to write. Next:',
    );
    if (values.python === true)
      ctx.out('  npx mirrorlab setup          # python3 packages (Debian), once per machine');
    ctx.out('  npx mirrorlab run            # run every scenario under scenarios/');
    ctx.out('  npx vitest run scenarios     # the same scenarios as vitest tests');
    ctx.out('  then point scenarios/example.yaml at your own integration (the commented mine_1 instance)');
    return 0;
  },
};
