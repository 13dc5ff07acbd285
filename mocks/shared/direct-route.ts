/**
 * The second face of a vendor-kit route: the msw handler value stays what `setupServer` and the
 * bridge's msw path run, and the kit also registers here how to answer the same route from the
 * parts of a request (method, URL, headers), so the express bridge can answer the common request
 * without converting it to a fetch Request and the answer back (express-bridge.ts, fast-path.ts).
 */
import type { RequestHandler } from 'msw';
import type { JsonReply } from './reply.ts';

/** A request as the pipeline reads it; the fetch Request only when a resolver asks for it. */
export interface Incoming {
  method: string;
  url: URL;
  /** Origin the client used (see originOf). */
  origin: string;
  /** A header as `Request.headers.get` would give it. */
  header(name: string): string | null;
  /** The fetch Request, built on first use. */
  request(): Request;
}

export type DirectAnswer = Response | JsonReply;

export interface DirectRoute {
  /** Answers a request msw would have matched to this handler with these route params. */
  answer(
    incoming: Incoming,
    params: Record<string, string | readonly string[] | undefined>,
  ): Promise<DirectAnswer>;
}

const routes = new WeakMap<RequestHandler, DirectRoute>();

export function registerDirectRoute<H extends RequestHandler>(handler: H, route: DirectRoute): H {
  routes.set(handler, route);
  return handler;
}

export function directRouteOf(handler: RequestHandler): DirectRoute | undefined {
  return routes.get(handler);
}

/** The Incoming of a fetch Request (the msw face). */
export function incomingOf(request: Request, origin: (request: Request, url: URL) => string): Incoming {
  const url = new URL(request.url);
  return {
    method: request.method,
    url,
    origin: origin(request, url),
    header: (name) => request.headers.get(name),
    request: () => request,
  };
}
