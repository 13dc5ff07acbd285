/**
 * Reporters for `mirrorlab run`: console lines (one per scenario as it finishes, details under a
 * failure), JUnit XML for CI dashboards, and JSON for tools. All are pure functions of results.
 */
import type { ScenarioResult } from './execute.ts';

export const REPORTERS = ['console', 'junit', 'json'] as const;
export type ReporterName = (typeof REPORTERS)[number];

export interface RunSummary {
  total: number;
  passed: number;
  failed: number;
  errors: number;
  /** expectFailure scenarios that failed as they should (count as passed). */
  expectedFailures: number;
  /** expectFailure scenarios that unexpectedly passed (count as failed). */
  unexpectedPasses: number;
  /** Scenarios that need what this run lacks (a content checkout); they do not fail the run. */
  skipped: number;
  durationMs: number;
  ok: boolean;
}

export function summarize(results: readonly ScenarioResult[], durationMs: number): RunSummary {
  const count = (status: ScenarioResult['status']) => results.filter((r) => r.status === status).length;
  return {
    total: results.length,
    passed: count('passed'),
    failed: count('failed'),
    errors: count('error'),
    expectedFailures: count('xfail'),
    unexpectedPasses: count('xpass'),
    skipped: count('skipped'),
    durationMs,
    ok: results.every((r) => r.ok),
  };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)}s`;

/** `✓ name  file  0.14s`, with the expected-failure reason when there is one. */
export function formatResultLine(result: ScenarioResult): string {
  const mark = result.status === 'skipped' ? '-' : result.ok ? '✓' : '✗';
  const note =
    result.status === 'skipped'
      ? `  (skipped: ${result.skipReason})`
      : result.status === 'xfail'
        ? `  (expected failure: ${result.expectFailure})`
        : result.status === 'xpass'
          ? `  (expected to fail: ${result.expectFailure}; but every expectation passed)`
          : result.status === 'error'
            ? '  (error)'
            : '';
  return `${mark} ${result.name}  ${result.file}  ${seconds(result.durationMs)}${note}`;
}

/** The block under a failed scenario: where, why (diff), and the journal's tail. */
export function formatFailureDetails(result: ScenarioResult): string {
  if (result.status === 'xpass') {
    return `    this scenario is marked expectFailure ("${result.expectFailure}") but all ${result.stepCount} steps passed: the bug it reproduces looks fixed. Remove expectFailure to keep it as a regression test.`;
  }
  const failure = result.failure;
  if (!failure) return '';
  const where =
    failure.index >= 0
      ? `step ${failure.index + 1} (${failure.verb}) at ${failure.location}`
      : `setup of ${failure.location}`;
  const lines = [`    ${where}: ${failure.kind === 'expectation' ? 'expectation failed' : 'error'}`];
  for (const line of failure.message.split('\n')) lines.push(`      ${line}`);
  if (failure.timeline.length > 0) {
    lines.push('    timeline (time, instance, command, outcome, note):');
    for (const line of failure.timeline) lines.push(`      ${line}`);
  }
  return lines.join('\n');
}

export function formatSummary(summary: RunSummary): string {
  const parts = [`${summary.passed} passed`];
  if (summary.expectedFailures)
    parts.push(`${summary.expectedFailures} expected failure${summary.expectedFailures === 1 ? '' : 's'}`);
  if (summary.failed) parts.push(`${summary.failed} failed`);
  if (summary.unexpectedPasses) parts.push(`${summary.unexpectedPasses} unexpectedly passed`);
  if (summary.errors) parts.push(`${summary.errors} error${summary.errors === 1 ? '' : 's'}`);
  if (summary.skipped) parts.push(`${summary.skipped} skipped`);
  return `${parts.join(', ')} (${summary.total} scenario${summary.total === 1 ? '' : 's'} in ${seconds(summary.durationMs)})`;
}

// XML 1.0 forbids most control characters even when escaped.
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
export function escapeXml(text: string): string {
  return text
    .replace(INVALID_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

export function toJUnitXml(results: readonly ScenarioResult[], summary: RunSummary): string {
  const attr = (name: string, value: string | number) => `${name}="${escapeXml(String(value))}"`;
  const failures = summary.failed + summary.unexpectedPasses;
  const cases = results.map((r) => {
    const head = `    <testcase ${attr('name', r.name)} ${attr('classname', r.file)} ${attr('file', r.file)} ${attr('time', (r.durationMs / 1000).toFixed(3))}`;
    const details = formatFailureDetails(r);
    if (r.status === 'passed') return `${head}/>`;
    if (r.status === 'skipped')
      return `${head}>\n      <skipped ${attr('message', r.skipReason ?? 'skipped')}/>\n    </testcase>`;
    if (r.status === 'xfail')
      return `${head}>\n      <system-out>${escapeXml(`expected failure: ${r.expectFailure}\n${details}`)}</system-out>\n    </testcase>`;
    const tag = r.status === 'error' ? 'error' : 'failure';
    const message =
      r.status === 'xpass'
        ? `expected to fail (${r.expectFailure}) but every expectation passed`
        : (r.failure?.message.split('\n')[0] ?? 'failed');
    const type = r.status === 'xpass' ? 'unexpected-pass' : (r.failure?.kind ?? 'failure');
    return `${head}>\n      <${tag} ${attr('message', message)} ${attr('type', type)}>${escapeXml(details)}</${tag}>\n    </testcase>`;
  });
  const totals = `${attr('tests', summary.total)} ${attr('failures', failures)} ${attr('errors', summary.errors)} ${attr('skipped', summary.skipped)} ${attr('time', (summary.durationMs / 1000).toFixed(3))}`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites ${attr('name', 'mirrorlab')} ${totals}>`,
    `  <testsuite ${attr('name', 'mirrorlab scenarios')} ${totals}>`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

export function toJsonReport(results: readonly ScenarioResult[], summary: RunSummary): string {
  return `${JSON.stringify({ tool: 'mirrorlab', version: 1, summary, scenarios: results }, null, 2)}\n`;
}
