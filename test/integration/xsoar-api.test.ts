/**
 * The XSOAR-like REST API over a real harness, the reference integration and a real helpdesk, both
 * served by express on port 0 (virtual clock shared by both sides).
 */
import { request } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness } from '../../harness/index.ts';
import type { Harness, Incident } from '../../harness/index.ts';
import { listen, type Listening } from '../../mocks/shared/index.ts';
import { createHelpdesk, HELPDESK_TICKET_VIEW, type Helpdesk } from '../../mocks/ticketing/helpdesk/index.ts';
import { createXsoarApp, type XsoarApp } from '../../mocks/xsoar/index.ts';

const KEY = 'test-api-key';
const INTEGRATION = new URL('../../scenarios/integrations/helpdesk/helpdesk.ts', import.meta.url).pathname;

let harness: Harness;
let helpdesk: Helpdesk;
let app: XsoarApp;
let xsoar: Listening;
let desk: Listening;
let ready = false;
// The reference integration computes its first-fetch window from the wall clock, so virtual time
// starts at the real now here.
const START = Date.now();
/** One time line for both sides: the helpdesk stamps with the harness's virtual clock. */
const sharedClock = { now: () => (ready ? app.harness().now() : START) };

async function buildHarness(): Promise<Harness> {
  return createHarness({
    start: START,
    instances: {
      helpdesk_1: {
        integration: INTEGRATION,
        params: {
          url: desk.url,
          api_key: helpdesk.apiKey,
          mirror_direction: 'Incoming And Outgoing',
          close_incident: true,
          close_out: true,
        },
        fetch: { enabled: true },
      },
    },
  });
}

beforeEach(async () => {
  helpdesk = await createHelpdesk({
    clock: sharedClock,
    tickets: [
      { title: 'Phishing mail', severity: 'high' },
      { title: 'Malware on WS-1', severity: 'low' },
      { title: 'Impossible travel', severity: 'medium' },
    ],
  });
  desk = await listen(helpdesk.app());
  harness = await buildHarness();
  app = createXsoarApp({
    harness,
    apiKey: KEY,
    control: true,
    reset: buildHarness,
    helpdesk: {
      name: 'Helpdesk',
      view: HELPDESK_TICKET_VIEW,
      tickets: {
        list: () => helpdesk.tickets.list(),
        get: (id) => helpdesk.tickets.get(id),
        update: (id, patch) => helpdesk.tickets.update(id, patch),
        close: (id, r, n) => helpdesk.tickets.close(id, r, n),
        reopen: (id) => helpdesk.tickets.reopen(id),
        comment: (id, c) => helpdesk.tickets.comment(id, c),
        comments: (id) => helpdesk.tickets.comments(id),
      },
    },
  });
  xsoar = await listen(app);
  ready = true;
});

afterEach(async () => {
  ready = false;
  await xsoar.close();
  await app.harness().close();
  await desk.close();
});

interface Call {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  headers: Headers;
}

async function call(
  method: string,
  path: string,
  body?: unknown,
  options: {
    key?: string | null;
    raw?: string;
    cookie?: string;
    csrf?: string;
    headers?: Record<string, string>;
  } = {},
): Promise<Call> {
  const headers: Record<string, string> = {};
  const key = options.key === undefined ? KEY : options.key;
  if (key !== null) headers.authorization = key;
  if (options.cookie) headers.cookie = options.cookie;
  if (options.csrf) headers['x-csrf-token'] = options.csrf;
  if (body !== undefined || options.raw !== undefined) headers['content-type'] = 'application/json';
  Object.assign(headers, options.headers);
  const payload = options.raw ?? (body === undefined ? null : JSON.stringify(body));
  const res = await fetch(`${xsoar.url}${path}`, { method, headers, body: payload, redirect: 'manual' });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // HTML pages stay text.
  }
  return { status: res.status, body: parsed, headers: res.headers };
}

/** A request with a Host header of our choosing (fetch always sends the URL's host). */
function callWithHost(
  host: string,
  path: string,
  headers: Record<string, string>,
  body: string,
): Promise<Call> {
  return new Promise((done, fail) => {
    const req = request(`${xsoar.url}${path}`, { method: 'POST', headers: { ...headers, host } }, (res) => {
      let text = '';
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => done({ status: res.statusCode!, body: JSON.parse(text), headers: new Headers() }));
    });
    req.on('error', fail);
    req.end(body);
  });
}

async function fetched(): Promise<Incident[]> {
  await harness.fetch('helpdesk_1');
  return harness.incidents.list();
}

const byMirrorId = (id: string) => harness.incidents.list().find((i) => i.dbotMirrorId === id)!;

describe('authentication', () => {
  it('answers 401 without an Authorization header and creates nothing', async () => {
    const res = await call('POST', '/incident', { name: 'x' }, { key: null });
    expect(res.status).toBe(401);
    expect(res.body.detail).toMatch(/no Authorization header/);
    expect(harness.incidents.list()).toHaveLength(0);
  });

  it('answers 401 with a wrong key, on REST and control routes alike', async () => {
    expect((await call('POST', '/incident', { name: 'x' }, { key: 'nope' })).status).toBe(401);
    expect((await call('POST', '/control/advance', { by: '5m' }, { key: 'nope' })).status).toBe(401);
    expect(harness.incidents.list()).toHaveLength(0);
    expect(harness.journal()).toHaveLength(0);
  });

  it('keeps the dashboard API behind a one-time login link and a session cookie', async () => {
    expect((await call('GET', '/ui-api/overview', undefined, { key: null })).status).toBe(401);
    const path = app.loginPath();
    const login = await call('GET', path, undefined, { key: null });
    expect(login.status).toBe(303);
    const cookie = login.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly; SameSite=Strict/);
    expect((await call('GET', path, undefined, { key: null })).status).toBe(401);
    const overview = await call('GET', '/ui-api/overview', undefined, {
      key: null,
      cookie: cookie.split(';')[0]!,
    });
    expect(overview.status).toBe(200);
    expect(overview.body.instances[0].params.api_key).toBe('*******');
    expect(JSON.stringify(overview.body)).not.toContain(KEY);
  });
});

describe('incidents', () => {
  it('creates an incident and loads it by id', async () => {
    const created = await call('POST', '/incident', {
      name: 'Manual case',
      severity: 2,
      CustomFields: { team: 'blue' },
    });
    expect(created.status).toBe(201);
    const loaded = await call('GET', `/incident/load/${created.body.id}`);
    expect(loaded.body).toMatchObject({ id: created.body.id, name: 'Manual case', severity: 2, status: 1 });
  });

  it('refuses malformed JSON, a missing name and unknown fields with 400, creating nothing', async () => {
    const malformed = await call('POST', '/incident', undefined, { raw: '{"name": ' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.detail).toMatch(/malformed JSON/);
    const nameless = await call('POST', '/incident', { severity: 2 });
    expect(nameless.status).toBe(400);
    expect(nameless.body.detail).toMatch(/"name"/);
    const typo = await call('POST', '/incident', { name: 'x', severty: 2 });
    expect(typo.status).toBe(400);
    expect(typo.body.detail).toMatch(/unknown field "severty"/);
    expect(harness.incidents.list()).toHaveLength(0);
  });

  it('answers 404 for an unknown incident id', async () => {
    const res = await call('GET', '/incident/load/999');
    expect(res.status).toBe(404);
    expect(res.body.detail).toMatch(/failed to find incident "999"/);
    expect((await call('POST', '/incident', { id: '999', severity: 1 })).status).toBe(404);
  });

  it('updates only the fields that differ, so posting back a loaded incident changes nothing', async () => {
    const [first] = await fetched();
    const loaded = (await call('GET', `/incident/load/${first!.id}`)).body;
    const same = await call('POST', '/incident', loaded);
    expect(same.status).toBe(200);
    expect(same.body.version).toBe(loaded.version);
    expect(same.body.dbotDirtyFields ?? []).toEqual([]);
    const changed = await call('POST', '/incident', { ...loaded, owner: 'alice' });
    expect(changed.body.owner).toBe('alice');
    expect(changed.body.dbotDirtyFields).toContain('owner');
  });

  it('answers 409 for a stale version and 400 for a status change, changing nothing', async () => {
    const [first] = await fetched();
    const stale = await call('POST', '/incident', {
      id: first!.id,
      version: first!.version - 1,
      owner: 'bob',
    });
    expect(stale.status).toBe(409);
    const status = await call('POST', '/incident', { id: first!.id, status: 2 });
    expect(status.status).toBe(400);
    expect(status.body.detail).toMatch(/POST \/incident\/close/);
    expect(harness.incidents.get(first!.id)).toEqual(first);
  });

  it('searches by query terms, status and pages', async () => {
    await fetched();
    const one = await call('POST', '/incidents/search', { filter: { query: 'dbotMirrorId:T-2' } });
    expect(one.body.total).toBe(1);
    expect(one.body.data[0].name).toBe('Malware on WS-1');
    const page = await call('POST', '/incidents/search', {
      filter: { status: [1], size: 2, page: 1, sort: [{ field: 'id', asc: true }] },
    });
    expect(page.body).toMatchObject({ total: 3 });
    expect(page.body.data.map((i: Incident) => i.id)).toEqual(['3']);
    const bad = await call('POST', '/incidents/search', { filter: { fromDat: 'x' } });
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toMatch(/unknown field "filter.fromDat"/);
  });

  it('pages a search with page and size, sorts numbers as numbers, and refuses a bad page or size', async () => {
    for (const score of [9, 10, 100])
      await call('POST', '/incident', { name: `score ${score}`, CustomFields: { score } });
    const sorted = await call('POST', '/incidents/search', {
      filter: { size: 2, page: 0, sort: [{ field: 'score', asc: true }] },
    });
    expect(sorted.body.total).toBe(3);
    expect(sorted.body.data.map((i: Incident) => i.name)).toEqual(['score 9', 'score 10']);
    const last = await call('POST', '/incidents/search', {
      filter: { size: 2, page: 1, sort: [{ field: 'score', asc: true }] },
    });
    expect(last.body.data.map((i: Incident) => i.name)).toEqual(['score 100']);
    const past = await call('POST', '/incidents/search', { filter: { size: 2, page: 5 } });
    expect(past.body).toEqual({ data: [], total: 3 });
    for (const [filter, reason] of [
      [{ size: 0 }, /"filter.size" must be a page size: a whole number from 1 to 1000/],
      [{ size: 1001 }, /"filter.size" must be a page size/],
      [{ size: '50' }, /"filter.size" must be a page size/],
      [{ page: -1 }, /"filter.page" must be a page number: a whole number from 0/],
      [{ page: 1.5 }, /"filter.page" must be a page number/],
    ] as const) {
      const bad = await call('POST', '/incidents/search', { filter });
      expect(bad.status).toBe(400);
      expect(bad.body.detail).toMatch(reason);
    }
  });

  it('closes, answers a second close with the incident as it is, reopens, and batch-closes all or nothing', async () => {
    await fetched();
    const closed = await call('POST', '/incident/close', {
      id: '1',
      closeReason: 'Resolved',
      closeNotes: 'benign',
    });
    expect(closed.body).toMatchObject({ status: 2, closeReason: 'Resolved', closeNotes: 'benign' });
    const again = await call('POST', '/incident/close', { id: '1', closeReason: 'Other' });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ status: 2, closeReason: 'Resolved' });
    expect((await call('POST', '/incident/reopen', { id: '1' })).body.status).toBe(1);
    expect((await call('POST', '/incident/reopen', { id: '1' })).status).toBe(409);
    expect(
      (await call('POST', '/incident/batchClose', { ids: ['2', '77'], closeReason: 'Duplicate' })).status,
    ).toBe(404);
    expect(harness.incidents.get('2')!.status).toBe(1);
    const batch = await call('POST', '/incident/batchClose', { ids: ['2', '3'], closeReason: 'Duplicate' });
    expect(batch.body.total).toBe(2);
    expect(harness.incidents.list().filter((i) => i.status === 2)).toHaveLength(2);
    expect((await call('POST', '/incident/close', { closeReason: 'x' })).status).toBe(400);
  });
});

describe('entries', () => {
  it('adds a tagged note that the next mirror cycle sends to the ticket', async () => {
    await fetched();
    const incident = byMirrorId('T-1');
    const added = await call('POST', '/entry', {
      investigationId: incident.id,
      data: 'Called the user',
      tags: ['comment'],
      note: true,
    });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({
      contents: 'Called the user',
      tags: ['comment'],
      note: true,
      investigationId: incident.id,
    });
    const inv = await call('POST', `/investigation/${incident.id}`, {});
    expect(inv.body.entries.map((e: { contents: string }) => e.contents)).toContain('Called the user');
    await harness.mirror();
    expect(
      helpdesk.tickets
        .comments('T-1')
        .map((c) => c.body)
        .join('\n'),
    ).toContain('Called the user');
  });

  it('filters the War Room of POST /investigation/{id} by fromTime, tags and pageSize', async () => {
    await fetched();
    await call('POST', '/entry', { investigationId: '1', data: 'first', tags: ['comment'] });
    await harness.advance('1m');
    const mark = new Date(harness.now()).toISOString();
    await call('POST', '/entry', { investigationId: '1', data: 'second', tags: ['comment'] }); // at the mark: included
    await call('POST', '/entry', { investigationId: '1', data: 'untagged' });
    const contents = (body: Record<string, unknown>) =>
      call('POST', '/investigation/1', body).then((r) =>
        r.body.entries.map((e: { contents: string }) => e.contents),
      );
    expect(await contents({})).toEqual(['first', 'second', 'untagged']);
    expect(await contents({ fromTime: mark })).toEqual(['second', 'untagged']);
    expect(await contents({ fromTime: mark, tags: ['comment'] })).toEqual(['second']);
    expect(await contents({ pageSize: 1 })).toEqual(['first']);
    expect((await call('POST', '/investigation/1', { fromTime: 'yesterday' })).status).toBe(400);
  });

  it('adds a note with POST /entry/note and refuses to re-mark an existing entry', async () => {
    await fetched();
    const note = await call('POST', '/entry/note', { investigationId: '1', data: 'private' });
    expect(note.body.note).toBe(true);
    const remark = await call('POST', '/entry/note', {
      id: note.body.id,
      investigationId: '1',
      data: 'true',
    });
    expect(remark.status).toBe(422);
  });

  it('refuses an empty entry with 400 and an unknown investigation with 404, adding nothing', async () => {
    await fetched();
    expect((await call('POST', '/entry', { investigationId: '1', data: '' })).status).toBe(400);
    expect((await call('POST', '/entry', { investigationId: '1', data: 'x', tags: 'comment' })).status).toBe(
      400,
    );
    expect((await call('POST', '/entry', { investigationId: '404', data: 'x' })).status).toBe(404);
    expect((await call('POST', '/investigation/404', {})).status).toBe(404);
    expect(harness.incidents.entries('1')).toHaveLength(0);
  });
});

describe('commands', () => {
  it('runs integration commands on the instance that declares them', async () => {
    const test = await call('POST', '/entry/execute/sync', { data: '!test-module' });
    expect(test.status).toBe(200);
    expect(test.body[0].contents).toBe('ok');
    await fetched();
    const remote = await call('POST', '/entry/execute/sync', {
      investigationId: '1',
      data: '!get-remote-data id=T-1 lastUpdate="2025-01-01T00:00:00Z" using=helpdesk_1',
    });
    expect(remote.status).toBe(200);
    expect(JSON.stringify(remote.body[0].contents)).toContain('Phishing mail');
  });

  it('runs server commands such as getMirrorStatistics', async () => {
    await fetched();
    await harness.mirror();
    const stats = await call('POST', '/entry/execute/sync', { data: '!getMirrorStatistics' });
    expect(stats.status).toBe(200);
    expect(stats.body.length).toBeGreaterThan(0);
    expect(stats.body[0].type).toBe(1);
  });

  it('reopens through !reopenInvestigation as the docs describe', async () => {
    await fetched();
    await call('POST', '/incident/close', { id: '2', closeReason: 'Resolved' });
    const res = await call('POST', '/entry/execute/sync', {
      investigationId: '2',
      data: '!reopenInvestigation',
    });
    expect(res.body[0].contents).toBe('Done');
    expect(harness.incidents.get('2')!.status).toBe(1);
  });

  it('refuses a malformed command line and an unknown instance', async () => {
    const bad = await call('POST', '/entry/execute/sync', { data: 'getMirrorStatistics' });
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toMatch(/starts with !/);
    const unknown = await call('POST', '/entry/execute/sync', { data: '!test-module using=nope' });
    expect(unknown.status).toBe(404);
    expect(harness.journal()).toHaveLength(0);
  });
});

describe('instances', () => {
  it('lists instances with secrets masked, and their fetch history', async () => {
    const list = await call('POST', '/settings/integration/search', {});
    expect(list.body.instances[0]).toMatchObject({
      name: 'helpdesk_1',
      brand: 'Helpdesk',
      isFetch: true,
      remoteSyncableIn: true,
      remoteSyncableOut: true,
    });
    expect(list.body.instances[0].params.api_key).toBe('*******');
    expect(list.body.configurations[0].id).toBe('Helpdesk');
    await fetched();
    const history = await call('GET', '/settings/integration/helpdesk_1/fetch-history');
    expect(history.body).toHaveLength(1);
    expect(history.body[0]).toMatchObject({ outcome: 'ok', sourceIds: ['T-1', 'T-2', 'T-3'] });
    expect((await call('GET', '/settings/integration/nope/fetch-history')).status).toBe(404);
  });

  it('tells the server version at /about', async () => {
    expect((await call('GET', '/about')).body.demistoVersion).toBe('6.12.0');
  });

  it('answers 404 for an unknown route', async () => {
    const res = await call('GET', '/no/such/route');
    expect(res.status).toBe(404);
    expect(res.body.detail).toMatch(/no such route/);
  });
});

describe('control API', () => {
  it('advances the virtual clock, running the jobs that fall due', async () => {
    const before = harness.now();
    const res = await call('POST', '/control/advance', { by: '90s' });
    expect(Date.parse(res.body.now) - before).toBe(90_000);
    const journal = await call('GET', '/control/journal?since=0');
    expect(journal.body.map((r: { command: string }) => r.command)).toContain('fetch-incidents');
    expect((await call('GET', '/control/journal?since=-1')).status).toBe(400);
  });

  it('pages the journal with since and limit, and refuses a bad limit', async () => {
    await call('POST', '/control/advance', { by: '3m' });
    const all = (await call('GET', '/control/journal?since=0')).body as { seq: number }[];
    expect(all.length).toBeGreaterThan(2);
    const first = (await call('GET', '/control/journal?since=0&limit=2')).body as { seq: number }[];
    expect(first.map((r) => r.seq)).toEqual(all.slice(0, 2).map((r) => r.seq));
    const next = (await call('GET', `/control/journal?since=${first[1]!.seq}&limit=2`)).body as {
      seq: number;
    }[];
    expect(next.map((r) => r.seq)).toEqual(all.slice(2, 4).map((r) => r.seq));
    for (const limit of ['0', '10001', 'ten']) {
      const bad = await call('GET', `/control/journal?since=0&limit=${limit}`);
      expect(bad.status).toBe(400);
      expect(bad.body.detail).toMatch(/"limit" must be a whole number from 1 to 10000/);
    }
  });

  it('refuses a malformed advance and changes nothing', async () => {
    const before = harness.now();
    expect((await call('POST', '/control/advance', { by: 'soon' })).status).toBe(400);
    expect((await call('POST', '/control/advance', {})).status).toBe(400);
    expect(harness.now()).toBe(before);
  });

  it('snapshots, runs jobs on demand and resets to a fresh world', async () => {
    const fetchRecord = await call('POST', '/control/fetch/helpdesk_1');
    expect(fetchRecord.body.pulled).toBe(3);
    expect((await call('POST', '/control/mirror')).body.instances[0].instance).toBe('helpdesk_1');
    const snapshot = await call('GET', '/control/snapshot');
    expect(Object.keys(snapshot.body.world.incidents)).toHaveLength(3);
    expect((await call('POST', '/control/reset')).body).toEqual({ reset: true, incidents: 0 });
    expect((await call('POST', '/incidents/search', { filter: {} })).body.total).toBe(0);
  });
});

describe('dashboard API', () => {
  /** A logged-in dashboard: the session cookie and the CSRF token the page reads at start. */
  async function session(): Promise<{ key: null; cookie: string; csrf: string }> {
    const login = await call('GET', app.loginPath(), undefined, { key: null });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const { csrfToken } = (await call('GET', '/ui-api/session', undefined, { key: null, cookie })).body;
    return { key: null, cookie, csrf: csrfToken };
  }

  it('drives both sides: incident detail with mirror record, ticket comment and close through the proxy', async () => {
    const as = await session();
    await fetched();
    const detail = await call('GET', '/ui-api/incident/1', undefined, as);
    expect(detail.body.incident.dbotMirrorId).toBe('T-1');
    const comment = await call('POST', '/ui-api/remote/tickets/T-1/comments', { body: 'on it' }, as);
    expect(comment.status).toBe(201);
    expect(helpdesk.tickets.comments('T-1').at(-1)!.body).toBe('on it');
    const bad = await call('PATCH', '/ui-api/remote/tickets/T-1', { severity: 'catastrophic' }, as);
    expect(bad.status).toBe(400);
    expect(helpdesk.tickets.get('T-1')!.severity).toBe('high');
    expect((await call('GET', '/ui-api/remote/tickets/T-99', undefined, as)).status).toBe(404);
    await call('POST', '/ui-api/remote/tickets/T-1/close', { reason: 'resolved' }, as);
    await call('POST', '/ui-api/jobs/mirror', {}, as);
    expect(harness.incidents.get('1')).toMatchObject({ status: 2 });
    const timeline = await call('GET', '/ui-api/timeline', undefined, as);
    expect(timeline.body.map((t: { command: string }) => t.command)).toContain('get-remote-data');
  });

  it('pages the remote tickets in the sort the dashboard picked, and refuses a bad page request', async () => {
    const as = await session();
    const first = await call('GET', '/ui-api/remote/tickets?sort=severity&page=0&size=2', undefined, as);
    // Severity descending (critical first), ties by id: high T-1, medium T-3, then low T-2.
    expect(first.body).toMatchObject({ total: 3, page: 0, size: 2, sort: 'severity' });
    expect(first.body.data.map((t: { id: string }) => t.id)).toEqual(['T-1', 'T-3']);
    const second = await call('GET', '/ui-api/remote/tickets?sort=severity&page=1&size=2', undefined, as);
    expect(second.body.data.map((t: { id: string }) => t.id)).toEqual(['T-2']);
    const byDefault = await call('GET', '/ui-api/remote/tickets', undefined, as);
    expect(byDefault.body).toMatchObject({ total: 3, page: 0, size: 100, sort: 'id' });
    for (const [query, reason] of [
      ['sort=colour', /unknown sort "colour"; the ticket list sorts by id, updated, severity, status, title/],
      ['size=0', /"size" must be a whole number from 1 to 1000/],
      ['page=-1', /"page" must be a whole number from 0/],
    ] as const) {
      const bad = await call('GET', `/ui-api/remote/tickets?${query}`, undefined, as);
      expect(bad.status).toBe(400);
      expect(bad.body.detail).toMatch(reason);
    }
  });

  it("describes the remote's records with the vendor's ticket view in the overview", async () => {
    const overview = await call('GET', '/ui-api/overview', undefined, await session());
    expect(overview.body.remote.view.fields.find((f: { key: string }) => f.key === 'severity')).toMatchObject(
      {
        type: 'choice',
        editable: true,
        options: expect.arrayContaining([{ value: 'critical', label: 'critical', tone: 'bad' }]),
      },
    );
  });

  it('refuses a change without the CSRF token, as text/plain, or from another origin or Host, changing nothing', async () => {
    const as = await session();
    await fetched();
    const close = (body: unknown, options: Parameters<typeof call>[3]) =>
      call('POST', '/ui-api/remote/tickets/T-1/close', body, options);
    const refused = [
      await close({ reason: 'forged' }, { ...as, csrf: '' }),
      await close({ reason: 'forged' }, { ...as, csrf: 'x'.repeat(as.csrf.length) }),
      await close(undefined, {
        ...as,
        raw: '{"reason":"forged"}',
        headers: { 'content-type': 'text/plain' },
      }),
      await close({ reason: 'forged' }, { ...as, headers: { origin: 'http://127.0.0.1:1' } }),
      await close({ reason: 'forged' }, { ...as, headers: { 'sec-fetch-site': 'same-site' } }),
      await callWithHost(
        `rebound.example:${new URL(xsoar.url).port}`,
        '/ui-api/remote/tickets/T-1/close',
        { cookie: as.cookie, 'x-csrf-token': as.csrf, 'content-type': 'application/json' },
        '{"reason":"forged"}',
      ),
    ];
    expect(refused.map((r) => r.status)).toEqual([403, 403, 415, 403, 403, 403]);
    expect(refused[0]!.body.detail).toMatch(/x-csrf-token header is missing or wrong/);
    expect(refused[2]!.body.detail).toMatch(/must be sent as JSON/);
    expect(refused[3]!.body.detail).toMatch(/another origin \(http:\/\/127\.0\.0\.1:1\)/);
    // The server-wide Host guard (DNS rebinding) refuses it before the dashboard's own check.
    expect(refused[5]!.body.detail).toMatch(/Host "rebound\.example:\d+" is not this server/);
    expect(helpdesk.tickets.get('T-1')!.status).not.toBe('closed');
    expect(helpdesk.tickets.comments('T-1')).toEqual([]);
    const own = await close({ reason: 'resolved' }, { ...as, headers: { origin: xsoar.url } });
    expect(own.status).toBe(200);
    expect(helpdesk.tickets.get('T-1')!.status).toBe('closed');
  });

  it('marks a mirror cycle that changed nothing as quiet on the timeline, and one that pulled as not', async () => {
    const as = await session();
    await fetched();
    await harness.advance('2m');
    helpdesk.tickets.comment('T-2', { body: 'a change to pull' });
    await harness.advance('1m');
    const items: { kind: string; command?: string; job?: string; trigger?: string; quiet?: boolean }[] = (
      await call('GET', '/ui-api/timeline', undefined, as)
    ).body;
    const mirroring = items.filter((i) => i.trigger !== 'fetch' && i.job !== 'fetch');
    const last = mirroring.slice(-5).map((i) => `${i.command ?? i.kind}${i.quiet ? ' quiet' : ''}`);
    expect(last).toEqual([
      'get-modified-remote-data quiet',
      'job quiet',
      'get-modified-remote-data',
      'get-remote-data',
      'job',
    ]);
  });

  it('opens one command run with its args, masked params, returned entries and logs', async () => {
    const as = await session();
    await fetched();
    helpdesk.tickets.comment('T-1', { body: 'called the user' });
    await harness.mirror();
    const pull = harness.journal().find((r) => r.command === 'get-remote-data')!;
    const detail = (await call('GET', `/ui-api/commands/${pull.seq}`, undefined, as)).body;
    expect(detail).toMatchObject({
      seq: pull.seq,
      command: 'get-remote-data',
      instance: 'helpdesk_1',
      trigger: 'mirror-in',
      outcome: 'ok',
      incidentId: '1',
      args: { id: 'T-1', lastUpdate: expect.any(String) },
      params: { api_key: '*******', url: desk.url },
    });
    expect(JSON.stringify(detail.entries)).toContain('called the user');
    expect(JSON.stringify(detail)).not.toContain(helpdesk.apiKey);
    const missing = await call('GET', '/ui-api/commands/999999', undefined, as);
    expect(missing.status).toBe(404);
    expect(missing.body.detail).toMatch(/no such run in the journal/);
  });

  it('streams harness events as server-sent events', async () => {
    const { cookie } = await session();
    const controller = new AbortController();
    const res = await fetch(`${xsoar.url}/ui-api/events`, { headers: { cookie }, signal: controller.signal });
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const reader = res.body!.getReader();
    await harness.fetch('helpdesk_1');
    let text = '';
    const decoder = new TextDecoder();
    while (!text.includes('fetch-incidents')) text += decoder.decode((await reader.read()).value);
    controller.abort();
    expect(text).toMatch(/"kind":"command".*"command":"fetch-incidents"/);
  });

  it('answers /favicon.ico without a key, and names both ways to restart on a used login link', async () => {
    const icon = await call('GET', '/favicon.ico', undefined, { key: null });
    expect(icon.status).toBe(301);
    expect(icon.headers.get('location')).toBe('/favicon.svg');
    expect((await call('GET', '/favicon.svg', undefined, { key: null })).status).toBe(200);
    const used = await call('GET', '/login?token=nope', undefined, { key: null });
    expect(used.status).toBe(401);
    expect(used.body).toContain('mirrorlab demo');
    expect(used.body).toContain('npm start');
  });
});
