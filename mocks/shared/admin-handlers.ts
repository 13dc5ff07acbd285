/**
 * The admin API every vendor fake serves (`/admin`): faults, seeding, reset, snapshot/restore,
 * journal, rate limit. No auth and not journaled: it is the test's control channel, served on
 * loopback only.
 */
import { HttpResponse, type HttpHandler } from 'msw';
import type { ActiveFault, FaultSpec } from './faults.ts';
import { HttpError } from './http-error.ts';
import type { RequestRecord } from './journal.ts';
import type { RateLimit } from './rate-limiter.ts';
import type { VendorKit } from './vendor-kit.ts';

/** What the admin API drives on a fake. */
export interface AdminTarget<State> {
  faults: { add(f: FaultSpec): string; list(): ActiveFault[]; clear(): void };
  setRateLimit(limit: RateLimit | null): void;
  journal(): RequestRecord[];
  snapshot(): State;
  restore(state: State): void;
  /** Back to the state the fake started with; faults, journal and rate limit back to its options. */
  reset(): void;
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

export function createAdminHandlers<State>(
  kit: VendorKit,
  target: () => AdminTarget<State>,
  seed: (request: unknown) => string[],
  /** The vendor's JSON body reader (its own 400 for malformed JSON). */
  readJson: (request: Request) => Promise<unknown>,
): HttpHandler[] {
  return [
    kit.open('POST', '/admin/faults', async ({ request }) => {
      const body = await readJson(request);
      const id = asBadRequest(() => target().faults.add(body as never));
      return HttpResponse.json({ id }, { status: 201 });
    }),
    kit.open('GET', '/admin/faults', () => HttpResponse.json({ data: target().faults.list() })),
    kit.open('DELETE', '/admin/faults', () => {
      target().faults.clear();
      return new HttpResponse(null, { status: 204 });
    }),
    kit.open('POST', '/admin/seed', async ({ request }) =>
      HttpResponse.json({ created: seed((await readJson(request)) ?? {}) }, { status: 201 }),
    ),
    kit.open('POST', '/admin/reset', () => {
      target().reset();
      return new HttpResponse(null, { status: 204 });
    }),
    kit.open('GET', '/admin/snapshot', () => HttpResponse.json(target().snapshot() as never)),
    kit.open('POST', '/admin/restore', async ({ request }) => {
      target().restore((await readJson(request)) as State);
      return new HttpResponse(null, { status: 204 });
    }),
    kit.open('GET', '/admin/journal', () => HttpResponse.json({ data: target().journal() })),
    kit.open('PUT', '/admin/rate-limit', async ({ request }) => {
      const body = (await readJson(request)) ?? null;
      asBadRequest(() => target().setRateLimit(body as never));
      return HttpResponse.json({ rateLimit: body });
    }),
  ];
}
