/**
 * Every filter and transformer operator of complex mapper rules, driven through the rule format
 * itself (so the argument plumbing is tested too), including list inputs and missing values.
 */
import { describe, expect, it } from 'vitest';
import {
  evaluateRule,
  FILTERS,
  parseMapper,
  TRANSFORMERS,
  type FieldRule,
  type Json,
} from '../../harness/core/index.ts';

const literal = (simple: string) => ({ isContext: false, value: { simple, complex: null } });
const context = (simple: string) => ({ isContext: true, value: { simple, complex: null } });

/** A complex rule on `root` with one transformer, parsed through parseMapper like a content file. */
function transformed(operator: string, args: Record<string, unknown> = {}, root = 'v'): FieldRule {
  const mapper = parseMapper(
    {
      type: 'mapping-incoming',
      mapping: {
        T: {
          internalMapping: {
            f: {
              simple: '',
              complex: { root, accessor: '', filters: [], transformers: [{ operator, args }] },
            },
          },
        },
      },
    },
    'mapping-incoming',
    'test',
  );
  return mapper.mapping.T!.internalMapping.f!;
}

function filtered(operator: string, right?: unknown, ignoreCase = false): FieldRule {
  const mapper = parseMapper(
    {
      type: 'mapping-incoming',
      mapping: {
        T: {
          internalMapping: {
            f: {
              simple: '',
              complex: {
                root: 'items',
                accessor: 'name',
                filters: [[{ operator, left: context('items.value'), right, ignoreCase }]],
                transformers: [],
              },
            },
          },
        },
      },
    },
    'mapping-incoming',
    'test',
  );
  return mapper.mapping.T!.internalMapping.f!;
}

const t = (operator: string, value: Json | undefined, args: Record<string, unknown> = {}) =>
  evaluateRule(transformed(operator, args), value === undefined ? {} : { v: value, other: 'ctx' });

describe('transformers', () => {
  it.each([
    ['toUpperCase', 'abc', {}, 'ABC'],
    ['toLowerCase', 'AbC', {}, 'abc'],
    ['trim', '  a b ', {}, 'a b'],
    ['toString', 42, {}, '42'],
    ['replace', '1 and 1', { toReplace: literal('1'), replaceWith: literal('one') }, 'one and one'],
    [
      'replace',
      '1 and 1',
      { toReplace: literal('1'), replaceWith: literal('one'), limit: literal('1') },
      'one and 1',
    ],
    ['replaceMatch', 'a1b22', { regex: literal('\\d+'), replaceWith: literal('#') }, 'a#b#'],
    ['substring', 'abcdef', { from: literal('1'), to: literal('3') }, 'bc'],
    ['substringFrom', 'key=value', { from: literal('=') }, 'value'],
    ['substringTo', 'key=value', { to: literal('=') }, 'key'],
    ['concat', 'mid', { prefix: literal('<'), suffix: literal('>') }, '<mid>'],
    ['split', 'a,b', {}, ['a', 'b']],
    ['split', 'a|b', { delimiter: literal('|') }, ['a', 'b']],
    ['splitAndTrim', ' a , b ', {}, ['a', 'b']],
    ['join', ['a', 'b'], { separator: literal('-') }, 'a-b'],
    ['Stringify', { a: 1 }, {}, '{"a":1}'],
    ['ParseJSON', '{"a":1}', {}, { a: 1 }],
    ['FirstArrayElement', ['x', 'y'], {}, 'x'],
    ['LastArrayElement', ['x', 'y'], {}, 'y'],
    ['atIndex', ['x', 'y', 'z'], { index: literal('1') }, 'y'],
    ['getField', { a: { b: 2 } }, { field: literal('a.b') }, 2],
    ['count', ['x', 'y'], {}, 2],
    ['uniq', ['x', 'y', 'x'], {}, ['x', 'y']],
    ['slice', ['a', 'b', 'c'], { from: literal('1') }, ['b', 'c']],
    ['sort', ['b', 'a', 'c'], {}, ['a', 'b', 'c']],
    ['sort', ['b', 'a', 'c'], { descending: literal('true') }, ['c', 'b', 'a']],
    ['append', ['a'], { item: literal('b') }, ['a', 'b']],
    ['SetIfEmpty', '', { defaultValue: literal('none') }, 'none'],
    ['SetIfEmpty', 'set', { defaultValue: literal('none') }, 'set'],
    ['If-Then-Else', 'High', { equals: literal('High'), then: literal('3'), else: literal('1') }, '3'],
    ['If-Then-Else', 'Low', { equals: literal('High'), then: literal('3'), else: literal('1') }, '1'],
    ['If-Then-Else', 5, { condition: literal('lhs>rhs'), rhs: literal('3'), then: literal('big') }, 'big'],
    ['MapValuesTransformer', 'b', { input_values: literal('a,b'), mapped_values: literal('1,2') }, '2'],
    ['MapValuesTransformer', 'c', { input_values: literal('a,b'), mapped_values: literal('1,2') }, 'c'],
    ['addition', 2, { by: literal('3') }, 5],
    ['subtraction', 2, { by: literal('3') }, -1],
    ['multiply', 2, { by: literal('3') }, 6],
    ['division', 6, { by: literal('3') }, 2],
    ['DateStringToISOFormat', '2026-01-02 03:04:05', {}, '2026-01-02T03:04:05'],
    ['DateStringToISOFormat', '2026-01-02T03:04:05Z', {}, '2026-01-02T03:04:05+00:00'],
    ['DateStringToISOFormat', '2026-01-02T05:04:05+02:00', {}, '2026-01-02T03:04:05+00:00'],
    ['TimeStampToDate', 1700000000, {}, '2023-11-14T22:13:20.000Z'],
    ['FormattedDateToEpoch', '2023-11-14T22:13:20Z', {}, 1700000000],
  ] as const)('%s(%j, %j) = %j', (operator, input, args, expected) => {
    expect(t(operator, input as Json, args)).toEqual(expected);
  });

  it('applies string transformers to every item of a list', () => {
    expect(t('toUpperCase', ['a', 'b'])).toEqual(['A', 'B']);
    expect(t('replace', ['1', '2', '1'], { toReplace: literal('1'), replaceWith: literal('x') })).toEqual([
      'x',
      '2',
      'x',
    ]);
  });

  it('yields nothing for a missing value, except where the operator supplies one', () => {
    expect(t('toUpperCase', undefined)).toBeUndefined();
    expect(t('replace', undefined, { toReplace: literal('a'), replaceWith: literal('b') })).toBeUndefined();
    expect(t('SetIfEmpty', undefined, { defaultValue: literal('none') })).toBe('none');
  });

  it('reads isContext arguments from the event, not as literals', () => {
    expect(t('concat', 'x', { prefix: context('other') })).toBe('ctxx');
  });

  it('has a test above for every registered transformer', () => {
    const tested = new Set([
      ...'toUpperCase toLowerCase trim toString replace replaceMatch substring substringFrom substringTo concat split splitAndTrim join Stringify ParseJSON FirstArrayElement LastArrayElement atIndex getField count uniq slice sort append SetIfEmpty If-Then-Else MapValuesTransformer addition subtraction multiply division DateStringToISOFormat TimeStampToDate FormattedDateToEpoch'.split(
        ' ',
      ),
    ]);
    expect(Object.keys(TRANSFORMERS).filter((name) => !tested.has(name))).toEqual([]);
  });
});

describe('filters', () => {
  const items = {
    items: [
      { name: 'a', value: 'Alpha' },
      { name: 'b', value: 'beta' },
      { name: 'c', value: '10' },
      { name: 'd', value: '' },
      { name: 'e', value: '2024-05-01T00:00:00Z' },
      { name: 'f', value: 'true' },
    ],
  };
  const names = (operator: string, right?: unknown, ignoreCase = false) =>
    evaluateRule(filtered(operator, right, ignoreCase), items);

  it.each([
    ['isEqualString', literal('beta'), false, ['b']],
    ['isEqualString', literal('ALPHA'), true, ['a']],
    ['isNotEqualString', literal('beta'), false, ['a', 'c', 'd', 'e', 'f']],
    ['containsString', literal('lph'), false, ['a']],
    ['notContainsString', literal('e'), false, ['a', 'c', 'd', 'e']],
    ['startWith', literal('be'), false, ['b']],
    ['endWith', literal('ha'), false, ['a']],
    ['matchRegex', literal('^\\d+$'), false, ['c']],
    ['inList', literal('beta,10'), false, ['b', 'c']],
    ['notInList', literal('beta,10,,true,Alpha'), false, ['e']],
    ['containsGeneral', literal('et'), false, ['b']],
    ['notContainsGeneral', literal('a'), false, ['c', 'd', 'e', 'f']],
    ['isEmpty', undefined, false, ['d']],
    ['isNotEmpty', undefined, false, ['a', 'b', 'c', 'e', 'f']],
    ['isExists', undefined, false, ['a', 'b', 'c', 'd', 'e', 'f']],
    ['isTrue', undefined, false, ['f']],
    ['isEqualNumber', literal('10'), false, ['c']],
    ['isNotEqualNumber', literal('11'), false, ['c']],
    ['greaterThan', literal('9'), false, ['c']],
    ['greaterThanOrEqual', literal('10'), false, ['c']],
    ['lessThan', literal('11'), false, ['c']],
    ['lessThanOrEqual', literal('10'), false, ['c']],
    ['isAfter', literal('2024-01-01 00:00:00'), false, ['e']],
    ['isBefore', literal('2025-01-01T00:00:00Z'), false, ['e']],
    ['isSameAs', literal('2024-05-01 00:00:00'), false, ['e']],
  ] as const)('%s %j (ignoreCase %s) keeps %j', (operator, right, ignoreCase, expected) => {
    expect(names(operator, right, ignoreCase)).toEqual(expected);
  });

  it('isNotExists and isFalse keep items without the value / with false', () => {
    const rule = filtered('isNotExists');
    expect(evaluateRule(rule, { items: [{ name: 'x' }, { name: 'y', value: 1 }] })).toEqual(['x']);
    expect(
      evaluateRule(filtered('isFalse'), {
        items: [
          { name: 'x', value: false },
          { name: 'y', value: true },
        ],
      }),
    ).toEqual(['x']);
  });

  it('a scalar root passes or is dropped whole (ServiceNow outgoing closed_at)', () => {
    const mapper = parseMapper(
      {
        type: 'mapping-outgoing',
        mapping: {
          T: {
            internalMapping: {
              closed_at: {
                simple: '',
                complex: {
                  root: 'closed',
                  accessor: '',
                  transformers: [],
                  filters: [
                    [
                      {
                        operator: 'isAfter',
                        left: context('closed'),
                        right: literal('0001-01-01T00:00:00Z'),
                      },
                    ],
                  ],
                },
              },
            },
          },
        },
      },
      'mapping-outgoing',
      'test',
    );
    const rule = mapper.mapping.T!.internalMapping.closed_at!;
    expect(evaluateRule(rule, { closed: '0001-01-01T00:00:00Z' })).toBeUndefined();
    expect(evaluateRule(rule, { closed: '2026-01-02T03:04:05Z' })).toBe('2026-01-02T03:04:05Z');
  });

  it('groups are ANDed and conditions inside a group ORed', () => {
    const mapper = parseMapper(
      {
        type: 'mapping-incoming',
        mapping: {
          T: {
            internalMapping: {
              f: {
                complex: {
                  root: 'items',
                  accessor: 'name',
                  transformers: [],
                  filters: [
                    [
                      { operator: 'isEqualString', left: context('items.value'), right: literal('beta') },
                      { operator: 'isEqualString', left: context('items.value'), right: literal('10') },
                    ],
                    [{ operator: 'isNotEqualString', left: context('items.name'), right: literal('c') }],
                  ],
                },
              },
            },
          },
        },
      },
      'mapping-incoming',
      'test',
    );
    expect(evaluateRule(mapper.mapping.T!.internalMapping.f!, items)).toEqual(['b']);
  });

  it('has a test above for every registered filter', () => {
    const tested = new Set([
      ...'isEqualString isNotEqualString containsString notContainsString startWith endWith matchRegex inList notInList containsGeneral notContainsGeneral isEmpty isNotEmpty isExists isNotExists isTrue isFalse isEqualNumber isNotEqualNumber greaterThan greaterThanOrEqual lessThan lessThanOrEqual isAfter isBefore isSameAs'.split(
        ' ',
      ),
    ]);
    expect(Object.keys(FILTERS).filter((name) => !tested.has(name))).toEqual([]);
  });
});
