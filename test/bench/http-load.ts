/**
 * Load over real HTTP for the fake benchmarks, and the reference they are held against: a raw
 * `node:http` server answering the very bytes (status, headers, body) the fake answered, measured
 * with the same keep-alive client in the same process, so a figure reads as a ratio of raw Node.
 * Besides requests per second each load reports the process's CPU time per request (client and
 * server, both in this process): on a machine shared with other work, wall-clock throughput swings
 * with the neighbours' load, CPU time per request much less.
 */
import { Agent, createServer, request, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export const CONCURRENCY = 16;

export interface Load {
  rps: number;
  p50: number;
  p99: number;
  /** User + system CPU time of this process per request, in µs. */
  cpuUs: number;
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
  const cpu = process.cpuUsage();
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
  const used = process.cpuUsage(cpu);
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
  return { rps: total / seconds, p50: at(0.5), p99: at(0.99), cpuUs: (used.user + used.system) / total };
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
  `${Math.round(l.rps)} req/s, ${Math.round(l.cpuUs)} µs CPU/req (p50 ${l.p50.toFixed(2)} ms, p99 ${l.p99.toFixed(2)} ms)`;

/**
 * The fake and its raw reference measured in turns (`rounds` each), so both see the same spells of
 * load; each keeps its best round (least CPU per request), after a warm-up of the fake's code.
 */
export async function measureAgainstRaw(
  url: URL,
  headers: Record<string, string>,
  total: number,
  rounds = 3,
): Promise<{ fake: Load; raw: Load }> {
  await measureLoad(url, headers, Math.ceil(total / 5));
  let fake: Load | undefined;
  let raw: Load | undefined;
  const best = (a: Load | undefined, b: Load) => (a && a.cpuUs <= b.cpuUs ? a : b);
  for (let r = 0; r < rounds; r++) {
    fake = best(fake, await measureLoad(url, headers, total));
    raw = best(raw, await measureRawReference(url, headers, total));
  }
  return { fake: fake!, raw: raw! };
}
