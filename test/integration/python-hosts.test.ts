/**
 * Host redirection in the Python runtime (python.hosts, a remote's `hosts`): a real python3 worker
 * runs an integration that calls hard-coded hosts; requests to mapped hosts reach a local server
 * at the mapped base URL (path prefix kept, query kept), other hosts are left alone, and the map is
 * read per command.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunRequest } from '../../harness/core/index.ts';
import { createHarness } from '../../harness/index.ts';
import { toHostMap } from '../../harness/python-hosts.ts';
import { createPythonRunner } from '../../harness/runtime/python/index.ts';

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'python');
let server: Server;
let base: string;
const seen: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url} host=${req.headers.host}`);
    res.setHeader('content-type', 'text/plain');
    res.end(`local ${req.url}`);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((done) => server.close(done));
});

function request(params: Record<string, string>): RunRequest {
  return {
    instance: 'hosts-1',
    brand: 'Fixture',
    integration: join(fixtures, 'fixed_hosts.py'),
    command: 'probe',
    args: {},
    params,
    version: { version: '6.12.0', buildNumber: '12345', platform: 'xsoar' },
    state: { lastRun: {}, lastMirrorRun: null, integrationContext: { context: {}, version: 0 } },
    investigationId: '1',
    isDebug: false,
    timeoutMs: 20_000,
    tz: 'UTC',
  };
}

type Outcome = { url: string; status?: number; body?: string; error?: string };

describe('python host redirection', () => {
  it('sends requests for mapped hosts to the mapped base URL, path and query kept, and leaves others alone', async () => {
    const hosts: Record<string, string> = {
      'api.example.test': base,
      'auth.example.test': `${base}/auth-prefix/`,
    };
    const runner = createPythonRunner({ poolSize: 1, hosts });
    try {
      seen.length = 0;
      const result = await runner.run(request({ url: 'http://unmapped.invalid' }));
      expect(result.outcome).toBe('ok');
      const out = result.entries[0]?.Contents as Outcome[];
      expect(out[0]).toMatchObject({ status: 200, body: 'local /rest/api/3/myself?expand=groups' });
      // Host names match in any case; the base URL's path goes in front.
      expect(out[1]).toMatchObject({ status: 200, body: 'local /auth-prefix/oauth/token' });
      expect(out[2]).toMatchObject({ error: 'ConnectionError' });
      expect(seen).toEqual([
        `GET /rest/api/3/myself?expand=groups host=${base.slice(7)}`,
        `GET /auth-prefix/oauth/token host=${base.slice(7)}`,
      ]);

      // Read per command: a host removed from the map is no longer redirected.
      delete hosts['auth.example.test'];
      const next = await runner.run(request({ url: base }));
      const again = next.entries[0]?.Contents as Outcome[];
      expect(again[0]).toMatchObject({ status: 200 });
      expect(again[1]).toMatchObject({ error: 'ConnectionError' });
      expect(again[2]).toMatchObject({ status: 200, body: 'local /plain' });
    } finally {
      await runner.close();
    }
  }, 60_000);

  it("points a remote's hosts at its URL in createHarness", async () => {
    const h = await createHarness({
      remotes: { j: { kind: 'jira', hosts: ['api.example.test'], tickets: 0 } },
      instances: {
        one: { integration: join(fixtures, 'fixed_hosts.py'), params: { url: base }, flags: {} },
      },
    });
    try {
      const result = await h.runCommand('one', 'probe');
      const out = result.entries[0]?.Contents as Outcome[];
      // The Jira fake answers: an unauthenticated request gets its 401.
      expect(out[0]).toMatchObject({ status: 401 });
      expect(out[0]?.body).toContain('You are not authenticated');
    } finally {
      await h.close();
    }
  }, 60_000);

  it('refuses a host map entry that is not a host name or an http(s) base URL', () => {
    expect(() => toHostMap({ 'https://api.example.test': base })).toThrow(
      /"https:\/\/api\.example\.test" is not a host name\. Give the bare name/,
    );
    expect(() => toHostMap({ 'api.example.test': 'ftp://x' })).toThrow(/not an http\(s\) base URL/);
    expect(toHostMap({ 'API.Example.test': `${base}/` })).toEqual({ 'api.example.test': base });
  });
});
