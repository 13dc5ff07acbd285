/**
 * The admin API every vendor fake serves (`/admin`): faults, seeding, reset, snapshot/restore,
 * journal, rate limit. Not journaled: it is the test's control channel. Guarded by the fake's admin
 * token (`X-Admin-Token`, printed at start) and JSON-only bodies, so a web page the user visits
 * cannot drive it (a cross-site form or no-cors fetch can send neither).
 */
import { HttpResponse, type HttpHandler } from 'msw';
import type { ActiveFault, FaultSpec } from './faults.ts';
import { HttpError } from './http-error.ts';
import type { RequestRecord } from './journal.ts';
import type { RateLimit } from './rate-limiter.ts';
import type { Method, RouteResolver, VendorKit } from './vendor-kit.ts';
import { sameSecret } from './auth.ts';

export const ADMIN_TOKEN_HEADER = 'x-admin-token';

function checkAdmin(request: Request, token: string): void {
  const given = request.headers.get(ADMIN_TOKEN_HEADER);
  if (!sameSecret(given, token))
    throw new HttpError(
      401,
      'admin_unauthorized',
      given === null
        ? 'admin api: failed to authenticate: no X-Admin-Token header. Send the admin token the fake printed at start.'
        : 'admin api: failed to authenticate: the admin token is wrong. Use the one the fake printed at start.',
    );
  const type = request.headers.get('content-type') ?? '';
  const hasBody = request.body !== null && request.headers.get('content-length') !== '0';
  if (hasBody && !/^application\/json\b/i.test(type))
    throw new HttpError(
      415,
      'unsupported_media_type',
      `admin api: failed to read the request body: Content-Type is "${type}", not application/json. Send JSON.`,
    );
}

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
  /** The token admin requests must present as `X-Admin-Token`. */
  adminToken: () => string,
): HttpHandler[] {
  const guard =
    (resolve: RouteResolver): RouteResolver =>
    (ctx) => {
      checkAdmin(ctx.request, adminToken());
      return resolve(ctx);
    };
  const admin = (method: Method, path: string, resolve: RouteResolver) =>
    kit.open(method, path, guard(resolve));
  return [
    admin('POST', '/admin/faults', async ({ request }) => {
      const body = await readJson(request);
      const id = asBadRequest(() => target().faults.add(body as never));
      return HttpResponse.json({ id }, { status: 201 });
    }),
    admin('GET', '/admin/faults', () => HttpResponse.json({ data: target().faults.list() })),
    admin('DELETE', '/admin/faults', () => {
      target().faults.clear();
      return new HttpResponse(null, { status: 204 });
    }),
    admin('POST', '/admin/seed', async ({ request }) =>
      HttpResponse.json({ created: seed((await readJson(request)) ?? {}) }, { status: 201 }),
    ),
    admin('POST', '/admin/reset', () => {
      target().reset();
      return new HttpResponse(null, { status: 204 });
    }),
    admin('GET', '/admin/snapshot', () => HttpResponse.json(target().snapshot() as never)),
    admin('POST', '/admin/restore', async ({ request }) => {
      target().restore((await readJson(request)) as State);
      return new HttpResponse(null, { status: 204 });
    }),
    admin('GET', '/admin/journal', () => HttpResponse.json({ data: target().journal() })),
    admin('PUT', '/admin/rate-limit', async ({ request }) => {
      const body = (await readJson(request)) ?? null;
      asBadRequest(() => target().setRateLimit(body as never));
      return HttpResponse.json({ rateLimit: body });
    }),
  ];
}
