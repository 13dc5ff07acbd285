/**
 * Opt-in: HelloWorld, unmodified from a content checkout, through the whole engine — its YAML gives
 * the flags and param defaults, the real CommonServerPython runs in a warm python3 worker.
 *
 * Written against the current HelloWorld (HelloWorld.yml of commit 008105d3, dockerimage
 * demisto/python3:3.11.10): its API key is the type-9 `credentials` password, checked against
 * "dummy-key" before any command, and its Client makes the alerts up itself (ids counting on from
 * lastRun's `last_ids`, dated one minute after `last_fetch`, named "XSOAR Test Alert #<n>"),
 * so no HTTP request leaves it. The `url` param points at a local server that records requests
 * to prove that. The 2021 generation (`GET /api/v1/get_alerts` with a Bearer `apikey`) is gone.
 *   MIRRORLAB_CONTENT_ROOT=/path/to/content npx vitest run test/optin/helloworld.test.ts
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../harness/index.ts';
import { announceRevisions, contentSuite, revisionLabel } from '../support/content-revisions.ts';

const dir = 'Packs/HelloWorld/Integrations/HelloWorld';
const { contentRoot, skipReason, revisions } = contentSuite('HelloWorld', [
  `${dir}/HelloWorld.py`,
  `${dir}/HelloWorld.yml`,
  'Packs/Base/Scripts/CommonServerPython/CommonServerPython.py',
]);
const yml = join(contentRoot, dir, 'HelloWorld.yml');

const KEY = 'dummy-key';
const MINUTE = 60_000;

interface FetchedAlert {
  id: number;
  name: string;
  severity: string;
  date: string;
  status: string;
}

describe.skipIf(skipReason !== undefined)(
  `HelloWorld from the content checkout (${revisionLabel(revisions)})`,
  () => {
    let server: Server;
    let url = '';
    let harness: Harness;
    const requests: string[] = [];

    beforeAll(async () => {
      announceRevisions('HelloWorld suite', revisions);
      server = createServer((req, res) => {
        requests.push(`${req.method} ${req.url}`);
        res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
      });
      await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      harness = await createHarness({
        python: { contentRoot },
        instances: {
          hello_1: {
            integration: yml,
            params: {
              url,
              credentials: { password: KEY },
              insecure: true,
              max_fetch: '2',
              severity: 'critical',
            },
            fetch: { enabled: false },
          },
        },
      });
    }, 60_000);

    afterAll(async () => {
      await harness?.close();
      await new Promise((done) => server?.close(done));
    });

    it('reads flags and param defaults from HelloWorld.yml', () => {
      const instance = harness.world().instances.hello_1!;
      expect(instance.flags.isfetch).toBe(true);
      expect(instance.brand).toBe('HelloWorld');
      expect(instance.params.first_fetch).toBe('3 days');
      expect(instance.params.threshold_ip).toBe('65');
      expect(instance.params.integrationReliability).toBe('C - Fairly reliable');
    });

    it('passes test-module with the dummy key', async () => {
      const result = await harness.runCommand('hello_1', 'test-module');
      expect(result.outcome, result.error).toBe('ok');
      expect(result.entries).toEqual([{ Type: 1, Contents: 'ok', ContentsFormat: 'text' }]);
    });

    it('fetches made-up alerts page by page with lastRun, never twice, a minute apart', async () => {
      const first = await harness.fetch('hello_1');
      expect(first.outcome, first.message).toBe('ok');
      expect(harness.incidents.list().map((i) => i.name)).toEqual([
        'XSOAR Test Alert #1',
        'XSOAR Test Alert #2',
      ]);
      const lastRun = harness.world().instances.hello_1!.state.lastRun as {
        last_fetch: string;
        last_ids: number[];
      };
      expect(lastRun.last_ids).toEqual([1, 2]);
      await harness.fetch('hello_1');
      await harness.fetch('hello_1');
      const incidents = harness.incidents.list();
      expect(incidents.map((i) => i.name)).toEqual([1, 2, 3, 4, 5, 6].map((n) => `XSOAR Test Alert #${n}`));
      expect(incidents.map((i) => i.severity)).toEqual([4, 4, 4, 4, 4, 4]);
      // Each fetch dates its alerts one minute after the previous last_fetch.
      const occurred = [...new Set(incidents.map((i) => Date.parse(String(i.occurred))))];
      expect(occurred).toHaveLength(3);
      expect([occurred[1]! - occurred[0]!, occurred[2]! - occurred[1]!]).toEqual([MINUTE, MINUTE]);
      const raw = JSON.parse(String(incidents[5]!.rawJSON)) as FetchedAlert;
      expect(raw).toMatchObject({
        id: 6,
        severity: 'critical',
        status: 'Testing',
        name: 'XSOAR Test Alert #6',
      });
    });

    it('lists alerts and says hello with its commands', async () => {
      const list = await harness.runCommand('hello_1', 'helloworld-alert-list', {
        severity: 'low',
        limit: '3',
      });
      expect(list.outcome, list.error).toBe('ok');
      const context = list.entries[0]?.EntryContext as Record<string, FetchedAlert[]>;
      expect(Object.values(context)[0]!.map((a) => [a.id, a.severity])).toEqual([
        [1, 'low'],
        [2, 'low'],
        [3, 'low'],
      ]);
      const hello = await harness.runCommand('hello_1', 'helloworld-say-hello', { name: 'mirrorlab' });
      expect(hello.entries[0]?.HumanReadable).toBe('## Hello mirrorlab');
    });

    it('reports a wrong API key as the exception HelloWorld raises before any command', async () => {
      const wrong = await createHarness({
        python: { contentRoot },
        instances: {
          hello_bad: {
            integration: yml,
            params: { url, credentials: { password: 'nope' } },
            fetch: { enabled: false },
          },
        },
      });
      try {
        const result = await wrong.runCommand('hello_bad', 'test-module');
        expect(result.outcome).not.toBe('ok');
        expect(result.error).toContain('Invalid Credentials. Please Verify your Connection parameters.');
      } finally {
        await wrong.close();
      }
    });

    it('never calls the url it is given: the current HelloWorld makes its data up', () => {
      expect(requests).toEqual([]);
    });
  },
);
