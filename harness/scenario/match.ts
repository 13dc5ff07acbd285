/**
 * Subset matching for expectations (design.md §8). A pattern names only what matters: objects match
 * when every key in the pattern matches, lists match element by element, scalars by value (a
 * number also matches its decimal string: XSOAR ids are strings, YAML writes them as numbers).
 * `$`-operators cover the rest. Results are mismatches with paths, so a diff shows only what is wrong.
 */
import { hint } from './suggest.ts';

export interface Mismatch {
  /** Dotted path into the actual value (`CustomFields.helpdeskstatus`, `tags[1]`); '' for the root. */
  path: string;
  /** What was expected, in words (`2`, `a string matching /closed/`). */
  expected: string;
  actual: unknown;
}

export const OPERATORS = [
  '$exists',
  '$contains',
  '$regex',
  '$len',
  '$not',
  '$in',
  '$eq',
  '$gt',
  '$gte',
  '$lt',
  '$lte',
] as const;
type Operator = (typeof OPERATORS)[number];

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isOperatorObject = (v: unknown): v is Record<string, unknown> =>
  isPlainObject(v) && Object.keys(v).length > 0 && Object.keys(v).every((k) => k.startsWith('$'));

export function show(value: unknown, max = 100): string {
  if (value === undefined) return '(missing)';
  let text: string;
  try {
    text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  } catch {
    text = String(value);
  }
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

const join = (path: string, key: string | number) =>
  typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key;

/** Every mismatch between a pattern and an actual value (empty = match). */
export function matchValue(expected: unknown, actual: unknown, path = ''): Mismatch[] {
  if (isOperatorObject(expected)) return matchOperators(expected, actual, path);
  if (isPlainObject(expected)) {
    let target = actual;
    // Contents and rawJSON are JSON strings on the wire; an object pattern looks inside them.
    if (typeof actual === 'string') {
      try {
        target = JSON.parse(actual);
      } catch {
        /* not JSON: reported below */
      }
    }
    if (!isPlainObject(target)) return [{ path, expected: `an object like ${show(expected)}`, actual }];
    return Object.entries(expected).flatMap(([key, value]) =>
      matchValue(value, target[key], join(path, key)),
    );
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [{ path, expected: `a list ${show(expected)}`, actual }];
    if (actual.length !== expected.length)
      return [{ path, expected: `a list of ${expected.length} ${show(expected)}`, actual }];
    return expected.flatMap((value, i) => matchValue(value, actual[i], join(path, i)));
  }
  return scalarEquals(expected, actual) ? [] : [{ path, expected: show(expected), actual }];
}

export function matches(expected: unknown, actual: unknown): boolean {
  return matchValue(expected, actual).length === 0;
}

function scalarEquals(expected: unknown, actual: unknown): boolean {
  if (expected === actual) return true;
  if (expected === null) return actual === undefined;
  if (typeof expected === 'number' && typeof actual === 'string')
    return actual.trim() !== '' && Number(actual) === expected;
  if (typeof expected === 'string' && typeof actual === 'number')
    return expected.trim() !== '' && Number(expected) === actual;
  return false;
}

function toRegExp(source: unknown): RegExp {
  const text = String(source);
  const literal = /^\/(.*)\/([dgimsuy]*)$/s.exec(text);
  return literal ? new RegExp(literal[1]!, literal[2]) : new RegExp(text);
}

function compare(op: '$gt' | '$gte' | '$lt' | '$lte', bound: unknown, actual: unknown): boolean {
  const toNumber = (v: unknown) =>
    typeof v === 'number'
      ? v
      : typeof v === 'string' && v.trim() !== ''
        ? Number.isNaN(Number(v))
          ? Date.parse(v)
          : Number(v)
        : NaN;
  const a = toNumber(actual);
  const b = toNumber(bound);
  if (Number.isNaN(a) || Number.isNaN(b)) return false;
  return op === '$gt' ? a > b : op === '$gte' ? a >= b : op === '$lt' ? a < b : a <= b;
}

const WORDS: Record<'$gt' | '$gte' | '$lt' | '$lte', string> = { $gt: '>', $gte: '>=', $lt: '<', $lte: '<=' };

function matchOperators(ops: Record<string, unknown>, actual: unknown, path: string): Mismatch[] {
  const out: Mismatch[] = [];
  for (const [op, arg] of Object.entries(ops)) {
    if (!(OPERATORS as readonly string[]).includes(op)) {
      out.push({ path, expected: `a known operator (unknown "${op}"${hint(op, OPERATORS)})`, actual });
      continue;
    }
    const fail = (expected: string) => out.push({ path, expected, actual });
    switch (op as Operator) {
      case '$exists': {
        const present = actual !== undefined && actual !== null;
        if (present !== Boolean(arg)) fail(arg ? 'a value (present)' : 'no value (absent)');
        break;
      }
      case '$contains':
        if (typeof actual === 'string') {
          if (!actual.includes(String(arg))) fail(`a string containing ${show(arg)}`);
        } else if (Array.isArray(actual)) {
          if (!actual.some((item) => matches(arg, item))) fail(`a list containing ${show(arg)}`);
        } else fail(`a string or list containing ${show(arg)}`);
        break;
      case '$regex': {
        const re = toRegExp(arg);
        if (!((typeof actual === 'string' || typeof actual === 'number') && re.test(String(actual))))
          fail(`a string matching ${String(re)}`);
        break;
      }
      case '$len': {
        const length =
          typeof actual === 'string' || Array.isArray(actual)
            ? actual.length
            : isPlainObject(actual)
              ? Object.keys(actual).length
              : undefined;
        if (length === undefined) fail(`something with length ${show(arg)}`);
        else if (!matches(arg, length))
          fail(`length ${isOperatorObject(arg) ? show(arg) : String(arg)} (got length ${length})`);
        break;
      }
      case '$not':
        if (matches(arg, actual)) fail(`not ${show(arg)}`);
        break;
      case '$in':
        if (!Array.isArray(arg) || !arg.some((candidate) => matches(candidate, actual)))
          fail(`one of ${show(arg)}`);
        break;
      case '$eq':
        if (!deepEqual(arg, actual)) fail(`exactly ${show(arg)}`);
        break;
      case '$gt':
      case '$gte':
      case '$lt':
      case '$lte':
        if (!compare(op as '$gt', arg, actual)) fail(`${WORDS[op as '$gt']} ${show(arg)}`);
        break;
    }
  }
  return out;
}

/**
 * Deep equality of JSON-like values: key order does not matter, list order does, and a key holding
 * `undefined` counts as absent (as in JSON). Types are strict: `1` is not `"1"`.
 */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => deepEqual(item, b[i]));
  }
  if (!isPlainObject(a) || !isPlainObject(b)) return false;
  const keysOf = (o: Record<string, unknown>) => Object.keys(o).filter((k) => o[k] !== undefined);
  const ka = keysOf(a);
  const kb = new Set(keysOf(b));
  return ka.length === kb.size && ka.every((k) => kb.has(k) && deepEqual(a[k], b[k]));
}

/**
 * Objects that mix `$`-operators with field names (`{ $len: 2, name: x }`): the operators would be
 * taken as field names and silently never match, so the loader refuses them.
 */
export function mixedOperatorPatterns(
  pattern: unknown,
  path: PropertyKey[] = [],
): { path: PropertyKey[]; operators: string[]; fields: string[] }[] {
  if (Array.isArray(pattern)) return pattern.flatMap((v, i) => mixedOperatorPatterns(v, [...path, i]));
  if (!isPlainObject(pattern)) return [];
  const keys = Object.keys(pattern);
  const operators = keys.filter((k) => k.startsWith('$'));
  const fields = keys.filter((k) => !k.startsWith('$'));
  const here = operators.length > 0 && fields.length > 0 ? [{ path, operators, fields }] : [];
  return [...here, ...keys.flatMap((k) => mixedOperatorPatterns(pattern[k], [...path, k]))];
}

/** Keys starting with `$` that are not operators, anywhere in a pattern (checked when loading). */
export function unknownOperators(
  pattern: unknown,
  path: PropertyKey[] = [],
): { path: PropertyKey[]; operator: string }[] {
  if (Array.isArray(pattern)) return pattern.flatMap((v, i) => unknownOperators(v, [...path, i]));
  if (!isPlainObject(pattern)) return [];
  return Object.entries(pattern).flatMap(([key, value]) => [
    ...(key.startsWith('$') && !(OPERATORS as readonly string[]).includes(key)
      ? [{ path: [...path, key], operator: key }]
      : []),
    ...unknownOperators(value, [...path, key]),
  ]);
}

export function formatMismatches(mismatches: readonly Mismatch[], indent = '  '): string {
  return mismatches
    .map((m) => `${indent}${m.path || '(value)'}: expected ${m.expected}, got ${show(m.actual)}`)
    .join('\n');
}

export interface ListMatch<T> {
  /** Patterns no distinct item matched, each with the nearest item and why it differs. */
  unmatched: { index: number; pattern: unknown; nearest?: { item: T; mismatches: Mismatch[] } }[];
}

/** Each pattern must match a different item (order free): bipartite matching, so greedy choices never cause false failures. */
export function matchList<T>(patterns: readonly unknown[], items: readonly T[]): ListMatch<T> {
  const fits = patterns.map((p) => items.map((item) => matches(p, item)));
  const owner: (number | undefined)[] = items.map(() => undefined);
  const assign = (p: number, seen: Set<number>): boolean => {
    for (let i = 0; i < items.length; i++) {
      if (!fits[p]![i] || seen.has(i)) continue;
      seen.add(i);
      const current = owner[i];
      if (current === undefined || assign(current, seen)) {
        owner[i] = p;
        return true;
      }
    }
    return false;
  };
  const unmatched: ListMatch<T>['unmatched'] = [];
  patterns.forEach((pattern, p) => {
    if (assign(p, new Set())) return;
    let nearest: { item: T; mismatches: Mismatch[] } | undefined;
    for (const item of items) {
      const mismatches = matchValue(pattern, item);
      if (!nearest || mismatches.length < nearest.mismatches.length) nearest = { item, mismatches };
    }
    unmatched.push({ index: p, pattern, ...(nearest ? { nearest } : {}) });
  });
  return { unmatched };
}
