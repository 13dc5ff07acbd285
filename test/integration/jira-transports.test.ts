/** The Jira fake answers the same in-process (msw setupServer) and over express on a real port. */
import { describe, expect, it } from 'vitest';
import { useBothTransports } from '../support/both-transports.ts';
import { createJira, type Jira } from '../../mocks/ticketing/jira/index.ts';

const clock = { now: () => Date.parse('2026-04-01T09:00:00.000Z') };
const adf = (text: string) => ({
  type: 'doc',
  version: 1,
  content: [{ type: 'paragraph', content: [{ text, type: 'text' }] }],
});

/** The same conversation against either transport; returns what a client observes. */
async function converse(origin: string, jira: Jira) {
  const base = `${origin}/ex/jira/${jira.cloudId}/rest/api/3`;
  const auth = `Basic ${Buffer.from(`${jira.email}:${jira.apiToken}`).toString('base64')}`;
  const call = async (
    method: string,
    path: string,
    body?: BodyInit | object,
    headers: Record<string, string> = {},
  ) => {
    try {
      const raw = body === undefined || body instanceof FormData || typeof body === 'string';
      const res = await fetch(`${base}${path}`, {
        method,
        headers: {
          authorization: auth,
          ...(body !== undefined && !(body instanceof FormData)
            ? { 'content-type': 'application/json' }
            : {}),
          ...headers,
        },
        ...(body === undefined ? {} : { body: raw ? (body as BodyInit) : JSON.stringify(body) }),
      });
      // Absolute links differ only by origin; compare them relative to it.
      return {
        status: res.status,
        retryAfter: res.headers.get('retry-after'),
        body: (await res.text()).replaceAll(origin, '<origin>'),
      };
    } catch (e) {
      return { status: 'network-error', error: (e as Error).name };
    }
  };
  const admin = (path: string, body: unknown) =>
    fetch(`${origin}${path}`, {
      method: 'POST',
      headers: { 'x-admin-token': jira.adminToken, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const form = new FormData();
  form.set('file', new Blob(['evidence'], { type: 'text/plain' }), 'evidence.txt');
  const jql = (q: string) =>
    `/search/jql?jql=${encodeURIComponent(q)}&expand=renderedFields,transitions,names&fields=*all`;

  const out = [];
  out.push(await call('GET', jql('status!=done AND id >= 10001 ORDER BY id ASC')));
  out.push(
    await call('POST', '/issue', {
      fields: { project: { key: 'SOC' }, issuetype: { name: 'Task' }, summary: 'Beaconing' },
    }),
  );
  out.push(await call('PUT', '/issue/SOC-1', '{oops'));
  out.push(await call('POST', '/issue/SOC-1/comment?expand=renderedBody', { body: adf('isolated host') }));
  out.push(await call('POST', '/issue/SOC-1/comment', { body: 'not adf' }));
  out.push(await call('POST', '/issue/SOC-1/transitions', { transition: { id: '31' } }));
  out.push(await call('GET', '/issue/SOC-1?expand=renderedFields,transitions,changelog'));
  out.push(await call('GET', jql('updated >> 1')));
  await admin('/admin/faults', { path: `/ex/jira/${jira.cloudId}/rest/api/3/myself`, status: 502, times: 1 });
  out.push(await call('GET', '/myself'));
  out.push(await call('GET', '/myself'));
  await admin('/admin/faults', { path: `/ex/jira/${jira.cloudId}/rest/api/3/field`, reset: true, times: 1 });
  out.push(await call('GET', '/field'));
  out.push(await call('POST', '/issue/SOC-1/attachments', form, { 'X-Atlassian-Token': 'no-check' }));
  out.push(await call('GET', '/attachment/content/10001'));
  out.push(await call('GET', '/nothing-here'));
  out.push(await call('DELETE', '/issue/SOC-2'));
  out.push(await call('GET', '/issue/SOC-2'));
  out.push(await call('GET', '/issue/SOC-1'));
  return out;
}

const options = {
  clock,
  seed: 5,
  timeZone: 'America/New_York',
  tickets: [{ summary: 'Phishing mail' }, {}, {}],
  rateLimit: { requests: 13, windowMs: 60_000 },
};

describe('jira transports', () => {
  const both = useBothTransports('http://jira.msw.test', (baseUrl) =>
    createJira(baseUrl ? { ...options, baseUrl } : options),
  );

  it('gives the same answers in-process through msw and over express on a real port', async () => {
    const inProcess = await converse(both.mswUrl, both.viaMsw);
    const overHttp = await converse(both.httpUrl, both.viaExpress);
    expect(overHttp).toEqual(inProcess);
    // Faults and unmatched routes answer before the limiter: 13 counted calls, the 14th is limited.
    expect(inProcess.map((r) => r.status)).toEqual([
      200,
      201,
      400,
      201,
      400,
      204,
      200,
      400,
      502,
      200,
      'network-error',
      200,
      200,
      404,
      204,
      404,
      429,
    ]);
    expect(inProcess[6]!.body).toContain('"resolution":{"self":"<origin>/ex/jira/');
    expect(inProcess[16]).toMatchObject({ retryAfter: '60' });
    expect(both.viaMsw.snapshot()).toEqual(both.viaExpress.snapshot());
    expect(both.viaMsw.journal().map((r) => r.status)).toEqual(
      both.viaExpress.journal().map((r) => r.status),
    );
  });

  it("answers OAuth at Atlassian's auth server in-process, where Jira V3 posts", async () => {
    const res = await fetch('https://auth.atlassian.com/oauth/token', {
      method: 'POST',
      body: new URLSearchParams({
        client_id: 'cid',
        client_secret: 'csecret',
        grant_type: 'refresh_token',
        refresh_token: 'x',
      }),
    });
    // No OAuth app configured on this fake: Atlassian's 401 access_denied.
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: 'access_denied' });
  });
});
