/** Outcome classification of one Python command (python-runtime.md §5.3). Pure. */
import type { Outcome, WireEntry } from '../../core/index.ts';
import { packageForModule } from './debian-packages.ts';

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
  /** The integration as the user named it, for the setup command in a missing-module message. */
  integration?: string,
): { outcome: Outcome; error?: string } {
  if (done.status === 'exception') {
    const missing = missingModule(done, integration);
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
 * naming the Debian package and the setup command that installs it, not with a traceback from the
 * first command's import.
 */
function missingModule(done: DoneMessage, integration: string | undefined): string | undefined {
  if (done.exceptionType !== 'ModuleNotFoundError') return undefined;
  const module = /No module named '([^'.]+)/.exec(done.message ?? '')?.[1];
  if (!module) return undefined;
  const setup = `mirrorlab setup${integration ? ` --integration ${shellQuote(integration)}` : ''}`;
  // The version only matters for distutils, which the interpreter check reports before any command.
  const debian = packageForModule(module, [3, 11]);
  if (!debian)
    return `python: failed to import ${module}: the module is not installed for this interpreter, and no Debian package is known to provide it. Install ${module} for this interpreter by hand; \`${setup}\` lists what else is missing.`;
  return `python: failed to import ${module}: the module is not installed for this interpreter. Run \`${setup}\` or: apt-get install -y ${debian}`;
}

/** A path as one shell word, quoted only when it needs to be. */
function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}
