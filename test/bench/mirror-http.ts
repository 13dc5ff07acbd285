/**
 * Wall time of full mirror cycles over 1,000 tickets: the TypeScript reference integration talks to
 * a real helpdesk express server over HTTP (keep-alive by Node's fetch), driven by the harness on
 * the virtual clock. Prints nothing; returns figures for `npm run bench`.
 */
import { createHarness, type Harness } from '../../harness/index.ts';
import { listen } from '../../mocks/shared/index.ts';
import { createHelpdesk } from '../../mocks/ticketing/helpdesk/index.ts';

const TICKETS = 1000;
const INTEGRATION = new URL('../../scenarios/integrations/helpdesk/helpdesk.ts', import.meta.url).pathname;

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

const ms = (value: number) => `${value.toFixed(0)} ms`;

export async function benchMirrorHttp(): Promise<Record<string, string>> {
  const start = Math.floor(Date.now() / 60_000) * 60_000;
  let h: Harness | undefined;
  const desk = await createHelpdesk({ clock: { now: () => h?.now() ?? start }, tickets: TICKETS, seed: 7 });
  const server = await listen(desk.app());
  try {
    h = await createHarness({
      start,
      instances: {
        desk: {
          integration: INTEGRATION,
          params: {
            url: server.url,
            api_key: desk.apiKey,
            max_fetch: String(TICKETS),
            mirror_direction: 'Incoming And Outgoing',
            close_incident: true,
            close_out: true,
          },
          fetch: { enabled: false },
        },
      },
    });
    const harness = h;
    const fetchMs = await timed(() => harness.fetch('desk'));
    // The first cycle pulls every incident: each was created since the last get-modified window.
    const firstCycle = await timed(() => harness.mirror());
    const firstPulled = harness.journal().filter((j) => j.command === 'get-remote-data').length;

    for (const ticket of desk.tickets.list())
      desk.tickets.comment(ticket.id, { body: `bench comment on ${ticket.id}` });
    const before = harness.journal().length;
    const commentCycle = await timed(() => harness.mirror());
    const commentPulls = harness
      .journal()
      .slice(before)
      .filter((j) => j.command === 'get-remote-data').length;

    for (const incident of harness.incidents.list().slice(0, 100))
      await harness.incidents.addEntry(incident.id, { contents: 'bench note', tags: ['comment'] });
    const beforeOut = harness.journal().length;
    const outCycle = await timed(() => harness.mirror());
    const outPulls = harness
      .journal()
      .slice(beforeOut)
      .filter((j) => j.command === 'get-remote-data').length;

    return {
      tickets: String(TICKETS),
      'fetch-incidents of 1,000 tickets (one run, 10 pages)': ms(fetchMs),
      [`first mirror cycle (${firstPulled} get-remote-data)`]: ms(firstCycle),
      'per get-remote-data, first cycle': `${(firstCycle / Math.max(1, firstPulled)).toFixed(2)} ms`,
      [`cycle after a remote comment on every ticket (${commentPulls} pulls)`]: ms(commentCycle),
      // Same virtual millisecond as the previous cycle: the inclusive window re-lists every ticket.
      [`cycle with 100 tagged notes going out, then ${outPulls} pulls`]: ms(outCycle),
    };
  } finally {
    await h?.close();
    await server.close();
  }
}
