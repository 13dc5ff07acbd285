/**
 * `mirrorlab exec` and `mirrorlab setup` as users run them: a real `tsx harness/cli.ts` process,
 * real python3 for Python integrations, JSON on stdout and the exit code.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { aptInstallCommand, planSetup } from '../../harness/setup/index.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const tsx = join(root, 'node_modules', '.bin', 'tsx');

function cli(...args: string[]) {
  const run = spawnSync(tsx, ['harness/cli.ts', ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('mirrorlab exec', () => {
  it('runs a TypeScript integration command and prints its entries as JSON', () => {
    const run = cli(
      'exec',
      'test/fixtures/ts/echo-desk.ts',
      'test-module',
      '--param',
      'url=http://127.0.0.1:1',
    );
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as { outcome: string; entries: unknown[] };
    expect(out.outcome).toBe('ok');
    expect(out.entries).toEqual([{ Type: 1, Contents: 'ok', ContentsFormat: 'text' }]);
  });

  it('runs a Python integration in python3 and exits 1 with the error entry when the command fails', () => {
    const run = cli('exec', 'test/fixtures/python/outcomes.py', 'return-error');
    expect(run.code).toBe(1);
    const out = JSON.parse(run.stdout) as { outcome: string; entries: { Type: number }[] };
    expect(out.outcome).toBe('error-entry');
    expect(out.entries.some((e) => e.Type === 4)).toBe(true);
  });

  it('builds object params such as type-9 credentials from dotted keys', () => {
    const run = cli(
      'exec',
      'test/fixtures/ts/echo-params.ts',
      'echo-params',
      '--param',
      'url=http://x',
      '--param',
      'credentials.password=s3cret',
      '--param',
      'credentials.identifier=me',
    );
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as { entries: { Contents: string }[] };
    expect(JSON.parse(out.entries[0]!.Contents)).toEqual({
      url: 'http://x',
      credentials: { password: 's3cret', identifier: 'me' },
    });
  });

  it('rejects a malformed --param with one clear line and exit 2', () => {
    const run = cli('exec', 'test/fixtures/ts/echo-desk.ts', 'test-module', '--param', 'no-equals-sign');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('exec: failed to read --param "no-equals-sign": expected key=value');
    expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace without --debug
  });

  it('names the missing file when the integration does not exist', () => {
    const run = cli('exec', 'test/fixtures/ts/nope.ts', 'test-module');
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/nope\.ts/);
  });
});

describe('mirrorlab setup', () => {
  it('lists what the tests need and installs nothing in a dry run when all is present', () => {
    const run = cli('setup', '--for', 'test', '--dry-run');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/setup: present: python3 3\.\d+, requests, .*chromium/);
    expect(run.stdout).toContain('setup: nothing to install');
  });

  it('needs nothing and no root for the demo, whose integration is TypeScript', () => {
    const run = cli('setup', '--for', 'start');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('setup: nothing to install for the demo');
  });

  it("installs only what is used: python modules for python, chromium only for this repository's tests", () => {
    const facts = {
      pythonVersion: [3, 11] as [number, number],
      missingModules: ['requests'],
      browserPresent: false,
    };
    expect(planSetup('start', facts).install).toEqual([]);
    expect(planSetup('python', facts).install).toEqual(['python3-requests']);
    expect(planSetup('test', facts).install).toEqual(['python3-requests', 'chromium']);
    expect(planSetup('test', { ...facts, browserPresent: true }).install).toEqual(['python3-requests']);
  });

  it('asks for distutils as python3-distutils before Python 3.12 and through setuptools after (Debian 13 has no python3-distutils)', () => {
    const missing = { missingModules: ['distutils'], browserPresent: true };
    expect(planSetup('python', { ...missing, pythonVersion: [3, 11] }).install).toEqual([
      'python3-distutils',
    ]);
    expect(planSetup('python', { ...missing, pythonVersion: [3, 13] }).install).toEqual([
      'python3-setuptools',
    ]);
  });

  it('installs the whole stack when there is no python3 at all', () => {
    const plan = planSetup('python', { pythonVersion: null, missingModules: [], browserPresent: true });
    expect(plan.install[0]).toBe('python3');
    expect(plan.install).toContain('python3-dateparser');
  });

  it('refuses an unknown purpose with the list of purposes', () => {
    const run = cli('setup', '--for', 'everything');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('is not one of python, start, test');
  });

  it('builds one apt-get command for what is missing', () => {
    expect(aptInstallCommand(['python3-requests', 'chromium'])).toMatch(
      /apt-get install -y --no-install-recommends python3-requests chromium/,
    );
  });
});
