/**
 * The fake XSOAR server over the engine: the XSOAR-like REST API (API key), the control API
 * (`control: true`), and the dashboard (static files at `/` plus its session-guarded `/ui-api`).
 * An express app; listening is the caller's (mocks/shared/serve.ts).
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';
import type { Express } from 'express';
import type { Harness } from '../../harness/index.ts';
import { createSessions, requireApiKey, SESSION_COOKIE } from './auth.ts';
import { createControlRoutes } from './control-routes.ts';
import { requireCsrfToken, requireSameOrigin } from './csrf.ts';
import { errorMiddleware, notFound } from './error-middleware.ts';
import { rejectForeignHost } from './host-guard.ts';
import { jsonBody } from './json-body.ts';
import { createHealthRoute } from './health-route.ts';
import { createIncidentRoutes } from './incident-routes.ts';
import { createInstanceRoutes } from './instance-routes.ts';
import type { CatalogDeclarations } from './catalog-routes.ts';
import type { RemoteDesk } from './remote-desk.ts';
import { createUiRoutes } from './ui-routes.ts';

export interface XsoarAppOptions {
  harness: Harness;
  /** The key clients send as the raw `Authorization` header. */
  apiKey: string;
  /** Mount `/control/*` (clock, jobs, reset, snapshot, journal). Off by default. */
  control?: boolean;
  /** The fake third party the dashboard shows beside XSOAR (the demo passes its helpdesk). */
  helpdesk?: RemoteDesk;
  /** For `/control/reset`: builds a fresh harness; the app switches to it. */
  reset?: () => Promise<Harness>;
  /** Custom fields and incident types `GET /incidentfields` / `/incidenttype` list before any incident uses them. */
  catalog?: CatalogDeclarations;
}

export type XsoarApp = Express & {
  /** A one-time dashboard login path (`/login?token=…`). */
  loginPath(): string;
  /** The harness the app currently serves (changes after a reset). */
  harness(): Harness;
};

const publicDir = join(dirname(fileURLToPath(import.meta.url)), 'public');

// The app does not know which command started it (`npm start`, `mirrorlab demo`, `mirrorlab serve`),
// so the hint names what they share: the link printed at start, and a restart for a new one.
const INVALID_LOGIN_PAGE =
  '<!doctype html><html lang="en"><title>mirrorlab</title><body style="font-family:system-ui;padding:3rem"><h1>This login link is not valid</h1><p>Each link works once. Open the newest dashboard link the server printed when it started, or stop it (Ctrl-C) and start it again (<code>npm start</code>, <code>mirrorlab demo</code> or <code>mirrorlab serve</code>) for a new one.</p></body></html>';

export function createXsoarApp(options: XsoarAppOptions): XsoarApp {
  let harness = options.harness;
  const current = () => harness;
  const sessions = createSessions();
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(rejectForeignHost);

  const rest = express.Router();
  rest.use(createIncidentRoutes(current));
  rest.use(createInstanceRoutes(current, options.catalog));
  rest.use(createHealthRoute(current));

  const ui = createUiRoutes(current, options.helpdesk);
  const reset = options.reset
    ? async () => {
        const fresh = await options.reset!();
        const old = harness;
        harness = fresh;
        ui.feed.follow(fresh);
        await old.close();
      }
    : undefined;

  app.get('/login', (req, res) => {
    const session = typeof req.query.token === 'string' ? sessions.login(req.query.token) : undefined;
    if (!session) {
      res.status(401).type('html').send(INVALID_LOGIN_PAGE);
      return;
    }
    res.setHeader('set-cookie', `${SESSION_COOKIE}=${session}; HttpOnly; SameSite=Strict; Path=/`);
    res.redirect(303, '/');
  });
  // Browsers ask for /favicon.ico on every page; the page links favicon.svg, so this needs no key.
  app.get('/favicon.ico', (_req, res) => {
    res.redirect(301, '/favicon.svg');
  });
  app.use('/ui-api', requireSameOrigin, sessions.require, requireCsrfToken(sessions), jsonBody);
  app.get('/ui-api/session', (req, res) => {
    res.set('cache-control', 'no-store').json({ csrfToken: sessions.csrfToken(req) });
  });
  app.use('/ui-api/xsoar', rest);
  app.use('/ui-api', ui.router);
  app.use('/ui-api', notFound);
  app.use(express.static(publicDir, { index: 'index.html' }));

  // Authenticate first, then read the body (an anonymous client never makes us parse JSON).
  if (options.control) app.use(requireApiKey(options.apiKey), jsonBody, createControlRoutes(current, reset));
  app.use(requireApiKey(options.apiKey), jsonBody, rest);
  app.use(notFound);
  app.use(errorMiddleware);

  return Object.assign(app, {
    loginPath: () => `/login?token=${sessions.mintLoginToken()}`,
    harness: current,
  });
}
