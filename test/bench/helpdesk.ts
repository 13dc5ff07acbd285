/**
 * Requests per second of the helpdesk over real HTTP with keep-alive: bounded (5,000 GETs, 16 in
 * flight) against 127.0.0.1. Prints nothing; the lead's runner prints the figures.
 */
import { Agent, request } from 'node:http';
import { listen } from '../../mocks/shared/index.ts';
import { createHelpdesk } from '../../mocks/ticketing/helpdesk/index.ts';

const TOTAL = 5_000;
const CONCURRENCY = 16;

function get(agent: Agent, url: URL, key: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, headers: { authorization: `Bearer ${key}` } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

async function measure(
  agent: Agent,
  url: URL,
  key: string,
): Promise<{ rps: number; p50: number; p99: number }> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < TOTAL) {
        next += 1;
        const t = performance.now();
        const status = await get(agent, url, key);
        if (status !== 200) throw new Error(`bench: failed to GET ${url.pathname}: status ${status}`);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
  return { rps: TOTAL / seconds, p50: at(0.5), p99: at(0.99) };
}

export async function benchHelpdesk(): Promise<Record<string, string>> {
  const desk = await createHelpdesk({ clock: { now: () => Date.now() }, tickets: 200, seed: 1 });
  const server = await listen(desk.app());
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  try {
    const one = await measure(agent, new URL(`${server.url}/api/v1/tickets/T-17`), desk.apiKey);
    const page = await measure(
      agent,
      new URL(`${server.url}/api/v1/tickets?sort=-updated_at&limit=50`),
      desk.apiKey,
    );
    const fmt = (r: { rps: number; p50: number; p99: number }) =>
      `${Math.round(r.rps)} req/s (p50 ${r.p50.toFixed(2)} ms, p99 ${r.p99.toFixed(2)} ms)`;
    return {
      'helpdesk GET /tickets/:id, 5k requests, 16 concurrent, keep-alive': fmt(one),
      'helpdesk GET /tickets?limit=50 of 200, 5k requests, 16 concurrent': fmt(page),
    };
  } finally {
    agent.destroy();
    await server.close();
  }
}
