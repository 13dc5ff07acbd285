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

describe.skipIf(helloWorldSkip !== undefined)('HelloWorld.py through the real CommonServerPython', () => {
  // The HTTP generation of HelloWorld: BaseClient on `<url>/api/v1`, `Authorization: Bearer <key>`,
  // `GET /get_alerts?start_time=&max_results=&severity=` answering a JSON list of alerts.
  const KEY = 'hello-key';
  const since = 1_700_000_000;
  const alerts = [
    { alert_id: 'H-1', name: 'Old alert', severity: 'Low', created: since - 60 },
    { alert_id: 'H-2', name: 'Ransomware', severity: 'Critical', created: since + 60 },
    { alert_id: 'H-3', name: 'Port scan', severity: 'Low', created: since + 120 },
  ];
  const seen: URL[] = [];
  let runner: PythonRunner;
  let server: Server;
  let url = '';

  beforeAll(async () => {
    runner = createPythonRunner({ contentRoot: contentRoot!, poolSize: 1 });
    server = createServer((req, res) => {
      const u = new URL(req.url ?? '/', 'http://x');
      seen.push(u);
      if (req.headers.authorization !== `Bearer ${KEY}`) {
        res.writeHead(403, { 'content-type': 'application/json' }).end('{"error":"Forbidden"}');
        return;
      }
      if (u.pathname !== '/api/v1/get_alerts') {
        res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
        return;
      }
      const start = Number(u.searchParams.get('start_time') ?? 0);
      const severities = (u.searchParams.get('severity') ?? 'Low,Medium,High,Critical').split(',');
      const max = Number(u.searchParams.get('max_results') ?? 50);
      const found = alerts.filter((a) => a.created >= start && severities.includes(a.severity)).slice(0, max);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(found));
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

  it('passes test-module with the right key and asks the API for one alert', async () => {
    const result = await runner.run(hello('test-module', { params: { url, apikey: KEY } }));
    expect(result.outcome, result.error).toBe('ok');
    expect(result.entries).toEqual([{ Type: 1, Contents: 'ok', ContentsFormat: 'text' }]);
    const last = seen.at(-1)!;
    expect(last.pathname).toBe('/api/v1/get_alerts');
    expect(last.searchParams.get('max_results')).toBe('1');
  });

  it('fails test-module with a wrong key as an authorization message', async () => {
    const result = await runner.run(hello('test-module', { params: { url, apikey: 'wrong' } }));
    expect(result.outcome).toBe('error-entry');
    expect(result.error).toBe('Authorization Error: make sure API Key is correctly set');
  });

  it('fetches alerts above the minimum severity since lastRun and moves lastRun on', async () => {
    const result = await runner.run(
      hello('fetch-incidents', {
        params: { url, apikey: KEY, min_severity: 'Low', max_fetch: '10', first_fetch: '3 days' },
        state: {
          lastRun: { last_fetch: since },
          lastMirrorRun: {},
          integrationContext: { context: {}, version: 0 },
        },
      }),
    );
    expect(result.outcome, result.error).toBe('ok');
    const incidents = JSON.parse(String(result.entries[0]?.Contents)) as Record<string, unknown>[];
    expect(incidents.map((i) => [i.name, i.severity, i.occurred])).toEqual([
      ['Ransomware', 4, '2023-11-14T22:14:20.000Z'],
      ['Port scan', 1, '2023-11-14T22:15:20.000Z'],
    ]);
    expect(JSON.parse(String(incidents[0]?.rawJSON))).toEqual(alerts[1]);
    expect(result.writes?.lastRun).toEqual({ last_fetch: since + 120 });
    const last = seen.at(-1)!;
    expect(last.searchParams.get('start_time')).toBe(String(since));
    expect(last.searchParams.get('severity')).toBe('Low,Medium,High,Critical');
  });

  // CSP's return_error raises instead of writing an error entry when the server runs the command
  // itself (fetch-incidents is one), so the fetch fails as an exception, not a War Room entry.
  it('ends a fetch with a missing minimum severity as an exception raised by return_error', async () => {
    const result = await runner.run(hello('fetch-incidents', { params: { url, apikey: KEY } }));
    expect(result.outcome).toBe('exception');
    expect(result.entries).toEqual([]);
    expect(result.error).toContain('Failed to execute fetch-incidents command.');
    expect(result.error).toContain('None is not in list');
  });
});
