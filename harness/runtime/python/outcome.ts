/** Outcome classification of one Python command (python-runtime.md §5.3). Pure. */
import type { Outcome, WireEntry } from '../../core/index.ts';
import { packageForModule } from '../../setup/index.ts';

export interface DoneMessage {
  status: 'ok' | 'exit' | 'exception';
  exitCode?: number;
  exceptionType?: string;
  message?: string;
  traceback?: string;
}

export function classifyOutcome(
  command: string,
  entries: readonly WireEntry[],
  done: DoneMessage,
): { outcome: Outcome; error?: string } {
  if (done.status === 'exception') {
    const missing = missingModule(done);
    if (missing) return { outcome: 'exception', error: missing };
    const head = `${done.exceptionType ?? 'Exception'}: ${done.message ?? ''}`;
    return { outcome: 'exception', error: done.traceback ? `${head}\n${done.traceback}` : head };
  }
  if (done.status === 'exit' && (done.message !== undefined || (done.exitCode ?? 0) !== 0)) {
    return { outcome: 'exception', error: `SystemExit: ${done.message ?? String(done.exitCode)}` };
  }
  const errorEntry = entries.find((e) => e.Type === 4);
  if (errorEntry) return { outcome: 'error-entry', error: String(errorEntry.Contents) };
  if (command === 'test-module' && !entries.some((e) => e.Contents === 'ok' && e.ContentsFormat === 'text')) {
    const text = entries.find((e) => e.ContentsFormat === 'text' && typeof e.Contents === 'string');
    return {
      outcome: 'error-entry',
      error: text ? String(text.Contents) : 'test-module did not return "ok"',
    };
  }
  return { outcome: 'ok' };
}

/**
 * An integration importing a module the interpreter lacks (Jira V3's `bs4`) fails in one line
 * naming the Debian package, not with a traceback from the first command's import.
 */
function missingModule(done: DoneMessage): string | undefined {
  if (done.exceptionType !== 'ModuleNotFoundError') return undefined;
  const module = /No module named '([^'.]+)/.exec(done.message ?? '')?.[1];
  if (!module) return undefined;
  // The version only matters for distutils, which the interpreter check reports before any command.
  const debian = packageForModule(module, [3, 11]);
  return `python: failed to import ${module}: the module is not installed for this interpreter. Run \`mirrorlab setup\` or: apt-get install -y ${debian}`;
}
