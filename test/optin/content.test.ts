/**
 * Opt-in: real content code through the real CommonServerPython. Needs a content checkout:
 *   MIRRORLAB_CONTENT_ROOT=/path/to/content npx vitest run test/optin/content.test.ts
 */
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunRequest } from '../../harness/core/index.ts';
import { createPythonRunner, type PythonRunner } from '../../harness/runtime/python/index.ts';
import { announceRevisions, contentRevisions, revisionLabel } from '../support/content-revisions.ts';

const contentRoot = process.env.MIRRORLAB_CONTENT_ROOT;
const skipReason = contentRoot
  ? undefined
  : 'set MIRRORLAB_CONTENT_ROOT to a demisto/content checkout to run the content suite';
const mirrorDesk = join(import.meta.dirname, '..', 'fixtures', 'python', 'mirror_desk', 'MirrorDesk.py');

if (skipReason) console.warn(`content suite skipped: ${skipReason}`);
const CSP = 'Packs/Base/Scripts/CommonServerPython/CommonServerPython.py';
const cspRevisions = contentRoot ? contentRevisions(contentRoot, [CSP]) : [];

function request(integration: string, command: string, extra: Partial<RunRequest>): RunRequest {
  return {
    instance: 'content_1',
    brand: 'Content',
    integration,
    command,
    args: {},
    params: {},
    version: { version: '6.12.0', buildNumber: '12345', platform: 'xsoar' },
    state: { lastRun: {}, lastMirrorRun: {}, integrationContext: { context: {}, version: 0 } },
    investigationId: '9',
    isDebug: false,
    timeoutMs: 30_000,
    tz: 'UTC',
    ...extra,
  };
}

describe.skipIf(!contentRoot)(
  `content integrations through the real CommonServerPython (${revisionLabel(cspRevisions)})`,
  () => {
    let runner: PythonRunner;
    let server: Server;
    let url = '';
    const tickets = [
      { id: 'T-1', title: 'Phishing mail', updated: 1_700_000_000, closed: false },
      { id: 'T-2', title: 'Malware', updated: 1_700_000_100, closed: true },
    ];

    beforeAll(async () => {
      announceRevisions('content suite', cspRevisions);
      runner = createPythonRunner({ contentRoot: contentRoot!, poolSize: 2 });
      server = createServer((req, res) => {
        const u = new URL(req.url ?? '/', 'http://x');
        const one = /^\/tickets\/(.+)$/.exec(u.pathname);
        const body = one
          ? tickets.find((t) => t.id === one[1])
          : u.pathname === '/tickets'
            ? tickets.filter((t) => t.updated > Number(u.searchParams.get('since') ?? 0))
            : undefined;
        res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body ?? { error: 'not found' }));
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
      await runner?.close();
      await new Promise((r) => server?.close(r));
    });

    it('passes test-module through BaseClient against the local ticket API', async () => {
      const result = await runner.run(request(mirrorDesk, 'test-module', { params: { url } }));
      expect(result).toMatchObject({
        outcome: 'ok',
        entries: [{ Type: 1, Contents: 'ok', ContentsFormat: 'text' }],
      });
    });

    it('fetches incidents with lastRun and the versioned integration context', async () => {
      const result = await runner.run(
        request(mirrorDesk, 'fetch-incidents', {
          params: { url },
          state: {
            lastRun: { since: 1_700_000_050 },
            lastMirrorRun: {},
            integrationContext: { context: {}, version: 5 },
          },
        }),
      );
      expect(result.outcome).toBe('ok');
      expect(JSON.parse(String(result.entries[0]?.Contents))).toEqual([
        expect.objectContaining({
          name: 'Malware',
          dbotMirrorId: 'T-2',
          occurred: '2023-11-14T22:15:00.000Z',
        }),
      ]);
      expect(result.writes).toEqual({
        lastRun: { since: 1_700_000_100 },
        integrationContext: { context: { fetched: 1 }, version: 6 },
      });
    });

    it('returns get-mapping-fields, get-remote-data and get-modified-remote-data in the real CSP shapes', async () => {
      const mapping = await runner.run(request(mirrorDesk, 'get-mapping-fields', { params: { url } }));
      expect(JSON.parse(String(mapping.entries[0]?.Contents))).toEqual({
        'Desk Ticket': { title: 'Ticket title', state: 'open or closed' },
      });
      const remote = await runner.run(
        request(mirrorDesk, 'get-remote-data', {
          params: { url },
          args: { id: 'T-2', lastUpdate: '2023-11-14T00:00:00Z' },
        }),
      );
      expect(remote.outcome).toBe('ok');
      // [mirroredObject, ...entries]: the object goes through results() as a plain dict (JSON-string
      // Contents); the close entry already has Contents + ContentsFormat and passes unchanged.
      expect(JSON.parse(String(remote.entries[0]?.Contents))).toEqual(tickets[1]);
      expect(remote.entries[1]).toEqual({
        Type: 1,
        Contents: { dbotIncidentClose: true, closeReason: 'resolved' },
        ContentsFormat: 'json',
      });
      const modified = await runner.run(
        request(mirrorDesk, 'get-modified-remote-data', {
          params: { url },
          args: { lastUpdate: '2023-11-14T22:14:00Z' },
        }),
      );
      expect(modified.entries).toEqual([{ Contents: ['T-2'], Type: 1, ContentsFormat: 'json' }]);
    });

    it('turns a failing mirroring command into a return_error entry', async () => {
      const result = await runner.run(
        request(mirrorDesk, 'get-remote-data', { params: { url }, args: { id: 'T-404', lastUpdate: '0' } }),
      );
      expect(result.outcome).toBe('error-entry');
      expect(result.error).toContain('Failed to execute get-remote-data command');
    });
  },
);

// ---------------------------------------------------------------------------------------------
// Real content integrations, unmodified, from the checkout.

const helloWorldPy = join(
  contentRoot ?? '',
  'Packs',
  'HelloWorld',
  'Integrations',
  'HelloWorld',
  'HelloWorld.py',
);

/** Why a suite over `file` cannot run, or undefined when it can. */
function missing(file: string, what: string): string | undefined {
  if (!contentRoot) return skipReason;
  return existsSync(file) ? undefined : `no ${what} at ${file}`;
}

const helloWorldSkip = missing(helloWorldPy, 'HelloWorld.py');
if (helloWorldSkip) console.warn(`HelloWorld (content) skipped: ${helloWorldSkip}`);
const helloWorldRevisions = helloWorldSkip
  ? []
  : contentRevisions(contentRoot!, ['Packs/HelloWorld/Integrations/HelloWorld/HelloWorld.py', CSP]);

describe.skipIf(helloWorldSkip !== undefined)(
  `HelloWorld.py through the real CommonServerPython (${revisionLabel(helloWorldRevisions)})`,
  () => {
    // The current HelloWorld (see test/optin/helloworld.test.ts): the API key is the `credentials`
    // password, checked against "dummy-key" before any command, and the Client makes its alerts up
    // (ids from lastRun's last_ids, dated a minute after last_fetch), so no request leaves it.
    const KEY = 'dummy-key';
    const lastFetch = '2023-11-14T22:13:20Z';
    const seen: string[] = [];
    let runner: PythonRunner;
    let server: Server;
    let url = '';

    beforeAll(async () => {
      announceRevisions('content suite (HelloWorld)', helloWorldRevisions);
      runner = createPythonRunner({ contentRoot: contentRoot!, poolSize: 1 });
      server = createServer((req, res) => {
        seen.push(`${req.method} ${req.url}`);
        res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    }, 60_000);
    afterAll(async () => {
      await runner?.close();
      await new Promise((r) => server?.close(r));
    });

    const hello = (command: string, extra: Partial<RunRequest> = {}) =>
      request(helloWorldPy, command, { brand: 'HelloWorld', ...extra });
    const params = (more: Record<string, string> = {}) => ({ url, credentials: { password: KEY }, ...more });

    it('passes test-module with the dummy key, calling no API', async () => {
      const result = await runner.run(hello('test-module', { params: params() }));
      expect(result.outcome, result.error).toBe('ok');
      expect(result.entries).toEqual([{ Type: 1, Contents: 'ok', ContentsFormat: 'text' }]);
      expect(seen).toEqual([]);
    });

    it('fails any command with a wrong key as the exception validate_api_key raises', async () => {
      const result = await runner.run(
        hello('test-module', { params: { url, credentials: { password: 'wrong' } } }),
      );
      expect(result.outcome).toBe('exception');
      expect(result.error).toContain(
        'DemistoException: Invalid Credentials. Please Verify your Connection parameters.',
      );
    });

    it('fetches the alerts after lastRun, a minute after last_fetch, and moves lastRun on', async () => {
      const result = await runner.run(
        hello('fetch-incidents', {
          params: params({ severity: 'high', max_fetch: '2' }),
          state: {
            lastRun: { last_fetch: lastFetch, last_ids: [7, 8] },
            lastMirrorRun: {},
            integrationContext: { context: {}, version: 0 },
          },
        }),
      );
      expect(result.outcome, result.error).toBe('ok');
      const incidents = JSON.parse(String(result.entries[0]?.Contents)) as Record<string, unknown>[];
      expect(incidents.map((i) => [i.name, i.severity, i.occurred])).toEqual([
        ['XSOAR Test Alert #9', 3, '2023-11-14T22:14:20Z'],
        ['XSOAR Test Alert #10', 3, '2023-11-14T22:14:20Z'],
      ]);
      expect(JSON.parse(String(incidents[0]?.rawJSON))).toEqual({
        id: 9,
        name: 'XSOAR Test Alert #9',
        severity: 'high',
        date: '2023-11-14T22:14:20Z',
        status: 'Testing',
      });
      expect(result.writes?.lastRun).toEqual({ last_fetch: '2023-11-14T22:14:20Z', last_ids: [9, 10] });
      expect(seen).toEqual([]);
    });

    // CSP's return_error raises instead of writing an error entry when the server runs the command
    // itself (fetch-incidents is one), so the fetch fails as an exception, not a War Room entry.
    it('ends a fetch with an unknown severity as an exception raised by return_error', async () => {
      const result = await runner.run(hello('fetch-incidents', { params: params({ severity: 'urgent' }) }));
      expect(result.outcome).toBe('exception');
      expect(result.entries).toEqual([]);
      expect(result.error).toContain('Failed to execute fetch-incidents command.');
      expect(result.error).toContain("'urgent'");
    });
  },
);
