/**
 * The errors a new user meets first, each one clear line naming the fix instead of silence or a
 * traceback: a Python integration without its YAML, CommonServerPython not found, a required param
 * missing, an unknown built-in.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHarness } from '../../harness/index.ts';

const root = join(import.meta.dirname, '..', '..');
const tsx = join(root, 'node_modules', '.bin', 'tsx');
const noYaml = join(root, 'test', 'fixtures', 'python', 'no_yaml', 'needs_csp.py');

function cli(...args: string[]) {
  const run = spawnSync(tsx, ['harness/cli.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
    env: { PATH: process.env.PATH, HOME: process.env.HOME },
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('errors a new user meets', () => {
  it('refuses a Python integration without its YAML at load time, naming the two fixes', async () => {
    await expect(createHarness({ instances: { desk_1: { integration: noYaml } } })).rejects.toThrow(
      /instance "desk_1": .*needs_csp\.py has no YAML beside it \(needs_csp\.yml\).*flags: \{ isfetch: true/,
    );
  });

  it('takes the flags from the instance when a Python integration has no YAML', async () => {
    const h = await createHarness({
      instances: { desk_1: { integration: noYaml, flags: { isfetch: true, isremotesyncin: true } } },
    });
    expect(h.world().instances.desk_1!.flags).toEqual({
      isfetch: true,
      ismappable: false,
      isremotesyncin: true,
      isremotesyncout: false,
    });
    await h.close();
  });

  it('names --content-root and MIRRORLAB_CONTENT_ROOT when CommonServerPython is not found', () => {
    const run = cli('exec', noYaml, 'test-module');
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('it imports CommonServerPython, and no content checkout holding');
    expect(run.stderr).toContain(
      'Pass --content-root <demisto/content checkout> or set MIRRORLAB_CONTENT_ROOT',
    );
    expect(run.stderr).not.toContain('ModuleNotFoundError');
  });

  it('lists the required params that exec was not given', () => {
    const run = cli('exec', 'builtin:helpdesk', 'test-module');
    expect(run.code).toBe(2);
    expect(run.stderr.split('\n')[0]).toBe(
      'mirrorlab exec: failed to run test-module: Helpdesk requires the params url (Server URL (e.g. http://127.0.0.1:8081)), api_key (API key). Pass --param url=… --param api_key=…',
    );
  });

  it('runs a built-in integration by name and refuses an unknown one with the list', async () => {
    const run = cli(
      'exec',
      'builtin:helpdesk',
      'get-mapping-fields',
      '--param',
      'url=http://127.0.0.1:1',
      '--param',
      'api_key=k',
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Helpdesk Ticket');
    await expect(createHarness({ instances: { x: { integration: 'builtin:nope' } } })).rejects.toThrow(
      'integrations: failed to find "builtin:nope": no such built-in integration. Built-ins: builtin:helpdesk, builtin:helpdesk-py.',
    );
  });
});
