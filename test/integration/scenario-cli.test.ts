import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScenario } from '../../harness/scenario/execute.ts';
import { loadScenarioFile } from '../../harness/scenario/load.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const fixtures = 'test/fixtures/scenarios';

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** The real CLI in a child process, as a user or CI runs it. */
function mirrorlab(...args: string[]): Promise<CliRun> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'harness/cli.ts', ...args],
      { cwd: root, timeout: 60_000 },
      (error, stdout, stderr) => {
        done({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}

/** Test-case names, read with Python's XML parser: a real well-formedness check. */
function parseJUnit(xml: string): string {
  return execFileSync(
    'python3',
    [
      '-c',
      'import sys, xml.dom.minidom as m; d = m.parseString(sys.stdin.buffer.read()); print(" ".join(sorted(t.getAttribute("name") for t in d.getElementsByTagName("testcase"))))',
    ],
    { input: xml },
  )
    .toString()
    .trim();
}

let temp: string;
beforeAll(async () => {
  temp = await mkdtemp(join(tmpdir(), 'mirrorlab-scenario-cli-'));
});
afterAll(async () => {
  await rm(temp, { recursive: true, force: true });
});

describe('mirrorlab run', () => {
  it('exits 0 when every scenario passes in worker processes, one failing as expected, and writes JUnit XML', async () => {
    const out = join(temp, 'junit.xml');
    const run = await mirrorlab(
      'run',
      `${fixtures}/ok`,
      `${fixtures}/mirror/remote-close.yaml`,
      `${fixtures}/mirror/dirty-field-blocks-mirror-in.yaml`,
      '--reporter',
      'junit',
      '--out',
      out,
      '--workers',
      '2',
    );
    expect(run.stderr).not.toContain('Error');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('mirrorlab run: 4 scenarios in 2 worker processes');
    expect(run.stdout).toContain(
      '✓ remote close closes the XSOAR incident  test/fixtures/scenarios/mirror/remote-close.yaml',
    );
    expect(run.stdout).toContain('(expected failure: dirty fields block mirror-in updates (contract §F.18))');
    expect(run.stdout).toContain('3 passed, 1 expected failure (4 scenarios in');
    expect(parseJUnit(await readFile(out, 'utf8'))).toBe(
      'a failing fetch is recorded and the next one recovers a field edited in XSOAR is not overwritten by mirror-in fetch turns helpdesk tickets into incidents remote close closes the XSOAR incident',
    );
  });

  it('exits 1 on a failed expectation and shows the step, file:line, the diff and the timeline', async () => {
    const run = await mirrorlab('run', `${fixtures}/failing/wrong-severity.yaml`);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      '✗ a wrong expectation fails with a diff  test/fixtures/scenarios/failing/wrong-severity.yaml',
    );
    expect(run.stdout).toContain(
      'step 3 (expect) at test/fixtures/scenarios/failing/wrong-severity.yaml:10:5: expectation failed',
    );
    expect(run.stdout).toContain('severity: expected 4, got 3');
    expect(run.stdout).toContain('tickets on desk count: expected 3, got 1');
    expect(run.stdout).toMatch(/00:00:00\.000 {2}desk_1 {2}fetch-incidents {2}ok {2}1 incident created/);
  });

  it('exits 1 when a scenario marked expectFailure passes, and says so in the JSON report', async () => {
    const run = await mirrorlab('run', `${fixtures}/expect-failure/looks-fixed.yaml`, '--reporter', 'json');
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as {
      summary: { unexpectedPasses: number; ok: boolean };
      scenarios: { status: string }[];
    };
    expect(report.summary).toMatchObject({ unexpectedPasses: 1, ok: false });
    expect(report.scenarios.map((s) => s.status)).toEqual(['xpass']);
    expect(run.stderr).toContain('the bug it reproduces looks fixed');
  });

  it('exits 2 and runs nothing when any file is invalid', async () => {
    const state = join(temp, 'never');
    const run = await mirrorlab(
      'run',
      `${fixtures}/ok`,
      `${fixtures}/broken/unknown-step.yaml`,
      `${fixtures}/broken/bad-duration.yaml`,
      '--save-state',
      state,
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'test/fixtures/scenarios/broken/unknown-step.yaml:6:5: unknown step "advanse"; did you mean "advance"?',
    );
    expect(run.stderr).toContain('mirrorlab run: 2 problems in 2 files; nothing ran.');
    expect(run.stdout).toBe('');
    expect(existsSync(state)).toBe(false);
  });

  it('exits 2 on an unknown reporter or a path that matches nothing', async () => {
    const [reporter, path] = await Promise.all([
      mirrorlab('run', `${fixtures}/ok`, '--reporter', 'tap'),
      mirrorlab('run', 'no/such/dir'),
    ]);
    expect([reporter.code, path.code]).toEqual([2, 2]);
    expect(reporter.stderr).toContain('unknown reporter. Use one of console, junit, json.');
    expect(path.stderr).toContain('nothing matches "no/such/dir"');
  });
});

describe('saved state', () => {
  it('saves both sides after a run and starts a later scenario from them', async () => {
    const state = join(temp, 'state');
    const run = await mirrorlab('run', `${fixtures}/ok/fetch-tickets.yaml`, '--save-state', state);
    expect(run.code).toBe(0);
    const dir = join(state, 'fetch-turns-helpdesk-tickets-into-incidents');
    const xsoar = JSON.parse(await readFile(join(dir, 'xsoar.json'), 'utf8')) as {
      world: { incidents: object };
      journal: unknown[];
      now: number;
    };
    const desk = JSON.parse(await readFile(join(dir, 'desk.json'), 'utf8')) as { tickets: object };
    expect(Object.keys(xsoar.world.incidents)).toHaveLength(2);
    expect(xsoar.journal).toHaveLength(2);
    expect(Object.keys(desk.tickets).sort()).toEqual(['T-1', 'T-2']);

    const file = join(temp, 'resume.yaml');
    await writeFile(
      file,
      [
        'name: resumes from saved state',
        `from: ./state/fetch-turns-helpdesk-tickets-into-incidents`,
        'remotes: { desk: { kind: helpdesk } }',
        `instances: { desk_1: { integration: ${join(root, fixtures, 'integrations/ticket-fetcher.ts')}, remote: desk } }`,
        'steps:',
        '  - expect: { incidents: { count: 2 }, tickets: { count: 2 } }',
        '  - remote: { desk: { create: { title: Third ticket } } }',
        '  - fetch: desk_1',
        '  - expect: { incidents: { count: 3, match: [{ name: Third ticket }] }, calls: { since: start, count: 1 } }',
      ].join('\n'),
    );
    const result = await runScenario(await loadScenarioFile(file, { cwd: temp }));
    expect(result.failure?.message).toBeUndefined();
    expect(result.status).toBe('passed');
  });

  it('skips a scenario that needs a content checkout when there is none, in every reporter, and exits 0', async () => {
    const file = `${fixtures}/content/needs-content.yaml`;
    const reason =
      'needs a content checkout for content:Packs/HelloWorld/Integrations/HelloWorld/HelloWorld.yml';
    const clean = { ...process.env, MIRRORLAB_CONTENT_ROOT: '' };
    const run = (...args: string[]) =>
      new Promise<CliRun>((done) =>
        execFile(
          process.execPath,
          ['--import', 'tsx', 'harness/cli.ts', ...args],
          { cwd: root, env: clean },
          (e, stdout, stderr) => done({ code: e ? ((e as { code?: number }).code ?? 1) : 0, stdout, stderr }),
        ),
      );
    const text = await run('run', file);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`(skipped: ${reason}: pass --content-root`);
    expect(text.stdout).toContain('0 passed, 1 skipped');
    const junit = await run('run', file, '--reporter', 'junit');
    expect(junit.code).toBe(0);
    expect(junit.stdout).toContain(`<skipped message="${reason}`);
    expect(junit.stdout).toMatch(
      /<testsuites name="mirrorlab" tests="1" failures="0" errors="0" skipped="1"/,
    );
    expect(parseJUnit(junit.stdout)).toBe('a scenario that runs a content integration');
    const json = await run('run', file, '--reporter', 'json');
    const report = JSON.parse(json.stdout) as {
      summary: { skipped: number };
      scenarios: { status: string; skipReason: string }[];
    };
    expect(report.summary.skipped).toBe(1);
    expect(report.scenarios[0]).toMatchObject({
      status: 'skipped',
      skipReason: expect.stringContaining(reason),
    });
    const required = await run('run', file, '--require-content');
    expect(required.code).toBe(1);
    expect(required.stdout).toContain('no content root is set. Pass --content-root');
  });

  it("splits a run with --shard i/n and merges the shards' JSON reports into one JUnit report", async () => {
    const dir = `${fixtures}/ok`;
    const a = join(temp, 'shard-1.json');
    const b = join(temp, 'shard-2.json');
    expect((await mirrorlab('run', dir, '--shard', '1/2', '--reporter', 'json', '--out', a)).code).toBe(0);
    expect((await mirrorlab('run', dir, '--shard', '2/2', '--reporter', 'json', '--out', b)).code).toBe(0);
    const files = async (f: string) =>
      (JSON.parse(await readFile(f, 'utf8')) as { scenarios: { file: string }[] }).scenarios.map(
        (s) => s.file,
      );
    expect([...(await files(a)), ...(await files(b))].sort()).toEqual([
      `${dir}/fault-then-recover.yaml`,
      `${dir}/fetch-tickets.yaml`,
    ]);
    const merged = await mirrorlab('merge-reports', a, b);
    expect(merged.code).toBe(0);
    expect(merged.stdout).toMatch(/<testsuites name="mirrorlab" tests="2" failures="0"/);
    const balanced = await mirrorlab('run', dir, '--shard', '1/2', '--durations', a, '--reporter', 'json');
    expect(balanced.code).toBe(0);
    expect((await mirrorlab('run', dir, '--shard', '3/2')).stderr).toContain('failed to read --shard "3/2"');
  }, 120_000);
});
