/**
 * `GET /health`: whether the server saves its state. 200 `{ status: "ok" }`, or 503
 * `{ status: "degraded" }` while store writes fail (they are retried; answers given meanwhile are
 * not on disk yet), with the store's failure count and last error.
 */
import { Router } from 'express';
import type { Harness } from '../../harness/index.ts';

export function createHealthRoute(current: () => Harness): Router {
  const router = Router();
  router.get('/health', (_req, res) => {
    const store = current().storeHealth();
    res.status(store.ok ? 200 : 503).json({ status: store.ok ? 'ok' : 'degraded', store });
  });
  return router;
}
