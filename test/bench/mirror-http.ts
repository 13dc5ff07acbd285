/**
 * Wall time of full mirror cycles over 1,000 tickets: the TypeScript reference integration talks to
 * a real helpdesk express server over keep-alive HTTP, driven by the harness on the virtual clock.
 * One get-remote-data (issue 16's goal: ≤ 1 ms) is held against its floor in the same process: the
 * two GETs it makes (the ticket, its comments) by the integration's own client, answered by raw
 * node:http with the fake's very bytes. Prints nothing; returns
 * figures for `npm run bench`.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHarness, type Harness } from '../../harness/index.ts';
import { listen } from '../../mocks/shared/index.ts';
import { createHelpdesk } from '../../mocks/ticketing/helpdesk/index.ts';
import type { Figures } from './figures.ts';
import { HelpdeskClient } from '../../scenarios/integrations/helpdesk/client.ts';
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

/**
 * The pull's own HTTP: the integration's client GETs the ticket and its comments, `times` over,
 * against raw node:http answering the fake's very bytes.
 */
async function httpFloor(
  desk: { url: string; apiKey: string },
  id: string,
  since: string | undefined,
  times: number,
): Promise<Cost> {
  const real = new HelpdeskClient(`${desk.url}/api/v1`, desk.apiKey);
  const ticketPath = `/tickets/${encodeURIComponent(id)}`;
  const commentsPath = `${ticketPath}/comments${since ? `?created_since=${encodeURIComponent(since)}` : ''}`;
  const answers = new Map<string, { status: number; type: string; body: Buffer }>();
  for (const path of [ticketPath, commentsPath]) {
    const response = await fetch(`${desk.url}/api/v1${path}`, {
      headers: { Authorization: `Bearer ${desk.apiKey}`, Accept: 'application/json' },
    });
    answers.set(new URL(`${desk.url}/api/v1${path}`).pathname, {
      status: response.status,
      type: response.headers.get('content-type') ?? 'application/json',
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
  const client = new HelpdeskClient(
    `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`,
    desk.apiKey,
  );
  const pull = async () => {
    await client.getTicket(id);
    await client.comments(id, since);
  };
  try {
    // The same answers as the fake gives: a floor of other requests would mean nothing.
    if (JSON.stringify(await client.getTicket(id)) !== JSON.stringify(await real.getTicket(id)))
      throw new Error('bench: the raw server does not answer what the helpdesk does');
    for (let i = 0; i < 50; i++) await pull();
    return await cost(async () => {
      for (let i = 0; i < times; i++) await pull();
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

    // Steady state: the integration context now holds every ticket's comment mark, read whole by
    // each pull; a field change writes nothing back.
    for (const ticket of desk.tickets.list())
      desk.tickets.update(ticket.id, { severity: ticket.severity === 'low' ? 'medium' : 'low' });
    const fieldAt = harness.journal().length;
    const field = await cost(() => harness.mirror());
    const fieldPulls = pulls(fieldAt);

    for (const incident of harness.incidents.list().slice(0, 100))
      await harness.incidents.addEntry(incident.id, { contents: 'bench note', tags: ['comment'] });
    const outAt = harness.journal().length;
    const out = await cost(() => harness.mirror());
    const outPulls = pulls(outAt);

    // The same requests a pull of T-1 makes now (comments since the mark the last pull left).
    const pull = harness.journal().findLast((j) => j.command === 'get-remote-data')!;
    const id = String(pull.args.id);
    const since = desk.tickets.comments(id).at(-1)?.created_at;
    const floor = await httpFloor({ url: server.url, apiKey: desk.apiKey }, id, since, 500);
    const firstPer: Cost = { wallMs: first.wallMs / firstPulled, cpuMs: first.cpuMs / firstPulled };
    const commentPer: Cost = { wallMs: comment.wallMs / commentPulls, cpuMs: comment.cpuMs / commentPulls };
    const fieldPer: Cost = { wallMs: field.wallMs / fieldPulls, cpuMs: field.cpuMs / fieldPulls };
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
      [`cycle after a field change on every ticket (${fieldPulls} pulls)`]: ms(field.wallMs),
      // Same virtual millisecond as the previous cycle: the inclusive window re-lists every ticket.
      [`cycle with 100 tagged notes going out, then ${outPulls} pulls`]: ms(out.wallMs),
      'one get-remote-data over HTTP, first cycle (vs its two GETs on raw node:http)': {
        value: perPull(firstPer),
        reference: `its two GETs on raw node:http ${perPull(floor)}`,
        ratio: floor.cpuMs / firstPer.cpuMs,
        goal,
        met: firstPer.wallMs <= GOAL_MS,
      },
      // Beside the goal, not under it: these pulls also read (and the second writes back) an
      // integration context holding 1,000 tickets' sync state. getIntegrationContext hands out a
      // copy of the whole context, as XSOAR's does (the server sends it all): ~0.5–0.8 ms at this
      // size, the integration's choice of what to keep there, paid per command in XSOAR too.
      'one get-remote-data over HTTP, a field change each, the context (1,000 tickets) read whole': {
        value: perPull(fieldPer),
        reference: `its two GETs on raw node:http ${perPull(floor)}`,
        ratio: floor.cpuMs / fieldPer.cpuMs,
      },
      'one get-remote-data over HTTP, a new comment each, the context read and written back whole': {
        value: perPull(commentPer),
        reference: `its two GETs on raw node:http ${perPull(floor)}`,
        ratio: floor.cpuMs / commentPer.cpuMs,
      },
    };
  } finally {
    await h?.close();
    await server.close();
  }
}
