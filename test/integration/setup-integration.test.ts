/**
 * `mirrorlab setup --integration / --scenarios`: the modules an integration imports (its ApiModules
 * included) and its docker image decide what setup installs, read by the real /usr/bin/python3.
 * Every run is a dry run: tests never apt-get install (they run as root on CI).
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findIntegrationNeeds } from '../../harness/setup/index.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const tsx = join(root, 'node_modules', '.bin', 'tsx');
const deps = 'test/fixtures/python/deps';
const needy = `${deps}/content/Packs/Needy/Integrations/Needy/Needy.yml`;

function cli(...args: string[]) {
  // Without MIRRORLAB_CONTENT_ROOT, whatever the caller's environment says.
  const env = { ...process.env, MIRRORLAB_CONTENT_ROOT: '' };
  const run = spawnSync(tsx, ['harness/cli.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
    env,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** Whether /usr/bin/python3 imports `module` here (exchangelib is absent from this project's machines). */
function importable(module: string): boolean {
  return spawnSync('/usr/bin/python3', ['-c', `import ${module}`]).status === 0;
}

describe('what an integration needs', () => {
  it('lists third-party imports of the code and its ApiModules, and the modules of its docker image', async () => {
    const { needs } = await findIntegrationNeeds('/usr/bin/python3', [join(root, needy)]);
    expect(needs).toHaveLength(1);
    expect(needs[0]!.image).toBe('demisto/btfl-soup');
    expect(needs[0]!.modules).toEqual([
      { module: 'requests', via: 'Needy.py:11' },
      { module: 'exchangelib', via: 'Needy.py:12' },
      { module: 'bs4', via: 'Needy.py:13' },
      { module: 'xmltodict', via: 'FixtureApiModule.py:2' },
      { module: 'msal', via: 'FixtureBaseApiModule.py:2' },
    ]);
  });

  it('skips the standard library, XSOAR modules, the integration files and optional imports', async () => {
    const { needs } = await findIntegrationNeeds('/usr/bin/python3', [join(root, needy)]);
    const names = needs[0]!.modules.map((m) => m.module);
    for (const skipped of [
      'json',
      'os',
      'datetime',
      'demistomock',
      'CommonServerPython',
      'CommonServerUserPython',
      'FixtureApiModule',
      'needy_helpers',
      'needy_local',
      'pandas',
    ])
      expect(names).not.toContain(skipped);
  });

  it('names a TypeScript integration as needing no Python module', async () => {
    const { needs } = await findIntegrationNeeds('/usr/bin/python3', [
      join(root, 'scenarios/integrations/helpdesk/helpdesk.yml'),
    ]);
    expect(needs[0]!.typescript).toBe(true);
    expect(needs[0]!.modules).toEqual([]);
  });
});

describe('mirrorlab setup --integration', () => {
  it.skipIf(importable('exchangelib'))(
    'says which package it would install for a missing import, and why, in a dry run',
    () => {
      const run = cli('setup', '--dry-run', '--integration', needy);
      expect(run.stdout).toContain(
        `setup: ${needy}: needs requests (Needy.py:11), exchangelib (Needy.py:12), bs4 (Needy.py:13), xmltodict (FixtureApiModule.py:2), msal (FixtureBaseApiModule.py:2); docker image demisto/btfl-soup`,
      );
      const would = run.stdout.split('\n').find((l) => l.startsWith('setup: would install'));
      expect(would).toContain('python3-exchangelib');
      expect(would).toMatch(/apt-get install -y --no-install-recommends .*python3-exchangelib/);
      expect(would).not.toContain('pandas');
      expect(run.code).toBe(0);
    },
  );

  it('fails in one line naming a module no Debian package provides', () => {
    const run = cli('setup', '--dry-run', '--integration', `${deps}/unknown_module.py`);
    expect(run.code).toBe(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toEqual([
      'setup: failed to find a Debian package for mirrorlab_fixture_unknown_module (imported at unknown_module.py:2): no known Debian package provides it. Install mirrorlab_fixture_unknown_module for /usr/bin/python3 by hand.',
    ]);
  });

  it('collects the integrations of scenario instances with --scenarios, built-ins included', () => {
    const run = cli('setup', '--dry-run', '--scenarios', `${deps}/needy.yaml`);
    expect(run.stdout).toContain(`setup: ${needy}: needs requests (Needy.py:11), exchangelib (Needy.py:12)`);
    expect(run.stdout).toContain(
      'setup: scenarios/integrations/helpdesk_py/helpdesk_py.yml: needs requests (helpdesk_py.py:16); docker image demisto/python3',
    );
  });

  it('skips a content: integration without a content root, saying so, as mirrorlab run does', () => {
    const run = cli('setup', '--dry-run', '--scenarios', `${deps}/content-path.yaml`);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      `setup: skipped content:Packs/HelloWorld/Integrations/HelloWorld/HelloWorld.yml of ${deps}/content-path.yaml: no content root is set`,
    );
  });

  it('rejects code that does not parse with one line and exit 2, installing nothing', () => {
    const run = cli('setup', '--dry-run', '--integration', `${deps}/broken_syntax.py`);
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toMatch(
      /^setup: failed to read the imports of .*broken_syntax\.py: line 2: invalid syntax\. Fix the syntax error first\.$/,
    );
    expect(run.stdout).not.toContain('would install');
  });

  it('names a missing integration file', () => {
    const run = cli('setup', '--dry-run', '--integration', `${deps}/nope.py`);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('nope.py: no such file');
  });
});

describe('mirrorlab exec on an integration whose import is missing', () => {
  it.skipIf(importable('exchangelib'))(
    'fails in one line naming the Debian package and the setup command that installs it',
    () => {
      const run = cli('exec', `${deps}/missing_at_run.py`, 'test-module');
      expect(run.code).toBe(1);
      const out = JSON.parse(run.stdout) as { outcome: string; error: string };
      expect(out.outcome).toBe('exception');
      expect(out.error).toBe(
        `python: failed to import exchangelib: the module is not installed for this interpreter. Run \`mirrorlab setup --integration ${join(root, deps, 'missing_at_run.py')}\` or: apt-get install -y python3-exchangelib`,
      );
    },
  );
});
