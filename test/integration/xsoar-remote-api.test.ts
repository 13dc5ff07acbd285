/**
 * What XSOAR Mirroring needs from the fake XSOAR REST API when a fake tenant is its remote:
 * `/incidents/search` with `filter.fromDate`, `created:>=` and `-sourceBrand:` terms (an unsupported
 * term is a 400 naming it), `GET /incidentfields`, `GET /incidenttype`, and a repeated close.
 * Express on port 0 over a harness on the virtual clock.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../harness/index.ts';
import { listen, type Listening } from '../../mocks/shared/index.ts';
import { createXsoarApp } from '../../mocks/xsoar/index.ts';

const KEY = 'remote-tenant-key';
const START = Date.parse('2026-03-01T10:00:00.000Z');

let harness: Harness;
let server: Listening;

async function tenant(config: Record<string, string> = {}): Promise<void> {
  harness = await createHarness({ start: START, server: { config } });
  server = await listen(createXsoarApp({ harness, apiKey: KEY }));
}

afterEach(async () => {
  await server.close();
  await harness.close();
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function call(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: KEY, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: await res.json() };
}

/** Three incidents a minute apart (10:00, 10:01, 10:02), created by hand (sourceBrand "Manual"). */
async function threeIncidents(): Promise<void> {
  await harness.incidents.create({ name: 'Phishing', type: 'Unclassified' });
  await harness.advance('1m');
  await harness.incidents.create({
    name: 'Malware',
    type: 'Unclassified',
    CustomFields: { frompong: 'true', score: 7 },
  });
  await harness.advance('1m');
  await harness.incidents.create({ name: 'Travel', type: 'Phishing' });
}

const names = (res: { body: { data: { name: string }[] } }) => res.body.data.map((i) => i.name);

describe('POST /incidents/search as XSOAR Mirroring sends it', () => {
  it('bounds creation by filter.fromDate with six fraction digits, sorted by created', async () => {
    await tenant();
    await threeIncidents();
    const res = await call('POST', '/incidents/search', {
      filter: {
        query: 'created:>="2026-03-01T10:01:00.000000Z"',
        size: 10,
        page: 0,
        fromDate: '2026-03-01T10:01:00.000000Z',
        sort: [{ field: 'created', asc: true }],
      },
    });
    expect(res.status).toBe(200);
    expect(names(res)).toEqual(['Malware', 'Travel']);
    expect(res.body.total).toBe(2);
  });

  it('evaluates created:> strictly and -sourceBrand:"…" as a negation', async () => {
    await tenant();
    await threeIncidents();
    const strict = await call('POST', '/incidents/search', {
      filter: { query: 'created:>"2026-03-01T10:01:00Z"', sort: [{ field: 'created', asc: true }] },
    });
    expect(names(strict)).toEqual(['Travel']);
    const notMirrored = await call('POST', '/incidents/search', {
      filter: {
        query: 'created:>="2026-03-01T09:00:00Z" -sourceBrand:"XSOAR Mirroring"',
        sort: [{ field: 'created', asc: true }],
      },
    });
    expect(names(notMirrored)).toEqual(['Phishing', 'Malware', 'Travel']);
    const notManual = await call('POST', '/incidents/search', { filter: { query: '-sourceBrand:"Manual"' } });
    expect(names(notManual)).toEqual([]);
    const withAnd = await call('POST', '/incidents/search', {
      filter: { query: 'type:Phishing and created:<="2026-03-01T10:02:00Z"' },
    });
    expect(names(withAnd)).toEqual(['Travel']);
  });

  it.each([
    ['status:Active or type:Phishing', '"or" is not supported'],
    ['(type:Phishing)', 'parentheses'],
    ['name:Phish*', 'wildcards'],
    ['created:>="3 days ago"', 'ISO time'],
  ])('answers 400 naming the unsupported part of %s', async (query, why) => {
    await tenant();
    const res = await call('POST', '/incidents/search', { filter: { query } });
    expect(res.status).toBe(400);
    expect(res.body.detail).toContain(why);
  });

  it('answers 400 for a fromDate that is not a time', async () => {
    await tenant();
    const res = await call('POST', '/incidents/search', { filter: { fromDate: 'yesterday' } });
    expect(res.status).toBe(400);
    expect(res.body.detail).toContain('filter.fromDate');
  });
});

describe('GET /incidentfields and /incidenttype', () => {
  it('lists system fields for all types and custom fields with the types that use them', async () => {
    await tenant();
    await threeIncidents();
    const res = await call('GET', '/incidentfields');
    expect(res.status).toBe(200);
    const byCli = Object.fromEntries(res.body.map((f: { cliName: string }) => [f.cliName, f]));
    expect(byCli.severity).toMatchObject({ group: 0, system: true, associatedToAll: true, type: 'number' });
    expect(byCli.score).toMatchObject({
      group: 0,
      system: false,
      associatedToAll: false,
      associatedTypes: ['Unclassified'],
      type: 'number',
    });
    expect(byCli.frompong).toMatchObject({ type: 'shortText', name: 'frompong' });
  });

  it('lists the built-in type and every type in use', async () => {
    await tenant();
    await threeIncidents();
    const res = await call('GET', '/incidenttype');
    expect(res.body.map((t: { name: string }) => t.name)).toEqual(['Phishing', 'Unclassified']);
  });
});

describe('POST /investigation/{id} as XSOAR Mirroring sends it', () => {
  it('takes categories and tags with tagsAndOperator, and refuses an unknown category', async () => {
    await tenant();
    const incident = await harness.incidents.create({ name: 'Phishing' });
    await harness.incidents.addEntry(incident.id, { contents: 'both tags', tags: ['to-remote', 'ioc'] });
    await harness.incidents.addEntry(incident.id, { contents: 'one tag', tags: ['to-remote'] });
    await harness.incidents.addEntry(incident.id, { contents: 'a note', note: true });
    await harness.incidents.addEntry(incident.id, {
      contents: 'evidence',
      file: { name: 'mail.eml', content: 'From: ceo' },
    });
    const entries = async (body: object) =>
      (await call('POST', `/investigation/${incident.id}`, body)).body.entries.map(
        (e: { contents: unknown; file?: string }) => e.file || e.contents,
      );
    const tagged = { fromTime: '1970-01-01T00:00:00Z', pageSize: 100, tags: ['to-remote', 'ioc'] };
    expect(await entries({ ...tagged, tagsAndOperator: true })).toEqual(['both tags']);
    expect(await entries({ ...tagged, tagsAndOperator: false })).toEqual(['both tags', 'one tag']);
    expect(
      await entries({ fromTime: '1970-01-01T00:00:00Z', categories: ['attachments'], tags: null }),
    ).toEqual(['mail.eml']);
    expect(await entries({ categories: ['notes'] })).toEqual(['a note']);
    const bad = await call('POST', `/investigation/${incident.id}`, { categories: ['gossip'] });
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toContain('unknown category "gossip"');
  });
});

describe('file and formatted entries', () => {
  it('uploads a file entry, downloads its bytes, and adds a formatted entry', async () => {
    await tenant();
    const incident = await harness.incidents.create({ name: 'Phishing' });
    const form = new FormData();
    form.set('file', new Blob(['From: ceo@example.com'], { type: 'application/octet-stream' }), 'mail.eml');
    const up = await fetch(`${server.url}/entry/upload/${incident.id}`, {
      method: 'POST',
      headers: { authorization: KEY },
      body: form,
    });
    expect(up.status).toBe(201);
    const entry = (await up.json()) as { id: string; file: string; type: number };
    expect(entry).toMatchObject({ file: 'mail.eml', type: 3 });
    const down = await fetch(`${server.url}/entry/download/${entry.id}`, { headers: { authorization: KEY } });
    expect(down.status).toBe(200);
    expect(await down.text()).toBe('From: ceo@example.com');

    const formatted = await call('POST', '/entry/formatted', {
      investigationId: incident.id,
      contents: '**escalated**',
      format: 'markdown',
    });
    expect(formatted.status).toBe(201);
    expect(formatted.body).toMatchObject({ contents: '**escalated**', format: 'markdown', note: false });
    expect((await call('GET', `/entry/download/${formatted.body.id}`)).status).toBe(404);
    const noFile = await fetch(`${server.url}/entry/upload/${incident.id}`, {
      method: 'POST',
      headers: { authorization: KEY, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(noFile.status).toBe(400);
    expect(harness.incidents.entries(incident.id)).toHaveLength(2);
  });
});

describe('what update_remote_system posts back', () => {
  it('keeps an empty or format-less formatted entry, as add_incident_entry sends for a file entry', async () => {
    await tenant();
    const incident = await harness.incidents.create({ name: 'Phishing' });
    const empty = await call('POST', '/entry/formatted', {
      investigationId: incident.id,
      contents: '',
      format: null,
    });
    expect([empty.status, empty.body]).toMatchObject([201, { contents: '', format: 'text' }]);
    const missing = await call('POST', '/entry/formatted', { investigationId: incident.id });
    expect([missing.status, missing.body.detail]).toMatchObject([
      400,
      expect.stringContaining('"contents" is required'),
    ]);
    expect(harness.incidents.entries(incident.id)).toHaveLength(1);
  });

  it('drops the closingUserId of a close delta, and still refuses a status change', async () => {
    await tenant();
    const incident = await harness.incidents.create({ name: 'Phishing' });
    const loaded = (await call('GET', `/incident/load/${incident.id}`)).body;
    const posted = await call('POST', '/incident', {
      ...loaded,
      closeReason: 'Resolved',
      closingUserId: 'amy',
    });
    expect([posted.status, posted.body.closeReason, posted.body.closingUserId]).toEqual([
      200,
      'Resolved',
      '',
    ]);
    const refused = await call('POST', '/incident', { ...posted.body, status: 2 });
    expect([refused.status, refused.body.detail]).toMatchObject([400, expect.stringContaining('"status"')]);
  });
});

describe('a repeated close', () => {
  it('answers 200 with the incident unchanged by default', async () => {
    await tenant();
    await threeIncidents();
    const first = await call('POST', '/incident/close', { id: '1', closeReason: 'Resolved' });
    expect(first.body).toMatchObject({ status: 2, closeReason: 'Resolved' });
    await harness.advance('1m');
    const again = await call('POST', '/incident/close', { id: '1', closeReason: 'Other' });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ status: 2, closeReason: 'Resolved', closed: first.body.closed });
  });

  it('answers 409 with incident.close.repeated: conflict, and 400 for an unknown setting', async () => {
    await tenant({ 'incident.close.repeated': 'conflict' });
    await threeIncidents();
    await call('POST', '/incident/close', { id: '1' });
    expect((await call('POST', '/incident/close', { id: '1' })).status).toBe(409);
    await server.close();
    await harness.close();
    await tenant({ 'incident.close.repeated': 'sometimes' });
    await threeIncidents();
    await call('POST', '/incident/close', { id: '1' });
    const bad = await call('POST', '/incident/close', { id: '1' });
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toContain('incident.close.repeated');
  });
});
