/**
 * CSP's IntegrationLogger hides secret params in everything it logs, and return_error's message goes
 * through it, so an error entry that quotes an API key carries `<XX_REPLACED>` instead. Same rule:
 * string params whose key contains key/private/password/secret/token/credentials/service_account,
 * plus the Basic-auth form of credential objects, each in its escaped, JSON and URL-quoted forms.
 */
import type { Json } from '../../core/index.ts';
import { isPlainObject } from './python-values.ts';

export const MASK = '<XX_REPLACED>';
const SENSITIVE = ['key', 'private', 'password', 'secret', 'token', 'credentials', 'service_account'];

function b64(text: string): string {
  return text ? Buffer.from(text, 'utf8').toString('base64') : '';
}

/** urllib.parse.quote_plus: only letters, digits and `_.-~` stay; space becomes `+`. */
function quotePlus(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const ch = String.fromCharCode(byte);
    if (/[A-Za-z0-9_.~-]/.test(ch)) out += ch;
    else if (ch === ' ') out += '+';
    else out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** json.dumps(s) without its quotes (ensure_ascii). */
function jsonInner(text: string): string {
  return JSON.stringify(text)
    .slice(1, -1)
    .replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function variants(secret: string): string[] {
  if (!secret) return [];
  return [
    secret.replace(/\r/g, '\\r').replace(/\n/g, '\\n').replace(/\t/g, '\\t'),
    secret.replace(/\\r/g, '\r').replace(/\\n/g, '\n').replace(/\\t/g, '\t'),
    jsonInner(secret),
    quotePlus(secret),
  ];
}

function collect(params: Record<string, unknown>, out: string[]): void {
  for (const [key, value] of Object.entries(params)) {
    if (isPlainObject(value)) {
      collect(value, out);
      const { identifier, password } = value;
      if (identifier && password) out.push(...variants(b64(`${String(identifier)}:${String(password)}`)));
    } else if (typeof value === 'string' && SENSITIVE.some((s) => key.toLowerCase().includes(s))) {
      out.push(...variants(value), ...variants(b64(value)));
    }
  }
}

/** The text with every secret param form replaced by MASK, in CSP's order. */
export function maskSecrets(text: string, params: Record<string, Json>): string {
  const secrets: string[] = [];
  collect(params, secrets);
  let out = text;
  for (const s of secrets) out = out.replaceAll(s, MASK);
  return out;
}
