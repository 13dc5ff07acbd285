/**
 * The dashboard's own API (`/ui-api/*`, behind the session and CSRF checks of auth.ts and csrf.ts):
 * an overview, the incident page, the live timeline as server-sent events, the command inspector,
 * "run now" buttons, and a small proxy to the fake third party so both sides can be driven from one
 * screen. Everything XSOAR-side the page changes goes through the same REST routes, mounted under
 * `/ui-api/xsoar`.
 */
import { Router } from 'express';
import { z } from 'zod';
import { HarnessError } from '../../harness/core/index.ts';
import type { Harness } from '../../harness/index.ts';
import { findJournalRecord, toCommandDetail } from './command-detail.ts';
import { findIncident } from './incident-routes.ts';
import { toApiInstance } from './instance-routes.ts';
import { readBody } from './read-body.ts';
import type { RemoteDesk } from './remote-desk.ts';
import { createTimelineFeed, type TimelineFeed } from './timeline-feed.ts';
import { toApiEntry } from './to-api-entry.ts';
import { readPageQuery, toRecordPage } from './view-page.ts';

const commentBody = z
  .object({ body: z.string().min(1, 'is required (the comment text)'), internal: z.boolean().optional() })
  .strict();
const closeTicketBody = z.object({ reason: z.string().optional(), notes: z.string().optional() }).strict();
const patchTicketBody = z.record(z.string(), z.unknown());
const fetchBody = z.object({ instance: z.string().min(1) }).strict();

export function createUiRoutes(
  current: () => Harness,
  desk: RemoteDesk | undefined,
): { router: Router; feed: TimelineFeed } {
  const router = Router();
  const feed = createTimelineFeed(current());
  /** Tells open pages that the remote side changed (the harness sees only its own changes). */
  const remoteChanged = () =>
    feed.publish({ kind: 'remote-change', at: new Date(current().now()).toISOString() });

  router.get('/overview', (_req, res) => {
    const harness = current();
    const world = harness.world();
    res.json({
      now: new Date(harness.now()).toISOString(),
      server: { version: world.server.version, config: world.server.config, tz: world.server.tz },
      instances: Object.values(world.instances).map((i) => ({
        ...toApiInstance(i),
        mirror: world.mirror.instances[i.name] ?? null,
        lastFetch: world.fetchHistory[i.name]?.at(-1) ?? null,
      })),
      stats: world.mirror.stats,
      counts: {
        incidents: Object.keys(world.incidents).length,
        outgoing: Object.keys(world.mirror.outgoing).length,
      },
      remote: desk ? { name: desk.name, ...(desk.url ? { url: desk.url } : {}), view: desk.view } : null,
    });
  });

  router.get('/incident/:id', (req, res) => {
    const harness = current();
    const incident = findIncident(harness, req.params.id);
    const world = harness.world();
    res.json({
      incident,
      entries: harness.incidents.entries(incident.id).map(toApiEntry),
      mirrorRecord: world.mirror.records[incident.id] ?? null,
      outgoing: world.mirror.outgoing[incident.id] ?? null,
    });
  });

  router.get('/timeline', (req, res) => {
    const limit = Math.min(Number(req.query.limit ?? 200) || 200, 2000);
    res.json(feed.recent(limit));
  });

  router.get('/commands/:seq', (req, res) => {
    const harness = current();
    const seq = Number(req.params.seq);
    const record = Number.isInteger(seq) ? findJournalRecord(harness.journal(), seq) : undefined;
    if (!record)
      throw new HarnessError(
        'not-found',
        `dashboard: failed to find command #${req.params.seq}: no such run in the journal (it keeps the most recent runs). Pick one on the timeline.`,
      );
    res.json(toCommandDetail(record, harness.world().instances[record.instance]));
  });

  router.get('/events', (req, res) => {
    res.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
    });
    res.write('retry: 2000\n\n');
    const off = feed.subscribe((item) => res.write(`data: ${JSON.stringify(item)}\n\n`));
    // Proxies drop idle streams; a comment line every 15 s keeps it open.
    const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
    req.on('close', () => {
      clearInterval(keepAlive);
      off();
    });
  });

  router.post('/jobs/fetch', async (req, res) => {
    const { instance } = readBody(fetchBody, req.body, 'the fetch request', '{ "instance": "helpdesk_1" }');
    res.json(await current().fetch(instance));
  });
  router.post('/jobs/mirror', async (_req, res) => {
    res.json(await current().mirror());
  });

  const remote = (): RemoteDesk => {
    if (!desk)
      throw new HarnessError(
        'not-found',
        'dashboard: failed to reach the remote system: none is attached to this server. Start it with mirrorlab demo.',
      );
    return desk;
  };
  const ticket = (id: string) => {
    const found = remote().tickets.get(id);
    if (!found)
      throw new HarnessError(
        'not-found',
        `dashboard: failed to find ticket ${id}: no such ticket on ${remote().name}.`,
      );
    return found;
  };
  router.get('/remote/tickets', (req, res) => {
    const desk = remote();
    res.json(toRecordPage(desk.tickets.list(), desk.view, readPageQuery(desk.view, req.query)));
  });
  router.get('/remote/tickets/:id', (req, res) => {
    res.json({ ticket: ticket(req.params.id), comments: remote().tickets.comments(req.params.id) });
  });
  router.patch('/remote/tickets/:id', (req, res) => {
    const patch = readBody(patchTicketBody, req.body, 'the ticket change', '{ "severity": "high" }');
    ticket(req.params.id);
    res.json(remote().tickets.update(req.params.id, patch));
    remoteChanged();
  });
  router.post('/remote/tickets/:id/comments', (req, res) => {
    const body = readBody(
      commentBody,
      req.body,
      'the comment',
      '{ "body": "Called the user", "internal": false }',
    );
    ticket(req.params.id);
    res.status(201).json(
      remote().tickets.comment(req.params.id, {
        body: body.body,
        author: 'demo.agent',
        internal: body.internal ?? false,
      }),
    );
    remoteChanged();
  });
  router.post('/remote/tickets/:id/close', (req, res) => {
    const body = readBody(
      closeTicketBody,
      req.body,
      'the close request',
      '{ "reason": "resolved", "notes": "fixed" }',
    );
    ticket(req.params.id);
    res.json(remote().tickets.close(req.params.id, body.reason, body.notes));
    remoteChanged();
  });
  router.post('/remote/tickets/:id/reopen', (req, res) => {
    ticket(req.params.id);
    res.json(remote().tickets.reopen(req.params.id));
    remoteChanged();
  });

  return { router, feed };
}
