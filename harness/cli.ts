#!/usr/bin/env node
/**
 * The `mirrorlab` command. The only module that reads process.argv / process.env and installs
 * signal handlers (design.md §4); every subcommand lives in harness/cli/<name>.ts and exports
 * `command: CliCommand`. Errors are one clear line plus a hint; stacks only with --debug.
 */
import { parseArgs } from 'node:util';
import type { CliContext } from './cli/command.ts';
import { GLOBAL_OPTIONS, helpText, toParseArgsOptions } from './cli/command.ts';
import { loadCommand, SUBCOMMANDS } from './cli/commands.ts';

/** How long a command may take to stop after SIGINT/SIGTERM before the process exits anyway. */
const STOP_GRACE_MS = 3000;

async function printHelp(out: (s: string) => void): Promise<void> {
  out(
    'mirrorlab: a fake Cortex XSOAR server and fake ticketing systems for testing fetching and mirroring\n',
  );
  out('usage: mirrorlab <command> [options]   (mirrorlab <command> --help for its options)\n');
  const width = Math.max(...Object.keys(SUBCOMMANDS).map((n) => n.length)) + 2;
  for (const name of Object.keys(SUBCOMMANDS)) {
    const c = await loadCommand(name);
    if (c) out(`  ${name.padEnd(width)}${c.summary}`);
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
    err(`mirrorlab: unknown command "${name}". Run mirrorlab --help for the list.`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    out(helpText(command));
    return 0;
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      options: toParseArgsOptions({ ...command.options, ...GLOBAL_OPTIONS }),
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    err(`mirrorlab ${name}: ${(e as Error).message}. Run mirrorlab ${name} --help for the options.`);
    return 2;
  }
  const controller = new AbortController();
  const stop = () => {
    controller.abort();
    // Commands stop within a second (workers killed, state flushed). Something that cannot be
    // interrupted (an in-process TypeScript command that never returns) must not keep us alive.
    setTimeout(() => {
      err(`mirrorlab ${name}: did not stop within ${STOP_GRACE_MS / 1000} s of the signal; exiting.`);
      process.exit(1);
    }, STOP_GRACE_MS).unref();
  };
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
    // Messages name their area (`exec: failed to …`); only a bare one gets the command's name.
    const message = error.message.startsWith(`${name}:`) ? error.message : `${name}: ${error.message}`;
    err(debug ? (error.stack ?? String(error)) : `mirrorlab ${message}`);
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
