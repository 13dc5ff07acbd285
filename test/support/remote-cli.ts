/**
 * `mirrorlab remote <kind>` run in-process, as the CLI tests drive it: started with option values,
 * its printed lines collected, ready once a line starts with `ready` (default `<kind> listening on`),
 * stopped by aborting as Ctrl-C does.
 */
import { command } from '../../harness/cli/remote.ts';
import { recordingCliContext } from './cli-context.ts';

export interface RunningRemoteCli {
  /** The URL of the first `listening on` line. */
  url: string;
  lines: string[];
  /** Aborts the command and resolves to its exit code. */
  stop(): Promise<number>;
}

export async function startRemoteCli(
  kind: string,
  values: Record<string, unknown>,
  cwd: string,
  ready = `${kind} listening on `,
): Promise<RunningRemoteCli> {
  const controller = new AbortController();
  const { ctx, lines } = recordingCliContext(cwd, controller.signal);
  const done = command.run(values, [kind], ctx);
  while (!lines.some((l) => l.startsWith(ready))) await new Promise((r) => setTimeout(r, 20));
  const url = /listening on (\S+)/.exec(lines.join('\n'))![1]!;
  return { url, lines, stop: () => (controller.abort(), done) };
}
