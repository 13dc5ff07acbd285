/**
 * The subcommands of `mirrorlab`, each loaded only when it runs, so `--help` and `setup` start fast
 * and TypeScript-only users never load the Python bridge.
 */
import type { CliCommand } from './command.ts';

export const SUBCOMMANDS: Readonly<Record<string, () => Promise<{ command: CliCommand }>>> = {
  init: () => import('./init.ts'),
  run: () => import('./run.ts'),
  exec: () => import('./exec.ts'),
  serve: () => import('./serve.ts'),
  demo: () => import('./demo.ts'),
  remote: () => import('./remote.ts'),
  'merge-reports': () => import('./merge-reports.ts'),
  schema: () => import('./schema.ts'),
  setup: () => import('./setup.ts'),
};

export async function loadCommand(name: string): Promise<CliCommand | undefined> {
  const load = Object.hasOwn(SUBCOMMANDS, name) ? SUBCOMMANDS[name] : undefined;
  return load ? (await load()).command : undefined;
}
