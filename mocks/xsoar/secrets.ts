/**
 * Secrets never leave the server. Params whose names look like credentials are masked when shown;
 * anywhere else a command's record may quote one (args, returned entries, logs, an error), it is
 * replaced the way CommonServerPython's logger does (maskSecrets), since an integration may echo its
 * key in an error message or a debug log.
 */
import { maskSecrets } from '../../harness/runtime/index.ts';
import type { Json } from '../../harness/index.ts';

const SECRET_PARAM = /key|pass|secret|token|credential/i;
export const MASK = '*******';

export function maskParams(params: Record<string, Json>): Record<string, Json> {
  return Object.fromEntries(
    Object.entries(params).map(([k, v]) => [k, SECRET_PARAM.test(k) && v !== '' && v !== null ? MASK : v]),
  );
}

/** `value` with the secret params' values blotted out of every string in it, at any depth. */
export function redactSecrets<T extends Json>(value: T, params: Record<string, Json>): T {
  const walk = (v: Json): Json => {
    if (typeof v === 'string') return maskSecrets(v, params);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object')
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value) as T;
}
