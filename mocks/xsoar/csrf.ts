/**
 * Cross-site request forgery guards of the dashboard API (`/ui-api`). The session cookie is
 * SameSite=Strict, but SameSite treats every port of 127.0.0.1 as the same site, so a page served
 * by any other local program could otherwise post to the dashboard with the analyst's cookie. The
 * Host header is checked server-wide (host-guard.ts, which also defeats DNS rebinding); here:
 *
 * - a browser's Origin (or Sec-Fetch-Site) must be this server's own origin;
 * - a change (any method but GET/HEAD) must be `Content-Type: application/json` — which a cross-origin
 *   page can only send after a CORS preflight this server never grants — and carry the session's
 *   CSRF token in `X-CSRF-Token`, which only a same-origin page can read (`GET /ui-api/session`).
 */
import type { NextFunction, Request, Response } from 'express';
import { HttpError } from '../shared/index.ts';
import { sameSecret } from '../shared/index.ts';
import type { Sessions } from './auth.ts';

export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const forbidden = (reason: string) =>
  new HttpError(
    403,
    'forbidden',
    `dashboard: failed to accept the request: ${reason}. Use the dashboard page this server serves.`,
  );

export function requireSameOrigin(req: Request, _res: Response, next: NextFunction): void {
  // The Host guard in front of every route has already refused a Host that is not this server.
  const host = (req.get('host') ?? '').toLowerCase();
  const origin = req.get('origin');
  if (origin !== undefined && origin !== `http://${host}`)
    return next(forbidden(`it comes from another origin (${origin})`));
  const site = req.get('sec-fetch-site');
  if (origin === undefined && site !== undefined && site !== 'same-origin' && site !== 'none')
    return next(forbidden(`it comes from another origin (Sec-Fetch-Site: ${site})`));
  next();
}

export function requireCsrfToken(sessions: Sessions) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    if (SAFE_METHODS.has(req.method)) return next();
    if (!req.is('application/json'))
      return next(
        new HttpError(
          415,
          'unsupported-media-type',
          `dashboard: failed to accept the request: a change must be sent as JSON (Content-Type: application/json), not "${req.get('content-type') ?? 'none'}".`,
        ),
      );
    const expected = sessions.csrfToken(req);
    const given = req.get(CSRF_HEADER) ?? '';
    if (!expected || !given || !sameSecret(given, expected))
      return next(
        forbidden(`the ${CSRF_HEADER} header is missing or wrong (read it from GET /ui-api/session)`),
      );
    next();
  };
}
