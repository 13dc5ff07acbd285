/**
 * Faults and the rate limiter in front of a second XSOAR tenant's REST API (`kind: xsoar`), as the
 * kit puts them in front of every vendor fake: faults first (a proxy or load balancer failing before
 * the server), then the per-key rate limiter on the shared clock. Errors in the server's JSON shape.
 */
import type { NextFunction, Request, Response } from 'express';
import { createFaultRegistry, createRateLimiter, type RateLimit } from '../shared/index.ts';

export function createTenantGuard(clock: { now(): number }, rateLimit: RateLimit | null) {
  const faults = createFaultRegistry();
  const limiter = createRateLimiter(clock, rateLimit);
  async function guard(req: Request, res: Response, next: NextFunction) {
    const fault = faults.take(req.method, req.path);
    if (fault) {
      // Real time: a socket cannot wait on the virtual clock.
      if (fault.delayMs) await new Promise((done) => setTimeout(done, fault.delayMs));
      if (fault.reset) {
        req.socket.destroy();
        return;
      }
      if (fault.status !== undefined) {
        res.status(fault.status).json(
          fault.body ?? {
            id: 'injected_fault',
            status: fault.status,
            title: 'Injected fault',
            detail: `mirrorlab fault ${fault.id} on ${req.method} ${req.path}`,
            error: `mirrorlab fault ${fault.id}`,
          },
        );
        return;
      }
    }
    const decision = limiter.take(req.get('authorization') ?? '');
    if (!decision.allowed) {
      res
        .status(429)
        .set('retry-after', String(decision.retryAfterSeconds))
        .json({
          id: 'rate_limited',
          status: 429,
          title: 'Too Many Requests',
          detail: `API rate limit exceeded; retry after ${decision.retryAfterSeconds} s`,
          error: 'API rate limit exceeded',
        });
      return;
    }
    next();
  }
  return { guard, faults, limiter };
}
