/**
 * The control API (`/control/*`, off unless `control: true`): what tests and scripts need that a
 * real server does not offer — move the virtual clock, run a job now, reset, read the saved state
 * and the journal of every command run.
 */
import { Router } from 'express';
import { HarnessError } from '../../harness/core/index.ts';
import type { Harness, JournalRecord } from '../../harness/index.ts';
import { readBody } from './read-body.ts';
import { advanceBody } from './schemas.ts';

/** Records per `GET /control/journal` page by default, and at most (the journal keeps 100,000). */
const JOURNAL_PAGE = 1000;
const MAX_JOURNAL_PAGE = 10_000;

/**
 * The first `limit` records after `since`, found by binary search on seq (the journal is in seq
 * order), so reading the tail of a 100,000-record journal page by page never scans it all.
 */
export function journalPage(
  journal: readonly JournalRecord[],
  since: number,
  limit: number,
): JournalRecord[] {
  let lo = 0;
  let hi = journal.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (journal[mid]!.seq > since) hi = mid;
    else lo = mid + 1;
  }
  return journal.slice(lo, lo + limit);
}

export function createControlRoutes(
  current: () => Harness,
  reset: (() => Promise<void>) | undefined,
): Router {
  const router = Router();
  router.post('/control/advance', async (req, res) => {
    const { by } = readBody(advanceBody, req.body, 'the advance request', '{ "by": "90s" }');
    try {
      await current().advance(by);
    } catch (e) {
      if (e instanceof HarnessError) throw e;
      // The schedule refuses to move a real clock: that is the caller's mistake, not a crash.
      throw new HarnessError(
        'unsupported',
        `xsoar api: failed to advance the clock: ${(e as Error).message}`,
      );
    }
    res.json({ now: new Date(current().now()).toISOString() });
  });
  router.post('/control/fetch/:instance', async (req, res) => {
    res.json(await current().fetch(req.params.instance));
  });
  router.post('/control/mirror', async (_req, res) => {
    res.json(await current().mirror());
  });
  router.post('/control/reset', async (_req, res) => {
    if (!reset)
      throw new HarnessError(
        'unsupported',
        'xsoar api: failed to reset: this server was started without a reset hook. Restart it instead.',
      );
    await reset();
    res.json({ reset: true, incidents: current().incidents.list().length });
  });
  router.get('/control/snapshot', (_req, res) => {
    res.json({ world: current().world(), journal: current().journal() });
  });
  router.get('/control/journal', (req, res) => {
    const since = Number(req.query.since ?? 0);
    if (!Number.isInteger(since) || since < 0)
      throw new HarnessError(
        'invalid-input',
        `xsoar api: failed to read the journal: "since" must be a sequence number, got "${String(req.query.since)}". Example: /control/journal?since=120.`,
      );
    const limitText = req.query.limit ?? String(JOURNAL_PAGE);
    const limit = typeof limitText === 'string' && /^\d+$/.test(limitText) ? Number(limitText) : Number.NaN;
    if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_JOURNAL_PAGE)
      throw new HarnessError(
        'invalid-input',
        `xsoar api: failed to read the journal: "limit" must be a whole number from 1 to ${MAX_JOURNAL_PAGE}, got "${String(req.query.limit)}". Page with since: /control/journal?since=<last seq>&limit=${JOURNAL_PAGE}.`,
      );
    res.json(journalPage(current().journal(), since, limit));
  });
  return router;
}
