#!/usr/bin/env node
/**
 * The `mirrorlab` command. The only module that reads process.argv / process.env and installs
 * signal handlers (design.md §4); every subcommand lives in harness/cli/<name>.ts and exports
 * `command: CliCommand`. Errors are one clear line plus a hint; stacks only with --debug.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { CliCommand, CliContext } from './cli/command.ts';

const SUBCOMMANDS = ['demo', 'run', 'exec', 'serve', 'remote', 'setup'] as const;
const here = dirname(fileURLToPath(import.meta.url));

async function loadCommand(name: string): Promise<CliCommand | undefined> {
  const file = join(here, 'cli', `${name}.ts`);
  if (!existsSync(file)) return undefined;
  const mod = (await import(pathToFileURL(file).href)) as { command: CliCommand };
  return mod.command;
}

async function printHelp(out: (s: string) => void): Promise<void> {
  out(
    'mirrorlab: a fake Cortex XSOAR server and fake ticketing systems for testing fetching and mirroring\n',
  );
  out('usage: mirrorlab <command> [options]   (mirrorlab <command> --help for its options)\n');
  for (const name of SUBCOMMANDS) {
    const c = await loadCommand(name);
    out(`  ${name.padEnd(8)} ${c ? c.summary : '(not built yet)'}`);
  }
}

async function main(argv: string[]): Promise<number> {
  const out = (s: string) => process.stdout.write(`${s}\n`);
  const err = (s: string) => process.stderr.write(`${s}\n`);
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    await printHelp(out);
    return name ? 0 : 2;
  }
  const debug = rest.includes('--debug');
  const command = await loadCommand(name);
  if (!command) {
    if ((SUBCOMMANDS as readonly string[]).includes(name)) {
      out(`mirrorlab ${name}: ${name} not built yet.`);
      return 0;
    }
    err(`mirrorlab: unknown command "${name}". Run mirrorlab --help for the list.`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    out(`usage: ${command.usage}\n\n${command.summary}`);
    return 0;
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: rest.filter((a) => a !== '--debug'),
      options: command.options,
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    err(`mirrorlab ${name}: ${(e as Error).message}. Usage: ${command.usage}`);
    return 2;
  }
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const ctx: CliContext = {
    env: { ...process.env },
    cwd: process.cwd(),
    out,
    err,
    signal: controller.signal,
    debug,
  };
  try {
    return await command.run(parsed.values as Record<string, unknown>, parsed.positionals, ctx);
  } catch (e) {
    const error = e as Error & { code?: string };
    err(debug ? (error.stack ?? String(error)) : `mirrorlab ${name}: ${error.message}`);
    if (!debug) err('(run again with --debug for the stack trace)');
    return error.code === 'invalid-input' ? 2 : 1;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}

// `mirrorlab … | head` closes the pipe early: that is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`mirrorlab: ${String(e)}\n`);
    process.exitCode = 1;
  },
);
