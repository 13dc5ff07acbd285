/**
 * A `mirrorlab` subcommand. harness/cli.ts is the only place that reads argv/env (design.md §4); it
 * parses the options declared here with node:util parseArgs and hands the values over. Each option
 * carries its one-line description, so `--help` is generated from the same definitions the parser
 * uses and cannot drift from them.
 */
import type { ParseArgsConfig } from 'node:util';

export interface CliContext {
  env: Record<string, string | undefined>;
  cwd: string;
  out(line: string): void;
  err(line: string): void;
  /** Aborted on Ctrl-C / SIGTERM: long-running commands stop cleanly. */
  signal: AbortSignal;
  debug: boolean;
}

export interface CliOption {
  type: 'string' | 'boolean';
  multiple?: boolean;
  short?: string;
  default?: string | boolean | string[];
  /** The value's placeholder in help (`N`, `DIR`); string options only. */
  value?: string;
  /** One line: what it does and its default. */
  description: string;
}

export interface CliCommand {
  name: string;
  summary: string;
  /** The positional part, e.g. `mirrorlab exec <integration> <command>`; options are listed apart. */
  usage: string;
  options: Record<string, CliOption>;
  /** Resolves to the process exit code. */
  run(values: Record<string, unknown>, positionals: string[], ctx: CliContext): Promise<number>;
}

/** Options shared by every command, handled by harness/cli.ts itself. */
export const GLOBAL_OPTIONS: Record<string, CliOption> = {
  help: { type: 'boolean', short: 'h', description: 'show this help' },
  debug: { type: 'boolean', description: 'print stack traces with errors' },
};

/** The parseArgs view of a command's options (descriptions stripped). */
export function toParseArgsOptions(
  options: Record<string, CliOption>,
): NonNullable<ParseArgsConfig['options']> {
  return Object.fromEntries(
    Object.entries(options).map(([name, { description: _d, value: _v, ...spec }]) => [name, spec]),
  ) as NonNullable<ParseArgsConfig['options']>;
}

/** `--help` of one command: usage, summary, then one line per option. */
export function helpText(command: CliCommand): string {
  const all = { ...command.options, ...GLOBAL_OPTIONS };
  const flags = Object.entries(all).map(([name, o]) => {
    const short = o.short ? `-${o.short}, ` : '';
    const value = o.type === 'string' ? ` ${o.value ?? 'VALUE'}` : '';
    const repeat = o.multiple ? ' (repeatable)' : '';
    return { flag: `${short}--${name}${value}`, text: `${o.description}${repeat}` };
  });
  const width = Math.max(...flags.map((f) => f.flag.length)) + 2;
  return [
    `usage: ${command.usage} [options]`,
    '',
    command.summary,
    '',
    'options:',
    ...flags.map((f) => `  ${f.flag.padEnd(width)}${f.text}`),
  ].join('\n');
}

/** Resolves once Ctrl-C / SIGTERM aborted the command: how a live command (demo, serve) waits. */
export function untilAborted(signal: AbortSignal): Promise<void> {
  return new Promise((done) => {
    if (signal.aborted) done();
    else signal.addEventListener('abort', () => done(), { once: true });
  });
}
