/**
 * A CliContext for running a command in-process: an empty environment, and what it prints kept —
 * stdout in `out`, stderr in `err`, both in order in `lines`.
 */
import type { CliContext } from '../../harness/cli/command.ts';

export function recordingCliContext(
  cwd: string,
  signal: AbortSignal = new AbortController().signal,
): { ctx: CliContext; out: string[]; err: string[]; lines: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const lines: string[] = [];
  const ctx: CliContext = {
    env: {},
    cwd,
    out: (l) => (out.push(l), lines.push(l)),
    err: (l) => (err.push(l), lines.push(l)),
    signal,
    debug: false,
  };
  return { ctx, out, err, lines };
}
