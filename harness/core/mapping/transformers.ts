/**
 * Transformer operators of complex mapper rules, by the names XSOAR stores in the JSON. Each takes
 * the current value (undefined when the root was missing) and its resolved arguments. String
 * operators apply to every item of a list, as XSOAR's built-ins do. The registry is closed: a
 * mapper naming any other operator is refused when it is parsed (parse.ts).
 */
import type { Json } from '../json.ts';
import { isEmpty, text } from './values.ts';
import { fromIso, toIso } from '../time.ts';
import { getPath } from './path.ts';

export type Args = Record<string, Json | undefined>;
type Transformer = (value: Json | undefined, args: Args) => Json | undefined;

const argText = (args: Args, name: string, fallback = ''): string =>
  args[name] === undefined || args[name] === null ? fallback : text(args[name]);
const argNumber = (args: Args, name: string): number | undefined => {
  const raw = args[name];
  if (raw === undefined || raw === null || raw === '') return undefined;
  const n = Number(raw);
  return Number.isFinite(n) ? n : undefined;
};

/** Applies `fn` to a scalar, or to each item of a list. */
function perItem(fn: (v: Json) => Json | undefined): Transformer {
  return (value) => {
    if (value === undefined || value === null) return undefined;
    if (Array.isArray(value)) return value.map((v) => fn(v) ?? null);
    return fn(value);
  };
}

const asList = (v: Json | undefined): Json[] =>
  v === undefined || v === null ? [] : Array.isArray(v) ? v : [v];

function replaceAll(source: string, find: string, by: string, limit: number | undefined): string {
  if (find === '') return source;
  let out = '';
  let rest = source;
  let count = 0;
  for (;;) {
    const at = rest.indexOf(find);
    if (at < 0 || (limit !== undefined && limit > 0 && count >= limit)) return out + rest;
    out += rest.slice(0, at) + by;
    rest = rest.slice(at + find.length);
    count++;
  }
}

function compare(condition: string, lhs: Json | undefined, rhs: Json | undefined): boolean {
  const [a, b] = [text(lhs), text(rhs)];
  const [na, nb] = [Number(a), Number(b)];
  const numeric = a !== '' && b !== '' && Number.isFinite(na) && Number.isFinite(nb);
  switch (condition.replace(/\s+/g, '')) {
    case 'lhs!=rhs':
      return a !== b;
    case 'lhs>rhs':
      return numeric ? na > nb : a > b;
    case 'lhs<rhs':
      return numeric ? na < nb : a < b;
    case 'lhs>=rhs':
      return numeric ? na >= nb : a >= b;
    case 'lhs<=rhs':
      return numeric ? na <= nb : a <= b;
    default:
      return a === b;
  }
}

function toEpochMs(v: Json | undefined): number | undefined {
  if (typeof v === 'number') return v < 1e11 ? v * 1000 : v;
  if (typeof v === 'string' && /^\d+(\.\d+)?$/.test(v)) return toEpochMs(Number(v));
  if (typeof v === 'string') {
    const ms = Date.parse(v);
    return Number.isFinite(ms) ? ms : undefined;
  }
  return undefined;
}

export const TRANSFORMERS: Readonly<Record<string, Transformer>> = {
  // Strings (per item).
  toUpperCase: perItem((v) => text(v).toUpperCase()),
  toLowerCase: perItem((v) => text(v).toLowerCase()),
  trim: perItem((v) => text(v).trim()),
  toString: perItem((v) => text(v)),
  replace: (value, args) =>
    perItem((v) =>
      replaceAll(text(v), argText(args, 'toReplace'), argText(args, 'replaceWith'), argNumber(args, 'limit')),
    )(value, args),
  replaceMatch: (value, args) =>
    perItem((v) => text(v).replace(new RegExp(argText(args, 'regex'), 'g'), argText(args, 'replaceWith')))(
      value,
      args,
    ),
  substring: (value, args) =>
    perItem((v) => text(v).substring(argNumber(args, 'from') ?? 0, argNumber(args, 'to')))(value, args),
  substringFrom: (value, args) =>
    perItem((v) => {
      const s = text(v);
      const at = s.indexOf(argText(args, 'from'));
      return at < 0 ? '' : s.slice(at + argText(args, 'from').length);
    })(value, args),
  substringTo: (value, args) =>
    perItem((v) => {
      const s = text(v);
      const at = s.indexOf(argText(args, 'to'));
      return at < 0 ? s : s.slice(0, at);
    })(value, args),
  concat: (value, args) =>
    perItem((v) => `${argText(args, 'prefix')}${text(v)}${argText(args, 'suffix')}`)(value ?? '', args),
  split: (value, args) =>
    value === undefined || value === null
      ? undefined
      : asList(value).flatMap((v) => text(v).split(argText(args, 'delimiter', ','))),
  splitAndTrim: (value, args) =>
    value === undefined || value === null
      ? undefined
      : asList(value).flatMap((v) =>
          text(v)
            .split(argText(args, 'delimiter', ','))
            .map((s) => s.trim()),
        ),
  join: (value, args) =>
    value === undefined || value === null
      ? undefined
      : asList(value)
          .map(text)
          .join(argText(args, 'separator', ',')),
  Stringify: (value) =>
    value === undefined ? undefined : typeof value === 'string' ? value : JSON.stringify(value),
  ParseJSON: (value) => {
    if (typeof value !== 'string') return value;
    try {
      return JSON.parse(value) as Json;
    } catch {
      return undefined;
    }
  },
  // Lists.
  FirstArrayElement: (value) => (Array.isArray(value) ? value[0] : value),
  LastArrayElement: (value) => (Array.isArray(value) ? value[value.length - 1] : value),
  atIndex: (value, args) => asList(value)[argNumber(args, 'index') ?? 0],
  getField: (value, args) => getPath(value, argText(args, 'field')),
  count: (value) => asList(value).length,
  uniq: (value) =>
    Array.isArray(value)
      ? value.filter((v, i) => value.findIndex((w) => JSON.stringify(w) === JSON.stringify(v)) === i)
      : value,
  slice: (value, args) =>
    Array.isArray(value) ? value.slice(argNumber(args, 'from') ?? 0, argNumber(args, 'to')) : value,
  sort: (value, args) => {
    if (!Array.isArray(value)) return value;
    const sorted = [...value].sort((a, b) => (text(a) < text(b) ? -1 : text(a) > text(b) ? 1 : 0));
    return args.descending === true || args.descending === 'true' ? sorted.reverse() : sorted;
  },
  append: (value, args) => [...asList(value), ...asList(args.item)],
  // Values and conditions.
  SetIfEmpty: (value, args) => {
    const applyIfEmpty =
      args.applyIfEmpty === undefined || args.applyIfEmpty === true || args.applyIfEmpty === 'true';
    if (value === undefined || value === null || (applyIfEmpty && isEmpty(value))) return args.defaultValue;
    return value;
  },
  'If-Then-Else': (value, args) => {
    const lhs = args.lhs !== undefined ? args.lhs : value;
    const rhs = args.rhs !== undefined ? args.rhs : args.equals;
    const yes = compare(argText(args, 'condition', 'lhs==rhs'), lhs, rhs);
    const chosen = yes ? args.then : args.else;
    return chosen !== undefined ? chosen : value;
  },
  MapValuesTransformer: (value, args) => {
    const from = argText(args, 'input_values')
      .split(',')
      .map((s) => s.trim());
    const to = argText(args, 'mapped_values')
      .split(',')
      .map((s) => s.trim());
    return perItem((v) => {
      const at = from.indexOf(text(v));
      return at >= 0 && at < to.length ? to[at]! : v;
    })(value, args);
  },
  // Numbers and times.
  addition: perItemNumber((n, by) => n + by),
  subtraction: perItemNumber((n, by) => n - by),
  multiply: perItemNumber((n, by) => n * by),
  division: perItemNumber((n, by) => (by === 0 ? Number.NaN : n / by)),
  // ISO 8601 of a date string: a zoned time in UTC (+00:00), a zone-less one stays zone-less.
  DateStringToISOFormat: perItem((v) => {
    const s = text(v).trim();
    const ms = fromIso(s);
    if (ms === undefined) return null;
    const iso = toIso(ms).slice(0, 19);
    return /T.*(Z|[+-]\d{2}:?\d{2})$/i.test(s.replace(' ', 'T')) ? `${iso}+00:00` : iso;
  }),
  TimeStampToDate: perItem((v) => {
    const ms = toEpochMs(v);
    return ms === undefined ? null : toIso(ms);
  }),
  FormattedDateToEpoch: perItem((v) => {
    const ms = toEpochMs(v);
    return ms === undefined ? null : Math.floor(ms / 1000);
  }),
};

function perItemNumber(op: (n: number, by: number) => number): Transformer {
  return (value, args) => {
    const by = argNumber(args, 'by') ?? 0;
    return perItem((v) => {
      const n = Number(v);
      const out = op(n, by);
      return Number.isFinite(out) ? out : null;
    })(value, args);
  };
}

export const isTransformer = (name: string): boolean => Object.hasOwn(TRANSFORMERS, name);
