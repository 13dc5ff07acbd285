/**
 * Filter operators of complex mapper rules (the conditions of `filters`), by the names XSOAR stores
 * in the JSON. `left` is the item's value, `right` the condition's operand; `ignoreCase` applies to
 * string comparisons. The registry is closed: other names are refused when a mapper is parsed.
 */
import type { Json } from '../json.ts';
import { isEmpty, text } from './values.ts';
import { fromIso } from '../time.ts';

type Filter = (left: Json | undefined, right: Json | undefined, ignoreCase: boolean) => boolean;

const fold = (s: string, ignoreCase: boolean) => (ignoreCase ? s.toLowerCase() : s);
const strings =
  (f: (a: string, b: string) => boolean): Filter =>
  (l, r, ic) =>
    f(fold(text(l), ic), fold(text(r), ic));
const numbers =
  (f: (a: number, b: number) => boolean): Filter =>
  (l, r) => {
    const [a, b] = [Number(text(l)), Number(text(r))];
    return text(l) !== '' && text(r) !== '' && Number.isFinite(a) && Number.isFinite(b) && f(a, b);
  };
const dates =
  (f: (a: number, b: number) => boolean): Filter =>
  (l, r) => {
    const [a, b] = [fromIso(text(l)), fromIso(text(r))];
    return a !== undefined && b !== undefined && f(a, b);
  };
const listOf = (r: Json | undefined, ic: boolean): string[] =>
  (Array.isArray(r) ? r.map(text) : text(r).split(',')).map((s) => fold(s.trim(), ic));
const containsGeneral: Filter = (l, r, ic) => {
  if (Array.isArray(l)) return l.some((item) => fold(text(item), ic) === fold(text(r), ic));
  return fold(text(l), ic).includes(fold(text(r), ic));
};

export const FILTERS: Readonly<Record<string, Filter>> = {
  isEqualString: strings((a, b) => a === b),
  isNotEqualString: strings((a, b) => a !== b),
  containsString: strings((a, b) => a.includes(b)),
  notContainsString: strings((a, b) => !a.includes(b)),
  startWith: strings((a, b) => a.startsWith(b)),
  endWith: strings((a, b) => a.endsWith(b)),
  matchRegex: (l, r, ic) => new RegExp(text(r), ic ? 'i' : '').test(text(l)),
  inList: (l, r, ic) => listOf(r, ic).includes(fold(text(l), ic)),
  notInList: (l, r, ic) => !listOf(r, ic).includes(fold(text(l), ic)),
  containsGeneral,
  notContainsGeneral: (l, r, ic) => !containsGeneral(l, r, ic),
  isEmpty: (l) => isEmpty(l),
  isNotEmpty: (l) => !isEmpty(l),
  isExists: (l) => l !== undefined && l !== null,
  isNotExists: (l) => l === undefined || l === null,
  isTrue: (l) => l === true || text(l).toLowerCase() === 'true',
  isFalse: (l) => l === false || text(l).toLowerCase() === 'false',
  isEqualNumber: numbers((a, b) => a === b),
  isNotEqualNumber: numbers((a, b) => a !== b),
  greaterThan: numbers((a, b) => a > b),
  greaterThanOrEqual: numbers((a, b) => a >= b),
  lessThan: numbers((a, b) => a < b),
  lessThanOrEqual: numbers((a, b) => a <= b),
  isAfter: dates((a, b) => a > b),
  isBefore: dates((a, b) => a < b),
  isSameAs: dates((a, b) => a === b),
};

export const isFilter = (name: string): boolean => Object.hasOwn(FILTERS, name);
