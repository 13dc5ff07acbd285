/**
 * ServiceNow encoded queries (`sysparm_query`): conditions joined by `^` (AND) and `^OR` (OR with
 * the previous condition — OR binds tighter than AND, as on the platform), `^NQ` (a new query,
 * ORed with the rest), `ORDERBY<field>` / `ORDERBYDESC<field>`, `^^` for a literal `^` in a value.
 *
 * Deliberate difference: a condition the parser cannot read (an operator this fake does not know,
 * a `javascript:` value other than gs.dateGenerate) is a 400 `Invalid query` naming the bad part.
 * The real instance answers 200 and silently drops such a condition (or, with
 * glide.invalid_query.returns_no_rows on, returns no rows), which would turn a typo in a test or an
 * integration into "all tickets" or "no tickets" without a word; here it fails loudly instead.
 * A field the records do not have compares as "" (no rows for `u_typo=1`), as with that property on.
 */
import { HttpError, own } from '../../shared/index.ts';
import type { SnRecord } from './model.ts';

/** Longest first, so `NOT IN` wins over `IN` and `>=` over `>`. */
const OPERATORS = [
  'ISNOTEMPTY',
  'ISEMPTY',
  'EMPTYSTRING',
  'ANYTHING',
  'BETWEEN',
  'NSAMEAS',
  'SAMEAS',
  'NOT IN',
  'NOTLIKE',
  'STARTSWITH',
  'ENDSWITH',
  'LIKE',
  'IN',
  '!=',
  '>=',
  '<=',
  '=',
  '>',
  '<',
] as const;
export type Operator = (typeof OPERATORS)[number];

export interface Condition {
  field: string;
  operator: Operator;
  value: string;
}

export interface EncodedQuery {
  /** OR of queries (`^NQ`); each an AND of OR-groups. */
  alternatives: Condition[][][];
  order: { field: string; descending: boolean }[];
}

const invalid = (detail: string) => new HttpError(400, 'Invalid query', detail);

const DATE_GENERATE = /^javascript:gs\.dateGenerate\('(\d{4}-\d{2}-\d{2})',\s*'(\d{2}:\d{2}:\d{2})'\)$/;

function literal(value: string, token: string): string {
  const generated = DATE_GENERATE.exec(value.trim());
  if (generated) return `${generated[1]} ${generated[2]}`;
  if (value.startsWith('javascript:'))
    throw invalid(
      `"${token}": only javascript:gs.dateGenerate('YYYY-MM-DD','HH:MM:SS') is supported in values`,
    );
  return value;
}

/** BETWEEN takes `low@high`, each a literal or a gs.dateGenerate(…) call. */
function betweenLiteral(value: string, token: string): string {
  const parts = value.split('@');
  if (parts.length !== 2)
    throw invalid(`"${token}": BETWEEN takes two values separated by @, e.g. priorityBETWEEN1@3`);
  return parts.map((p) => literal(p, token)).join('@');
}

function parseCondition(token: string): Condition {
  const field = /^[a-z0-9_.]+/.exec(token)?.[0];
  if (!field)
    throw invalid(`"${token}": a condition starts with a field name (lower-case letters, digits, _ and .)`);
  const rest = token.slice(field.length);
  const operator = OPERATORS.find((op) => rest.startsWith(op));
  if (!operator)
    throw invalid(
      `"${token}": unknown operator "${rest.slice(0, 12)}" after field "${field}"; supported: ${OPERATORS.join(', ')}`,
    );
  const value = rest.slice(operator.length);
  return {
    field,
    operator,
    value: operator === 'BETWEEN' ? betweenLiteral(value, token) : literal(value, token),
  };
}

/** `^^` is an escaped `^` inside a value; this character cannot appear in a URL query value. */
const ESCAPED_CARET = '\u0000';
const splitOn = (text: string, separator: string) =>
  text.split(separator).map((part) => part.replaceAll(ESCAPED_CARET, '^'));

export function parseQuery(text: string | null | undefined): EncodedQuery {
  const query: EncodedQuery = { alternatives: [], order: [] };
  if (!text || text.trim() === '') return query;
  for (const part of text.replaceAll('^^', ESCAPED_CARET).split('^NQ')) {
    const groups: Condition[][] = [];
    for (const raw of splitOn(part, '^')) {
      const token = raw.trim();
      if (token === '' || token === 'EQ') continue;
      if (token.startsWith('ORDERBYDESC')) query.order.push({ field: token.slice(11), descending: true });
      else if (token.startsWith('ORDERBY')) query.order.push({ field: token.slice(7), descending: false });
      else if (token.startsWith('OR')) {
        const previous = groups[groups.length - 1];
        if (!previous) throw invalid(`"${token}": OR with no condition before it`);
        previous.push(parseCondition(token.slice(2)));
      } else groups.push([parseCondition(token)]);
    }
    if (groups.length > 0) query.alternatives.push(groups);
  }
  return query;
}

const NUMBER = /^-?\d+(\.\d+)?$/;

function compare(a: string, b: string): number {
  if (NUMBER.test(a) && NUMBER.test(b)) return Number(a) - Number(b);
  // Stored times (YYYY-MM-DD HH:MM:SS) order correctly as text.
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Adds `field=value` conditions (ANDed) to every alternative of a query. */
export function withEquals(query: EncodedQuery, pairs: readonly (readonly [string, string])[]): EncodedQuery {
  if (pairs.length === 0) return query;
  const groups = pairs.map(([field, value]): Condition[] => [{ field, operator: '=', value }]);
  return {
    alternatives:
      query.alternatives.length === 0 ? [groups] : query.alternatives.map((alt) => [...alt, ...groups]),
    order: query.order,
  };
}

function holds(record: SnRecord, c: Condition): boolean {
  const actual = own(record, c.field) ?? '';
  const lower = actual.toLowerCase();
  const wanted = c.value.toLowerCase();
  switch (c.operator) {
    case '=':
      return actual === c.value;
    case '!=':
      return actual !== c.value;
    case '>':
      return actual !== '' && compare(actual, c.value) > 0;
    case '>=':
      return actual !== '' && compare(actual, c.value) >= 0;
    case '<':
      return actual !== '' && compare(actual, c.value) < 0;
    case '<=':
      return actual !== '' && compare(actual, c.value) <= 0;
    case 'IN':
      return c.value.split(',').includes(actual);
    case 'NOT IN':
      return !c.value.split(',').includes(actual);
    case 'LIKE':
      return lower.includes(wanted);
    case 'NOTLIKE':
      return !lower.includes(wanted);
    case 'STARTSWITH':
      return lower.startsWith(wanted);
    case 'ENDSWITH':
      return lower.endsWith(wanted);
    case 'ISEMPTY':
      return actual === '';
    case 'ISNOTEMPTY':
      return actual !== '';
    case 'EMPTYSTRING':
      return actual === '';
    case 'ANYTHING':
      return true;
    case 'BETWEEN': {
      const [low = '', high = ''] = c.value.split('@');
      return actual !== '' && compare(actual, low) >= 0 && compare(actual, high) <= 0;
    }
    case 'SAMEAS':
      return actual === (own(record, c.value) ?? '');
    case 'NSAMEAS':
      return actual !== (own(record, c.value) ?? '');
  }
}

export function matches(record: SnRecord, query: EncodedQuery): boolean {
  if (query.alternatives.length === 0) return true;
  return query.alternatives.some((groups) => groups.every((group) => group.some((c) => holds(record, c))));
}

/** Records that match, in the query's order (stable: ties keep creation order). */
export function runQuery(records: readonly SnRecord[], query: EncodedQuery): SnRecord[] {
  const found = records.filter((r) => matches(r, query));
  if (query.order.length === 0) return found;
  return found
    .map((record, index) => ({ record, index }))
    .sort((x, y) => {
      for (const { field, descending } of query.order) {
        const d = compare(own(x.record, field) ?? '', own(y.record, field) ?? '');
        if (d !== 0) return descending ? -d : d;
      }
      return x.index - y.index;
    })
    .map((e) => e.record);
}
