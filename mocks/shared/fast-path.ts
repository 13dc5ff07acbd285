/**
 * The express bridge's fast path (issue 16): a bodiless GET or DELETE whose route is a vendor-kit
 * route is answered straight from node:http — no express routing, no fetch Request, no msw handler
 * loop, no Response read back — by the same pipeline the msw handler runs (direct-route.ts). Which
 * handler msw would pick depends only on the method and the URL's origin and path, so it is found
 * once per such pair, by msw's rules (route-matcher.ts: kit patterns compiled once, msw's own
 * matcher for any other), and remembered. Anything else — a body, a bad Host, a custom-predicate
 * or `once` handler in the way, a route without a direct face — returns false and takes the msw
 * path, which stays the reference behaviour.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'msw';
import { directRouteOf, type DirectRoute, type Incoming } from './direct-route.ts';
import { hostProblem } from './host-check.ts';
import { isJsonReply, replyHeaderList } from './reply.ts';
import { matchRoute, type RouteMatch, type RouteParams as Params } from './route-matcher.ts';

type Found = { handler: RequestHandler; route: DirectRoute; params: Params } | null;

export interface FastPathOptions {
  base: URL;
  /** The handlers msw would try for this method, in order. */
  handlersFor(method: string): RequestHandler[];
  /** The fetch Request the msw path would have built, for resolvers that ask for one. */
  toFetchRequest(req: IncomingMessage, protocol: string): Request;
  /** Writes a Response as the msw path does. */
  write(res: ServerResponse, response: Response): Promise<void>;
  /** Answers an error the way the express error middleware does. */
  fail(res: ServerResponse, error: unknown): void;
}

/**
 * Remembered matches; a fake with more distinct paths than this starts over (no unbounded growth).
 * Small: matching a new path against the compiled routes takes about a microsecond, and a memo
 * holding every ticket's paths (two per ticket) held ~6 MB at 10,000 tickets (issue 16's heap figure).
 */
const MAX_REMEMBERED = 2_000;

// A keep-alive connection names the same Host on every request: check each (socket, Host) once.
const acceptedHost = new WeakMap<object, string>();
function hostAccepted(req: IncomingMessage): boolean {
  const host = req.headers.host;
  if (host !== undefined && acceptedHost.get(req.socket) === host) return true;
  if (hostProblem(req)) return false;
  acceptedHost.set(req.socket, host!);
  return true;
}

export function createFastPath(
  options: FastPathOptions,
): (req: IncomingMessage, res: ServerResponse) => boolean {
  const found = new Map<string, Found>();

  function find(method: string, url: URL): Found {
    for (const handler of options.handlersFor(method)) {
      const path = (handler.info as { path?: unknown }).path;
      // A custom predicate may look at anything (body, headers): only msw can decide.
      if (typeof path !== 'string' && !(path instanceof RegExp)) return null;
      let match: RouteMatch;
      try {
        match = matchRoute(url, path);
      } catch {
        return null; // a malformed %-escape: the msw path answers the 400
      }
      if (!match.matches) continue;
      const route = directRouteOf(handler);
      if (!route || (handler as unknown as { options?: { once?: boolean } }).options?.once) return null;
      return { handler, route, params: match.params };
    }
    return null;
  }

  return (req, res) => {
    const method = req.method ?? '';
    if (method !== 'GET' && method !== 'DELETE') return false;
    if (req.headers['content-length'] !== undefined || req.headers['transfer-encoding'] !== undefined)
      return false;
    if (!hostAccepted(req)) return false;
    const target = (req as { originalUrl?: string }).originalUrl ?? req.url ?? '/';
    const url = new URL(target, options.base.origin);
    // The request target without its query decides the URL's origin and path, hence the match.
    const query = target.indexOf('?');
    const key = `${method} ${query === -1 ? target : target.slice(0, query)}`;
    let hit = found.get(key);
    if (hit === undefined) {
      hit = find(method, url);
      if (found.size >= MAX_REMEMBERED) found.clear();
      found.set(key, hit);
    }
    if (hit === null) return false;
    hit.handler.isUsed = true;
    const protocol = (req.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http';
    void answer(hit, incomingOf(req, url, protocol), req, res).catch((error: unknown) =>
      options.fail(res, error),
    );
    return true;
  };

  async function answer(
    hit: NonNullable<Found>,
    incoming: Incoming,
    req: IncomingMessage,
    res: ServerResponse,
  ) {
    const answered = await hit.route.answer(incoming, hit.params);
    if (isJsonReply(answered)) {
      res.statusCode = answered.status;
      for (const [name, value] of replyHeaderList(answered)) res.setHeader(name, value);
      // A string body goes out in one write with the head (node joins them); a Buffer would be a
      // second chunk (writev). Same bytes: UTF-8 either way, Content-Length from the same count.
      res.end(answered.text);
      return;
    }
    if (answered.type === 'error') {
      // msw's network error: the closest thing over TCP is a reset connection.
      req.socket.destroy();
      return;
    }
    await options.write(res, answered);
  }

  function incomingOf(req: IncomingMessage, url: URL, protocol: string): Incoming {
    const host = req.headers.host!;
    let request: Request | undefined;
    return {
      method: req.method!,
      url,
      // The bridge forwards the Host the client used as x-forwarded-host (see originOf).
      origin: `${protocol}://${host}`,
      header(name) {
        const lower = name.toLowerCase();
        if (lower === 'x-forwarded-host') return host;
        if (lower === 'x-forwarded-proto') return protocol;
        const value = req.headers[lower];
        if (value === undefined) return null;
        return Array.isArray(value) ? value.join(', ') : value;
      },
      request() {
        return (request ??= options.toFetchRequest(req, protocol));
      },
    };
  }
}
