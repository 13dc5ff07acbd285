/**
 * The Jira Cloud fake over real HTTP (express on 127.0.0.1, port 0), called the way Jira V3 calls it:
 * through the gateway path with the Cloud ID, basic auth with email + API token. JQL search in both
 * paging styles and its errors, issues, ADF comments, transitions, attachments, auth, 429, 404.
 * (jira-transports.test.ts checks that the in-process msw transport answers the same.)
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { listen, type Listening } from '../../mocks/shared/index.ts';
import { createJira, type Jira } from '../../mocks/ticketing/jira/index.ts';

let now = Date.parse('2026-04-01T09:00:00.000Z');
const clock = { now: () => now };
let jira: Jira;
let server: Listening;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Body = any;
const basic = (user: string, secret: string) =>
  `Basic ${Buffer.from(`${user}:${secret}`).toString('base64')}`;
const adf = (text: string) => ({
  type: 'doc',
  version: 1,
  content: [{ type: 'paragraph', content: [{ text, type: 'text' }] }],
});

async function call(path: string, init: RequestInit & { auth?: string; site?: boolean } = {}) {
  const { auth, site, ...rest } = init;
  const base = site ? server.url : `${server.url}/ex/jira/${jira.cloudId}`;
  const res = await fetch(`${base}${path}`, {
    ...rest,
    headers: {
      accept: 'application/json',
      authorization: auth ?? basic(jira.email, jira.apiToken),
      ...(typeof rest.body === 'string' ? { 'content-type': 'application/json' } : {}),
      ...(rest.headers as Record<string, string> | undefined),
    },
  });
  const text = await res.text();
  let body: Body = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // attachment bytes stay text
  }
  return { status: res.status, headers: res.headers, body };
}
const post = (path: string, body: unknown, init: RequestInit = {}) =>
  call(path, { method: 'POST', body: JSON.stringify(body), ...init });
const put = (path: string, body: unknown) => call(path, { method: 'PUT', body: JSON.stringify(body) });
const q = (jql: string, extra = '') => `/rest/api/3/search/jql?jql=${encodeURIComponent(jql)}${extra}`;

beforeAll(async () => {
  jira = await createJira({
    clock,
    timeZone: 'Asia/Jerusalem',
    oauth: { clientId: 'cid', clientSecret: 'csecret' },
    pat: 'personal-token',
    tickets: [
      { summary: 'Phishing mail from CEO', priority: 'High', labels: ['phishing'] },
      { summary: 'Malware on WS-12', status: 'In Progress' },
    ],
  });
  server = await listen(jira.app());
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  jira.reset();
  now = Date.parse('2026-04-01T09:00:00.000Z');
});

describe('search', () => {
  it('runs the fetch query of Jira V3 with its expand and fields, in the user time zone', async () => {
    now += 60_000;
    jira.issues.update('SOC-2', { priority: 'Low' });
    // 12:00 in Jerusalem is 09:00 UTC: SOC-1 was last updated at 09:00, SOC-2 at 09:01.
    const res = await call(
      q(
        'status!=done AND updated >= "2026-04-01 12:01" ORDER BY updated ASC',
        '&maxResults=50&expand=renderedFields,transitions,names&fields=*all',
      ),
    );
    expect(res.status).toBe(200);
    expect(res.body.issues.map((i: Body) => i.key)).toEqual(['SOC-2']);
    const [issue] = res.body.issues;
    expect(issue).toMatchObject({
      id: '10002',
      key: 'SOC-2',
      fields: {
        summary: 'Malware on WS-12',
        status: { name: 'In Progress', statusCategory: { key: 'indeterminate' } },
        priority: { name: 'Low' },
        project: { key: 'SOC', name: 'Security Operations' },
        updated: '2026-04-01T12:01:00.000+0300',
        created: '2026-04-01T12:00:00.000+0300',
        resolutiondate: null,
      },
      renderedFields: { description: '' },
    });
    expect(issue.transitions.map((t: Body) => t.name)).toEqual(['To Do', 'Done']);
    expect(res.body.names).toMatchObject({ customfield_10040: 'XSOAR Incident ID', summary: 'Summary' });
    expect(res.body).toMatchObject({ isLast: true });
  });

  it('pages by nextPageToken on search/jql and by startAt on search', async () => {
    for (let i = 0; i < 3; i++) jira.issues.create({ summary: `Alert ${i}` });
    const first = await call(q('project = SOC ORDER BY id ASC', '&maxResults=2'));
    expect(first.body.issues.map((i: Body) => i.key)).toEqual(['SOC-1', 'SOC-2']);
    expect(first.body.isLast).toBe(false);
    const second = await call(
      q('project = SOC ORDER BY id ASC', `&maxResults=2&nextPageToken=${first.body.nextPageToken}`),
    );
    expect(second.body.issues.map((i: Body) => i.key)).toEqual(['SOC-3', 'SOC-4']);
    const old = await call(
      `/rest/api/3/search?jql=${encodeURIComponent('id > 10001 ORDER BY id')}&startAt=1&maxResults=2`,
    );
    expect(old.body).toMatchObject({ startAt: 1, maxResults: 2, total: 4 });
    expect(old.body.issues.map((i: Body) => i.id)).toEqual(['10003', '10004']);
  });

  it('returns the fields asked for: none but the id by default on search/jql, all on search', async () => {
    const bare = await call(q('key = SOC-1'));
    expect(bare.body.issues[0]).toMatchObject({ id: '10001', key: 'SOC-1', fields: {} });
    const some = await call(q('key = SOC-1', '&fields=summary,status'));
    expect(Object.keys(some.body.issues[0].fields).sort()).toEqual(['status', 'summary']);
    const allBut = await call(q('key = SOC-1', '&fields=*all&fields=-comment'));
    expect(allBut.body.issues[0].fields).toHaveProperty('customfield_10040');
    expect(allBut.body.issues[0].fields).not.toHaveProperty('comment');
    const old = await call(`/rest/api/3/search?jql=${encodeURIComponent('key = SOC-1')}`);
    expect(old.body.issues[0].fields.summary).toBe('Phishing mail from CEO');
  });

  it('orders by priority rank: Highest first with DESC', async () => {
    jira.issues.create({ summary: 'Lowest one', priority: 'Lowest' });
    jira.issues.create({ summary: 'Highest one', priority: 'Highest' });
    const res = await call(q('project = SOC ORDER BY priority DESC, id ASC', '&fields=priority'));
    expect(res.body.issues.map((i: Body) => i.fields.priority.name)).toEqual([
      'Highest',
      'High',
      'Medium',
      'Lowest',
    ]);
  });

  it.each([
    ['foo = bar', "Field 'foo' does not exist or you do not have permission to view it."],
    ['updated > "yesterday"', "Date value 'yesterday' for field 'updated' is invalid"],
    ['ORDER BY created ASC', 'Unbounded JQL queries are not allowed here'],
    ['project = NOPE', "The value 'NOPE' does not exist for the field 'project'."],
    ['status in ("To Do", Closed)', "The value 'Closed' does not exist for the field 'status'."],
  ])('answers 400 in Jira error shape for %s', async (jql, message) => {
    const res = await call(q(jql));
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual({});
    expect(res.body.errorMessages[0]).toContain(message);
  });
});

describe('issues', () => {
  it('creates, reads with changelog, edits and deletes; a deleted issue is a 404', async () => {
    const created = await post('/rest/api/3/issue', {
      fields: {
        project: { key: 'SOC' },
        issuetype: { name: 'Bug' },
        summary: 'Impossible travel',
        description: adf('Login from two countries'),
        labels: ['triage'],
        priority: { name: 'Highest' },
        customfield_10041: 87,
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: '10003', key: 'SOC-3' });
    now += 120_000;
    expect(
      (await put('/rest/api/3/issue/SOC-3', { fields: { summary: 'Impossible travel (VPN)' } })).status,
    ).toBe(204);
    const got = await call('/rest/api/3/issue/10003?expand=renderedFields,transitions,changelog');
    expect(got.body.fields).toMatchObject({
      summary: 'Impossible travel (VPN)',
      description: adf('Login from two countries'),
      customfield_10041: 87,
      updated: '2026-04-01T12:02:00.000+0300',
    });
    expect(got.body.renderedFields.description).toBe('<p>Login from two countries</p>');
    expect(got.body.changelog.histories[0].items[0]).toMatchObject({
      field: 'summary',
      fromString: 'Impossible travel',
      toString: 'Impossible travel (VPN)',
    });
    expect((await call('/rest/api/3/issue/SOC-3', { method: 'DELETE' })).status).toBe(204);
    const gone = await call('/rest/api/3/issue/SOC-3');
    expect(gone.status).toBe(404);
    expect(gone.body).toEqual({
      errorMessages: ['Issue does not exist or you do not have permission to see it.'],
      errors: {},
    });
  });

  it.each([
    [{ fields: { project: { key: 'SOC' }, issuetype: { name: 'Task' } } }, 'summary'],
    [{ fields: { project: { key: 'NOPE' }, issuetype: { name: 'Task' }, summary: 'x' } }, 'project'],
    [
      {
        fields: { project: { key: 'SOC' }, issuetype: { name: 'Task' }, summary: 'x', description: 'plain' },
      },
      'description',
    ],
    [
      { fields: { project: { key: 'SOC' }, issuetype: { name: 'Task' }, summary: 'x', customfield_1: 'y' } },
      'customfield_1',
    ],
  ])('refuses a bad create with a field error and creates nothing (%#)', async (body, field) => {
    const res = await post('/rest/api/3/issue', body);
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.errors)).toEqual([field]);
    expect(jira.issues.list()).toHaveLength(2);
  });

  it('refuses a v3 description that is not ADF, and takes text on v2', async () => {
    const bad = await put('/rest/api/3/issue/SOC-1', { fields: { description: 'text' } });
    expect(bad.body.errors.description).toMatch(/Atlassian Document/);
    expect((await put('/rest/api/2/issue/SOC-1', { fields: { description: 'from v2' } })).status).toBe(204);
    expect((await call('/rest/api/2/issue/SOC-1')).body.fields.description).toBe('from v2');
    expect((await call('/rest/api/3/issue/SOC-1')).body.fields.description).toEqual(adf('from v2'));
  });
});

describe('comments', () => {
  it('adds ADF comments on v3, renders them, bumps the issue updated time, and reads plain text on v2', async () => {
    now += 30_000;
    const added = await post('/rest/api/3/issue/SOC-1/comment?expand=renderedBody', {
      body: adf('Blocked the sender\n\nMirrored from Cortex XSOAR'),
    });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({
      id: '10001',
      // Newlines inside a text node stay newlines: get_text() gives back the text the integration sent.
      renderedBody: '<p>Blocked the sender\n\nMirrored from Cortex XSOAR</p>',
      author: { displayName: 'SOC Bot' },
      created: '2026-04-01T12:00:30.000+0300',
    });
    const list = await call('/rest/api/3/issue/10001/comment?expand=renderedBody&maxResults=50');
    expect(list.body).toMatchObject({
      total: 1,
      comments: [{ body: adf('Blocked the sender\n\nMirrored from Cortex XSOAR') }],
    });
    expect((await call('/rest/api/2/issue/SOC-1/comment')).body.comments[0].body).toBe(
      'Blocked the sender\n\nMirrored from Cortex XSOAR',
    );
    const modified = await call(q('updated > "2026-04-01 12:00"'));
    expect(modified.body.issues.map((i: Body) => i.key)).toEqual(['SOC-1']);
  });

  it('refuses a plain string on v3', async () => {
    const res = await post('/rest/api/3/issue/SOC-1/comment', { body: 'plain' });
    expect(res.status).toBe(400);
    expect(res.body.errors.comment).toMatch(/Atlassian Document/);
    expect(jira.issues.comments('SOC-1')).toHaveLength(0);
  });
});

describe('transitions', () => {
  it('moves To Do → In Progress → Done (with a resolution) and back, clearing the resolution', async () => {
    const list = async () => (await call('/rest/api/3/issue/SOC-1/transitions')).body.transitions;
    expect((await list()).map((t: Body) => [t.name, t.to.name])).toEqual([
      ['In Progress', 'In Progress'],
      ['Done', 'Done'],
    ]);
    const go = (id: string, fields?: unknown) =>
      post('/rest/api/3/issue/SOC-1/transitions?expand=transitions.fields', {
        transition: { id },
        ...(fields ? { fields } : {}),
      });
    expect((await go('21')).status).toBe(204);
    now += 60_000;
    expect((await go('31', { resolution: { name: "Won't Do" } })).status).toBe(204);
    let issue = (await call('/rest/api/3/issue/SOC-1')).body;
    expect(issue.fields).toMatchObject({
      status: { name: 'Done' },
      resolution: { name: "Won't Do" },
      resolutiondate: '2026-04-01T12:01:00.000+0300',
    });
    expect((await go('31')).body.errorMessages).toEqual(["Transition id '31' is not valid for this issue."]);
    expect((await go('11')).status).toBe(204);
    issue = (await call('/rest/api/3/issue/SOC-1')).body;
    expect(issue.fields).toMatchObject({ status: { name: 'To Do' }, resolution: null, resolutiondate: null });
  });
});

describe('attachments', () => {
  it('uploads with the XSRF header, lists them on the issue, serves metadata and content', async () => {
    const form = new FormData();
    form.set('file', new Blob(['evil payload'], { type: 'text/plain' }), 'mail_mirrored_from_xsoar.eml');
    const noHeader = await call('/rest/api/3/issue/SOC-1/attachments', { method: 'POST', body: form });
    expect(noHeader.status).toBe(403);
    const up = await call('/rest/api/3/issue/SOC-1/attachments', {
      method: 'POST',
      body: form,
      headers: { 'X-Atlassian-Token': 'no-check' },
    });
    expect(up.status).toBe(200);
    expect(up.body).toMatchObject([{ id: '10001', filename: 'mail_mirrored_from_xsoar.eml', size: 12 }]);
    const issue = (await call('/rest/api/3/issue/SOC-1')).body;
    expect(issue.fields.attachment).toMatchObject([
      { id: '10001', filename: 'mail_mirrored_from_xsoar.eml' },
    ]);
    expect((await call('/rest/api/3/attachment/10001')).body).toMatchObject({
      mimeType: 'text/plain',
      size: 12,
    });
    const content = await call('/rest/api/3/attachment/content/10001');
    expect(content.body).toBe('evil payload');
    expect((await call('/rest/api/3/attachment/content/999')).status).toBe(404);
  });
});

describe('site metadata', () => {
  it("answers field, myself (the user's time zone), user/search, serverInfo", async () => {
    const fields = (await call('/rest/api/3/field')).body;
    expect(fields.find((f: Body) => f.id === 'customfield_10040')).toMatchObject({
      custom: true,
      name: 'XSOAR Incident ID',
    });
    expect((await call('/rest/api/3/myself')).body).toMatchObject({
      accountId: jira.accountId,
      timeZone: 'Asia/Jerusalem',
    });
    const users = (await call('/rest/api/3/user/search?query=soc-bot&maxResults=50')).body;
    expect(users.map((u: Body) => u.accountId)).toEqual([jira.accountId]);
    expect((await call('/rest/api/3/serverInfo', { site: true })).body.baseUrl).toBe(server.url);
  });
});

describe('authentication and limits', () => {
  it('answers 401 for a wrong token, and takes a PAT and OAuth tokens (with rotation)', async () => {
    const wrong = await call('/rest/api/3/myself', { auth: basic(jira.email, 'nope') });
    expect(wrong.status).toBe(401);
    expect(wrong.body.errorMessages[0]).toMatch(/not authenticated/);
    expect((await call('/rest/api/3/myself', { auth: 'Bearer personal-token' })).status).toBe(200);
    const tokenCall = (form: Record<string, string>) =>
      fetch(`${server.url}/oauth/token`, { method: 'POST', body: new URLSearchParams(form) }).then(
        async (r) => ({
          status: r.status,
          body: (await r.json()) as Body,
        }),
      );
    const base = { client_id: 'cid', client_secret: 'csecret' };
    const first = await tokenCall({
      ...base,
      grant_type: 'authorization_code',
      code: jira.authorize(),
      redirect_uri: 'https://cb',
    });
    expect(first.body).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
    expect((await call('/rest/api/3/myself', { auth: `Bearer ${first.body.access_token}` })).status).toBe(
      200,
    );
    const refreshed = await tokenCall({
      ...base,
      grant_type: 'refresh_token',
      refresh_token: first.body.refresh_token,
    });
    expect(refreshed.status).toBe(200);
    expect(
      (await tokenCall({ ...base, grant_type: 'refresh_token', refresh_token: first.body.refresh_token }))
        .status,
    ).toBe(403);
    now += 3_601_000;
    expect((await call('/rest/api/3/myself', { auth: `Bearer ${refreshed.body.access_token}` })).status).toBe(
      401,
    );
  });

  it('answers 429 with Retry-After and the words Jira V3 looks for', async () => {
    jira.setRateLimit({ requests: 1, windowMs: 60_000 });
    expect((await call('/rest/api/3/myself')).status).toBe(200);
    const limited = await call('/rest/api/3/issue/SOC-1');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('60');
    expect(limited.body.errorMessages[0]).toContain('Rate limit exceeded');
  });

  it('answers a loud 404 for an unknown route and for another cloud id', async () => {
    const res = await call('/rest/api/3/nothing');
    expect(res.status).toBe(404);
    expect(res.body.errorMessages[0]).toMatch(/Mock not found: GET/);
    expect((await call('/ex/jira/other-cloud/rest/api/3/myself', { site: true })).status).toBe(404);
  });
});
