/**
 * The reference helpdesk client's own HTTP (node:http with a shared keep-alive agent, not fetch):
 * connections are reused across commands, bodies are decoded whole, failures become the
 * client's "failed to reach" message with the socket's reason, and msw's setupServer still
 * answers it in-process.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { http as mswHttp, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterEach, describe, expect, it } from 'vitest';
import { HelpdeskClient } from '../../scenarios/integrations/helpdesk/client.ts';
import { exchange } from '../../scenarios/integrations/helpdesk/transport.ts';

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }
});

async function serve(handler: Parameters<typeof createServer>[1]): Promise<{ base: string; server: Server }> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describe('helpdesk client transport', () => {
  it('reuses one connection for the requests of successive clients (a pull per command)', async () => {
    let connections = 0;
    const { base, server } = await serve((req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ id: req.url?.split('/').at(-1), auth: req.headers.authorization }));
    });
    server.on('connection', () => connections++);
    for (let i = 1; i <= 3; i++) {
      const client = new HelpdeskClient(`${base}/api/v1`, 'k-1');
      expect(await client.getTicket(`T-${i}`)).toEqual({ id: `T-${i}`, auth: 'Bearer k-1' });
    }
    expect(connections).toBe(1);
  });

  it('decodes a multi-byte body split across chunks, and sends a JSON body with its length', async () => {
    const text = JSON.stringify({ body: 'héllo wörld ✓ '.repeat(200) });
    const bytes = Buffer.from(text);
    let received = '';
    const { base } = await serve((req, res) => {
      req.setEncoding('utf8');
      req.on('data', (c: string) => (received += c));
      req.on('end', () => {
        res.setHeader('content-type', 'application/json');
        // Split inside a multi-byte character: the first write ends mid-"é".
        const cut = bytes.indexOf(Buffer.from('é')) + 1;
        res.write(bytes.subarray(0, cut));
        setTimeout(() => res.end(bytes.subarray(cut)), 5);
      });
    });
    const client = new HelpdeskClient(`${base}/api/v1`, 'k');
    const sent = { body: 'ünïcode ✓', internal: false };
    expect(await client.request('POST', '/tickets/T-1/comments', sent)).toEqual(JSON.parse(text));
    expect(JSON.parse(received)).toEqual(sent);
  });

  it('reports a refused connection, a timeout and a bad URL as the socket reason', async () => {
    const { base, server } = await serve(() => {
      // Never answers.
    });
    await expect(exchange('GET', `${base}/slow`, {}, undefined, 50)).rejects.toMatchObject({
      reason: 'ETIMEDOUT',
    });
    const port = (server.address() as AddressInfo).port;
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    servers.splice(servers.indexOf(server), 1);
    const client = new HelpdeskClient(`http://127.0.0.1:${port}/api/v1`, 'k');
    await expect(client.getTicket('T-1')).rejects.toThrow(
      `Helpdesk: failed to reach GET http://127.0.0.1:${port}/api/v1/tickets/T-1: ECONNREFUSED. Check the url param and that the helpdesk is up.`,
    );
    await expect(new HelpdeskClient('ftp://desk/api/v1', 'k').getTicket('T-1')).rejects.toThrow(
      'failed to reach GET ftp://desk/api/v1/tickets/T-1: unsupported protocol ftp: (use http or https)',
    );
  });

  it('is answered in-process by msw setupServer, the 429 text included', async () => {
    const msw = setupServer(
      mswHttp.get('http://desk.test/api/v1/tickets/T-1', () => HttpResponse.json({ id: 'T-1' })),
      mswHttp.get('http://desk.test/api/v1/tickets/T-2', () =>
        HttpResponse.json(
          { error: { code: 'rate_limited' } },
          { status: 429, headers: { 'retry-after': '7' } },
        ),
      ),
    );
    msw.listen({ onUnhandledRequest: 'error' });
    try {
      const client = new HelpdeskClient('http://desk.test/api/v1', 'k');
      expect(await client.getTicket('T-1')).toEqual({ id: 'T-1' });
      await expect(client.getTicket('T-2')).rejects.toThrow(
        'API rate limit exceeded by the helpdesk (retry after 7 s) on GET /api/v1/tickets/T-2',
      );
    } finally {
      msw.close();
    }
  });
});
