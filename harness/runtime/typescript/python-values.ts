/**
 * How Python would see, print and serialise a JavaScript value. The real wire is Python's
 * `json.dumps` / `str()` (contract.md §A.1), so the TypeScript runtime must format the same bytes:
 * `", "` and `": "` separators, `ensure_ascii` escapes, float `repr`, `True`/`None` spellings.
 *
 * Mapping: plain object ↔ dict, array ↔ list, Uint8Array ↔ bytes, null/undefined ↔ None, integral
 * safe-integer number ↔ int (JavaScript cannot tell `1.0` from `1`), other number ↔ float.
 */

export type PlainJson = null | boolean | number | string | PlainJson[] | { [key: string]: PlainJson };

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Python's type name for the TypeError message (`Object of type datetime is not JSON serializable`). */
function pyTypeName(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'function') return 'function';
  if (typeof value !== 'object' || value === null) return typeof value;
  const ctor = (value as { constructor?: { name?: unknown } }).constructor;
  return typeof ctor?.name === 'string' && ctor.name !== '' ? ctor.name : 'object';
}

function notSerializable(value: unknown): TypeError {
  return new TypeError(`Object of type ${pyTypeName(value)} is not JSON serializable`);
}

/**
 * A deep copy as plain JSON, or a TypeError like Python's json.dumps (§F.24): Date, Map, Set, class
 * instances, functions, bigint, symbols and `undefined` inside arrays are refused. NaN/Infinity are
 * refused too: Python would emit `NaN`, which the server cannot parse (python-runtime.md §5.2).
 * Object properties whose value is `undefined` are dropped, as JSON.stringify does, because that is
 * how optional properties look in TypeScript; a top-level `undefined` is Python's None.
 */
export function toPlainJson(value: unknown): PlainJson {
  return copy(value, true);
}

function copy(value: unknown, topLevel: boolean): PlainJson {
  if (value === null || (value === undefined && topLevel)) return null;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      if (!Number.isFinite(value))
        throw new TypeError(`Out of range float values are not JSON compliant: ${value}`);
      return value;
    default:
      break;
  }
  if (Array.isArray(value)) {
    const out: PlainJson[] = [];
    for (let i = 0; i < value.length; i++) {
      if (!(i in value) || value[i] === undefined) throw notSerializable(undefined);
      out.push(copy(value[i], false));
    }
    return out;
  }
  if (isPlainObject(value)) {
    const out: Record<string, PlainJson> = {};
    // Keys, not entries: no pair array per property (a whole integration context goes through here
    // on every setIntegrationContext, issue 16).
    for (const k of Object.keys(value)) {
      const v = value[k];
      if (v !== undefined) out[k] = copy(v, false);
    }
    return out;
  }
  throw notSerializable(value);
}

/** Python's float repr: shortest round-trip digits, exponent form below 1e-4 and from 1e16. */
export function pyNumber(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? 'Infinity' : '-Infinity';
  if (Object.is(n, -0)) return '-0.0';
  // Safe integers are Python ints; beyond 2**53 JavaScript already holds a float, so print one.
  if (Number.isSafeInteger(n)) return String(n);
  if (Number.isInteger(n) && Math.abs(n) < 1e16) return BigInt(n).toString();
  const [mantissa = '', expText = '0'] = n.toExponential().split('e');
  const exp = Number(expText);
  const negative = mantissa.startsWith('-');
  const digits = mantissa.replace('-', '').replace('.', '');
  let body: string;
  if (exp < -4 || exp >= 16) {
    const frac = digits.slice(1);
    const sign = exp < 0 ? '-' : '+';
    body = `${digits[0]}${frac ? `.${frac}` : ''}e${sign}${String(Math.abs(exp)).padStart(2, '0')}`;
  } else if (exp < 0) {
    body = `0.${'0'.repeat(-exp - 1)}${digits}`;
  } else {
    const intPart = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
    const frac = digits.slice(exp + 1);
    body = `${intPart}.${frac || '0'}`;
  }
  return negative ? `-${body}` : body;
}

const SHORT_ESCAPES: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
};

/** A JSON string literal as Python writes it; with ensureAscii every char outside ' '..'~' is \uXXXX. */
// Characters json.dumps escapes (SHORT_ESCAPES, control characters, and beyond ASCII under
// ensure_ascii); a string with none of them is written as it is, without a per-character loop.
// eslint-disable-next-line no-control-regex -- control characters are what json.dumps escapes
const NEEDS_ESCAPE_ASCII = /["\\\u0000-\u001f\u007f-\uffff]/;
// eslint-disable-next-line no-control-regex -- as above
const NEEDS_ESCAPE = /["\\\u0000-\u001f]/;

function pyJsonString(s: string, ensureAscii: boolean): string {
  if (!(ensureAscii ? NEEDS_ESCAPE_ASCII : NEEDS_ESCAPE).test(s)) return `"${s}"`;
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i] as string;
    const code = s.charCodeAt(i);
    const short = SHORT_ESCAPES[ch];
    if (short !== undefined) out += short;
    else if (code < 0x20 || (ensureAscii && code > 0x7e)) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

/**
 * `json.dumps(value)` with Python's defaults (`ensure_ascii=True`, separators `", "` / `": "`), or
 * `ensure_ascii=False` where CSP asks for it (table cells). Throws the TypeError of toPlainJson.
 */
export function pyJsonDumps(value: unknown, options: { ensureAscii?: boolean } = {}): string {
  return dumps(toPlainJson(value), options.ensureAscii ?? true);
}

function dumps(value: PlainJson, ensureAscii: boolean): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return pyNumber(value);
  if (typeof value === 'string') return pyJsonString(value, ensureAscii);
  if (Array.isArray(value)) return `[${value.map((v) => dumps(v, ensureAscii)).join(', ')}]`;
  const parts = Object.entries(value).map(
    ([k, v]) => `${pyJsonString(k, ensureAscii)}: ${dumps(v, ensureAscii)}`,
  );
  return `{${parts.join(', ')}}`;
}

/** Python's `repr()` of a str: single quotes unless the text has `'` and no `"`. */
function pyStringRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const code = ch.codePointAt(0) as number;
    if (ch === '\\') out += '\\\\';
    else if (ch === quote) out += `\\${quote}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return out + quote;
}

/** Python's `repr()` for the values a JSON document can hold. */
export function pyRepr(value: unknown): string {
  if (typeof value === 'string') return pyStringRepr(value);
  if (Array.isArray(value)) return `[${value.map(pyRepr).join(', ')}]`;
  if (isPlainObject(value)) {
    return `{${Object.entries(value)
      .map(([k, v]) => `${pyStringRepr(k)}: ${pyRepr(v)}`)
      .join(', ')}}`;
  }
  return pyStr(value);
}

/** Python's `str()`: strings as they are, `True`/`False`/`None`, containers as their repr. */
export function pyStr(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return pyNumber(value);
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value) || isPlainObject(value)) return pyRepr(value);
  if (value instanceof Error) return value.message;
  return String(value);
}

/** Python truthiness (`if x:`): empty str/list/dict, 0, None and False are falsy. */
export function pyTruthy(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'string') return value.length > 0;
  if (Array.isArray(value)) return value.length > 0;
  if (isPlainObject(value)) return Object.keys(value).length > 0;
  return true;
}

/** Python's name for a value's type, for messages such as `'SchemeTypeMapping' object is not iterable`. */
export function pyClassName(value: unknown): string {
  if (value === null || value === undefined) return 'NoneType';
  if (typeof value === 'string') return 'str';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  if (Array.isArray(value)) return 'list';
  if (isPlainObject(value)) return 'dict';
  return pyTypeName(value);
}
