/**
 * Opt-in: HelloWorld, unmodified from a content checkout, through the whole engine — its YAML gives
 * the flags and param defaults, the real CommonServerPython runs in a warm python3 worker, and a
 * local server on 127.0.0.1 plays the HelloWorld API (the HTTP-based generation of HelloWorld:
 * `GET /api/v1/get_alerts` with a Bearer key).
 *   MIRRORLAB_CONTENT_ROOT=/path/to/content npx vitest run test/optin/helloworld.test.ts
 */
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../harness/index.ts';

const contentRoot = process.env.MIRRORLAB_CONTENT_ROOT ?? '';
const yml = join(contentRoot, 'Packs', 'HelloWorld', 'Integrations', 'HelloWorld', 'HelloWorld.yml');
const skipReason = !contentRoot
  ? 'set MIRRORLAB_CONTENT_ROOT to a demisto/content checkout to run HelloWorld'
  : !existsSync(yml)
    ? `no HelloWorld at ${yml}`
    : undefined;
if (skipReason) console.warn(`HelloWorld suite skipped: ${skipReason}`);

const KEY = 'dummy-key';
const nowSeconds = Math.floor(Date.now() / 1000);
const ALERTS = [1, 2, 3].map((n) => ({
  alert_id: `A-${n}`,
  alert_status: 'ACTIVE',
  alert_type: 'Malware',
  created: nowSeconds - 3600 + n * 60,
  name: `Hello alert ${n}`,
  severity: ['Low', 'High', 'Critical'][n - 1],
}));

describe.skipIf(skipReason !== undefined)('HelloWorld from the content checkout', () => {
  let server: Server;
  let url = '';
  let harness: Harness;
  const requests: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      const u = new URL(req.url ?? '/', 'http://localhost');
      requests.push(`${req.method} ${u.pathname}`);
      if (req.headers.authorization !== `Bearer ${KEY}`) {
        res.writeHead(403, { 'content-type': 'application/json' }).end('{"error":"Forbidden"}');
        return;
      }
      if (u.pathname === '/api/v1/get_alerts') {
        const since = Number(u.searchParams.get('start_time') ?? 0);
        const max = Number(u.searchParams.get('max_results') ?? 50);
        const found = ALERTS.filter((a) => a.created >= since).slice(0, max);
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(found));
        return;
      }
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    harness = await createHarness({
      python: { contentRoot },
      instances: {
        hello_1: {
          integration: yml,
          params: { url, apikey: KEY, insecure: true, max_fetch: '2' },
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
  });

  it('passes test-module against the local API', async () => {
    const result = await harness.runCommand('hello_1', 'test-module');
    expect(result.outcome, result.error).toBe('ok');
    expect(result.entries).toEqual([{ Type: 1, Contents: 'ok', ContentsFormat: 'text' }]);
    expect(requests.at(-1)).toBe('GET /api/v1/get_alerts');
  });

  it('fetches incidents page by page with lastRun and never twice', async () => {
    const first = await harness.fetch('hello_1');
    expect(first.outcome, first.message).toBe('ok');
    expect(harness.incidents.list().map((i) => i.name)).toEqual(['Hello alert 1', 'Hello alert 2']);
    expect(harness.world().instances.hello_1!.state.lastRun).toHaveProperty('last_fetch');
    await harness.fetch('hello_1');
    await harness.fetch('hello_1');
    const names = harness.incidents.list().map((i) => i.name);
    expect(names).toEqual(['Hello alert 1', 'Hello alert 2', 'Hello alert 3']);
    expect(harness.incidents.list().map((i) => i.severity)).toEqual([1, 3, 4]);
  });

  it('reports a wrong API key as a failed test-module', async () => {
    const wrong = await createHarness({
      python: { contentRoot },
      instances: {
        hello_bad: { integration: yml, params: { url, apikey: 'nope' }, fetch: { enabled: false } },
      },
    });
    try {
      const result = await wrong.runCommand('hello_bad', 'test-module');
      expect(result.outcome).toBe('error-entry');
      expect(result.error).toMatch(/Authorization Error/);
    } finally {
      await wrong.close();
    }
  });
});
