/**
 * ServiceNow as a scenario remote (kind: servicenow) and as `mirrorlab remote servicenow`: the
 * RemoteHandle's actions, items, comments and wiring, and what the CLI prints.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRemote, type RemoteHandle } from '../../mocks/registry/index.ts';
import { startRemoteCli } from '../support/remote-cli.ts';

let now = Date.parse('2026-05-01T07:00:00Z');
const clock = { now: () => now };
const SYS_ID = 'e'.repeat(32);

describe('servicenow remote handle', () => {
  let remote: RemoteHandle;
  const basic = () => `Basic ${Buffer.from('svc:pw').toString('base64')}`;

  beforeAll(async () => {
    remote = await startRemote(
      'snow',
      {
        kind: 'servicenow',
        username: 'svc',
        password: 'pw',
        tickets: [{ sys_id: SYS_ID, short_description: 'Phishing mail' }],
      },
      { clock },
    );
  });
  afterAll(async () => {
    await remote.close();
  });

  it('wires an instance with the url and basic-auth credentials', () => {
    expect(remote.instanceParams({})).toEqual({
      url: remote.url,
      credentials: { identifier: 'svc', password: 'pw' },
    });
    expect(remote.instanceParams({ urlParam: 'server', keyParam: 'creds' })).toHaveProperty('server');
  });

  it('acts on incidents by number or sys_id: update, comment, work note, close, reopen, delete', async () => {
    now += 60_000;
    remote.act({ update: 'INC0010001', fields: { urgency: '1' } });
    remote.act({ comment: 'INC0010001', body: 'Asked the user', author: 'beth' });
    remote.act({ comment: SYS_ID, body: 'Blocked the sender', internal: true });
    expect(remote.comments('INC0010001')).toEqual([
      expect.objectContaining({ element: 'comments', value: 'Asked the user', sys_created_by: 'beth' }),
      expect.objectContaining({ element: 'work_notes', value: 'Blocked the sender', sys_created_by: 'svc' }),
    ]);
    remote.act({ close: 'INC0010001', reason: 'Solved (Permanently)', notes: 'Sender blocked' });
    expect(remote.item(SYS_ID)).toMatchObject({
      state: '7',
      close_code: 'Solved (Permanently)',
      close_notes: 'Sender blocked',
      closed_at: '2026-05-01 07:01:00',
      urgency: '1',
    });
    remote.act({ reopen: SYS_ID });
    expect(remote.item('INC0010001')).toMatchObject({ state: '2', closed_at: '' });
    remote.act({ attach: SYS_ID, name: 'headers.txt', body: 'Received: from evil' });
    expect(remote.attachments(SYS_ID)).toEqual([expect.objectContaining({ file_name: 'headers.txt' })]);
    remote.act({ create: { short_description: 'Second one' } });
    expect(remote.items().map((i) => (i as { number: string }).number)).toEqual(['INC0010001', 'INC0010002']);
    remote.act({ delete: 'INC0010002' });
    expect(remote.items()).toHaveLength(1);
  });

  it('sets and lifts a rate limit, and injects faults, over its real port', async () => {
    remote.act({ rateLimit: { requests: 1, windowMs: 60_000 } });
    const get = () =>
      fetch(`${remote.url}/api/now/table/incident?sysparm_limit=1`, { headers: { authorization: basic() } });
    expect((await get()).status).toBe(200);
    expect((await get()).status).toBe(429);
    remote.act({ rateLimit: null });
    remote.addFault({ path: '/api/now/table/incident', status: 503, times: 1 });
    expect((await get()).status).toBe(503);
    expect((await get()).status).toBe(200);
  });

  it('restores a snapshot', () => {
    const saved = remote.snapshot();
    remote.act({ create: { short_description: 'temporary' } });
    remote.restore(saved);
    expect(remote.items()).toHaveLength(1);
  });
});

describe('mirrorlab remote servicenow', () => {
  it('prints the URL, the user, the default password and the OAuth endpoint', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'snow-cli-'));
    try {
      const { url, lines, stop } = await startRemoteCli(
        'servicenow',
        { port: '0', tickets: '1', 'client-id': 'cid', 'client-secret': 'sec' },
        dir,
        'Ctrl-C',
      );
      const text = lines.join('\n');
      expect(text).toContain('user:      admin');
      expect(text).toContain('password:  servicenow-dev-password   (default; set --password)');
      expect(text).toContain(`${url}/oauth_token.do`);
      expect(text).toContain(join(dir, '.mirrorlab', 'servicenow.json'));
      const token = await fetch(`${url}/oauth_token.do`, {
        method: 'POST',
        body: new URLSearchParams({
          grant_type: 'password',
          client_id: 'cid',
          client_secret: 'sec',
          username: 'admin',
          password: 'servicenow-dev-password',
        }),
      });
      expect(token.status).toBe(200);
      expect(await stop()).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
