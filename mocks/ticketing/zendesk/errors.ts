/**
 * Zendesk's error bodies: `{"error": "<Code>", "description": "…"}`, 422s with per-field
 * `details`, and the bare `{"error": "Couldn't authenticate you"}` of a 401. Where public
 * documentation does not give the exact wording (invalid search, malformed JSON) the code follows
 * Zendesk's pattern and the description is ours.
 */
import { HttpError, type Json } from '../../shared/index.ts';

export function errorBody(code: string, message: string): Json {
  return message ? { error: code, description: message } : { error: code };
}

export function notFound(): HttpError {
  return new HttpError(404, 'RecordNotFound', 'Not found');
}

export function unauthorized(): HttpError {
  return new HttpError(401, "Couldn't authenticate you", '');
}

/** 422 RecordInvalid with Zendesk's per-field details. */
export function recordInvalid(field: string, description: string): HttpError {
  // The message (what a scenario step reports) names the problem; the body is Zendesk's.
  return new HttpError(
    422,
    'RecordInvalid',
    `Record validation errors: ${description}`,
    {},
    {
      error: 'RecordInvalid',
      description: 'Record validation errors',
      details: { [field]: [{ description, error: 'InvalidValue' }] },
    },
  );
}

export function badRequest(code: string, description: string): HttpError {
  return new HttpError(400, code, description);
}

export function rateLimited(retryAfterSeconds: number): HttpError {
  return new HttpError(
    429,
    'APIRateLimitExceeded',
    `Number of allowed API requests per minute exceeded. Retry after ${retryAfterSeconds} seconds.`,
    { 'Retry-After': String(retryAfterSeconds) },
  );
}
