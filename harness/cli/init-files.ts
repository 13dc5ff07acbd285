/**
 * The files `mirrorlab init` writes into a user's repository: an example scenario against the
 * helpdesk fake with a built-in integration (and a commented slot for the user's own), a vitest test
 * running every scenario file, a GitHub Actions workflow, and editor schema settings. Pure.
 */

export interface InitFile {
  /** Relative to the project directory. */
  path: string;
  text: string;
  /** What it is, for the report. */
  what: string;
}

const SCHEMA = 'node_modules/mirrorlab/dist/scenarios/schema.json';

function exampleScenario(python: boolean): string {
  const integration = python ? 'builtin:helpdesk-py' : 'builtin:helpdesk';
  return `# yaml-language-server: $schema=../${SCHEMA}
# An example mirrorlab scenario: a fake helpdesk, an integration instance mirroring it both ways,
# and steps on a virtual clock. Run it with \`npx mirrorlab run\` or \`npx vitest run scenarios\`.
# Reference: node_modules/mirrorlab/scenarios/README.md
name: a helpdesk ticket mirrors into XSOAR and back
remotes:
  desk:
    kind: helpdesk
    tickets: [{ id: T-1, title: Phishing mail, severity: high }]
instances:
  desk_1:
    integration: ${integration}   # the reference integration that ships with mirrorlab
    remote: desk                       # wires its url and api_key params to the fake
    params: { mirror_direction: Incoming And Outgoing, close_incident: true, close_out: true }
    fetch: { enabled: true, interval: 1 }   # minutes
  # Your own integration: a .yml, .py (with its YAML beside it) or .ts, relative to this file.
  # Python integrations use the CommonServerPython of the content checkout they sit in
  # (or --content-root / MIRRORLAB_CONTENT_ROOT).
  # mine_1:
  #   integration: ../Packs/MyPack/Integrations/MyIntegration/MyIntegration.yml
  #   remote: { name: desk, urlParam: url, keyParam: api_key }
  #   params: { mirror_direction: Incoming And Outgoing }
steps:
  - fetch: desk_1
  - expect:
      incidents: { count: 1, match: [{ name: Phishing mail, dbotMirrorId: T-1 }] }
  - remote: { desk: { comment: T-1, body: The user clicked the link } }
  - advance: 1m
  - expect:
      entries: { where: { dbotMirrorId: T-1 }, match: [{ Contents: { $contains: clicked the link } }] }
  - xsoar: { update: { where: { dbotMirrorId: T-1 }, fields: { severity: 4 } } }
  - advance: 1m
  - expect:
      ticket: { remote: desk, id: T-1, match: { severity: critical } }
  - remote: { desk: { close: T-1, reason: resolved } }
  - advance: 1m
  - expect:
      incident: { where: { dbotMirrorId: T-1 }, match: { status: 2 } }
      errors: 0
`;
}

const VITEST_TEST = `// Every scenario file in this folder as one vitest test (\`npx vitest run scenarios\`).
import { fileURLToPath } from 'node:url';
import { defineScenarioTests } from 'mirrorlab/vitest';

defineScenarioTests('*.yaml', { root: fileURLToPath(new URL('.', import.meta.url)) });
`;

function workflow(python: boolean): string {
  const setup = python
    ? '      - run: npx mirrorlab setup --scenarios scenarios/   # python3 packages the integrations import\n'
    : '';
  return `# Runs the mirrorlab scenarios on every push and pull request, with a JUnit report.
name: mirrorlab
on: [push, pull_request]
jobs:
  scenarios:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with: { node-version: 20, cache: npm }
      - run: npm ci
${setup}      - run: npx mirrorlab run scenarios --reporter junit --out reports/mirrorlab.xml
      - uses: actions/upload-artifact@v4
        if: always()
        with: { name: mirrorlab-report, path: reports/mirrorlab.xml }
`;
}

const VSCODE_SETTINGS = `${JSON.stringify({ 'yaml.schemas': { [`./${SCHEMA}`]: 'scenarios/**/*.yaml' } }, null, 2)}\n`;

export function initFiles(options: { python: boolean }): InitFile[] {
  return [
    { path: 'scenarios/example.yaml', text: exampleScenario(options.python), what: 'an example scenario' },
    { path: 'scenarios/scenarios.test.ts', text: VITEST_TEST, what: 'a vitest test running the scenarios' },
    {
      path: '.github/workflows/mirrorlab.yml',
      text: workflow(options.python),
      what: 'a GitHub Actions workflow',
    },
    {
      path: '.vscode/settings.json',
      text: VSCODE_SETTINGS,
      what: 'editor settings: the scenario JSON Schema',
    },
  ];
}
