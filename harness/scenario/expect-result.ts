/**
 * `result:` on an `xsoar: command` step: checks what the command returned — the outcome, the
 * error text and the entries — as an expect would, so a War Room command's answer can be asserted
 * without smuggling it out through a ticket.
 */
import type { RunResult, WireEntry } from '../core/index.ts';
import { checkCount, checkList, ExpectationFailure } from './expect-lists.ts';
import { formatMismatches, matchValue, show } from './match.ts';
import type { XsoarStep } from './schema.ts';

type ResultExpectation = NonNullable<NonNullable<XsoarStep['command']>['result']>;

/** A server command's answer in the shape of an integration run: an error entry is its error. */
export function toCommandResult(entries: WireEntry[]): Pick<RunResult, 'outcome' | 'entries' | 'error'> {
  const errors = entries.filter((e) => e.Type === 4).map((e) => String(e.Contents));
  return errors.length
    ? { outcome: 'error-entry', entries, error: errors.join('\n') }
    : { outcome: 'ok', entries };
}

export function checkCommandResult(
  expected: ResultExpectation,
  result: Pick<RunResult, 'outcome' | 'entries' | 'error'>,
  what: string,
): void {
  const failures: string[] = [];
  const scalar = (key: 'outcome' | 'error', actual: unknown) => {
    if (expected[key] === undefined) return;
    const mismatches = matchValue(expected[key], actual, key);
    if (mismatches.length) failures.push(`${what}:\n${formatMismatches(mismatches, '    ')}`);
  };
  scalar('outcome', result.outcome);
  scalar('error', result.error);
  checkCount(`${what}: entry count`, expected.count, result.entries.length, failures);
  checkList(
    `${what}: entries`,
    expected.match,
    result.entries,
    (e) => `entry ${show((e as WireEntry).Contents, 60)}`,
    failures,
  );
  if (failures.length > 0) throw new ExpectationFailure(failures);
}
