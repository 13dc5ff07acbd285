import { describe, expect, it } from 'vitest';
import { useBothTransports } from '../support/both-transports.ts';
import { createHelpdesk } from '../../mocks/ticketing/helpdesk/index.ts';

const clock = { now: () => Date.parse('2026-03-01T08:00:00.000Z') };

/** The same conversation against either transport; returns what a client observes. */
async function converse(base: string, key: string, adminToken: string) {
  const call = async (method: string, path: string, body?: unknown) => {
    try {
      const res = await fetch(`${base}${path}`, {
        method,
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
      });
      const text = await res.text();
      // Absolute links differ only by origin; compare them relative to it.
      return {
        status: res.status,
        retryAfter: res.headers.get('retry-after'),
        body: text.replaceAll(base, '<base>'),
      };
    } catch (e) {
      return { status: 'network-error', error: (e as Error).name };
    }
  };
  const admin = (path: string, body: unknown) =>
    fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-admin-token': adminToken },
      body: JSON.stringify(body),
    });
  const out = [];
  out.push(await call('GET', '/api/v1/tickets?limit=2&sort=-severity'));
  out.push(
    await call('POST', '/api/v1/tickets', { title: 'Ransomware note on SRV-9', severity: 'critical' }),
  );
  out.push(await call('PATCH', '/api/v1/tickets/T-1', '{oops'));
  out.push(await call('PATCH', '/api/v1/tickets/T-1', { status: 'open', version: 7 }));
  out.push(await call('POST', '/api/v1/tickets/T-2/comments', { body: 'isolated host', internal: true }));
  out.push(await call('GET', '/api/v1/tickets/T-404'));
  await admin('/admin/faults', { path: '/api/v1/tickets/:id', status: 502, times: 1 });
  out.push(await call('GET', '/api/v1/tickets/T-1'));
  out.push(await call('GET', '/api/v1/tickets/T-1'));
  await admin('/admin/faults', { path: '/api/v1/tickets/:id/comments', reset: true, times: 1 });
  out.push(await call('GET', '/api/v1/tickets/T-2/comments'));
  out.push(await call('GET', '/api/v1/nothing-here'));
  out.push(await call('GET', '/api/v1/tickets/T-1/attachments'));
  out.push(await call('GET', '/api/v1/tickets/T-1'));
  return out;
}

const options = { clock, seed: 5, tickets: 4, rateLimit: { requests: 8, windowMs: 60_000 } };

describe('helpdesk transports', () => {
  const both = useBothTransports('http://desk.msw.test', (baseUrl) =>
    createHelpdesk(baseUrl ? { ...options, baseUrl } : options),
  );

  it('gives the same answers in-process through msw and over express on a real port', async () => {
    const inProcess = await converse(both.mswUrl, both.viaMsw.apiKey, both.viaMsw.adminToken);
    const overHttp = await converse(both.httpUrl, both.viaExpress.apiKey, both.viaExpress.adminToken);
    expect(overHttp).toEqual(inProcess);
    // Faults and unmatched routes spend no budget (they answer before the limiter): 8 counted calls, the 9th is limited.
    // The conversation covers the interesting paths, so equality means something.
    expect(inProcess.map((r) => r.status)).toEqual([
      200,
      201,
      400,
      409,
      201,
      404,
      502,
      200,
      'network-error',
      404,
      200,
      429,
    ]);
    expect(inProcess[11]).toMatchObject({ retryAfter: '60' });
    expect(both.viaMsw.snapshot()).toEqual(both.viaExpress.snapshot());
    expect(both.viaMsw.journal().map((r) => r.status)).toEqual(
      both.viaExpress.journal().map((r) => r.status),
    );
  });
});
