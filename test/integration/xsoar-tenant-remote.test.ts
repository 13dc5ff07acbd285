/**
 * `kind: xsoar`: a second fake XSOAR tenant as a remote — its own world, REST API and API key on a
 * real port, on the harness clock — its settings and actions checked with file:line, its records
 * (incidents and War Room entries) for expectations, faults, rate limit, saved state and the CLI.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../harness/index.ts';
import { formatIssue, parseScenario } from '../../harness/scenario/index.ts';
import { startRemote } from '../../mocks/registry/index.ts';
import { startRemoteCli } from '../support/remote-cli.ts';

const START = '2026-03-01T08:00:00.000Z';

function issues(lines: string[]): string[] {
  const { issues } = parseScenario(['name: tenant', ...lines].join('\n'), {
    file: '/tmp/tenant.yaml',
    displayPath: 'tenant.yaml',
    exists: () => true,
  });
  return issues.map(formatIssue);
}

describe('xsoar remote settings and actions in a scenario', () => {
  it('takes its own settings and refuses bad ones at file:line', () => {
    expect(
      issues([
        'remotes:',
        '  hq: { kind: xsoar, apiKey: k, version: 8.4.0, closeRepeated: conflict, config: { a.b: 1 }, tickets: 2 }',
        'steps: [{ advance: 1m }]',
      ]),
    ).toEqual([]);
    expect(
      issues([
        'remotes:',
        '  hq: { kind: xsoar, closeRepeated: sometimes }',
        '  eu: { kind: xsoar, version: six }',
        'steps: [{ advance: 1m }]',
      ]),
    ).toEqual([
      'tenant.yaml:3:37: remotes.hq.closeRepeated: unknown value "sometimes"; expected one of ok, conflict',
      'tenant.yaml:4:31: remotes.eu.version: expected a version such as 6.12.0',
    ]);
    expect(
      issues(['remotes:', '  us: { kind: xsoar, email: a@b.example }', 'steps: [{ advance: 1m }]']),
    ).toEqual(['tenant.yaml:3:22: "email" is a zendesk / jira setting; an xsoar remote does not take it']);
  });

  it('takes tagged comments, attachments, close reasons and reopen, and refuses what it has not', () => {
    expect(
      issues([
        'remotes: { hq: { kind: xsoar, tickets: [{ name: Phishing }] } }',
        'steps:',
        "  - remote: { hq: { comment: '1', body: hi, tags: [from_hq] } }",
        "  - remote: { hq: { attach: '1', name: a.txt, body: x, tags: [from_hq] } }",
        "  - remote: { hq: { close: '1', reason: Resolved, notes: done } }",
        "  - remote: { hq: { reopen: '1' } }",
      ]),
    ).toEqual([]);
    expect(
      issues([
        'remotes: { hq: { kind: xsoar } }',
        'steps:',
        "  - remote: { hq: { delete: '1' } }",
        "  - remote: { hq: { comment: '1', body: hi, internal: true } }",
      ]),
    ).toEqual([
      expect.stringMatching(
        /^tenant\.yaml:4:\d+: an xsoar remote cannot delete; it takes create, update, comment, close, reopen, attach, rateLimit$/,
      ),
      'tenant.yaml:5:45: "internal" does not go with comment (it takes body, tags, author)',
    ]);
  });
});

describe('a second tenant started by createHarness', () => {
  let harness: Harness | undefined;
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });

  async function tenant(settings: Record<string, unknown> = {}) {
    harness = await createHarness({
      start: START,
      remotes: {
        hq: {
          kind: 'xsoar',
          tickets: [{ name: 'Phishing at HQ', severity: 2, type: 'Phishing' }],
          ...settings,
        },
      },
    });
    const hq = harness.remotes.hq!;
    const api = (method: string, path: string, body?: unknown, key: string | null = 'xsoar-tenant-api-key') =>
      fetch(`${hq.url}${path}`, {
        method,
        headers: { ...(key !== null ? { authorization: key } : {}), 'content-type': 'application/json' },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
    return { harness, hq, api };
  }

  it('serves its own world on its own port, with its own API key required', async () => {
    const { harness, hq, api } = await tenant({ apiKey: 'hq-key' });
    expect(hq.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(harness.incidents.list()).toEqual([]);
    expect((await api('GET', '/incident/load/1', undefined, null)).status).toBe(401);
    expect((await api('GET', '/incident/load/1', undefined, 'xsoar-tenant-api-key')).status).toBe(401);
    const loaded = await api('GET', '/incident/load/1', undefined, 'hq-key');
    expect([loaded.status, (await loaded.json()).name]).toEqual([200, 'Phishing at HQ']);
    expect(hq.instanceParams({})).toEqual({
      url: hq.url,
      credentials_api_key: { identifier: '', password: 'hq-key' },
    });
    expect(hq.instanceParams({ urlParam: 'server', keyParam: 'apikey' })).toEqual({
      server: hq.url,
      apikey: 'hq-key',
    });
  });

  it('takes actions as an analyst there, stamped with the harness clock', async () => {
    const { harness, hq } = await tenant();
    await harness.advance('5m');
    await hq.act({ create: { name: 'Malware on laptop 7', severity: 3 } });
    await hq.act({ update: '1', fields: { severity: 4, details: 'spreading' } });
    await hq.act({ comment: '1', body: 'Blocked the sender', tags: ['from_hq'], author: 'amy' });
    await hq.act({ attach: '1', name: 'headers.txt', body: 'Received: x', tags: ['from_hq'] });
    await hq.act({ close: '2', reason: 'Resolved', notes: 'reimaged' });
    const at = new Date(harness.now()).toISOString();
    expect(hq.items()).toMatchObject([
      { id: '1', severity: 4, details: 'spreading', status: 1, modified: at },
      {
        id: '2',
        name: 'Malware on laptop 7',
        status: 2,
        closeReason: 'Resolved',
        closeNotes: 'reimaged',
        closed: at,
      },
    ]);
    expect(hq.comments('1')).toMatchObject([
      { contents: 'Blocked the sender', tags: ['from_hq'], note: true, user: 'amy', created: at },
      { type: 3, file: 'headers.txt', tags: ['from_hq'] },
    ]);
    expect(hq.attachments('1')).toMatchObject([{ file: 'headers.txt' }]);
    await hq.act({ reopen: '2' });
    expect(hq.item('2')).toMatchObject({ status: 1 });
    await expect(hq.act({ close: '9' })).rejects.toThrow('no such incident. Its incidents: 1, 2.');
    expect(harness.incidents.list()).toEqual([]);
  });

  it('answers a repeated close with 200 by default and 409 with closeRepeated: conflict', async () => {
    const { api } = await tenant();
    expect((await api('POST', '/incident/close', { id: '1' })).status).toBe(200);
    expect((await api('POST', '/incident/close', { id: '1' })).status).toBe(200);
    await harness!.close();
    const strict = await tenant({ closeRepeated: 'conflict' });
    expect((await strict.api('POST', '/incident/close', { id: '1' })).status).toBe(200);
    expect((await strict.api('POST', '/incident/close', { id: '1' })).status).toBe(409);
  });

  it('lists the custom fields and types it declares in its catalogue before any incident uses them', async () => {
    const { api } = await tenant({
      incidentFields: [
        { cliName: 'phishsender', name: 'Phish Sender', type: 'shortText', associatedTypes: ['Phishing'] },
      ],
      incidentTypes: ['Malware'],
    });
    const fields = (await (await api('GET', '/incidentfields')).json()) as Record<string, unknown>[];
    expect(fields.find((f) => f.cliName === 'phishsender')).toMatchObject({
      name: 'Phish Sender',
      type: 'shortText',
      system: false,
      associatedToAll: false,
      associatedTypes: ['Phishing'],
    });
    const types = (await (await api('GET', '/incidenttype')).json()) as { name: string }[];
    expect(types.map((t) => t.name)).toEqual(['Malware', 'Phishing', 'Unclassified']);
    expect(
      issues([
        'remotes:',
        '  hq: { kind: xsoar, incidentFields: [{ cliName: Phish Sender }] }',
        'steps: [{ advance: 1m }]',
      ]),
    ).toEqual([
      expect.stringMatching(/^tenant\.yaml:3:\d+: .*expected a cliName: lower-case letters and digits$/),
    ]);
  });

  it('injects faults and rate limits in front of its API', async () => {
    const { hq, api } = await tenant();
    hq.addFault({ method: 'POST', path: '/incidents/search', status: 503, times: 1 });
    expect((await api('POST', '/incidents/search', { filter: {} })).status).toBe(503);
    expect((await api('POST', '/incidents/search', { filter: {} })).status).toBe(200);
    await hq.act({ rateLimit: { requests: 1, windowMs: 60_000 } });
    expect((await api('GET', '/incident/load/1')).status).toBe(200);
    const limited = await api('GET', '/incident/load/1');
    expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, '60']);
    hq.clearFaults();
  });

  it('builds seeded incidents for tickets: N and starts again from a snapshot', async () => {
    const first = await tenant({ tickets: 3, seed: 9 });
    const names = first.hq.items().map((i) => (i as { name: string }).name);
    expect(names).toHaveLength(3);
    await first.hq.act({ comment: '2', body: 'kept' });
    const saved = first.hq.snapshot();
    await harness!.close();
    harness = await createHarness({ start: START, remotes: { hq: { kind: 'xsoar', tickets: 3, seed: 9 } } });
    expect(harness.remotes.hq!.items().map((i) => (i as { name: string }).name)).toEqual(names);
    await harness.close();
    harness = await createHarness({
      start: START,
      remotes: { hq: { kind: 'xsoar' } },
      savedRemotes: { hq: saved },
    });
    expect(harness.remotes.hq!.comments('2')).toMatchObject([{ contents: 'kept' }]);
    expect(() => harness!.remotes.hq!.restore(saved)).toThrow(/starts from saved state/);
  });

  it('needs the engine the composition root lends it', async () => {
    await expect(startRemote('hq', { kind: 'xsoar' }, { clock: { now: () => 0 } })).rejects.toThrow(
      /starts only inside createHarness, a scenario or `mirrorlab remote xsoar`/,
    );
  });
});

describe('mirrorlab remote xsoar', () => {
  it('serves a tenant with its lowdb file, keeps its incidents across a restart', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'remote-xsoar-'));
    try {
      const start = () =>
        startRemoteCli(
          'xsoar',
          { port: '0', tickets: '2', seed: '3', 'api-key': 'cli-key' },
          dir,
          'xsoar tenant listening on ',
        );
      const first = await start();
      expect(first.lines.join('\n')).toContain('Authorization: cli-key');
      const search = (url: string) =>
        fetch(`${url}/incidents/search`, {
          method: 'POST',
          headers: { authorization: 'cli-key', 'content-type': 'application/json' },
          body: '{"filter":{}}',
        });
      expect((await (await search(first.url)).json()).total).toBe(2);
      await fetch(`${first.url}/incident`, {
        method: 'POST',
        headers: { authorization: 'cli-key', 'content-type': 'application/json' },
        body: '{"name":"Third"}',
      });
      expect(await first.stop()).toBe(0);
      const second = await start();
      expect((await (await search(second.url)).json()).total).toBe(3);
      expect(await second.stop()).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
