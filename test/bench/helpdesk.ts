/**
 * The helpdesk fake over real HTTP with keep-alive (5,000 GETs, 16 in flight, 127.0.0.1), each
 * figure beside raw node:http answering the same bytes in the same process (issue 16's goal for a
 * GET by id: ≥ 0.6× raw). The ratio is of CPU time per request (see http-load.ts); the throughput
 * ratio is printed beside it and agrees with it on an idle machine.
 */
import { listen } from '../../mocks/shared/index.ts';
import { createHelpdesk } from '../../mocks/ticketing/helpdesk/index.ts';
import { formatLoad, measureAgainstRaw } from './http-load.ts';
import type { Figures } from './figures.ts';

const TOTAL = 5_000;

export async function benchHelpdesk(): Promise<Figures> {
  const desk = await createHelpdesk({ clock: { now: () => Date.now() }, tickets: 200, seed: 1 });
  const server = await listen(desk.app());
  const headers = { authorization: `Bearer ${desk.apiKey}` };
  try {
    const figures: Figures = {};
    for (const [name, path, goal] of [
      ['helpdesk GET /tickets/:id', '/api/v1/tickets/T-17', 0.6],
      ['helpdesk GET /tickets?limit=50 of 200', '/api/v1/tickets?sort=-updated_at&limit=50', undefined],
    ] as const) {
      const url = new URL(`${server.url}${path}`);
      const { fake, raw } = await measureAgainstRaw(url, headers, TOTAL);
      const ratio = raw.cpuUs / fake.cpuUs;
      figures[`${name}, vs raw node:http, same bytes`] = {
        value: `${formatLoad(fake)}; throughput ratio ${(fake.rps / raw.rps).toFixed(2)}×`,
        reference: `raw node:http ${formatLoad(raw)}`,
        ratio,
        ...(goal !== undefined ? { goal: `≥ ${goal}× raw (CPU per request)`, met: ratio >= goal } : {}),
      };
    }
    return figures;
  } finally {
    await server.close();
  }
}
