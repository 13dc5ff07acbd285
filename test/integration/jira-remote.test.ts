/** The Jira fake as a RemoteHandle (what the vendor registry will wire), on a real port. */
import { afterEach, describe, expect, it } from 'vitest';
import type { RemoteHandle } from '../../mocks/shared/index.ts';
import { startJiraRemote } from '../../mocks/ticketing/jira/index.ts';

const clock = { now: () => Date.parse('2026-04-01T09:00:00.000Z') };

describe('startJiraRemote', () => {
  let remote: RemoteHandle | undefined;
  afterEach(async () => {
    await remote?.close();
    remote = undefined;
  });

  it('serves the API where the integration joins server_url and cloud_id, and acts on issues', async () => {
    remote = await startJiraRemote('j', { kind: 'jira', tickets: [{ summary: 'Phishing' }] }, { clock });
    const params = remote.instanceParams({}) as {
      server_url: string;
      cloud_id: string;
      basic_credentials: { identifier: string; password: string };
    };
    // Python's urljoin(server_url, cloud_id) with the trailing slash keeps the path.
    const base = new URL(params.cloud_id, params.server_url).toString();
    const auth = `Basic ${Buffer.from(`${params.basic_credentials.identifier}:${params.basic_credentials.password}`).toString('base64')}`;
    const me = await fetch(`${base}/rest/api/3/myself`, { headers: { authorization: auth } });
    expect(me.status).toBe(200);

    remote.act({ create: { summary: 'Malware' } });
    remote.act({ comment: 'SOC-2', body: 'seen on WS-1' });
    remote.act({ attach: 'SOC-2', name: 'ioc.txt', body: '1.2.3.4' });
    remote.act({ close: 'SOC-2', reason: "Won't Do" });
    expect(remote.item('SOC-2')).toMatchObject({ status: 'Done', resolution: "Won't Do" });
    expect(remote.comments('SOC-2')).toHaveLength(1);
    expect(remote.attachments('SOC-2')).toMatchObject([{ filename: 'ioc.txt', size: 7 }]);
    const saved = remote.snapshot();
    remote.act({ reopen: 'SOC-2' });
    remote.act({ delete: 'SOC-1' });
    expect(remote.items()).toMatchObject([{ key: 'SOC-2', status: 'To Do', resolution: null }]);
    remote.restore(saved);
    expect(remote.items()).toHaveLength(2);
  });
});
