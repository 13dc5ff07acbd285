/**
 * A `mirrorlab` subcommand. harness/cli.ts is the only place that reads argv/env (design.md §4); it
 * parses the options declared here with node:util parseArgs and hands the values over.
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

export interface CliCommand {
  name: string;
  summary: string;
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  /** Resolves to the process exit code. */
  run(values: Record<string, unknown>, positionals: string[], ctx: CliContext): Promise<number>;
}
