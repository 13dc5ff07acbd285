/**
 * Which requests a route pattern matches, with the pattern compiled once (issue 16). msw's
 * `matchRequestUrl` compiles the handler's path with path-to-regexp on every call, and the fast path
 * meets every new ticket id (a new path) once per handler in the list: a mirror cycle over 1,000
 * tickets recompiled the kit's routes thousands of times.
 *
 * A kit route is `<origin><path>` — an http(s) origin in its normal form and a path of literal
 * segments, each of which may open with a `:name` parameter. For those, msw's answer is: the
 * request's origin equals the pattern's (msw matches it as a case-insensitive literal; both sides
 * are already lower-case), and its path matches the pattern's path under path-to-regexp 6's defaults
 * (case-insensitive, optional trailing slash, anchored at the end), parameters decoded with
 * decodeURIComponent. That is what is compiled here, with the same path-to-regexp major msw 2
 * depends on (one copy when npm dedupes). Any other pattern — a wildcard, a RegExp, a parameter with
 * a modifier or a custom pattern, an origin that is not in its normal form — is left to msw's own
 * `matchRequestUrl`. test/unit/route-matcher.test.ts holds the two against each other over every
 * route the built-in fakes register.
 */
import { matchRequestUrl } from 'msw';
import { match, type MatchFunction } from 'path-to-regexp';

export type RouteParams = Record<string, string | readonly string[] | undefined>;
export interface RouteMatch {
  matches: boolean;
  params: RouteParams;
}

interface Compiled {
  origin: string;
  path: MatchFunction<RouteParams>;
}

/** Patterns remembered; more distinct ones than this start over (no unbounded growth). */
const MAX_REMEMBERED = 20_000;

// `null`: a pattern this file does not compile (msw's matcher decides).
const compiled = new Map<string, Compiled | null>();

// Host of letters, digits, dots and dashes, an optional numeric port: a literal for path-to-regexp.
const SIMPLE_ORIGIN = /^https?:\/\/[A-Za-z0-9.-]+(?::\d+)?$/;
// Segments of unreserved characters, each may open with a parameter (`/:id`, `/:id.json`): a `:`
// anywhere else is one msw's coercePath may escape, so such patterns are msw's to match.
const SIMPLE_PATH = /^(?:\/(?::\w+)?[A-Za-z0-9._~-]*)+$/;

function compile(pattern: string): Compiled | null {
  const scheme = pattern.indexOf('://');
  if (scheme === -1) return null;
  const slash = pattern.indexOf('/', scheme + 3);
  if (slash === -1) return null;
  const origin = pattern.slice(0, slash);
  const path = pattern.slice(slash);
  if (!SIMPLE_ORIGIN.test(origin) || !SIMPLE_PATH.test(path)) return null;
  let normal: string;
  try {
    normal = new URL(origin).origin;
  } catch {
    return null;
  }
  // A default port, an upper-case host, an IDN: msw compares the written text; leave it to msw.
  if (normal !== origin) return null;
  return { origin, path: match<RouteParams>(path, { decode: decodeURIComponent }) };
}

function compiledOf(pattern: string): Compiled | null {
  let found = compiled.get(pattern);
  if (found === undefined) {
    found = compile(pattern);
    if (compiled.size >= MAX_REMEMBERED) compiled.clear();
    compiled.set(pattern, found);
  }
  return found;
}

/** Whether matchRoute answers for this pattern itself (any other is msw's `matchRequestUrl`). */
export function compilesRoute(pattern: string): boolean {
  return compiledOf(pattern) !== null;
}

/**
 * What msw's `matchRequestUrl(url, pattern)` answers, throwing where it throws (a malformed
 * %-escape in a parameter is a URIError).
 */
export function matchRoute(url: URL, pattern: string | RegExp): RouteMatch {
  const route = typeof pattern === 'string' ? compiledOf(pattern) : null;
  if (route === null) return matchRequestUrl(url, pattern) as RouteMatch;
  if (url.origin !== route.origin) return { matches: false, params: {} };
  const result = route.path(url.pathname);
  return result === false ? { matches: false, params: {} } : { matches: true, params: result.params };
}
