/**
 * Expectations on what integrations keep and return (`instance`, `fetchHistory`, `result` on a
 * command step) and the named `calls` window, run end to end: a scenario text, the built-in
 * helpdesk integration against a real helpdesk fake, and the failure message a user reads.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatIssue, parseScenario } from '../../harness/scenario/load.ts';
import { runScenario, type ScenarioResult } from '../../harness/scenario/execute.ts';

const FILE = fileURLToPath(new URL('../fixtures/scenarios/ok/inline.yaml', import.meta.url));

const HEADER = [
  'name: inline',
  'server: { version: 6.10.0 }',
  'remotes: { desk: { kind: helpdesk, tickets: [{ id: T-1, title: Phishing mail, severity: high }] } }',
  'instances:',
  '  desk_1:',
  '    integration: builtin:helpdesk',
  '    remote: desk',
  '    params: { mirror_direction: Incoming And Outgoing, first_fetch: 2025-12-01T00:00:00Z, isFetch: true }',
  'steps:',
];

async function run(...steps: string[]): Promise<ScenarioResult> {
  const { scenario, issues } = parseScenario([...HEADER, ...steps].join('\n'), {
    file: FILE,
    displayPath: 'inline.yaml',
  });
  expect(issues.map(formatIssue)).toEqual([]);
  return runScenario(scenario!);
}

describe('instance and fetchHistory expectations', () => {
  it('match the params the integration is told, its lastRun and its fetch history', async () => {
    const result = await run(
      '  - fetch: desk_1',
      '  - expect:',
      '      instance:',
      '        name: desk_1',
      "        params: { isFetch: true, incidentFetchInterval: '1', mirror_direction: Incoming And Outgoing }",
      '        lastRun: { last_fetch: { $exists: true }, seen_ids: [T-1] }',
      '        lastMirrorRun: { $eq: {} }',
      '      fetchHistory: { instance: desk_1, count: 1, last: { outcome: ok, pulled: 1, sourceIds: [T-1] } }',
    );
    expect(result.failure?.message).toBeUndefined();
    expect(result.status).toBe('passed');
  });

  it('fail with the path of every mismatch', async () => {
    const result = await run(
      '  - fetch: desk_1',
      '  - expect:',
      '      instance: { name: desk_1, lastRun: { seen_ids: [T-9] }, params: { isFetch: false } }',
      '      fetchHistory: { instance: desk_1, count: 2, last: { pulled: 0 } }',
    );
    expect(result.status).toBe('failed');
    expect(result.failure?.kind).toBe('expectation');
    expect(result.failure?.message).toContain('instance desk_1:');
    expect(result.failure?.message).toContain('params.isFetch: expected false, got true');
    expect(result.failure?.message).toContain('lastRun.seen_ids[0]: expected "T-9", got "T-1"');
    expect(result.failure?.message).toContain('fetch history of desk_1 count: expected 2, got 1');
    expect(result.failure?.message).toMatch(
      /fetch history of desk_1, last record \(at .*\):\n\s+pulled: expected 0, got 1/,
    );
  });
});

describe('result on an xsoar command step', () => {
  it('checks the outcome and entries of an integration command and of a server command', async () => {
    const result = await run(
      '  - xsoar: { command: { name: test-module, instance: desk_1, result: { outcome: ok, count: 1, match: [{ Contents: ok }] } } }',
      '  - xsoar: { command: { name: getMirrorStatistics, result: { outcome: ok, match: [{ Contents: { cycles: 0 } }] } } }',
      '  - xsoar: { command: { name: resetDirtyFields, args: { id: 1 }, result: { outcome: error-entry, error: { $contains: XSOAR 8.0 } } } }',
    );
    expect(result.failure?.message).toBeUndefined();
    expect(result.status).toBe('passed');
  });

  it('fails the step as an expectation, naming the command', async () => {
    const result = await run(
      '  - xsoar: { command: { name: test-module, instance: desk_1, result: { outcome: error-entry } } }',
    );
    expect(result.failure).toMatchObject({ kind: 'expectation', index: 0, verb: 'xsoar' });
    expect(result.failure?.message).toBe(
      'result of !test-module on desk_1:\n    outcome: expected "error-entry", got "ok"',
    );
  });
});

describe('the calls window', () => {
  it('is named in the failure: which step opened it and how many calls it holds', async () => {
    const result = await run(
      '  - fetch: desk_1',
      '  - expect: { incidents: { count: 1 } }',
      '  - mirror:',
      '  - expect:',
      '      calls: [{ command: fetch-incidents }]',
      '      errors: { count: 1 }',
    );
    expect(result.failure?.message).toContain(
      'calls since the previous expect (step 2, line 11): 2 calls: no call {"command":"fetch-incidents"} (2 searched); nearest is "get-modified-remote-data"',
    );
    expect(result.failure?.message).toContain(
      'errors (calls since the previous expect (step 2, line 11): 2 calls): expected 1, got 0',
    );
  });

  it('says when it runs from the start because no expect came before', async () => {
    const result = await run(
      '  - fetch: desk_1',
      '  - expect: { calls: { absent: [{ command: fetch-incidents }] } }',
    );
    expect(result.failure?.message).toMatch(
      /^calls since the start \(no expect step before this one\): 1 call: expected no call \{"command":"fetch-incidents"\}, found 1:/,
    );
  });
});
