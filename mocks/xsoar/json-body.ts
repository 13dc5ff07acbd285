/**
 * The fake XSOAR's JSON body parser, mounted after authentication so an unauthenticated client
 * cannot make the server read (up to 5 MB of) JSON. Bodies obey JSON_LIMITS like every server's.
 */
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { HarnessError } from '../../harness/core/index.ts';
import { JSON_LIMITS, parseLimitedJson } from '../shared/index.ts';

const JSON_TYPES = ['application/json', 'application/*+json'];

function parseText(req: Request, _res: Response, next: NextFunction): void {
  if (typeof req.body !== 'string') return next();
  if (req.body.trim() === '') {
    req.body = undefined;
    return next();
  }
  const parsed = parseLimitedJson(req.body);
  if (parsed.ok) {
    req.body = parsed.value;
    return next();
  }
  const reason = parsed.limit === 'syntax' ? `malformed JSON (${parsed.reason})` : parsed.reason;
  next(
    new HarnessError(
      'invalid-input',
      `xsoar api: failed to read the request body: ${reason}. Send a JSON object with Content-Type: application/json.`,
    ),
  );
}

/** express.text keeps the raw text, so the depth check runs before anything is built from it. */
export const jsonBody: RequestHandler[] = [
  express.text({ type: JSON_TYPES, limit: JSON_LIMITS.maxBytes }),
  parseText,
];
