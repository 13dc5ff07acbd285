/**
 * The Zendesk fake over HTTP, endpoint by endpoint and operator by operator, as Zendesk v2 calls
 * it — the same conversation in-process (msw) and over express on a real port, with the same
 * answers.
 */
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen, type Listening } from '../../mocks/shared/index.ts';
import { createZendesk, type Zendesk } from '../../mocks/ticketing/zendesk/index.ts';

const START = Date.parse('2026-04-01T09:00:00.000Z');

interface Answer {
  status: number | 'network-error';
  retryAfter?: string | null;
  body?: unknown;
  text?: string;
}

/** One fixed conversation; the clock moves a minute before each write that matters. */
async function converse(base: string, zd: Zendesk, clock: { t: number }): Promise<Record<string, Answer>> {
  const token = `Basic ${Buffer.from(`${zd.email}/token:${zd.apiToken}`).toString('base64')}`;
  const call = async (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = { authorization: token },
  ): Promise<Answer> => {
    try {
      const res = await fetch(path.startsWith('http') ? path : `${base}${path}`, {
        method,
        headers: {
          'user-agent': 'mirrorlab-test',
          ...headers,
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
      });
      const text = (await res.text()).replaceAll(base, '<base>');
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // not JSON: keep the text
      }
      return { status: res.status, retryAfter: res.headers.get('retry-after'), body: parsed };
    } catch (e) {
      return { status: 'network-error', text: (e as Error).name };
    }
  };
  const admin = (method: string, path: string, body: unknown) =>
    fetch(`${base}${path}`, {
      method,
      headers: { 'x-admin-token': zd.adminToken, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const search = (query: string, extra = '') =>
    call('GET', `/api/v2/search.json?query=${encodeURIComponent(query)}${extra}`);
  const out: Record<string, Answer> = {};

  out.listCursor = await call('GET', '/api/v2/tickets.json?page[size]=2');
  const next = (out.listCursor.body as { links: { next: string } }).links.next.replace('<base>', base);
  out.listNext = await call('GET', next);
  out.listOffset = await call('GET', '/api/v2/tickets?per_page=2&page=3');
  out.show = await call('GET', '/api/v2/tickets/1');
  out.showJson = await call('GET', '/api/v2/tickets/1.json');
  out.missing = await call('GET', '/api/v2/tickets/999');
  clock.t += 60_000;
  out.create = await call('POST', '/api/v2/tickets', {
    ticket: {
      subject: 'Ransomware note on SRV-9',
      comment: { body: 'Files renamed *.locked' },
      priority: 'high',
      tags: ['ransomware'],
    },
  });
  out.createBlank = await call('POST', '/api/v2/tickets', { ticket: { subject: 'no description' } });
  out.malformed = await call('PUT', '/api/v2/tickets/6', '{oops');
  clock.t += 60_000;
  out.privateNote = await call(
    'PUT',
    '/api/v2/tickets/6',
    { ticket: { status: 'open', comment: { body: 'isolated the host', public: false } } },
    { authorization: token, 'user-agent': 'XSOAR mirror' },
  );
  out.badStatus = await call('PUT', '/api/v2/tickets/6', { ticket: { status: 'new' } });
  out.badPriority = await call('PUT', '/api/v2/tickets/6', { ticket: { priority: 'asap' } });
  out.comments = await call('GET', '/api/v2/tickets/6/comments?page[size]=1');
  out.commentsNext = await call(
    'GET',
    (out.comments.body as { links: { next: string } }).links.next.replace('<base>', base),
  );
  const upload = await fetch(`${base}/api/v2/uploads?filename=evidence.txt`, {
    method: 'POST',
    headers: { authorization: token, 'content-type': 'application/binary', 'user-agent': 'mirrorlab-test' },
    body: 'evidence bytes',
  });
  const uploaded = JSON.parse((await upload.text()).replaceAll(base, '<base>')) as {
    upload: { token: string; attachment: { id: number } };
  };
  out.upload = { status: upload.status, body: { file: uploaded.upload.attachment } };
  out.attach = await call('PUT', '/api/v2/tickets/6', {
    ticket: { comment: { body: 'see attachment', uploads: [uploaded.upload.token] } },
  });
  out.attachmentShow = await call('GET', `/api/v2/attachments/${uploaded.upload.attachment.id}`);
  const contentUrl = (out.attachmentShow.body as { attachment: { content_url: string } }).attachment
    .content_url;
  out.attachmentContent = await call('GET', contentUrl.replace('<base>', base));
  out.reusedToken = await call('PUT', '/api/v2/tickets/6', {
    ticket: { comment: { body: 'again', uploads: [uploaded.upload.token] } },
  });

  out.searchCreated = await search('type:ticket created>2026-04-01T09:00:00Z');
  out.countCreated = await call(
    'GET',
    `/api/v2/search/count.json?query=${encodeURIComponent('type:ticket created>2026-04-01T09:00:00Z')}`,
  );
  out.searchUpdatedGte = await search('type:ticket updated>=2026-04-01T09:02:00Z');
  out.searchDay = await search('type:ticket created:2026-04-01');
  out.searchDayAfter = await search('type:ticket created>2026-04-01');
  out.searchStatus = await search('type:ticket status:open');
  out.searchStatusLt = await search('type:ticket status<pending', '&sort_by=created_at&sort_order=asc');
  out.searchPriority = await search('type:ticket priority>normal -tags:ransomware');
  out.searchTags = await search('tags:ransomware');
  out.searchWords = await search('"isolated the host"');
  out.searchPaged = await search('type:ticket', '&sort_by=created_at&sort_order=asc&per_page=2&page=2');
  out.searchInline = await search('type:ticket order_by:created sort:desc', '&per_page=1');
  out.searchUnknownField = await search('type:ticket colour:red');
  out.searchRelative = await search('type:ticket created>4hours');
  out.searchUserType = await search('type:user');
  out.searchTooDeep = await search('type:ticket', '&per_page=100&page=11');

  out.incrementalNoStart = await call('GET', '/api/v2/incremental/tickets/cursor');
  clock.t += 60_000;
  out.incremental = await call('GET', `/api/v2/incremental/tickets/cursor?start_time=${START / 1000 + 60}`);
  const after = (out.incremental.body as { after_cursor: string }).after_cursor;
  clock.t += 60_000;
  out.solve = await call('PUT', '/api/v2/tickets/3', { ticket: { status: 'solved' } });
  out.incrementalTooRecent = await call('GET', `/api/v2/incremental/tickets/cursor.json?cursor=${after}`);
  clock.t += 60_000;
  out.incrementalAfter = await call('GET', `/api/v2/incremental/tickets/cursor.json?cursor=${after}`);

  out.close = await call('PUT', '/api/v2/tickets/6', { ticket: { status: 'closed' } });
  out.closedUpdate = await call('PUT', '/api/v2/tickets/6', { ticket: { comment: { body: 'too late' } } });
  out.delete = await call('DELETE', '/api/v2/tickets/2');
  out.deletedShow = await call('GET', '/api/v2/tickets/2');
  out.deletedUpdate = await call('PUT', '/api/v2/tickets/2', { ticket: { subject: 'x' } });
  clock.t += 60_000;
  out.incrementalDeleted = await call('GET', `/api/v2/incremental/tickets/cursor?cursor=${after}`);

  out.user = await call(
    'GET',
    `/api/v2/users/${(out.show.body as { ticket: { requester_id: number } }).ticket.requester_id}`,
  );
  out.org = await call(
    'GET',
    `/api/v2/organizations/${(out.show.body as { ticket: { organization_id: number } }).ticket.organization_id}.json`,
  );
  out.groups = await call('GET', '/api/v2/groups?page[size]=1');
  out.usersFirst = await call('GET', '/api/v2/users.json?page[size]=1');

  out.noAuth = await call('GET', '/api/v2/tickets/1', undefined, {});
  out.wrongToken = await call('GET', '/api/v2/tickets/1', undefined, {
    authorization: `Basic ${Buffer.from(`${zd.email}/token:wrong`).toString('base64')}`,
  });
  out.passwordOff = await call('GET', '/api/v2/tickets/1', undefined, {
    authorization: `Basic ${Buffer.from(`${zd.email}:${zd.apiToken}`).toString('base64')}`,
  });
  out.bearer = await call('GET', '/api/v2/tickets/1', undefined, { authorization: 'Bearer oauth-access' });
  out.bearerWrong = await call('GET', '/api/v2/tickets/1', undefined, { authorization: 'Bearer nope' });

  await admin('POST', '/admin/faults', { path: '/api/v2/tickets/:id', status: 503, times: 1 });
  out.fault = await call('GET', '/api/v2/tickets/1');
  await admin('PUT', '/admin/rate-limit', { requests: 1, windowMs: 60_000 });
  out.limitedFirst = await call('GET', '/api/v2/tickets/1');
  out.limited = await call('GET', '/api/v2/tickets/1');
  await admin('PUT', '/admin/rate-limit', null);
  out.unknown = await call('GET', '/api/v2/macros.json');
  return out;
}

describe('the Zendesk fake over HTTP', () => {
  const clocks = { msw: { t: START }, express: { t: START } };
  let answers: { msw: Record<string, Answer>; express: Record<string, Answer> };
  let server: Listening;
  const msw = setupServer();

  beforeAll(async () => {
    const make = (c: { t: number }) =>
      createZendesk({ clock: { now: () => c.t }, items: 5, seed: 3, oauthToken: 'oauth-access' });
    const [inProcess, overExpress] = [await make(clocks.msw), await make(clocks.express)];
    msw.use(...inProcess.handlers);
    msw.listen({ onUnhandledRequest: 'bypass' });
    server = await listen(overExpress.app());
    answers = {
      msw: await converse(inProcess.baseUrl, inProcess, clocks.msw),
      express: await converse(server.url, overExpress, clocks.express),
    };
  });
  afterAll(async () => {
    msw.close();
    await server?.close();
  });

  const a = (key: string) => answers.msw[key]!;
  const ids = (key: string, field = 'results') =>
    ((a(key).body as Record<string, { id: number }[]>)[field] ?? []).map((t) => t.id);

  it('answers the same in-process and over express', () => {
    expect(answers.express).toEqual(answers.msw);
  });

  it('lists tickets with cursor and offset paging', () => {
    expect(a('listCursor').status).toBe(200);
    expect(ids('listCursor', 'tickets')).toEqual([1, 2]);
    expect(a('listCursor').body).toMatchObject({ meta: { has_more: true } });
    expect(ids('listNext', 'tickets')).toEqual([3, 4]);
    expect(a('listOffset').body).toMatchObject({ count: 5, next_page: null });
    expect(ids('listOffset', 'tickets')).toEqual([5]);
  });

  it('shows a ticket as Zendesk does, with or without .json', () => {
    expect(a('show').body).toMatchObject({
      ticket: {
        id: 1,
        url: '<base>/api/v2/tickets/1.json',
        created_at: '2026-04-01T09:00:00Z',
        tags: expect.any(Array),
      },
    });
    expect(a('showJson').body).toEqual(a('show').body);
    expect(a('missing')).toMatchObject({
      status: 404,
      body: { error: 'RecordNotFound', description: 'Not found' },
    });
  });

  it('creates a ticket whose first comment is its description, and refuses one without', () => {
    expect(a('create')).toMatchObject({
      status: 201,
      body: {
        ticket: {
          id: 6,
          status: 'new',
          priority: 'high',
          description: 'Files renamed *.locked',
          created_at: '2026-04-01T09:01:00Z',
        },
      },
    });
    expect(a('createBlank')).toMatchObject({
      status: 422,
      body: {
        error: 'RecordInvalid',
        details: { description: [{ description: 'Description: cannot be blank' }] },
      },
    });
    expect(a('malformed')).toMatchObject({ status: 400, body: { error: 'InvalidJSON' } });
  });

  it('adds a private comment with the client that wrote it, and validates statuses and priorities', () => {
    expect(a('privateNote').body).toMatchObject({
      ticket: { status: 'open', updated_at: '2026-04-01T09:02:00Z' },
    });
    expect(a('badStatus')).toMatchObject({ status: 422, body: { details: { status: [{}] } } });
    expect(a('badPriority')).toMatchObject({ status: 422, body: { details: { priority: [{}] } } });
    expect(a('comments').body).toMatchObject({
      comments: [{ body: 'Files renamed *.locked', public: true }],
      meta: { has_more: true },
    });
    expect(a('commentsNext').body).toMatchObject({
      comments: [
        { body: 'isolated the host', public: false, metadata: { system: { client: 'XSOAR mirror' } } },
      ],
    });
  });

  it('uploads a file and attaches it with a comment; a used token is refused', () => {
    expect(a('upload')).toMatchObject({
      status: 201,
      body: { file: { file_name: 'evidence.txt', size: 14, thumbnails: [] } },
    });
    expect(a('attach').status).toBe(200);
    expect(a('attachmentShow').body).toMatchObject({
      attachment: { file_name: 'evidence.txt', content_type: 'text/plain' },
    });
    expect(a('attachmentContent')).toMatchObject({ status: 200, body: 'evidence bytes' });
    expect(a('reusedToken').status).toBe(422);
  });

  it('searches with type:ticket, created/updated by time and day, status and priority order, tags, words, negation', () => {
    expect(ids('searchCreated')).toEqual([6]);
    expect(a('searchCreated').body).toMatchObject({ count: 1, results: [{ result_type: 'ticket' }] });
    expect(a('countCreated').body).toEqual({ count: 1 });
    expect(ids('searchUpdatedGte')).toEqual([6]);
    expect(ids('searchDay').sort()).toEqual([1, 2, 3, 4, 5, 6]);
    expect(ids('searchDayAfter')).toEqual([]);
    expect(ids('searchStatus')).toContain(6);
    const lowStatus = (a('searchStatusLt').body as { results: { status: string; created_at: string }[] })
      .results;
    expect(lowStatus.every((t) => t.status === 'new' || t.status === 'open')).toBe(true);
    expect(lowStatus.map((t) => t.created_at)).toEqual([...lowStatus.map((t) => t.created_at)].sort());
    const priorities = (a('searchPriority').body as { results: { id: number; priority: string }[] }).results;
    expect(priorities.every((t) => ['high', 'urgent'].includes(t.priority) && t.id !== 6)).toBe(true);
    expect(ids('searchTags')).toEqual([6]);
    expect(ids('searchWords')).toEqual([6]);
  });

  it('orders and pages search results, inline or by parameter', () => {
    expect(ids('searchPaged')).toEqual([3, 4]);
    expect(a('searchPaged').body).toMatchObject({ count: 6, next_page: expect.stringContaining('page=3') });
    expect(ids('searchInline')).toEqual([6]);
    expect(a('searchTooDeep').status).toBe(422);
  });

  it('answers search syntax it does not know with a 400, never ignoring it', () => {
    for (const key of ['searchUnknownField', 'searchRelative', 'searchUserType'])
      expect(a(key)).toMatchObject({
        status: 400,
        body: { error: 'InvalidSearch', description: expect.stringContaining('Invalid search') },
      });
  });

  it('exports changed tickets incrementally by start time, then by cursor', () => {
    expect(a('incrementalNoStart').status).toBe(400);
    expect(a('incremental').body).toMatchObject({ end_of_stream: true, after_cursor: expect.any(String) });
    expect(ids('incremental', 'tickets')).toEqual([6]);
    // A change made in the minute before the request waits for the next one, cursor unchanged.
    expect(ids('incrementalTooRecent', 'tickets')).toEqual([]);
    expect(a('incrementalTooRecent').body).toMatchObject({
      after_cursor: (a('incremental').body as { after_cursor: string }).after_cursor,
    });
    expect(ids('incrementalAfter', 'tickets')).toEqual([3]);
    expect(a('solve').body).toMatchObject({ ticket: { status: 'solved', assignee_id: expect.any(Number) } });
  });

  it('refuses to update a closed ticket and hides a deleted one everywhere but the export', () => {
    expect(a('close').body).toMatchObject({ ticket: { status: 'closed' } });
    expect(a('closedUpdate')).toMatchObject({
      status: 422,
      body: {
        error: 'RecordInvalid',
        details: { status: [{ description: 'Status: closed prevents ticket update' }] },
      },
    });
    expect(a('delete').status).toBe(204);
    expect(a('deletedShow')).toMatchObject({ status: 404, body: { error: 'RecordNotFound' } });
    expect(a('deletedUpdate').status).toBe(404);
    const exported = (a('incrementalDeleted').body as { tickets: { id: number; status: string }[] }).tickets;
    // 2 and 6 changed in the same second: the export orders by (updated_at, id).
    expect(exported.map((t) => [t.id, t.status])).toEqual([
      [3, 'solved'],
      [2, 'deleted'],
      [6, 'closed'],
    ]);
  });

  it('shows users, organizations and groups', () => {
    expect(a('user').body).toMatchObject({ user: { role: 'end-user', email: expect.stringContaining('@') } });
    expect(a('org').body).toMatchObject({
      organization: { name: expect.any(String), domain_names: [expect.any(String)] },
    });
    expect(a('groups').body).toMatchObject({
      groups: [{ name: 'Security Operations' }],
      meta: { has_more: true },
    });
    expect(a('usersFirst').body).toMatchObject({ users: [{ role: 'admin' }] });
  });

  it('authenticates email/token basic auth and an OAuth bearer token, in Zendesk’s words otherwise', () => {
    for (const key of ['noAuth', 'wrongToken', 'passwordOff', 'bearerWrong'])
      expect(a(key)).toMatchObject({ status: 401, body: { error: "Couldn't authenticate you" } });
    expect(a('bearer').status).toBe(200);
  });

  it('injects faults and rate-limits with 429 and Retry-After in Zendesk’s shape', () => {
    expect(a('fault').status).toBe(503);
    expect(a('limitedFirst').status).toBe(200);
    expect(a('limited')).toMatchObject({
      status: 429,
      retryAfter: '60',
      body: { error: 'APIRateLimitExceeded' },
    });
    expect(a('unknown')).toMatchObject({ status: 404, body: { error: 'mock_not_found' } });
  });
});
