/**
 * Reports of a sharded run (`mirrorlab run --shard i/n --reporter json`) merged into one, so a CI
 * matrix ends with one JUnit or JSON report; and the durations of a report, for balancing shards.
 */
import { HarnessError } from '../core/index.ts';
import type { ScenarioResult } from './execute.ts';
import { summarize, type RunSummary } from './report.ts';

interface JsonReport {
  tool: 'mirrorlab';
  version: 1;
  summary: RunSummary;
  scenarios: ScenarioResult[];
}

/** A JSON report written by `mirrorlab run --reporter json`; a clear error naming `source` otherwise. */
export function readJsonReport(text: string, source: string): JsonReport {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new HarnessError(
      'invalid-input',
      `reports: failed to read ${source}: not JSON (${(e as Error).message}). Write reports with --reporter json.`,
    );
  }
  const report = parsed as Partial<JsonReport>;
  if (
    report?.tool !== 'mirrorlab' ||
    report.version !== 1 ||
    !Array.isArray(report.scenarios) ||
    !report.summary
  )
    throw new HarnessError(
      'invalid-input',
      `reports: failed to read ${source}: not a mirrorlab JSON report (expected {tool: "mirrorlab", version: 1, summary, scenarios}). Write reports with --reporter json.`,
    );
  return report as JsonReport;
}

/** One result list and summary from several reports; a scenario file in two reports is an error. */
export function mergeReports(reports: readonly { source: string; report: JsonReport }[]): {
  results: ScenarioResult[];
  summary: RunSummary;
} {
  const seen = new Map<string, string>();
  const results: ScenarioResult[] = [];
  for (const { source, report } of reports) {
    for (const result of report.scenarios) {
      const earlier = seen.get(result.file);
      if (earlier !== undefined)
        throw new HarnessError(
          'invalid-input',
          `reports: failed to merge: ${result.file} is in both ${earlier} and ${source}. Did two shards use the same --shard i/n?`,
        );
      seen.set(result.file, source);
      results.push(result);
    }
  }
  results.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  // Shards run side by side: the merged run took as long as its longest shard.
  const durationMs = Math.max(0, ...reports.map((r) => r.report.summary.durationMs));
  return { results, summary: summarize(results, durationMs) };
}

/** file → duration (ms) of each scenario in a report, to balance `--shard` by time. */
export function durationsOf(report: JsonReport): Map<string, number> {
  return new Map(report.scenarios.map((r) => [r.file, r.durationMs]));
}
