import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLowdbStore, createMemoryStore } from '../../harness/store/index.ts';
import { listen, type Listening } from '../../mocks/shared/index.ts';
import {
  createHelpdesk,
  type Helpdesk,
  type HelpdeskOptions,
  type HelpdeskState,
} from '../../mocks/ticketing/helpdesk/index.ts';

const open: Listening[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

function manualClock(start = Date.parse('2026-01-01T10:00:00.000Z')) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

async function serve(options: Partial<HelpdeskOptions> = {}) {
  const clock = manualClock();
  const desk = await createHelpdesk({
    clock,
    apiKey: 'k1',
    tickets: [{ title: 'Phishing mail', severity: 'high' }, { title: 'Malware on WS-1' }],
    ...options,
  });
  const server = await listen(desk.app());
  open.push(server);
  const call = (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = { authorization: 'Bearer k1' },
  ) =>
    fetch(`${server.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', 'x-admin-token': desk.adminToken, ...headers },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
  return { desk, server, clock, call };
}

describe('helpdesk over express', () => {
  it('answers 401 in the vendor error shape without a key and with a wrong one', async () => {
    const { call } = await serve();
    const none = await call('GET', '/api/v1/tickets', undefined, {});
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual({
      error: { code: 'unauthorized', message: expect.stringContaining('Authorization: Bearer') },
    });
    const wrong = await call('GET', '/api/v1/tickets', undefined, { authorization: 'Bearer nope' });
    expect(wrong.status).toBe(401);
    expect((await wrong.json()).error.message).toMatch(/invalid api key/);
  });

  it('creates, reads, patches, comments on, closes, reopens and deletes a ticket', async () => {
    const { call, clock } = await serve();
    const created = await call('POST', '/api/v1/tickets', { title: 'New one', tags: ['vip'] });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({
      id: 'T-3',
      status: 'new',
      severity: 'medium',
      version: 1,
      tags: ['vip'],
    });
    clock.advance(1000);
    expect(
      await (await call('PATCH', '/api/v1/tickets/T-3', { status: 'open', version: 1 })).json(),
    ).toMatchObject({ status: 'open', version: 2, updated_at: '2026-01-01T10:00:01.000Z' });
    expect((await call('POST', '/api/v1/tickets/T-3/comments', { body: 'looking' })).status).toBe(201);
    expect(
      (await (await call('GET', '/api/v1/tickets/T-3/comments?created_since=2026-01-01T10:00:01Z')).json())
        .total,
    ).toBe(1);
    expect(
      await (await call('POST', '/api/v1/tickets/T-3/close', { reason: 'resolved', notes: 'done' })).json(),
    ).toMatchObject({ status: 'closed', close_reason: 'resolved' });
    expect((await call('POST', '/api/v1/tickets/T-3/close', {})).status).toBe(409);
    expect(await (await call('POST', '/api/v1/tickets/T-3/reopen')).json()).toMatchObject({
      status: 'open',
      closed_at: null,
    });
    expect((await call('DELETE', '/api/v1/tickets/T-3')).status).toBe(204);
    const gone = await call('GET', '/api/v1/tickets/T-3');
    expect(gone.status).toBe(404);
    expect((await gone.json()).error.code).toBe('not_found');
  });

  it('uploads an attachment and serves its bytes with the content type', async () => {
    const { call } = await serve();
    const bytes = Buffer.from('From: attacker@example.com\r\n\r\nclick here');
    const up = await call('POST', '/api/v1/tickets/T-1/attachments', {
      name: 'mail.eml',
      content_type: 'message/rfc822',
      content_base64: bytes.toString('base64'),
    });
    expect(await up.json()).toMatchObject({ id: 'A-1', size: bytes.length, name: 'mail.eml' });
    const down = await call('GET', '/api/v1/tickets/T-1/attachments/A-1/content');
    expect(down.headers.get('content-type')).toBe('message/rfc822');
    expect(Buffer.from(await down.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it('refuses malformed JSON with a 400 and changes nothing', async () => {
    const { call, desk } = await serve();
    const before = desk.snapshot();
    const res = await call('PATCH', '/api/v1/tickets/T-1', '{"title": ');
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatchObject({
      code: 'invalid_json',
      message: expect.stringMatching(/^helpdesk: failed to parse request body: /),
    });
    const invalid = await call('POST', '/api/v1/tickets', { title: 'x', priority: 'p1' });
    expect((await invalid.json()).error.message).toMatch(/unknown field "priority"/);
    expect(desk.snapshot()).toEqual(before);
  });

  it('answers a stale version with 409 in the vendor shape', async () => {
    const { call } = await serve();
    await call('PATCH', '/api/v1/tickets/T-1', { title: 'edited elsewhere' });
    const res = await call('PATCH', '/api/v1/tickets/T-1', { title: 'mine', version: 1 });
    expect(res.status).toBe(409);
    expect((await res.json()).error.code).toBe('version_conflict');
  });

  it('rate limits per key with 429 and Retry-After, and refills on the shared clock', async () => {
    const { call, clock } = await serve({ rateLimit: { requests: 2, windowMs: 60_000 } });
    expect((await call('GET', '/api/v1/tickets')).status).toBe(200);
    expect((await call('GET', '/api/v1/tickets')).status).toBe(200);
    clock.advance(15_000);
    const limited = await call('GET', '/api/v1/tickets');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('45');
    expect((await limited.json()).error.message).toMatch(/API rate limit/);
    clock.advance(45_000);
    expect((await call('GET', '/api/v1/tickets')).status).toBe(200);
    await call('PUT', '/admin/rate-limit', null);
    for (let i = 0; i < 5; i++) expect((await call('GET', '/api/v1/tickets')).status).toBe(200);
  });

  it('pages with absolute next links that carry the filters', async () => {
    const { server } = await serve({ tickets: 7, seed: 3 });
    const ids: string[] = [];
    let url: string | null = `${server.url}/api/v1/tickets?sort=-updated_at&limit=3`;
    while (url) {
      expect(url.startsWith(server.url)).toBe(true);
      const page = (await (await fetch(url, { headers: { authorization: 'Bearer k1' } })).json()) as {
        data: { id: string }[];
        next: string | null;
        total: number;
      };
      expect(page.total).toBe(7);
      ids.push(...page.data.map((t) => t.id));
      url = page.next;
      if (url) expect(url).toContain('sort=-updated_at');
    }
    expect(ids).toEqual(['T-7', 'T-6', 'T-5', 'T-4', 'T-3', 'T-2', 'T-1']);
  });

  it('injects faults by route: status, fail-N-then-recover, delay and connection reset', async () => {
    const { call } = await serve();
    await call('POST', '/admin/faults', {
      path: '/api/v1/tickets/:id',
      method: 'GET',
      status: 503,
      times: 2,
    });
    expect((await call('GET', '/api/v1/tickets/T-1')).status).toBe(503);
    expect((await (await call('GET', '/api/v1/tickets/T-1')).json()).error.code).toBe('injected_fault');
    expect((await call('GET', '/api/v1/tickets/T-1')).status).toBe(200);

    await call('POST', '/admin/faults', { path: '/api/v1/tickets', delayMs: 150, times: 1 });
    const started = performance.now();
    expect((await call('GET', '/api/v1/tickets')).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);

    await call('POST', '/admin/faults', { path: '/api/v1/tickets/*', reset: true });
    await expect(call('GET', '/api/v1/tickets/T-2')).rejects.toThrow(TypeError);
    expect((await (await call('GET', '/admin/faults')).json()).data).toMatchObject([
      { id: 'F-3', reset: true, fired: 1 },
    ]);
    expect((await call('DELETE', '/admin/faults')).status).toBe(204);
    expect((await call('GET', '/api/v1/tickets/T-2')).status).toBe(200);

    const bad = await call('POST', '/admin/faults', { path: '/x', status: 99 });
    expect(bad.status).toBe(400);
  });

  it('journals every API request with method, path, query, status and clock time', async () => {
    const { call, clock } = await serve();
    await call('GET', '/api/v1/tickets?status=new&limit=1');
    clock.advance(2000);
    await call('GET', '/api/v1/tickets/T-9');
    await call('GET', '/api/v2/unknown', undefined, {});
    const journal = (await (await call('GET', '/admin/journal')).json()).data;
    expect(journal).toEqual([
      {
        seq: 1,
        method: 'GET',
        path: '/api/v1/tickets',
        query: { status: 'new', limit: '1' },
        status: 200,
        time: '2026-01-01T10:00:00.000Z',
      },
      {
        seq: 2,
        method: 'GET',
        path: '/api/v1/tickets/T-9',
        query: {},
        status: 404,
        time: '2026-01-01T10:00:02.000Z',
      },
      {
        seq: 3,
        method: 'GET',
        path: '/api/v2/unknown',
        query: {},
        status: 404,
        time: '2026-01-01T10:00:02.000Z',
      },
    ]);
  });

  it('fails loudly on unmatched requests with the method and URL', async () => {
    const { call, server } = await serve();
    const res = await call('PUT', '/api/v1/tickets/T-1', { title: 'x' });
    expect(res.status).toBe(404);
    expect((await res.json()).error.message).toBe(`Mock not found: PUT ${server.url}/api/v1/tickets/T-1`);
  });

  it('restores a snapshot, resets to the starting state and seeds deterministically', async () => {
    const { call } = await serve({ tickets: [] });
    const seeded = await (await call('POST', '/admin/seed', { n: 3, seed: 9 })).json();
    expect(seeded.created).toEqual(['T-1', 'T-2', 'T-3']);
    const snap = await (await call('GET', '/admin/snapshot')).json();
    await call('POST', '/api/v1/tickets/T-1/close', {});
    expect((await call('POST', '/admin/restore', snap)).status).toBe(204);
    expect((await (await call('GET', '/api/v1/tickets/T-1')).json()).status).toBe(snap.tickets['T-1'].status);
    expect((await call('POST', '/admin/restore', { schema: 2 })).status).toBe(400);

    await call('POST', '/admin/reset');
    expect((await (await call('GET', '/api/v1/tickets')).json()).total).toBe(0);
    await call('POST', '/admin/seed', { n: 3, seed: 9 });
    const again = await (await call('GET', '/admin/snapshot')).json();
    expect(again.tickets).toEqual(snap.tickets);
    expect((await call('POST', '/admin/seed', { n: -1 })).status).toBe(400);
  });

  it('lists exactly the stored tickets through creates, deletes, a rolled-back seed, restore and reset', async () => {
    const { desk, call } = await serve({ tickets: [] });
    const listed = async () =>
      ((await (await call('GET', '/api/v1/tickets?limit=100')).json()).data as { id: string }[])
        .map((t) => t.id)
        .sort();
    desk.tickets.create({ title: 'first' });
    expect(await listed()).toEqual(['T-1']); // the list the queries read is made now
    desk.tickets.create({ title: 'second' });
    await call('POST', '/api/v1/tickets', { title: 'third' });
    expect(await listed()).toEqual(['T-1', 'T-2', 'T-3']);
    desk.tickets.remove('T-2');
    expect(await listed()).toEqual(['T-1', 'T-3']);
    const failed = await call('POST', '/admin/seed', { tickets: [{ title: 'kept?' }, { severity: 'x' }] });
    expect(failed.status).toBe(400); // the first was created, then rolled back with the second
    expect(await listed()).toEqual(['T-1', 'T-3']);
    const snap = desk.snapshot();
    desk.tickets.create({ title: 'after the snapshot' });
    desk.restore(snap);
    expect(await listed()).toEqual(['T-1', 'T-3']);
    desk.reset();
    expect(await listed()).toEqual([]);
    desk.tickets.create({ title: 'after the reset' });
    expect(desk.tickets.list().map((t) => t.title)).toEqual(['after the reset']);
  });
});

describe('helpdesk persistence', () => {
  it('writes each mutation to a lowdb file and starts from it again', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'helpdesk-'));
    try {
      const file = join(dir, 'nested', 'helpdesk.json');
      const first: Helpdesk = await createHelpdesk({
        clock: manualClock(),
        tickets: 2,
        persistence: createLowdbStore<HelpdeskState>(file),
      });
      first.tickets.close('T-1', 'duplicate');
      await first.flush();
      expect(JSON.parse(await readFile(file, 'utf8')).tickets['T-1'].close_reason).toBe('duplicate');
      const second = await createHelpdesk({
        clock: manualClock(),
        tickets: 50,
        persistence: createLowdbStore<HelpdeskState>(file),
      });
      expect(second.tickets.list().map((t) => [t.id, t.status])).toEqual([
        ['T-1', 'closed'],
        ['T-2', first.tickets.get('T-2')!.status],
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses a persisted state of the wrong shape', async () => {
    const store = createMemoryStore<HelpdeskState>({ schema: 1 } as HelpdeskState);
    await expect(createHelpdesk({ clock: manualClock(), persistence: store })).rejects.toThrow(
      /failed to restore state: "tickets" must be an object/,
    );
  });
});
