/**
 * The one error middleware (design.md §11): coded HarnessErrors map through HTTP_STATUS_BY_CODE,
 * a fake third party's HttpError keeps its status, malformed JSON is a 400; anything else is a 500
 * with its message. The body follows the real server's error JSON (`status`, `title`, `detail`,
 * `error`) so XSOAR clients print something sensible.
 */
import type { NextFunction, Request, Response } from 'express';
import { HarnessError, HTTP_STATUS_BY_CODE } from '../../harness/core/index.ts';
import { isHttpError } from '../shared/index.ts';

const TITLES: Record<number, string> = {
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  415: 'Unsupported media type',
};

export function toErrorResponse(error: unknown): {
  status: number;
  body: { id: string; status: number; title: string; detail: string; error: string };
} {
  let status = 500;
  let id = 'internal';
  let message = error instanceof Error ? error.message : String(error);
  if (error instanceof HarnessError) {
    status = HTTP_STATUS_BY_CODE[error.code];
    id = error.code;
  } else if (isHttpError(error)) {
    status = error.status;
    id = error.code;
  } else if (error instanceof SyntaxError || (error as { type?: string }).type === 'entity.parse.failed') {
    status = 400;
    id = 'invalid-input';
    message = `xsoar api: failed to read the request body: malformed JSON (${message}). Send a JSON object with Content-Type: application/json.`;
  } else if ((error as { type?: string }).type === 'entity.too.large') {
    status = 413;
    id = 'invalid-input';
    message = 'xsoar api: failed to read the request body: it is too large. Send less than 5 MB.';
  } else if (error instanceof URIError) {
    // express decodes path parameters; a malformed %-escape is the client's mistake.
    status = 400;
    id = 'invalid-input';
    message = `xsoar api: failed to read the request path: ${message}. Encode ids with encodeURIComponent.`;
  }
  const title = status >= 500 ? 'Internal error' : (TITLES[status] ?? 'Bad request');
  return { status, body: { id, status, title, detail: message, error: message } };
}

export function errorMiddleware(error: unknown, _req: Request, res: Response, next: NextFunction): void {
  if (res.headersSent) return next(error);
  const { status, body } = toErrorResponse(error);
  res.status(status).json(body);
}

export function notFound(req: Request, _res: Response, next: NextFunction): void {
  next(
    new HarnessError(
      'not-found',
      `xsoar api: failed to find route ${req.method} ${req.path}: no such route. See the REST API table in the README.`,
    ),
  );
}
