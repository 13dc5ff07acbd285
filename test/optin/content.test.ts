/**
 * Opt-in: real content code through the real CommonServerPython. Needs a content checkout:
 *   MIRRORLAB_CONTENT_ROOT=/path/to/content npx vitest run test/optin/content.test.ts
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunRequest } from '../../harness/core/index.ts';
import { createPythonRunner, type PythonRunner } from '../../harness/runtime/python/index.ts';

const contentRoot = process.env.MIRRORLAB_CONTENT_ROOT;
const skipReason = contentRoot
  ? undefined
  : 'set MIRRORLAB_CONTENT_ROOT to a demisto/content checkout to run the content suite';
const mirrorDesk = join(import.meta.dirname, '..', 'fixtures', 'python', 'mirror_desk', 'MirrorDesk.py');

if (skipReason) console.warn(`content suite skipped: ${skipReason}`);

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

describe.skipIf(!contentRoot)('content integrations through the real CommonServerPython', () => {
  let runner: PythonRunner;
  let server: Server;
  let url = '';
  const tickets = [
    { id: 'T-1', title: 'Phishing mail', updated: 1_700_000_000, closed: false },
    { id: 'T-2', title: 'Malware', updated: 1_700_000_100, closed: true },
  ];

  beforeAll(async () => {
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
      expect.objectContaining({ name: 'Malware', dbotMirrorId: 'T-2', occurred: '2023-11-14T22:15:00.000Z' }),
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
});
