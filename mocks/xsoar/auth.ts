/**
 * Who may call what. The REST and control APIs take the API key the way the real server does: the
 * raw key in the `Authorization` header (demisto/demisto-py README: `api_key` sent as
 * `Authorization`). The dashboard never sees the key: the demo prints a one-time login link whose
 * token is exchanged for an HttpOnly, SameSite=Strict session cookie, so the key stays out of the
 * browser, its history and any request log. SameSite does not separate ports of one host, so the
 * cookie alone does not stop a page on another port of 127.0.0.1 from driving the UI API: each
 * session also has a CSRF token, which csrf.ts requires on every change.
 */
import { randomBytes } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { HarnessError } from '../../harness/core/index.ts';
import { sameSecret } from '../shared/index.ts';

export const SESSION_COOKIE = 'mirrorlab_session';

export function requireApiKey(apiKey: string) {
  return (req: Request, _res: Response, next: NextFunction) => {
    const given = req.get('authorization') ?? '';
    if (!given)
      return next(
        new HarnessError(
          'unauthorized',
          'xsoar api: failed to authenticate: no Authorization header. Send the API key as the raw value of the Authorization header.',
        ),
      );
    if (!sameSecret(given, apiKey))
      return next(
        new HarnessError(
          'unauthorized',
          'xsoar api: failed to authenticate: the API key is wrong. Use the key the server printed at start.',
        ),
      );
    next();
  };
}

function cookie(req: Request, name: string): string | undefined {
  for (const part of (req.get('cookie') ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

export interface Sessions {
  /** A fresh one-time login token; its link is `/login?token=<token>`. */
  mintLoginToken(): string;
  /** Consumes a login token; returns a session id, or undefined when the token is unknown or used. */
  login(token: string): string | undefined;
  /** The CSRF token of the request's session (undefined without a session). */
  csrfToken(req: Request): string | undefined;
  require(req: Request, res: Response, next: NextFunction): void;
}

export function createSessions(): Sessions {
  const tokens = new Set<string>();
  /** Session id → its CSRF token. */
  const sessions = new Map<string, string>();
  return {
    mintLoginToken() {
      const token = randomBytes(18).toString('base64url');
      tokens.add(token);
      return token;
    },
    login(token) {
      if (!tokens.delete(token)) return undefined;
      const session = randomBytes(24).toString('base64url');
      sessions.set(session, randomBytes(24).toString('base64url'));
      return session;
    },
    csrfToken(req) {
      const session = cookie(req, SESSION_COOKIE);
      return session ? sessions.get(session) : undefined;
    },
    require(req, _res, next) {
      const session = cookie(req, SESSION_COOKIE);
      if (session && sessions.has(session)) return next();
      next(
        new HarnessError(
          'unauthorized',
          'dashboard: failed to authenticate: no dashboard session. Open the login link the demo printed (each link works once).',
        ),
      );
    },
  };
}
