/** A request's JSON body: undefined when there is none, the vendor's own 400 when it is not JSON. */
import type { HttpError } from './http-error.ts';

export async function readJsonBody(
  request: Request,
  invalid: (reason: string) => HttpError,
): Promise<unknown> {
  const text = await request.text();
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw invalid((e as Error).message);
  }
}
