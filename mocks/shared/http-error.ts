/**
 * An error a fake answers with an HTTP status. Vendor fakes render it in their own error shape
 * (see VendorKitOptions.errorBody); the message follows design.md §11.
 */
import type { Json } from './json.ts';

export class HttpError extends Error {
  readonly status: number;
  readonly code: string;
  readonly headers: Record<string, string>;
  /** A body that says more than code and message (Zendesk's per-field `details`); else errorBody's. */
  readonly body: Json | undefined;
  constructor(
    status: number,
    code: string,
    message: string,
    headers: Record<string, string> = {},
    body?: Json,
  ) {
    super(message);
    this.name = 'HttpError';
    this.status = status;
    this.code = code;
    this.headers = headers;
    this.body = body;
  }
}

export function isHttpError(value: unknown): value is HttpError {
  return value instanceof HttpError;
}
