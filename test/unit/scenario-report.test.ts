import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { ScenarioResult } from '../../harness/scenario/execute.ts';
import {
  formatFailureDetails,
  formatResultLine,
  formatSummary,
  summarize,
  toJsonReport,
  toJUnitXml,
} from '../../harness/scenario/report.ts';

const passed: ScenarioResult = {
  file: 'scenarios/a.yaml',
  name: 'remote close closes the incident',
  slug: 'a',
  status: 'passed',
  ok: true,
  durationMs: 1234,
  stepsRun: 4,
  stepCount: 4,
};
const failed: ScenarioResult = {
  file: 'scenarios/b.yaml',
  name: 'comment <mirrored> & "quoted"',
  slug: 'b',
  status: 'failed',
  ok: false,
  durationMs: 250,
  stepsRun: 3,
  stepCount: 5,
  failure: {
    index: 2,
    verb: 'expect',
    location: 'scenarios/b.yaml:12:5',
    kind: 'expectation',
    message: 'incident 1:\n    status: expected 2, got 1\u0007',
    timeline: ['00:01:00.000  desk_1  get-modified-remote-data  ok  1 modified'],
  },
};
const xfail: ScenarioResult = {
  ...failed,
  file: 'scenarios/c.yaml',
  name: 'echo loop',
  slug: 'c',
  status: 'xfail',
  ok: true,
  expectFailure: 'entries echo forever',
};
const xpass: ScenarioResult = {
  ...passed,
  file: 'scenarios/d.yaml',
  name: 'fixed bug',
  slug: 'd',
  status: 'xpass',
  ok: false,
  expectFailure: 'dirty fields are overwritten',
};
const errored: ScenarioResult = {
  ...failed,
  file: 'scenarios/e.yaml',
  name: 'bad ticket',
  slug: 'e',
  status: 'error',
  failure: { ...failed.failure!, kind: 'error', verb: 'remote', message: 'ticket T-9 not found' },
};
const results = [passed, failed, xfail, xpass, errored];
const summary = summarize(results, 4000);

/** Parses with Python's XML parser: a real well-formedness check, not a regex. */
function parseXml(xml: string): string {
  return execFileSync(
    'python3',
    [
      '-c',
      'import sys, xml.dom.minidom as m; d = m.parseString(sys.stdin.buffer.read()); print(len(d.getElementsByTagName("testcase")), len(d.getElementsByTagName("failure")), len(d.getElementsByTagName("error")))',
    ],
    { input: xml },
  )
    .toString()
    .trim();
}

describe('reporters', () => {
  it('summarises expected failures as passes and unexpected passes as failures', () => {
    expect(summary).toMatchObject({
      total: 5,
      passed: 1,
      failed: 1,
      errors: 1,
      expectedFailures: 1,
      unexpectedPasses: 1,
      ok: false,
    });
    expect(formatSummary(summary)).toBe(
      '1 passed, 1 expected failure, 1 failed, 1 unexpectedly passed, 1 error (5 scenarios in 4.00s)',
    );
  });

  it('prints one progress line per scenario with mark, name, file and duration', () => {
    expect(results.map(formatResultLine)).toEqual([
      '✓ remote close closes the incident  scenarios/a.yaml  1.23s',
      '✗ comment <mirrored> & "quoted"  scenarios/b.yaml  0.25s',
      '✓ echo loop  scenarios/c.yaml  0.25s  (expected failure: entries echo forever)',
      '✗ fixed bug  scenarios/d.yaml  1.23s  (expected to fail: dirty fields are overwritten; but every expectation passed)',
      '✗ bad ticket  scenarios/e.yaml  0.25s  (error)',
    ]);
  });

  it('shows the step, its location, the diff and the timeline under a failure', () => {
    expect(formatFailureDetails(failed)).toBe(
      [
        '    step 3 (expect) at scenarios/b.yaml:12:5: expectation failed',
        '      incident 1:',
        '          status: expected 2, got 1\u0007',
        '    timeline (time, instance, command, outcome, note):',
        '      00:01:00.000  desk_1  get-modified-remote-data  ok  1 modified',
      ].join('\n'),
    );
  });

  it('writes well-formed JUnit XML with a failure per failed or unexpectedly passing scenario', () => {
    const xml = toJUnitXml(results, summary);
    expect(parseXml(xml)).toBe('5 2 1');
    expect(xml).toContain(
      '<testsuites name="mirrorlab" tests="5" failures="2" errors="1" skipped="0" time="4.000">',
    );
    expect(xml).toContain('name="comment &lt;mirrored&gt; &amp; &quot;quoted&quot;"');
    expect(xml).toContain('type="unexpected-pass"');
    expect(xml).not.toContain('\u0007');
  });

  it('writes a JSON report with a summary and every result', () => {
    const report = JSON.parse(toJsonReport(results, summary)) as {
      tool: string;
      version: number;
      summary: unknown;
      scenarios: ScenarioResult[];
    };
    expect(report.tool).toBe('mirrorlab');
    expect(report.version).toBe(1);
    expect(report.summary).toEqual(summary);
    expect(report.scenarios.map((s) => [s.name, s.status, s.ok])).toEqual(
      results.map((r) => [r.name, r.status, r.ok]),
    );
    expect(report.scenarios[1]!.failure?.location).toBe('scenarios/b.yaml:12:5');
  });
});
