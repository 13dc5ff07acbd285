/** CSP's argument helpers: XSOAR passes arguments as strings, these turn them into values. */
import { ValueError } from './python-errors.ts';
import { pyTruthy } from './python-values.ts';

/** `true`/`yes` and `false`/`no` in any case, or a boolean; anything else is a ValueError. */
export function argToBoolean(value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    const lower = value.toLowerCase();
    if (lower === 'true' || lower === 'yes') return true;
    if (lower === 'false' || lower === 'no') return false;
    throw new ValueError('Argument does not contain a valid boolean-like value');
  }
  throw new ValueError('Argument is neither a string nor a boolean');
}

/**
 * A list from a list, a JSON array string, or a separated string (items trimmed); a falsy value is
 * `[]`, any other value a one-item list. Like CSP, a string that looks like a JSON array but does not
 * parse is split instead.
 */
export function argToList<T = unknown>(arg: unknown, separator = ',', transform?: (item: unknown) => T): T[] {
  if (!pyTruthy(arg)) return [];
  let result: unknown[];
  if (Array.isArray(arg)) result = arg;
  else if (typeof arg === 'string') {
    let parsed: unknown[] | undefined;
    if (arg.startsWith('[') && arg.endsWith(']')) {
      try {
        const value: unknown = JSON.parse(arg);
        parsed = Array.isArray(value) ? value : [value];
      } catch {
        parsed = undefined;
      }
    }
    result = parsed ?? arg.split(separator).map((s) => s.trim());
  } else result = [arg];
  return transform ? result.map(transform) : (result as T[]);
}
