/**
 * Load over real HTTP for the fake benchmarks, and the reference they are held against: a raw
 * `node:http` server answering the very bytes (status, headers, body) the fake answered, measured
 * with the same keep-alive client in the same process, so a figure reads as a ratio of raw Node.
 */
import { Agent, createServer, request, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export const CONCURRENCY = 16;

export interface Load {
  rps: number;
  p50: number;
  p99: number;
}

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

function get(agent: Agent, url: URL, headers: Record<string, string>): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

/** `total` GETs, CONCURRENCY in flight, keep-alive; fails on any non-200. */
export async function measureLoad(url: URL, headers: Record<string, string>, total: number): Promise<Load> {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  try {
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < total) {
          next += 1;
          const t = performance.now();
          const answer = await get(agent, url, headers);
          if (answer.status !== 200)
            throw new Error(`bench: failed to GET ${url.pathname}: status ${answer.status}`);
          latencies.push(performance.now() - t);
        }
      }),
    );
  } finally {
    agent.destroy();
  }
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
  return { rps: total / seconds, p50: at(0.5), p99: at(0.99) };
}

/** The same load against raw node:http replaying the fake's answer byte for byte. */
export async function measureRawReference(
  url: URL,
  headers: Record<string, string>,
  total: number,
): Promise<Load> {
  const agent = new Agent({ keepAlive: true });
  const answer = await get(agent, url, headers);
  agent.destroy();
  const replay = Object.entries(answer.headers).filter(
    ([k]) => !['date', 'connection', 'keep-alive', 'transfer-encoding'].includes(k),
  );
  const server = createServer((_req, res) => {
    for (const [k, v] of replay) if (v !== undefined) res.setHeader(k, v);
    res.setHeader('content-length', answer.body.length);
    res.writeHead(answer.status);
    res.end(answer.body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const raw = new URL(
    url.pathname + url.search,
    `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
  );
  try {
    return await measureLoad(raw, headers, total);
  } finally {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }
}

export const formatLoad = (l: Load) =>
  `${Math.round(l.rps)} req/s (p50 ${l.p50.toFixed(2)} ms, p99 ${l.p99.toFixed(2)} ms)`;
