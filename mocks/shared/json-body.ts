/**
 * A request's JSON body: undefined when there is none, the vendor's own 400 when it is not JSON or
 * breaks a limit of JSON_LIMITS (the reason names the limit).
 */
import type { HttpError } from './http-error.ts';
import { parseLimitedJson } from './json-limits.ts';

export async function readJsonBody(
  request: Request,
  invalid: (reason: string, limit: 'size' | 'depth' | 'syntax') => HttpError,
): Promise<unknown> {
  const text = await request.text();
  if (text.trim() === '') return undefined;
  const parsed = parseLimitedJson(text);
  if (!parsed.ok) throw invalid(parsed.reason, parsed.limit);
  return parsed.value;
}
