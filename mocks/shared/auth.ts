/** API-key auth helpers shared by the vendor fakes. */
import { hash, timingSafeEqual } from 'node:crypto';

/** The key a request presents as `Authorization: Bearer <key>`, if any. */
export function bearerKey(request: Request): string | undefined {
  return bearerToken(request.headers.get('authorization'));
}

/** The key in an `Authorization: Bearer <key>` header value, if it is one. */
export function bearerToken(header: string | null): string | undefined {
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
  return timingSafeEqual(digest(given), expectedDigest(expected));
}

// One-shot hash: a Hash object per request was a fifth of a fake's request path (issue 16).
const digest = (s: string): Buffer => hash('sha256', s, 'buffer');

// The expected key is the same on every request: hash it once (the presented one is always hashed).
let lastExpected: { secret: string; digest: Buffer } | undefined;
function expectedDigest(secret: string): Buffer {
  if (lastExpected?.secret !== secret) lastExpected = { secret, digest: digest(secret) };
  return lastExpected.digest;
}
