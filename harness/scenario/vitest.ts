/**
 * Scenario files as vitest tests: one `it` per file, so YAML scenarios and TypeScript tests live in
 * one suite. A scenario marked expectFailure passes when it fails as expected.
 *
 *   // scenarios/library.test.ts
 *   import { defineScenarioTests } from '../harness/scenario/vitest.ts';
 *   defineScenarioTests('scenarios/*.yaml');
 */
import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { describe, it } from 'vitest';
import { runScenario, type RunScenarioOptions } from './execute.ts';
import { findScenarioFiles } from './find-scenarios.ts';
import { formatIssue, parseScenario } from './load.ts';
import { formatFailureDetails } from './report.ts';

export interface ScenarioTestOptions extends RunScenarioOptions {
  /** Globs and paths are relative to this directory (default: the working directory). */
  root?: string;
  /** Per-scenario timeout in ms (default 60 s). */
  timeout?: number;
  /** Title of the describe block (default: "scenarios"). */
  title?: string;
}

export function defineScenarioTests(
  globOrPaths: string | readonly string[],
  options: ScenarioTestOptions = {},
): void {
  const root = resolve(options.root ?? process.cwd());
  const inputs = typeof globOrPaths === 'string' ? [globOrPaths] : [...globOrPaths];
  const { files, unmatched } = findScenarioFiles(inputs, root);
  const { root: _root, timeout = 60_000, title = 'scenarios', ...runOptions } = options;

  describe(title, () => {
    if (files.length === 0 || unmatched.length > 0) {
      it(`finds scenario files for ${inputs.join(', ')}`, () => {
        throw new Error(
          `scenario: failed to find scenario files: nothing matches ${unmatched.join(', ') || inputs.join(', ')} under ${root}.`,
        );
      });
    }
    for (const file of files) {
      const displayPath = relative(root, file);
      // Loading is synchronous so each file's test is titled with its scenario's name.
      const { scenario, issues } = parseScenario(readFileSync(file, 'utf8'), { file, displayPath });
      const name = scenario ? `${scenario.name} (${displayPath})` : displayPath;
      it(
        name,
        async (test) => {
          if (!scenario)
            throw new Error(
              `scenario: failed to load ${displayPath}:\n${issues.map(formatIssue).join('\n')}`,
            );
          const result = await runScenario(scenario, runOptions);
          if (result.status === 'skipped') {
            test.skip(result.skipReason);
            return;
          }
          if (!result.ok) {
            const headline = result.status === 'xpass' ? 'passed but is marked expectFailure' : 'failed';
            throw new Error(`scenario "${result.name}" ${headline}\n${formatFailureDetails(result)}`);
          }
        },
        timeout,
      );
    }
  });
}
