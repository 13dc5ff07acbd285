/**
 * The control API (`/control/*`, off unless `control: true`): what tests and scripts need that a
 * real server does not offer — move the virtual clock, run a job now, reset, read the saved state
 * and the journal of every command run.
 */
import { Router } from 'express';
import { HarnessError } from '../../harness/core/index.ts';
import type { Harness } from '../../harness/index.ts';
import { readBody } from './read-body.ts';
import { advanceBody } from './schemas.ts';

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
    res.json(
      current()
        .journal()
        .filter((r) => r.seq > since),
    );
  });
  return router;
}
