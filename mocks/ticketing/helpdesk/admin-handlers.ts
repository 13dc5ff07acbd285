/**
 * The admin API (`/admin`): faults, seeding, reset, snapshot/restore, journal, rate limit. No auth
 * and not journaled: it is the test's control channel, served on loopback only.
 */
import { HttpResponse, type HttpHandler } from 'msw';
import { HttpError, type VendorKit } from '../../shared/index.ts';
import { readJson } from './api-handlers.ts';
import type { Helpdesk } from './create-helpdesk.ts';
import type { HelpdeskState, TicketInput } from './model.ts';

export interface SeedRequest {
  tickets?: TicketInput[];
  n?: number;
  seed?: number;
}

/** Shared building blocks throw TypeError on bad specs; over HTTP that is the client's 400. */
function asBadRequest<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof TypeError) throw new HttpError(400, 'invalid_request', e.message);
    throw e;
  }
}

export function createAdminHandlers(
  kit: VendorKit,
  helpdesk: () => Helpdesk,
  seed: (request: unknown) => string[],
): HttpHandler[] {
  return [
    kit.open('POST', '/admin/faults', async ({ request }) => {
      const body = await readJson(request);
      const id = asBadRequest(() => helpdesk().faults.add(body as never));
      return HttpResponse.json({ id }, { status: 201 });
    }),
    kit.open('GET', '/admin/faults', () => HttpResponse.json({ data: helpdesk().faults.list() })),
    kit.open('DELETE', '/admin/faults', () => {
      helpdesk().faults.clear();
      return new HttpResponse(null, { status: 204 });
    }),
    kit.open('POST', '/admin/seed', async ({ request }) =>
      HttpResponse.json({ created: seed((await readJson(request)) ?? {}) }, { status: 201 }),
    ),
    kit.open('POST', '/admin/reset', () => {
      helpdesk().reset();
      return new HttpResponse(null, { status: 204 });
    }),
    kit.open('GET', '/admin/snapshot', () => HttpResponse.json(helpdesk().snapshot())),
    kit.open('POST', '/admin/restore', async ({ request }) => {
      helpdesk().restore((await readJson(request)) as HelpdeskState);
      return new HttpResponse(null, { status: 204 });
    }),
    kit.open('GET', '/admin/journal', () => HttpResponse.json({ data: helpdesk().journal() })),
    kit.open('PUT', '/admin/rate-limit', async ({ request }) => {
      const body = (await readJson(request)) ?? null;
      asBadRequest(() => helpdesk().setRateLimit(body as never));
      return HttpResponse.json({ rateLimit: body });
    }),
  ];
}
