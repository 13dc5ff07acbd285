/**
 * Zendesk as a registry kind: `mirrorlab remote zendesk` with its lowdb file, and a harness remote
 * (scenario `remotes: { zd: { kind: zendesk } }`) driven by remote actions on the harness clock.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRemoteCli } from '../support/remote-cli.ts';
import { describe, expect, it } from 'vitest';
import { createHarness } from '../../harness/index.ts';

describe('mirrorlab remote zendesk', () => {
  it('serves Zendesk with its lowdb file, keeps tickets across a restart, never prints a given token', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'remote-zd-'));
    try {
      const start = () =>
        startRemoteCli('zendesk', { port: '0', tickets: '2', 'api-token': 'tok-secret' }, dir);
      const auth = {
        authorization: `Basic ${Buffer.from('admin@mirrorlab.example/token:tok-secret').toString('base64')}`,
        'content-type': 'application/json',
      };
      const first = await start();
      expect(first.lines.join('\n')).not.toContain('tok-secret');
      expect(first.lines.join('\n')).toContain(join(dir, '.mirrorlab', 'zendesk.json'));
      const created = await fetch(`${first.url}/api/v2/tickets.json`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ ticket: { subject: 'kept', comment: { body: 'across restarts' } } }),
      });
      expect(created.status).toBe(201);
      expect(await first.stop()).toBe(0);
      const second = await start();
      const res = await fetch(`${second.url}/api/v2/search/count.json?query=subject:kept`, { headers: auth });
      expect(await res.json()).toEqual({ count: 1 });
      expect(await second.stop()).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('zendesk as a harness remote', () => {
  it('wires base_url and email/token credentials, takes remote actions, refuses a closed ticket', async () => {
    const harness = await createHarness({
      start: '2026-04-01T09:00:00Z',
      remotes: {
        zd: {
          kind: 'zendesk',
          tickets: [{ subject: 'VPN down', description: 'since 9am', priority: 'low' }],
        },
      },
    });
    try {
      const zd = harness.remotes.zd!;
      expect(zd.instanceParams({})).toEqual({
        base_url: zd.url,
        credentials: { identifier: 'admin@mirrorlab.example/token', password: 'zendesk-dev-token' },
      });
      await harness.advance('2m');
      zd.act({ comment: 1, body: 'checking the concentrator', internal: true });
      zd.act({ attach: 1, name: 'trace.txt', body: 'packet trace' });
      expect(zd.item('1')).toMatchObject({ subject: 'VPN down', updated_at: '2026-04-01T09:02:00Z' });
      expect(zd.comments('1')).toMatchObject([
        { body: 'since 9am', public: true },
        { body: 'checking the concentrator', public: false },
        { body: 'trace.txt' },
      ]);
      expect(zd.attachments('1')).toMatchObject([{ file_name: 'trace.txt', size: 12 }]);
      zd.act({ close: 1 });
      expect(zd.item('1')).toMatchObject({ status: 'closed' });
      expect(() => zd.act({ reopen: 1 })).toThrow('Status: closed prevents ticket update');
      expect(() => zd.act({ close: 1, reason: 'done' })).toThrow('failed to close');
      zd.act({ delete: 1 });
      expect(zd.items()).toEqual([]);
    } finally {
      await harness.close();
    }
  });
});
