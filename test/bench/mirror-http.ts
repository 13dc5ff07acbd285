/**
 * Wall time of full mirror cycles over 1,000 tickets: the TypeScript reference integration talks to
 * a real helpdesk express server over HTTP (keep-alive by Node's fetch), driven by the harness on
 * the virtual clock. One get-remote-data (issue 16's goal: ≤ 1 ms) is held against its floor in
 * the same process: the two GETs it makes (the ticket, its comments), by the same fetch with the
 * same headers, answered by raw node:http with the fake's very bytes. Prints nothing; returns
 * figures for `npm run bench`.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHarness, type Harness } from '../../harness/index.ts';
import { listen } from '../../mocks/shared/index.ts';
import { createHelpdesk } from '../../mocks/ticketing/helpdesk/index.ts';
import type { Figures } from './figures.ts';
import { helpdeskInstance } from './helpdesk-instance.ts';

const TICKETS = 1000;
const GOAL_MS = 1;

interface Cost {
  wallMs: number;
  cpuMs: number;
}

async function cost(fn: () => Promise<unknown>, per = 1): Promise<Cost> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  await fn();
  const used = process.cpuUsage(cpu);
  return { wallMs: (performance.now() - started) / per, cpuMs: (used.user + used.system) / 1000 / per };
}

const ms = (value: number) => `${value.toFixed(0)} ms`;
const perPull = (c: Cost) => `${c.wallMs.toFixed(2)} ms wall, ${c.cpuMs.toFixed(2)} ms CPU`;

/** The pull's own HTTP: GET the ticket and GET its comments, `times` over, against raw node:http. */
async function httpFloor(urls: string[], headers: Record<string, string>, times: number): Promise<Cost> {
  const answers = new Map<string, { status: number; type: string; body: Buffer }>();
  for (const url of urls) {
    const response = await fetch(url, { headers });
    const type = response.headers.get('content-type') ?? 'application/json';
    answers.set(new URL(url).pathname, {
      status: response.status,
      type,
      body: Buffer.from(await response.arrayBuffer()),
    });
  }
  const server = createServer((req, res) => {
    const answer = answers.get(new URL(req.url ?? '/', 'http://x').pathname)!;
    res.setHeader('content-type', answer.type);
    res.setHeader('content-length', answer.body.length);
    res.writeHead(answer.status);
    res.end(answer.body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const raw = urls.map((u) => {
    const url = new URL(u);
    return `${origin}${url.pathname}${url.search}`;
  });
  // As the integration's client asks: its headers and a timeout signal per request.
  const get = async (url: string) =>
    (await fetch(url, { headers, signal: AbortSignal.timeout(30_000) })).text();
  try {
    for (let i = 0; i < 50; i++) for (const url of raw) await get(url);
    return await cost(async () => {
      for (let i = 0; i < times; i++) for (const url of raw) await get(url);
    }, times);
  } finally {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }
}

export async function benchMirrorHttp(): Promise<Figures> {
  const start = Math.floor(Date.now() / 60_000) * 60_000;
  let h: Harness | undefined;
  const desk = await createHelpdesk({ clock: { now: () => h?.now() ?? start }, tickets: TICKETS, seed: 7 });
  const server = await listen(desk.app());
  try {
    h = await createHarness({
      start,
      instances: {
        desk: helpdeskInstance(server.url, desk.apiKey, TICKETS),
      },
    });
    const harness = h;
    const pulls = (from: number) =>
      harness
        .journal()
        .slice(from)
        .filter((j) => j.command === 'get-remote-data').length;

    const fetchCost = await cost(() => harness.fetch('desk'));
    // The first cycle pulls every incident: each was created since the last get-modified window.
    const firstAt = harness.journal().length;
    const first = await cost(() => harness.mirror());
    const firstPulled = pulls(firstAt);

    for (const ticket of desk.tickets.list())
      desk.tickets.comment(ticket.id, { body: `bench comment on ${ticket.id}` });
    const commentAt = harness.journal().length;
    const comment = await cost(() => harness.mirror());
    const commentPulls = pulls(commentAt);

    for (const incident of harness.incidents.list().slice(0, 100))
      await harness.incidents.addEntry(incident.id, { contents: 'bench note', tags: ['comment'] });
    const outAt = harness.journal().length;
    const out = await cost(() => harness.mirror());
    const outPulls = pulls(outAt);

    // The same requests a pull of T-1 makes now (comments since the mark the last pull left).
    const pull = harness.journal().findLast((j) => j.command === 'get-remote-data')!;
    const id = String(pull.args.id);
    const since = desk.tickets.comments(id).at(-1)?.created_at;
    const base = `${server.url}/api/v1/tickets/${encodeURIComponent(id)}`;
    const floor = await httpFloor(
      [base, `${base}/comments${since ? `?created_since=${encodeURIComponent(since)}` : ''}`],
      { Authorization: `Bearer ${desk.apiKey}`, Accept: 'application/json' },
      500,
    );
    const firstPer: Cost = { wallMs: first.wallMs / firstPulled, cpuMs: first.cpuMs / firstPulled };
    const commentPer: Cost = { wallMs: comment.wallMs / commentPulls, cpuMs: comment.cpuMs / commentPulls };
    // The pull cannot be cheaper than its own two GETs: say so when they alone exceed the goal.
    const goal =
      floor.wallMs > GOAL_MS
        ? `≤ ${GOAL_MS} ms wall (out of reach on this machine: its two GETs alone take ${floor.wallMs.toFixed(2)} ms)`
        : `≤ ${GOAL_MS} ms wall`;

    return {
      tickets: String(TICKETS),
      'fetch-incidents of 1,000 tickets (one run, 10 pages)': ms(fetchCost.wallMs),
      [`first mirror cycle (${firstPulled} get-remote-data)`]: ms(first.wallMs),
      [`cycle after a remote comment on every ticket (${commentPulls} pulls)`]: ms(comment.wallMs),
      // Same virtual millisecond as the previous cycle: the inclusive window re-lists every ticket.
      [`cycle with 100 tagged notes going out, then ${outPulls} pulls`]: ms(out.wallMs),
      'one get-remote-data over HTTP, first cycle (vs its two GETs on raw node:http)': {
        value: perPull(firstPer),
        reference: `two fetch GETs on raw node:http ${perPull(floor)}`,
        ratio: floor.cpuMs / firstPer.cpuMs,
        goal,
        met: firstPer.wallMs <= GOAL_MS,
      },
      'one get-remote-data over HTTP, with a new comment each': {
        value: perPull(commentPer),
        reference: `two fetch GETs on raw node:http ${perPull(floor)}`,
        ratio: floor.cpuMs / commentPer.cpuMs,
        goal,
        met: commentPer.wallMs <= GOAL_MS,
      },
    };
  } finally {
    await h?.close();
    await server.close();
  }
}
