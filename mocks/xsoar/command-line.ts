/**
 * Parsing a War Room command line (`!get-remote-data id=T-1 lastUpdate="2026-01-01T00:00:00Z"
 * using=helpdesk_1`), the `data` of `POST /entry/execute/sync`. XSOAR passes every argument as a
 * string; `using=` picks the instance and `debug-mode=true` asks for the debug log
 * (contract.md §E), so both are split off the integration's own arguments.
 */
import { HarnessError } from '../../harness/core/index.ts';

export interface CommandLine {
  command: string;
  args: Record<string, string>;
  using?: string;
  debug: boolean;
}

const TOKEN = /\s*([^\s=]+)=(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|`([^`]*)`|(\S*))/y;

export function parseCommandLine(line: string): CommandLine {
  const text = line.trim();
  const head = /^!([A-Za-z0-9_.-]+)/.exec(text);
  if (!head) {
    throw new HarnessError(
      'invalid-input',
      `xsoar api: failed to run "${text.slice(0, 60)}": a command line starts with ! and a command name. Example: !getMirrorStatistics or !get-remote-data id=T-1 using=helpdesk_1.`,
    );
  }
  const args: Record<string, string> = {};
  let at = head[0].length;
  while (at < text.length) {
    if (/^\s*$/.test(text.slice(at))) break;
    TOKEN.lastIndex = at;
    const m = TOKEN.exec(text);
    if (!m) {
      throw new HarnessError(
        'invalid-input',
        `xsoar api: failed to read the arguments of !${head[1]}: expected name=value at "${text.slice(at).trim().slice(0, 40)}". Quote values with spaces: note="two words".`,
      );
    }
    const value = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : (m[3] ?? m[4] ?? m[5] ?? '');
    args[m[1]!] = value;
    at = TOKEN.lastIndex;
  }
  const { using, 'debug-mode': debugMode, ...rest } = args;
  return { command: head[1]!, args: rest, ...(using ? { using } : {}), debug: debugMode === 'true' };
}
