import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  formatIssue,
  loadScenarioFile,
  loadScenarios,
  parseScenario,
  ScenarioLoadError,
} from '../../harness/scenario/load.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const broken = (name: string) => `test/fixtures/scenarios/broken/${name}`;
const messages = async (name: string) =>
  (await loadScenarios([broken(name)], { cwd: root })).issues.map(formatIssue);

describe('scenario loader on broken files', () => {
  const cases: [file: string, expected: string[]][] = [
    ['unknown-step.yaml', ['6:5: unknown step "advanse"; did you mean "advance"?']],
    [
      'bad-duration.yaml',
      [
        '3:14: steps[0].advance: bad duration "5 minutes": write e.g. 90s, 5m, 1h, 2d or a number of milliseconds',
      ],
    ],
    [
      'yaml-syntax.yaml',
      ['4:3: YAML syntax error: Flow map in block collection must be sufficiently indented and end with a }'],
    ],
    ['duplicate-key.yaml', ['2:1: YAML syntax error: Map keys must be unique']],
    ['empty.yaml', ['1:1: not a scenario: the file is empty. Start with name: and steps:']],
    ['unknown-instance.yaml', ['5:12: unknown instance "desk_2"; did you mean "desk_1"?']],
    ['unknown-remote.yaml', ['7:13: unknown remote "dsek"; did you mean "desk"?']],
    [
      'missing-integration.yaml',
      [
        '3:26: integration file not found: ../integrations/nowhere.ts (paths are relative to the scenario file)',
      ],
    ],
    [
      'missing-mapper-files.yaml',
      [
        '5:17: classifier file not found: classifiers/nowhere.json (paths are relative to the scenario file)',
        '6:25: incoming mapper file not found: nowhere-in.json (paths are relative to the scenario file)',
        '9:20: a note needs contents: … (or file: { name, content })',
      ],
    ],
    [
      'remote-kind-settings.yaml',
      [
        '3:29: "apiKey" is a helpdesk / xsoar setting; a servicenow remote does not take it',
        '4:27: "username" is a servicenow setting; a helpdesk remote does not take it',
      ],
    ],
    [
      'two-verbs.yaml',
      ['5:5: a step has exactly one verb; this one has "fetch" and "advance". Split it into 2 steps'],
    ],
    ['missing-name.yaml', ['1:1: missing "name" at the top level']],
    ['unknown-operator.yaml', ['4:38: unknown operator "$regx"; did you mean "$regex"?']],
    ['unknown-kind.yaml', ['3:17: remotes.desk.kind: unknown value "helpdsk"; did you mean "helpdesk"?']],
    [
      'unknown-builtin.yaml',
      [
        '3:26: unknown built-in integration "builtin:helpdsk" (built-ins: builtin:helpdesk, builtin:helpdesk-py); did you mean "builtin:helpdesk"?',
      ],
    ],
    [
      'expect-failure-without-expect.yaml',
      ['2:1: expectFailure needs at least one expect step that is meant to fail'],
    ],
    [
      'wrong-types.yaml',
      [
        '2:20: server.version: expected a version string such as "6.10.0" (quote it), got 6.1',
        '2:30: server.tz: unknown time zone; write an IANA zone such as UTC or Asia/Jerusalem',
        '4:77: instances.desk_1.fetch.enabled: expected true or false, got "yes"',
        '6:12: steps[0].fetch: expected a string, got 3',
      ],
    ],
    [
      'mixed-operator.yaml',
      [
        '4:55: a pattern mixes operators ($len) with field names (helpdeskstatus): the operators would be read as field names; put each operator on the field it tests, e.g. helpdeskstatus: { $len: … }',
        '5:29: a pattern mixes operators ($exists) with field names (name): the operators would be read as field names; put each operator on the field it tests, e.g. name: { $exists: … }',
      ],
    ],
    [
      'expectation-instance.yaml',
      [
        '5:25: unknown instance "desk_2"; did you mean "desk_1"?',
        '6:33: unknown instance "dsk_1"; did you mean "desk_1"?',
      ],
    ],
    ['command-result.yaml', ['4:72: unknown key "entires"; expected one of outcome, error, count, match']],
    ['command-result-operator.yaml', ['3:94: unknown operator "$gtt"; did you mean "$gt"?']],
    [
      'remote-action.yaml',
      [
        '6:35: "body" does not go with close (it takes reason, notes)',
        '6:49: unknown remote "dsk"; did you mean "desk"?',
        '7:15: name the remote (remote: …): the scenario declares 2 remotes (desk, other)',
      ],
    ],
  ];

  it.each(cases)('reports %s at file:line:col with a hint', async (file, expected) => {
    expect(await messages(file)).toEqual(expected.map((m) => `${broken(file)}:${m}`));
  });

  it('covers every file of the broken corpus', async () => {
    const { readdirSync } = await import('node:fs');
    const corpus = readdirSync(new URL('../fixtures/scenarios/broken/', import.meta.url)).sort();
    expect(corpus).toEqual(cases.map(([f]) => f).sort());
  });

  it('collects the problems of every file before anything runs', async () => {
    const { scenarios, issues } = await loadScenarios(
      [
        broken('unknown-step.yaml'),
        'test/fixtures/scenarios/ok/fetch-tickets.yaml',
        broken('bad-duration.yaml'),
      ],
      { cwd: root },
    );
    expect(scenarios.map((s) => s.name)).toEqual(['fetch turns helpdesk tickets into incidents']);
    expect(new Set(issues.map((i) => i.file))).toEqual(
      new Set([broken('unknown-step.yaml'), broken('bad-duration.yaml')]),
    );
  });

  it('throws a ScenarioLoadError with code invalid-input for a single bad file', async () => {
    const error = await loadScenarioFile(broken('unknown-step.yaml'), { cwd: root }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScenarioLoadError);
    expect((error as ScenarioLoadError).code).toBe('invalid-input');
    expect((error as ScenarioLoadError).message).toContain('did you mean "advance"?');
  });

  it('reports a file that cannot be read', async () => {
    expect(await messages('no-such-file.yaml')).toEqual([
      `${broken('no-such-file.yaml')}:1:1: cannot read the file: ENOENT`,
    ]);
  });
});

describe('scenario loader on valid files', () => {
  it('keeps the line and column of every step and its verb', async () => {
    const loaded = await loadScenarioFile('test/fixtures/scenarios/ok/fetch-tickets.yaml', { cwd: root });
    expect(loaded.steps.map((s) => [s.verb, s.line, s.col])).toEqual([
      ['fetch', 12, 5],
      ['expect', 13, 5],
      ['remote', 17, 5],
      ['advance', 18, 5],
      ['expect', 19, 5],
    ]);
    expect(loaded.slug).toBe('fetch-turns-helpdesk-tickets-into-incidents');
    expect(loaded.displayPath).toBe('test/fixtures/scenarios/ok/fetch-tickets.yaml');
  });

  it('accepts an empty mirror step, nested server config, every step verb and every expectation key', () => {
    const text = [
      'name: all verbs',
      'server: { version: 8.4.0, tz: Asia/Jerusalem, start: 2026-03-01T10:00:00Z, config: { sync: { mirror: { job: { delayAdvanced: 5 } } } } }',
      'remotes: { desk: { kind: helpdesk, tickets: 3, rateLimit: { requests: 10, window: 1m } } }',
      'instances: { desk_1: { integration: ../integrations/placeholder.yml, remote: { name: desk, urlParam: server, keyParam: token }, fetch: { interval: 5m } } }',
      'steps:',
      '  - fetch: desk_1',
      '  - mirror:',
      '  - mirror: 3',
      '  - advance: 90s',
      '  - advance: 250',
      '  - xsoar: { update: { incident: 1, fields: { severity: 3 } } }',
      '  - xsoar: { note: { where: { dbotMirrorId: T-1 }, contents: hi, tags: [comment] } }',
      '  - xsoar: { close: { incident: 1, closeReason: Resolved } }',
      '  - xsoar: { command: { name: getMirrorStatistics } }',
      '  - remote: { desk: [{ comment: T-1, body: hello }, { close: T-1, reason: resolved }, { rateLimit: null }] }',
      '  - fault: { desk: { path: /api/v1/tickets, status: 500, times: 2 } }',
      '  - fault: { remote: desk, reset: true, path: "*" }',
      '  - expect: { errors: 0, stats: { cycles: { $gte: 1 } }, calls: { since: start, absent: [{ command: update-remote-system }] } }',
      '  - xsoar: { command: { name: test-module, instance: desk_1, result: { outcome: ok, count: 1, match: [{ Contents: ok }] } } }',
      '  - expect:',
      '      instance: { name: desk_1, params: { isFetch: false }, lastRun: { $eq: {} }, lastMirrorRun: {}, integrationContext: { marks: { $exists: false } } }',
      '      fetchHistory: { instance: desk_1, count: { $gte: 1 }, match: [{ outcome: ok }], last: { pulled: 0 } }',
    ].join('\n');
    const file = fileURLToPath(new URL('../fixtures/scenarios/ok/inline.yaml', import.meta.url));
    const { scenario, issues } = parseScenario(text, { file, displayPath: 'inline.yaml' });
    expect(issues.map(formatIssue)).toEqual([]);
    expect(scenario?.steps.map((s) => s.verb)).toEqual([
      'fetch',
      'mirror',
      'mirror',
      'advance',
      'advance',
      'xsoar',
      'xsoar',
      'xsoar',
      'xsoar',
      'remote',
      'fault',
      'fault',
      'expect',
      'xsoar',
      'expect',
    ]);
  });

  it('rejects a step that is a bare word instead of a map', () => {
    const { issues } = parseScenario('name: x\nsteps:\n  - mirror\n', {
      file: '/tmp/x.yaml',
      displayPath: 'x.yaml',
    });
    expect(issues.map(formatIssue)).toEqual([
      'x.yaml:3:5: steps[0]: expected an object (key: value pairs), got "mirror"',
    ]);
  });
});
