/** API-key auth helpers shared by the vendor fakes. */
import { createHash, timingSafeEqual } from 'node:crypto';

/** The key a request presents as `Authorization: Bearer <key>`, if any. */
export function bearerKey(request: Request): string | undefined {
  const header = request.headers.get('authorization');
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match?.[1];
}

/** The `user:secret` a request presents as `Authorization: Basic <base64>`, if any. */
export function basicCredentials(request: Request): { user: string; secret: string } | undefined {
  const header = request.headers.get('authorization');
  const match = header ? /^Basic\s+(\S+)\s*$/i.exec(header) : null;
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon <= 0 ? undefined : { user: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

/**
 * Compares a presented secret with the expected one in constant time: `===` returns at the first
 * differing character, which leaks the secret's prefix to a patient client. Comparing SHA-256
 * digests gives equal lengths, so neither the content nor the length leaks.
 */
export function sameSecret(given: string | null | undefined, expected: string | null | undefined): boolean {
  if (typeof given !== 'string' || typeof expected !== 'string') return false;
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}
