/** The fake XSOAR answers only requests addressed to itself (DNS rebinding; see mocks/shared/host-check.ts). */
import type { NextFunction, Request, Response } from 'express';
import { hostProblem, HttpError } from '../shared/index.ts';

export function rejectForeignHost(req: Request, _res: Response, next: NextFunction): void {
  const problem = hostProblem(req);
  if (!problem) return next();
  next(new HttpError(403, 'forbidden-host', `xsoar api: failed to accept the request: ${problem}.`));
}
