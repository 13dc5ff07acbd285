/**
 * The ServiceNow fake over real HTTP (express on 127.0.0.1, port 0): Table API reads and writes,
 * display values, journal entries, attachments, basic auth and OAuth, 429, faults, the admin API.
 * (servicenow-transports.test.ts checks that the in-process msw transport answers the same.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen, type Listening } from '../../mocks/shared/index.ts';
import { createServicenow, type Servicenow } from '../../mocks/ticketing/servicenow/index.ts';

let now = Date.parse('2026-01-01T10:00:00Z');
const clock = { now: () => now };
let sn: Servicenow;
let server: Listening;
// Response bodies are read loosely: the tests check shapes with expect, not types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Body = Record<string, any>;
const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

async function call(path: string, init: RequestInit & { auth?: string } = {}) {
  const { auth, ...rest } = init;
  const res = await fetch(`${server.url}${path}`, {
    ...rest,
    headers: {
      authorization: auth ?? basic(sn.username, sn.password),
      ...(rest.body && typeof rest.body === 'string' ? { 'content-type': 'application/json' } : {}),
      ...(rest.headers as Record<string, string> | undefined),
    },
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as Body) : null };
}

beforeAll(async () => {
  sn = await createServicenow({
    clock,
    seed: 3,
    oauth: { clientId: 'cid', clientSecret: 'csecret' },
    tickets: [
      {
        sys_id: 'a'.repeat(32),
        short_description: 'VPN down',
        opened_at: '2026-01-01 09:00:00',
        impact: '1',
      },
      {
        sys_id: 'b'.repeat(32),
        short_description: 'Mail slow',
        opened_at: '2026-01-01 09:30:00',
        state: '2',
      },
    ],
  });
  server = await listen(sn.app());
});
afterAll(async () => {
  await server.close();
});

describe('Table API', () => {
  it('lists with a query, limit, offset, fields and X-Total-Count', async () => {
    const r = await call(
      '/api/now/table/incident?sysparm_query=ORDERBYopened_at&sysparm_limit=1&sysparm_offset=1&sysparm_fields=sys_id,number',
    );
    expect(r.status).toBe(200);
    expect(r.headers.get('x-total-count')).toBe('2');
    expect(r.body!.result).toEqual([{ sys_id: 'b'.repeat(32), number: 'INC0010002' }]);
  });

  it("answers a bad query with 400 Invalid query in ServiceNow's error shape", async () => {
    const r = await call('/api/now/table/incident?sysparm_query=stateSOUNDSLIKE1');
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ error: { message: 'Invalid query' }, status: 'failure' });
  });

  it('gets one record in each display mode, references as {link, value}', async () => {
    const id = 'a'.repeat(32);
    const raw = await call(`/api/now/table/incident/${id}`);
    expect(raw.body!.result).toMatchObject({ number: 'INC0010001', state: '1', impact: '1', comments: '' });
    const all = await call(`/api/now/table/incident/${id}?sysparm_display_value=all`);
    expect(all.body!.result.state).toEqual({ display_value: 'New', value: '1' });
    expect(all.body!.result.impact).toEqual({ display_value: '1 - High', value: '1' });
    const shown = await call(`/api/now/table/incident/${id}?sysparm_display_value=true`);
    expect(shown.body!.result.state).toBe('New');
    const user = sn.records.list('sys_user')[1]!;
    sn.records.update('incident', id, { assigned_to: user.sys_id });
    const ref = await call(`/api/now/table/incident/${id}`);
    expect(ref.body!.result.assigned_to).toEqual({
      link: `${server.url}/api/now/table/sys_user/${user.sys_id}`,
      value: user.sys_id,
    });
    expect(
      (await call(`/api/now/table/incident/${id}?sysparm_display_value=true`)).body!.result.assigned_to,
    ).toBe(user.name);
  });

  it('creates, patches (stamping sys_updated_on from the clock), and deletes; 404 in ServiceNow words', async () => {
    const created = await call('/api/now/table/incident', {
      method: 'POST',
      body: JSON.stringify({ short_description: 'New one', u_custom: 5 }),
    });
    expect(created.status).toBe(201);
    const id = created.body!.result.sys_id as string;
    expect(created.body!.result).toMatchObject({
      number: 'INC0010003',
      u_custom: '5',
      state: '1',
      sys_mod_count: '0',
    });
    now += 60_000;
    const patched = await call(`/api/now/table/incident/${id}?sysparm_input_display_value=False`, {
      method: 'PATCH',
      body: JSON.stringify({ state: '7', close_code: 'Solved', work_notes: 'closing it' }),
    });
    expect(patched.body!.result).toMatchObject({
      state: '7',
      active: 'false',
      closed_at: '2026-01-01 10:01:00',
      sys_updated_on: '2026-01-01 10:01:00',
      sys_mod_count: '1',
    });
    const notes = await call(
      `/api/now/table/sys_journal_field?sysparm_query=element_id=${id}^element=comments^ORelement=work_notes`,
    );
    expect(notes.body!.result).toEqual([
      expect.objectContaining({
        element: 'work_notes',
        value: 'closing it',
        sys_created_by: 'admin',
        name: 'incident',
      }),
    ]);
    now += 60_000;
    const reopened = await call(`/api/now/table/incident/${id}`, {
      method: 'PATCH',
      body: JSON.stringify({ state: '2' }),
    });
    expect(reopened.body!.result).toMatchObject({
      state: '2',
      active: 'true',
      closed_at: '',
      resolved_at: '',
      reopen_count: '1',
    });
    expect((await call(`/api/now/table/incident/${id}`, { method: 'DELETE' })).status).toBe(204);
    expect(await call(`/api/now/table/incident/${id}`)).toMatchObject({
      status: 404,
      body: {
        error: {
          message: 'No Record found',
          detail: "Record doesn't exist or ACL restricts the record retrieval",
        },
        status: 'failure',
      },
    });
  });

  it('filters by name-value query parameters, as ServiceNowv2 gets a ticket by number', async () => {
    const r = await call('/api/now/table/incident?number=INC0010002&sysparm_fields=sys_id');
    expect(r.body!.result).toEqual([{ sys_id: 'b'.repeat(32) }]);
    const none = await call('/api/now/table/incident?number=INC0010002&sysparm_query=state=1');
    expect(none.body!.result).toEqual([]);
  });

  it('serves the versioned prefixes and drops reference links on request', async () => {
    const id = 'a'.repeat(32);
    const r = await call(
      `/api/now/v2/table/incident/${id}?sysparm_fields=assigned_to,sys_domain&sysparm_exclude_reference_link=true`,
    );
    expect(r.body!.result).toMatchObject({ sys_domain: 'global' });
    expect(typeof r.body!.result.assigned_to).toBe('string');
  });

  it('takes display values on input with sysparm_input_display_value=true', async () => {
    const id = 'b'.repeat(32);
    const user = sn.records.list('sys_user')[2]!;
    const r = await call(`/api/now/table/incident/${id}?sysparm_input_display_value=true`, {
      method: 'PATCH',
      body: JSON.stringify({ urgency: '1 - High', caller_id: user.name, state: 'On Hold' }),
    });
    expect(r.body!.result).toMatchObject({
      urgency: '1',
      state: '3',
      caller_id: { value: user.sys_id },
    });
  });

  it('answers journal fields with the activity text in display modes', async () => {
    const id = 'b'.repeat(32);
    sn.records.comment('incident', id, { body: 'Seen by the desk' });
    const r = await call(`/api/now/table/incident/${id}?sysparm_display_value=all&sysparm_fields=comments`);
    expect(r.body!.result.comments.value).toBe('');
    expect(r.body!.result.comments.display_value).toMatch(
      /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} - System Administrator \(Additional comments\)\nSeen by the desk\n\n/,
    );
  });

  it('a malformed body is a 400 and changes nothing', async () => {
    const before = sn.snapshot();
    const r = await call(`/api/now/table/incident/${'a'.repeat(32)}`, { method: 'PATCH', body: '{"state":' });
    expect(r.status).toBe(400);
    expect(sn.snapshot()).toEqual(before);
  });
});

describe('attachments', () => {
  it('uploads multipart, lists by table_sys_id with an absolute download link, downloads the bytes', async () => {
    const id = 'b'.repeat(32);
    now += 60_000;
    const form = new FormData();
    form.set('table_name', 'incident');
    form.set('table_sys_id', id);
    form.set('file', new Blob(['hello file'], { type: 'text/plain' }), 'note_mirrored_from_xsoar.txt');
    const up = await fetch(`${server.url}/api/now/v1/attachment/upload`, {
      method: 'POST',
      body: form,
      headers: { authorization: basic(sn.username, sn.password) },
    });
    expect(up.status).toBe(201);
    const list = await call(
      `/api/now/attachment?sysparm_query=table_sys_id=${id}^sys_created_on>2026-01-01 10:00:00`,
    );
    expect(list.body!.result).toHaveLength(1);
    const meta = list.body!.result[0];
    expect(meta).toMatchObject({
      file_name: 'note_mirrored_from_xsoar.txt',
      size_bytes: '10',
      table_sys_id: id,
    });
    const file = await fetch(meta.download_link, {
      headers: { authorization: basic(sn.username, sn.password) },
    });
    expect(await file.text()).toBe('hello file');
    expect(sn.records.get('incident', id)!.sys_updated_on).toBe('2026-01-01 10:03:00');
  });

  it('uploads a raw body to /attachment/file, answers its metadata, deletes it', async () => {
    const id = 'a'.repeat(32);
    const up = await call(
      `/api/now/attachment/file?table_name=incident&table_sys_id=${id}&file_name=dump.bin`,
      {
        method: 'POST',
        body: new Uint8Array([0, 1, 2, 255]),
        headers: { 'content-type': 'application/octet-stream' },
      },
    );
    expect(up.status).toBe(201);
    const attachmentId = up.body!.result.sys_id as string;
    const meta = await call(`/api/now/attachment/${attachmentId}`);
    expect(meta.body!.result).toMatchObject({
      file_name: 'dump.bin',
      size_bytes: '4',
      content_type: 'application/octet-stream',
      table_name: 'incident',
      download_link: `${server.url}/api/now/attachment/${attachmentId}/file`,
    });
    const file = await fetch(`${server.url}/api/now/attachment/${attachmentId}/file`, {
      headers: { authorization: basic(sn.username, sn.password) },
    });
    expect([...new Uint8Array(await file.arrayBuffer())]).toEqual([0, 1, 2, 255]);
    expect((await call(`/api/now/attachment/${attachmentId}`, { method: 'DELETE' })).status).toBe(204);
    expect((await call(`/api/now/attachment/${attachmentId}/file`)).status).toBe(404);
    const missing = await call(`/api/now/attachment/file?table_name=incident&table_sys_id=${id}`, {
      method: 'POST',
      body: 'x',
    });
    expect(missing).toMatchObject({
      status: 400,
      body: { error: { message: 'Failed to create the attachment' } },
    });
  });
});

describe('auth, rate limits, faults, admin', () => {
  it("rejects a missing or wrong user with the platform's 401", async () => {
    const unauthenticated = {
      status: 401,
      body: {
        error: { message: 'User Not Authenticated', detail: 'Required to provide Auth information' },
        status: 'failure',
      },
    };
    expect(await call('/api/now/table/incident', { auth: basic('admin', 'wrong') })).toMatchObject(
      unauthenticated,
    );
    expect(await call('/api/now/table/incident', { auth: '' })).toMatchObject(unauthenticated);
    expect(await call('/api/now/table/incident', { auth: 'Bearer not-a-token' })).toMatchObject(
      unauthenticated,
    );
  });

  it('answers an unknown route with a loud 404 before auth', async () => {
    const r = await call('/api/now/tables/incident', { auth: '' });
    expect(r.status).toBe(404);
    expect(r.body!.error.detail).toMatch(/Mock not found: GET .*\/api\/now\/tables\/incident/);
  });

  it('issues OAuth tokens (password and refresh grants) that expire on the shared clock', async () => {
    const token = async (form: Record<string, string>) => {
      const res = await fetch(`${server.url}/oauth_token.do`, {
        method: 'POST',
        body: new URLSearchParams(form),
      });
      return { status: res.status, body: (await res.json()) as Body };
    };
    const granted = await token({
      grant_type: 'password',
      client_id: 'cid',
      client_secret: 'csecret',
      username: sn.username,
      password: sn.password,
    });
    expect(granted.body).toMatchObject({ token_type: 'Bearer', expires_in: 1800 });
    expect(
      (await call('/api/now/table/incident?sysparm_limit=1', { auth: `Bearer ${granted.body.access_token}` }))
        .status,
    ).toBe(200);
    expect(
      (
        await token({
          grant_type: 'password',
          client_id: 'cid',
          client_secret: 'nope',
          username: 'admin',
          password: 'x',
        })
      ).status,
    ).toBe(401);
    now += 31 * 60_000;
    expect(
      (await call('/api/now/table/incident?sysparm_limit=1', { auth: `Bearer ${granted.body.access_token}` }))
        .status,
    ).toBe(401);
    const refreshed = await token({
      grant_type: 'refresh_token',
      client_id: 'cid',
      client_secret: 'csecret',
      refresh_token: granted.body.refresh_token,
    });
    expect(
      (
        await call('/api/now/table/incident?sysparm_limit=1', {
          auth: `Bearer ${refreshed.body.access_token}`,
        })
      ).status,
    ).toBe(200);
  });

  it('answers 429 with Retry-After once a user spends the rate limit, then recovers', async () => {
    sn.setRateLimit({ requests: 2, windowMs: 60_000 });
    try {
      await call('/api/now/table/incident?sysparm_limit=1');
      await call('/api/now/table/incident?sysparm_limit=1');
      const limited = await call('/api/now/table/incident?sysparm_limit=1');
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(limited.headers.get('x-ratelimit-limit')).toBe('2');
      expect(Number(limited.headers.get('x-ratelimit-reset'))).toBe((Math.floor(now / 60_000) + 1) * 60);
      expect(limited.headers.get('x-ratelimit-rule')).toMatch(/^[0-9a-f]{32}$/);
      expect(limited.body).toMatchObject({ error: { message: 'Too Many Requests' }, status: 'failure' });
      // Another user has its own budget.
      expect(
        (await call('/api/now/table/incident?sysparm_limit=1', { auth: basic('nobody', 'x') })).status,
      ).toBe(401);
      now += 60_000;
      const recovered = await call('/api/now/table/incident?sysparm_limit=1');
      expect(recovered.status).toBe(200);
      expect(recovered.headers.get('x-ratelimit-limit')).toBe('2');
    } finally {
      sn.setRateLimit(null);
    }
  });

  it('injects faults by route and journals requests; admin snapshot/restore round-trips', async () => {
    const admin = (path: string, init: RequestInit = {}) =>
      fetch(`${server.url}/admin${path}`, {
        ...init,
        headers: { 'content-type': 'application/json', 'x-admin-token': sn.adminToken },
      });
    await admin('/faults', {
      method: 'POST',
      body: JSON.stringify({ method: 'GET', path: '/api/now/table/incident', status: 503, times: 1 }),
    });
    expect((await call('/api/now/table/incident')).status).toBe(503);
    expect((await call('/api/now/table/incident')).status).toBe(200);
    const journal = (await (await admin('/journal')).json()) as { data: { status: number }[] };
    expect(journal.data.some((r) => r.status === 503)).toBe(true);
    const snapshot = await (await admin('/snapshot')).json();
    sn.records.create('incident', { short_description: 'temporary' });
    await admin('/restore', { method: 'POST', body: JSON.stringify(snapshot) });
    expect(sn.records.list().some((r) => r.short_description === 'temporary')).toBe(false);
    expect((await admin('/seed', { method: 'POST', body: JSON.stringify({ bogus: 1 }) })).status).toBe(400);
  });
});

describe('other ticket tables', () => {
  it('numbers sc_task, sc_req_item and sn_si_incident records and runs the same queries on them', async () => {
    for (const [table, prefix, state] of [
      ['sc_task', 'SCTASK', '1'],
      ['sc_req_item', 'RITM', '1'],
      ['sn_si_incident', 'SIR', '10'],
    ] as const) {
      const created = await call(`/api/now/table/${table}`, {
        method: 'POST',
        body: JSON.stringify({ short_description: `a ${table}` }),
      });
      expect(created.body!.result).toMatchObject({
        number: `${prefix}0010001`,
        sys_class_name: table,
        state,
      });
      const found = await call(
        `/api/now/table/${table}?sysparm_query=short_descriptionSTARTSWITHa ${table}&sysparm_fields=number`,
      );
      expect(found.body!.result).toEqual([{ number: `${prefix}0010001` }]);
    }
  });
});
