/**
 * `mirrorlab exec` and `mirrorlab setup` as users run them: a real `tsx harness/cli.ts` process,
 * real python3 for Python integrations, JSON on stdout and the exit code.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { aptInstallCommand, packagesFor, PYTHON_PACKAGES } from '../../harness/setup/index.ts';

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
    expect(run.stdout + run.stderr).toMatch(/setup: \d+\/\d+ Debian packages present/);
  });

  it('asks for chromium only for tests and only without a Playwright browser', () => {
    expect(packagesFor('start', false)).toEqual([...PYTHON_PACKAGES]);
    expect(packagesFor('test', false)).toContain('chromium');
    expect(packagesFor('test', true)).not.toContain('chromium');
  });

  it('builds one apt-get command for what is missing', () => {
    expect(aptInstallCommand(['python3-requests', 'chromium'])).toMatch(
      /apt-get install -y --no-install-recommends python3-requests chromium/,
    );
  });
});
