/** The Jira fake as a scenario remote (`kind: jira` in the registry), on a real port. */
import { afterEach, describe, expect, it } from 'vitest';
import { startRemote, type RemoteHandle } from '../../mocks/registry/index.ts';

const clock = { now: () => Date.parse('2026-04-01T09:00:00.000Z') };

describe('the jira remote kind', () => {
  let remote: RemoteHandle | undefined;
  afterEach(async () => {
    await remote?.close();
    remote = undefined;
  });

  it('serves the API where the integration joins server_url and cloud_id, and acts on issues', async () => {
    const started = await startRemote('j', { kind: 'jira', tickets: [{ summary: 'Phishing' }] }, { clock });
    remote = started;
    const params = started.instanceParams({}) as {
      server_url: string;
      cloud_id: string;
      basic_credentials: { identifier: string; password: string };
    };
    // Python's urljoin(server_url, cloud_id) with the trailing slash keeps the path.
    const base = new URL(params.cloud_id, params.server_url).toString();
    const auth = `Basic ${Buffer.from(`${params.basic_credentials.identifier}:${params.basic_credentials.password}`).toString('base64')}`;
    const me = await fetch(`${base}/rest/api/3/myself`, { headers: { authorization: auth } });
    expect(me.status).toBe(200);

    started.act({ create: { summary: 'Malware' } });
    started.act({ comment: 'SOC-2', body: 'seen on WS-1' });
    started.act({ attach: 'SOC-2', name: 'ioc.txt', body: '1.2.3.4' });
    started.act({ close: 'SOC-2', reason: "Won't Do" });
    expect(started.item('SOC-2')).toMatchObject({ status: 'Done', resolution: "Won't Do" });
    // Issues as a person reads them: ADF as text, times as ISO strings in UTC, names beside ids.
    expect(started.comments('SOC-2')).toEqual([
      expect.objectContaining({
        body: 'seen on WS-1',
        authorName: 'SOC Bot',
        created: '2026-04-01T09:00:00.000Z',
      }),
    ]);
    expect(started.item('SOC-2')).toMatchObject({
      summary: 'Malware',
      description: '',
      updated: '2026-04-01T09:00:00.000Z',
    });
    expect(started.attachments('SOC-2')).toMatchObject([{ filename: 'ioc.txt', size: 7 }]);
    const saved = remote.snapshot();
    started.act({ reopen: 'SOC-2' });
    started.act({ delete: 'SOC-1' });
    expect(started.items()).toMatchObject([{ key: 'SOC-2', status: 'To Do', resolution: null }]);
    remote.restore(saved);
    expect(started.items()).toHaveLength(2);
  });
});
