/**
 * The fast path's route matcher (mocks/shared/route-matcher.ts) answers what msw's own
 * `matchRequestUrl` answers — matches, parameters, and the URIError of a malformed %-escape — for
 * every route pattern the built-in fakes register (read from the fakes themselves, under their
 * default origins and under custom base URLs) against URLs made from all of those patterns: right
 * ids, encoded and unicode characters, malformed escapes, trailing slashes, upper case, wrong origins
 * and ports, extra and empty segments.
 */
import { matchRequestUrl, type RequestHandler } from 'msw';
import { describe, expect, it } from 'vitest';
import { compilesRoute, matchRoute } from '../../mocks/shared/route-matcher.ts';
import { createHelpdesk } from '../../mocks/ticketing/helpdesk/index.ts';
import { createJira } from '../../mocks/ticketing/jira/index.ts';
import { createServicenow } from '../../mocks/ticketing/servicenow/index.ts';
import { createZendesk } from '../../mocks/ticketing/zendesk/index.ts';

const clock = { now: () => Date.parse('2026-03-01T08:00:00.000Z') };
type Make = (options: { clock: typeof clock; baseUrl?: string }) => Promise<{ handlers: RequestHandler[] }>;
const FAKES: [string, Make][] = [
  ['helpdesk', createHelpdesk as unknown as Make],
  ['servicenow', createServicenow as unknown as Make],
  ['zendesk', createZendesk as unknown as Make],
  ['jira', createJira as unknown as Make],
];
// Default origins, a port with a path prefix, and (once) an origin msw reads as written (upper
// case, :80) which the matcher leaves to msw.
const BASES = [undefined, 'https://127.0.0.1:8443/mirror/v9'];
const ODD_BASE = 'http://Desk.Example:80';

/** A parameter's values: plain, encoded, unicode, malformed, empty. */
const VALUES = ['T-17', '17', 'a%2Fb', 'a%20b', 'caf%C3%A9', 'ü', '%E0%A4%A', '%', '', 'A.B~c', '__proto__'];

/** The pattern with every path parameter set to `value` (the origin's port left alone). */
function fill(pattern: string, value: string): string {
  const path = pattern.indexOf('/', pattern.indexOf('://') + 3);
  return pattern.slice(0, path) + pattern.slice(path).replace(/:\w+/g, value);
}

/** Strings, not URL objects yet: `new URL` normalises them the way a request's URL is. */
function urlsFor(pattern: string): string[] {
  const urls = VALUES.map((v) => fill(pattern, v));
  const url = fill(pattern, 'T-17');
  const { origin, protocol, hostname, pathname } = new URL(url);
  const otherScheme = protocol === 'http:' ? 'https:' : 'http:';
  urls.push(
    `${url}/`,
    `${url}//`,
    `${url}/extra`,
    `${url}?limit=2#top`,
    `${origin}${pathname.toUpperCase()}`,
    `${origin}${pathname.slice(0, pathname.lastIndexOf('/'))}`,
    `${origin}/`,
    `${otherScheme}//${hostname}${pathname}`,
    `http://other.test${pathname}`,
    `${protocol}//${hostname}:1${pathname}`,
    `${protocol}//${hostname.toUpperCase()}${pathname}`,
    `${origin}${pathname.replace(/^\/[^/]*/, '')}`,
  );
  return urls;
}

/** Segments of a URL's path, or of a pattern's path after its origin. */
const segments = (path: string) => new URL(path, 'http://x').pathname.split('/').length;

type Outcome = { matches: boolean; params: unknown; bare: boolean } | { threw: string };
function outcome(fn: () => { matches: boolean; params?: unknown }): Outcome {
  try {
    const { matches, params } = fn();
    // path-to-regexp's params have no prototype; msw's empty ones do: both must agree.
    return { matches, params: { ...(params as object) }, bare: Object.getPrototypeOf(params) === null };
  } catch (e) {
    return { threw: (e as Error).name };
  }
}

describe('route matcher ≡ msw matchRequestUrl', () => {
  it('agrees on every pattern the built-in fakes register, over URLs made from all of them', async () => {
    let compared = 0;
    let matched = 0;
    let threw = 0;
    const compiled = new Set<string>();
    const patterns = new Set<string>();
    for (const [name, make] of FAKES) {
      for (const baseUrl of name === 'helpdesk' ? [...BASES, ODD_BASE] : BASES) {
        const fake = await make(baseUrl === undefined ? { clock } : { clock, baseUrl });
        const own = [
          ...new Set(
            fake.handlers
              .map((h) => (h.info as { path?: unknown }).path)
              .filter((p): p is string => typeof p === 'string'),
          ),
        ];
        expect(own.length, `${name} at ${baseUrl ?? 'its default origin'}`).toBeGreaterThan(3);
        const urls = [...new Set(own.flatMap(urlsFor))].map((u) => new URL(u));
        for (const pattern of own) {
          patterns.add(pattern);
          if (compilesRoute(pattern)) compiled.add(pattern);
          for (const url of urls) {
            // Siblings, parents and children; paths further apart in length are left out for time.
            if (Math.abs(segments(url.pathname) - segments(pattern)) > 1) continue;
            const ours = outcome(() => matchRoute(url, pattern));
            const msw = outcome(() => matchRequestUrl(url, pattern));
            expect(ours, `${pattern} ← ${url.href}`).toStrictEqual(msw);
            compared++;
            if ('threw' in msw) threw++;
            else if (msw.matches) matched++;
          }
        }
      }
    }
    // The comparison reaches matches, parameters and errors, and our own compiled matchers.
    expect(patterns.size).toBeGreaterThan(100);
    expect(compiled.size).toBeGreaterThan(patterns.size / 2);
    expect(matched).toBeGreaterThan(1000);
    expect(threw).toBeGreaterThan(50);
    expect(compared).toBeGreaterThan(50_000);
  });

  it('compiles kit routes itself and leaves wildcards, RegExps and odd origins to msw', () => {
    expect(compilesRoute('http://helpdesk.test/api/v1/tickets/:id')).toBe(true);
    expect(compilesRoute('http://127.0.0.1:8443/api/v1/tickets/:id/comments')).toBe(true);
    expect(compilesRoute('http://zendesk.test/api/v2/tickets/:id.json')).toBe(true);
    for (const pattern of [
      'http://helpdesk.test/*',
      'http://helpdesk.test/api/:id?',
      'http://helpdesk.test/api/:id(\\d+)',
      'http://helpdesk.test/api/v:1',
      'http://Desk.Example/api',
      'http://desk.example:80/api',
      'http://[::1]:8080/api',
      '/api/v1/tickets/:id',
      'http://helpdesk.test',
    ])
      expect(compilesRoute(pattern), pattern).toBe(false);
    const url = new URL('http://helpdesk.test/api/v1/tickets/7');
    expect(matchRoute(url, /\/tickets\/(?<id>\d+)$/)).toStrictEqual(
      matchRequestUrl(url, /\/tickets\/(?<id>\d+)$/),
    );
  });
});
