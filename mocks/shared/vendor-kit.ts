/**
 * The shared request pipeline of every fake vendor, as msw resolvers so it runs the same in-process
 * and over express: journal → faults → auth (a Bearer API key, or the vendor's own `authenticate`)
 * → rate limiter (per principal) → the vendor's resolver, with HttpError rendered in the vendor's
 * own error shape.
 */
import { http, HttpResponse, type HttpHandler } from 'msw';
import { bearerToken, sameSecret } from './auth.ts';
import { incomingOf, registerDirectRoute, type DirectAnswer, type Incoming } from './direct-route.ts';
import type { FaultRegistry } from './faults.ts';
import { HttpError, isHttpError } from './http-error.ts';
import type { Journal } from './journal.ts';
import type { Json } from './json.ts';
import type { RateLimiter, RateWindow } from './rate-limiter.ts';
import { isJsonReply, jsonReply, toResponse, type JsonReply } from './reply.ts';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteContext {
  request: Request;
  params: Record<string, string>;
  url: URL;
  /** Origin the client used (the express bridge forwards it), for absolute links such as `next`. */
  origin: string;
  /** Who the request authenticated as (the API key, or the vendor's user name); '' on open routes. */
  principal: string;
}

/**
 * A route's answer: a Response, or a `jsonReply(...)` — the same answer as `HttpResponse.json(...)`,
 * which the express bridge writes without building a Response (the fast path of issue 16).
 */
export type RouteResolver = (ctx: RouteContext) => Response | JsonReply | Promise<Response | JsonReply>;

export interface VendorKitOptions {
  baseUrl: string;
  clock: { now(): number };
  journal: Journal;
  faults: FaultRegistry;
  rateLimiter: RateLimiter;
  /** The key clients must present as `Authorization: Bearer <key>` (unless `authenticate` is given). */
  apiKey: () => string;
  /**
   * The vendor's own authentication (basic auth, OAuth tokens…): the principal's name, or an
   * HttpError 401 thrown in the vendor's words. Default: the Bearer API key.
   */
  authenticate?: (request: Request) => string;
  /**
   * The vendor's 429 (default: `rate_limited`, "API rate limit exceeded: retry after N seconds").
   * `window` is the spent window, for vendors whose 429 carries X-RateLimit-* headers.
   */
  rateLimited?: (retryAfterSeconds: number, window: RateWindow) => HttpError;
  /**
   * Headers the vendor adds to every authenticated answer while a rate limit is on (ServiceNow's
   * X-RateLimit-Limit / -Reset); none by default.
   */
  rateLimitHeaders?: (window: RateWindow) => Record<string, string>;
  /** The vendor's error body. */
  errorBody(code: string, message: string): Json;
}

export interface VendorKit {
  /** A journaled, fault-injectable, authenticated and rate-limited API route. */
  api(method: Method, path: string, resolve: RouteResolver): HttpHandler;
  /** A route without auth, faults or journal (admin/control API). */
  open(method: Method, path: string, resolve: RouteResolver): HttpHandler;
  /** Last handler: any other request under baseUrl gets a loud 404 `Mock not found: <METHOD> <URL>`. */
  notFound(): HttpHandler;
  error(error: unknown): Response;
}

const methods = {
  GET: http.get,
  POST: http.post,
  PUT: http.put,
  PATCH: http.patch,
  DELETE: http.delete,
} as const;

export function createVendorKit(options: VendorKitOptions): VendorKit {
  const base = options.baseUrl.replace(/\/+$/, '');

  function errorReply(err: unknown): JsonReply {
    const e = isHttpError(err)
      ? err
      : new HttpError(
          500,
          'internal_error',
          `internal error: ${err instanceof Error ? err.message : String(err)}`,
        );
    return jsonReply(e.body ?? options.errorBody(e.code, e.message), {
      status: e.status,
      headers: e.headers,
    });
  }

  const error = (err: unknown): Response => toResponse(errorReply(err));

  async function guarded(
    ctx: RouteContext,
    method: string,
    resolve: RouteResolver,
    authenticate: ((ctx: RouteContext) => string) | undefined,
  ): Promise<DirectAnswer> {
    const { url } = ctx;
    const time = new Date(options.clock.now()).toISOString();
    const record = { method, url, time };

    const fault = options.faults.take(method, url.pathname);
    if (fault) {
      if (fault.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
      if (fault.reset) {
        journal(record, 0, fault.id);
        return HttpResponse.error();
      }
      if (fault.status !== undefined) {
        journal(record, fault.status, fault.id);
        const body =
          fault.body ??
          options.errorBody('injected_fault', `injected fault ${fault.id}: ${method} ${url.pathname}`);
        return HttpResponse.json(body, { status: fault.status });
      }
    }

    let response: DirectAnswer;
    let principal = '';
    try {
      // Unmatched routes skip auth: a wrong URL in a test must read "Mock not found", not 401.
      if (authenticate) principal = checkBudget(authenticate(ctx));
      ctx.principal = principal;
      const answered = resolve(ctx);
      // Most resolvers answer at once: awaiting only a promise saves a turn of the microtask queue.
      response = answered instanceof Promise ? await answered : answered;
    } catch (err) {
      response = errorReply(err);
    }
    if (principal && options.rateLimitHeaders) withRateLimitHeaders(response, principal);
    journal(record, response.status, fault?.id);
    return response;
  }

  // A function of the kit, not a closure per request: under esbuild's keepNames (tsx, vitest) every
  // named closure costs a __name() call, and this runs on every request (issue 16).
  function journal(at: { method: string; url: URL; time: string }, status: number, fault?: string): void {
    const { url } = at;
    options.journal.record({
      method: at.method,
      path: url.pathname,
      query: url.search === '' ? {} : Object.fromEntries(url.searchParams),
      status,
      time: at.time,
      ...(fault ? { fault } : {}),
    });
  }

  function withRateLimitHeaders(response: DirectAnswer, principal: string): void {
    const window = options.rateLimiter.window(principal);
    if (!window || !options.rateLimitHeaders) return;
    const headers = isJsonReply(response) ? (response.headers ??= new Headers()) : response.headers;
    for (const [name, value] of Object.entries(options.rateLimitHeaders(window))) {
      // A response built elsewhere may have immutable headers; then it goes out as it is.
      try {
        if (!headers.has(name)) headers.set(name, value);
      } catch {
        return;
      }
    }
  }

  function checkBudget(principal: string): string {
    const decision = options.rateLimiter.take(principal);
    if (!decision.allowed) {
      if (options.rateLimited) {
        const window = options.rateLimiter.window(principal) ?? {
          limit: 0,
          remaining: 0,
          resetAtMs: options.clock.now() + decision.retryAfterSeconds * 1000,
        };
        throw options.rateLimited(decision.retryAfterSeconds, window);
      }
      throw new HttpError(
        429,
        'rate_limited',
        `API rate limit exceeded: retry after ${decision.retryAfterSeconds} seconds`,
        {
          'Retry-After': String(decision.retryAfterSeconds),
        },
      );
    }
    return principal;
  }

  /** The principal of an API request: the vendor's own authentication, or the Bearer API key. */
  function principalOf(ctx: RouteContext, incoming: Incoming): string {
    if (options.authenticate) return options.authenticate(ctx.request);
    const key = bearerToken(incoming.header('authorization'));
    if (key === undefined || !sameSecret(key, options.apiKey())) {
      throw new HttpError(
        401,
        'unauthorized',
        key === undefined
          ? 'authentication required: send the header "Authorization: Bearer <api key>"'
          : 'invalid api key: the key is not valid for this service',
      );
    }
    return key;
  }

  function contextOf(
    incoming: Incoming,
    params: Record<string, string | readonly string[] | undefined>,
  ): RouteContext {
    // Route parameters are plain own keys only, as the matcher decoded them (once: `T%252D1` is the
    // id `T%2D1`); a malformed %-escape never gets here, the bridge answers its 400.
    const flat: Record<string, string> = Object.create(null) as Record<string, string>;
    for (const k of Object.keys(params)) {
      const v = params[k];
      if (typeof v === 'string') flat[k] = v;
    }
    return {
      // Built on first use: over the bridge's fast path most routes never need the fetch Request.
      get request() {
        return incoming.request();
      },
      params: flat,
      url: incoming.url,
      origin: incoming.origin,
      principal: '',
    };
  }

  /** The route's pipeline from the parts of a request; both faces (msw, bridge fast path) run it. */
  const apiRoute =
    (resolve: RouteResolver) =>
    (incoming: Incoming, params: Record<string, string | readonly string[] | undefined>) => {
      const ctx = contextOf(incoming, params);
      return guarded(ctx, incoming.method, resolve, (c) => principalOf(c, incoming));
    };

  const openRoute =
    (resolve: RouteResolver) =>
    async (
      incoming: Incoming,
      params: Record<string, string | readonly string[] | undefined>,
    ): Promise<DirectAnswer> => {
      try {
        return await resolve(contextOf(incoming, params));
      } catch (err) {
        return errorReply(err);
      }
    };

  /** Both faces of a route: the msw handler, and the same pipeline registered for the bridge. */
  function route(
    method: Method,
    path: string,
    answer: (
      incoming: Incoming,
      params: Record<string, string | readonly string[] | undefined>,
    ) => Promise<DirectAnswer>,
  ): HttpHandler {
    const handler = methods[method](`${base}${path}`, async ({ request, params }) =>
      asResponse(await answer(incomingOf(request, originOf), params)),
    );
    return registerDirectRoute(handler, { answer });
  }

  return {
    api: (method, path, resolve) => route(method, path, apiRoute(resolve)),
    open: (method, path, resolve) => route(method, path, openRoute(resolve)),
    notFound: () =>
      http.all(`${base}/*`, async ({ request }) => {
        const incoming = incomingOf(request, originOf);
        const { url } = incoming;
        const shown = `${incoming.origin}${url.pathname}${url.search}`;
        const ctx = { request, params: {}, url, origin: incoming.origin, principal: '' };
        const answer = await guarded(
          ctx,
          request.method,
          () => {
            throw new HttpError(404, 'mock_not_found', `Mock not found: ${request.method} ${shown}`);
          },
          undefined,
        );
        return asResponse(answer);
      }),
    error,
  };
}

const asResponse = (answer: DirectAnswer): Response => (isJsonReply(answer) ? toResponse(answer) : answer);

/** The express bridge rewrites the URL to baseUrl and forwards the client's own origin. */
export function originOf(request: Request, url: URL = new URL(request.url)): string {
  const host = request.headers.get('x-forwarded-host');
  if (!host) return url.origin;
  const proto = request.headers.get('x-forwarded-proto') ?? 'http';
  return `${proto}://${host}`;
}
