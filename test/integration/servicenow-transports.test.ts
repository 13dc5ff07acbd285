/** The ServiceNow fake answers the same in-process (msw setupServer) and over express on a real port. */
import { describe, expect, it } from 'vitest';
import { useBothTransports } from '../support/both-transports.ts';
import { createServicenow, type Servicenow } from '../../mocks/ticketing/servicenow/index.ts';

const clock = { now: () => Date.parse('2026-04-01T09:00:00.000Z') };
const INC = 'd'.repeat(32);

/** The same conversation against either transport; returns what a client observes. */
async function converse(base: string, sn: Servicenow) {
  const auth = `Basic ${Buffer.from(`${sn.username}:${sn.password}`).toString('base64')}`;
  const call = async (method: string, path: string, body?: BodyInit | object) => {
    try {
      const raw = body === undefined || body instanceof FormData || typeof body === 'string';
      const res = await fetch(`${base}${path}`, {
        method,
        headers: {
          authorization: auth,
          ...(body !== undefined && !(body instanceof FormData)
            ? { 'content-type': 'application/json' }
            : {}),
        },
        ...(body === undefined ? {} : { body: raw ? (body as BodyInit) : JSON.stringify(body) }),
      });
      const text = await res.text();
      // Absolute links differ only by origin; compare them relative to it.
      return {
        status: res.status,
        totalCount: res.headers.get('x-total-count'),
        retryAfter: res.headers.get('retry-after'),
        rateLimit: res.headers.get('x-ratelimit-limit'),
        body: text.replaceAll(base, '<base>'),
      };
    } catch (e) {
      return { status: 'network-error', error: (e as Error).name };
    }
  };
  const admin = (path: string, body: unknown) =>
    fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-admin-token': sn.adminToken },
      body: JSON.stringify(body),
    });
  const form = new FormData();
  form.set('table_name', 'incident');
  form.set('table_sys_id', INC);
  form.set('file', new Blob(['evidence'], { type: 'text/plain' }), 'evidence.txt');

  const out = [];
  out.push(await call('GET', '/api/now/table/incident?sysparm_query=ORDERBYDESCnumber&sysparm_limit=2'));
  out.push(await call('POST', '/api/now/table/incident', { short_description: 'Ransomware note on SRV-9' }));
  out.push(await call('PATCH', `/api/now/table/incident/${INC}`, '{oops'));
  out.push(
    await call('PATCH', `/api/now/table/incident/${INC}`, { work_notes: 'isolated host', state: '2' }),
  );
  out.push(
    await call(
      'GET',
      `/api/now/table/sys_journal_field?sysparm_query=element_id=${INC}^element=comments^ORelement=work_notes`,
    ),
  );
  out.push(await call('GET', `/api/now/table/incident/${INC}?sysparm_display_value=all`));
  out.push(await call('GET', `/api/now/table/incident/${'0'.repeat(32)}`));
  out.push(await call('GET', '/api/now/table/incident?sysparm_query=stateWHATEVER1'));
  await admin('/admin/faults', { path: '/api/now/table/incident/:id', status: 502, times: 1 });
  out.push(await call('GET', `/api/now/table/incident/${INC}?sysparm_fields=number`));
  out.push(await call('GET', `/api/now/table/incident/${INC}?sysparm_fields=number`));
  await admin('/admin/faults', { path: '/api/now/attachment', reset: true, times: 1 });
  out.push(await call('GET', `/api/now/attachment?sysparm_query=table_sys_id=${INC}`));
  out.push(await call('POST', '/api/now/v1/attachment/upload', form));
  out.push(await call('GET', `/api/now/attachment?sysparm_query=table_sys_id=${INC}`));
  out.push(await call('GET', '/api/now/nothing-here'));
  out.push(await call('DELETE', `/api/now/table/incident/${INC}`));
  out.push(await call('GET', '/api/now/table/incident?sysparm_limit=1'));
  return out;
}

const options = {
  clock,
  seed: 5,
  tickets: [{ sys_id: INC, short_description: 'Beaconing from HR laptop' }, {}, {}],
  rateLimit: { requests: 12, windowMs: 60_000 },
};

describe('servicenow transports', () => {
  const both = useBothTransports('http://servicenow.msw.test', (baseUrl) =>
    createServicenow(baseUrl ? { ...options, baseUrl } : options),
  );

  it('gives the same answers in-process through msw and over express on a real port', async () => {
    const inProcess = await converse(both.mswUrl, both.viaMsw);
    const overHttp = await converse(both.httpUrl, both.viaExpress);
    expect(overHttp).toEqual(inProcess);
    // Faults and unmatched routes answer before the limiter: 12 counted calls, the 13th is limited.
    // The conversation covers the interesting paths, so equality means something.
    expect(inProcess.map((r) => r.status)).toEqual([
      200,
      201,
      400,
      200,
      200,
      200,
      404,
      400,
      502,
      200,
      'network-error',
      201,
      200,
      404,
      204,
      429,
    ]);
    expect(inProcess[0]).toMatchObject({ totalCount: '3', rateLimit: '12' });
    expect(inProcess[15]).toMatchObject({ retryAfter: '60' });
    expect(both.viaMsw.snapshot()).toEqual(both.viaExpress.snapshot());
    expect(both.viaMsw.journal().map((r) => r.status)).toEqual(
      both.viaExpress.journal().map((r) => r.status),
    );
  });
});
