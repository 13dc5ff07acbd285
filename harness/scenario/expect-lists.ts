/**
 * The pieces every expectation is reported with: the failure that lists every mismatch of a step,
 * a titled section of mismatching paths, a count check, and a list check (each pattern a different
 * item, the nearest item shown when none fits).
 */
import { formatMismatches, matches, matchList, show, type Mismatch } from './match.ts';

export class ExpectationFailure extends Error {
  readonly sections: string[];
  constructor(sections: string[]) {
    super(sections.join('\n'));
    this.name = 'ExpectationFailure';
    this.sections = sections;
  }
}

export const section = (title: string, mismatches: Mismatch[]) =>
  `${title}\n${formatMismatches(mismatches, '    ')}`;

export function checkCount(what: string, expected: unknown, actual: number, failures: string[]): void {
  if (expected !== undefined && !matches(expected, actual))
    failures.push(
      `${what}: expected ${typeof expected === 'number' ? expected : show(expected)}, got ${actual}`,
    );
}

export function checkList(
  what: string,
  patterns: readonly unknown[] | undefined,
  items: readonly unknown[],
  describe: (item: unknown) => string,
  failures: string[],
): void {
  if (!patterns) return;
  for (const miss of matchList(patterns, items).unmatched) {
    const header = `${what}: nothing matches pattern ${miss.index + 1} ${show(miss.pattern)}`;
    if (!miss.nearest) failures.push(`${header} (there are none)`);
    else if (miss.nearest.mismatches.length === 0)
      failures.push(`${header}: the items it fits are taken by other patterns`);
    else
      failures.push(
        section(`${header}; nearest is ${describe(miss.nearest.item)}:`, miss.nearest.mismatches),
      );
  }
}
