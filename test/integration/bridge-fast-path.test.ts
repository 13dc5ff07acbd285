/**
 * The express bridge's fast path (issue 16) answers byte for byte what the msw path answers: two
 * bridges over twin fakes, one with `fastPath: false`, get the same raw requests and must write the
 * same bytes (status line, headers, body; only Date differs), including errors, faults, the rate
 * limit and the ServiceNow fake's own Basic auth (which builds the fetch Request on demand).
 */
import { connect } from 'node:net';
import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import { createExpressBridge, jsonReply, listen, type Listening } from '../../mocks/shared/index.ts';
import { registerDirectRoute } from '../../mocks/shared/direct-route.ts';
import { createHelpdesk } from '../../mocks/ticketing/helpdesk/index.ts';
import { createServicenow } from '../../mocks/ticketing/servicenow/index.ts';

const clock = { now: () => Date.parse('2026-03-01T08:00:00.000Z') };
const opened: Listening[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
});

/** One raw HTTP/1.1 exchange; the answer with the port and the Date header taken out. */
function exchange(port: number, head: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', reject);
    socket.on('close', () =>
      resolve(
        Buffer.concat(chunks)
          .toString('latin1')
          .replace(/\r\nDate: [^\r]*/i, '')
          .replaceAll(String(port), '<port>'),
      ),
    );
    socket.end(`${head.replaceAll('{port}', String(port))}Connection: close\r\n\r\n`);
  });
}

async function serveTwice(make: () => Promise<{ handlers: never[]; baseUrl: string }>) {
  const [fast, reference] = await Promise.all([make(), make()]);
  const a = await listen(createExpressBridge(fast.handlers, { baseUrl: fast.baseUrl }));
  const b = await listen(
    createExpressBridge(reference.handlers, { baseUrl: reference.baseUrl, fastPath: false }),
  );
  opened.push(a, b);
  return { fast: a.port, reference: b.port, fakes: [fast, reference] as const };
}

describe('express bridge fast path', () => {
  it('writes the bytes the msw path writes for the helpdesk', async () => {
    const make = () =>
      createHelpdesk({ clock, tickets: 5, seed: 3, rateLimit: { requests: 8, windowMs: 60_000 } }) as never;
    const { fast, reference, fakes } = await serveTwice(make);
    const [desk] = fakes as unknown as [{ apiKey: string }];
    const auth = `Authorization: Bearer ${desk.apiKey}\r\n`;
    const get = (path: string, extra = auth) => `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n${extra}`;
    for (const fake of fakes as unknown as { faults: { add(f: object): string } }[])
      fake.faults.add({ path: '/api/v1/tickets/T-4', status: 503, times: 1 });
    const requests = [
      get('/api/v1/tickets/T-1'),
      get('/api/v1/tickets?limit=2&sort=-updated_at'),
      get('/api/v1/tickets/T-2/comments'),
      get('/api/v1/tickets/T-404'),
      get('/api/v1/tickets/T-1', ''),
      get('/api/v1/tickets/T-1', 'Authorization: Bearer wrong\r\n'),
      get('/api/v1/tickets/T%E0%A4%A'),
      get('/api/v1/nothing/here'),
      get('/api/v1/tickets/T-4'),
      get('/api/v1/tickets/T-4'),
      `DELETE /api/v1/tickets/T-3 HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n${auth}`,
      get('/api/v1/tickets/T-3'),
      get('/api/v1/tickets/T-1', `Host: evil.example\r\n${auth}`).replace('Host: 127.0.0.1:{port}\r\n', ''),
      get('/api/v1/tickets/T-1'),
      get('/api/v1/tickets/T-1'),
    ];
    const answers: [string, string][] = [];
    for (const head of requests) answers.push([await exchange(fast, head), await exchange(reference, head)]);
    for (const [viaFast, viaMsw] of answers) expect(viaFast).toBe(viaMsw);
    // The conversation reaches the interesting answers, so equality means something.
    expect(answers.map(([a]) => Number(a.slice(9, 12)))).toEqual([
      200, 200, 200, 404, 401, 401, 400, 404, 503, 200, 204, 404, 403, 200, 429,
    ]);
  });

  it('matches paths as msw does: case, trailing slash, encoded and empty segments', async () => {
    const make = () => createHelpdesk({ clock, tickets: 3, seed: 3 }) as never;
    const { fast, reference, fakes } = await serveTwice(make);
    const [desk] = fakes as unknown as [{ apiKey: string }];
    // A body with multi-byte UTF-8: Content-Length counts bytes, not characters.
    for (const fake of fakes as unknown as { tickets: { comment(id: string, c: object): unknown } }[])
      fake.tickets.comment('T-1', { body: 'Grüße — ünïcödé ✓ 🎫' });
    const get = (path: string) =>
      `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAuthorization: Bearer ${desk.apiKey}\r\n`;
    const paths = [
      '/API/V1/TICKETS/T-1',
      '/api/v1/tickets/T-1/',
      '/api/v1/Tickets/T-2/Comments/',
      '/api/v1/tickets/T%2D1',
      '/api/v1/tickets/T%2F1',
      '/api/v1/tickets/T%201/comments',
      '/api/v1/tickets/%C3%BC',
      '/api/v1/tickets/',
      '/api/v1/tickets//comments',
      '/api/v1/tickets/T-1/comments/extra',
      '/api/v1/tickets/T-1?x=%E0%A4%A',
      // Decoded once: the id T%2D1 (no such ticket), not T-1; an id with a % is looked up, not a 400.
      '/api/v1/tickets/T%252D1',
      '/api/v1/tickets/A%25B',
      '/api/v1/tickets/T-1/comments',
    ];
    const answers: [string, string][] = [];
    for (const path of paths)
      answers.push([await exchange(fast, get(path)), await exchange(reference, get(path))]);
    for (const [viaFast, viaMsw] of answers) expect(viaFast).toBe(viaMsw);
    expect(answers.map(([a]) => Number(a.slice(9, 12)))).toEqual([
      200, 200, 200, 200, 404, 404, 404, 200, 404, 404, 200, 404, 404, 200,
    ]);
    expect(answers.at(-2)![0]).toContain('A%B');
    expect(answers.at(-1)![0]).toContain(Buffer.from('Grüße — ünïcödé ✓ 🎫').toString('latin1'));
  });

  it('writes the bytes the msw path writes for ServiceNow and its Basic auth', async () => {
    const make = () => createServicenow({ clock, seed: 5, tickets: 2 }) as never;
    const { fast, reference, fakes } = await serveTwice(make);
    const [sn] = fakes as unknown as [{ username: string; password: string }];
    const basic = Buffer.from(`${sn.username}:${sn.password}`).toString('base64');
    const get = (path: string, auth = `Basic ${basic}`) =>
      `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAuthorization: ${auth}\r\n`;
    for (const head of [
      get('/api/now/table/incident?sysparm_limit=1'),
      get('/api/now/table/incident?sysparm_limit=1', 'Basic bm9ib2R5Om5vcGU='),
      get(`/api/now/table/incident/${'0'.repeat(32)}`),
    ])
      expect(await exchange(fast, head)).toBe(await exchange(reference, head));
  });

  it('answers a vendor-kit route through its direct face, and anything else through msw', async () => {
    const handler = registerDirectRoute(
      http.all('http://kit.test/thing', () => HttpResponse.json({ via: 'msw' })),
      { answer: async () => jsonReply({ via: 'fast' }) },
    );
    const server = await listen(createExpressBridge([handler], { baseUrl: 'http://kit.test' }));
    opened.push(server);
    const via = async (method: string) =>
      (await (
        await fetch(`${server.url}/thing`, { method, ...(method === 'POST' ? { body: '{}' } : {}) })
      ).json()) as {
        via: string;
      };
    expect((await via('GET')).via).toBe('fast');
    expect((await via('DELETE')).via).toBe('fast');
    expect((await via('POST')).via).toBe('msw');
  });
});
