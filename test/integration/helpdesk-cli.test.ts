import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { recordingCliContext } from '../support/cli-context.ts';
import { startRemoteCli } from '../support/remote-cli.ts';
import { describe, expect, it } from 'vitest';
import { command } from '../../harness/cli/remote.ts';

describe('mirrorlab remote', () => {
  it('serves the helpdesk with its lowdb file, prints URL and key, and stops when aborted', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'remote-cli-'));
    try {
      const { url, lines, stop } = await startRemoteCli(
        'helpdesk',
        { port: '0', tickets: '3', seed: '4', 'api-key': 'cli-key', 'data-dir': 'state' },
        dir,
      );
      expect(lines.join('\n')).toContain('Bearer cli-key');
      expect(lines.join('\n')).toContain(join(dir, 'state', 'helpdesk.json'));
      const res = await fetch(`${url}/api/v1/tickets`, { headers: { authorization: 'Bearer cli-key' } });
      expect((await res.json()).total).toBe(3);
      expect(await stop()).toBe(0);
      await expect(fetch(`${url}/api/v1/tickets`)).rejects.toThrow();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('serves ServiceNow with its lowdb file, keeps records across a restart, never prints the password', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'remote-cli-'));
    try {
      const start = () =>
        startRemoteCli(
          'servicenow',
          { port: '0', tickets: '2', username: 'svc', password: 'pw-secret' },
          dir,
        );
      const auth = { authorization: `Basic ${Buffer.from('svc:pw-secret').toString('base64')}` };
      const first = await start();
      expect(first.lines.join('\n')).not.toContain('pw-secret');
      await fetch(`${first.url}/api/now/table/incident`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ short_description: 'kept' }),
      });
      expect(await first.stop()).toBe(0);
      const second = await start();
      const res = await fetch(`${second.url}/api/now/table/incident?sysparm_query=short_description=kept`, {
        headers: auth,
      });
      expect(((await res.json()) as { result: unknown[] }).result).toHaveLength(1);
      expect(await second.stop()).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('names the known kinds when given an unknown one', async () => {
    const { ctx } = recordingCliContext(tmpdir());
    await expect(command.run({}, ['pagerduty'], ctx)).rejects.toThrow(
      /unknown kind "pagerduty"\. Known kinds: helpdesk, servicenow, zendesk, jira/,
    );
    await expect(command.run({ port: 'x' }, ['helpdesk'], ctx)).rejects.toThrow(/failed to read --port/);
  });
});
