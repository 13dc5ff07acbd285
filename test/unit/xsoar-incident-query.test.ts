import { describe, expect, it } from 'vitest';
import { compareForRange, parseIncidentQuery, toInstant } from '../../mocks/xsoar/incident-query.ts';

describe('parseIncidentQuery', () => {
  it('reads the terms XSOAR Mirroring builds', () => {
    expect(
      parseIncidentQuery(
        'type:Phishing and created:>="2026-03-01T10:00:00.123456Z" -sourceBrand:"XSOAR Mirroring"',
      ),
    ).toEqual([
      { field: 'type', comparison: ':', value: 'Phishing', negated: false },
      { field: 'created', comparison: '>=', value: '2026-03-01T10:00:00.123456Z', negated: false },
      { field: 'sourceBrand', comparison: ':', value: 'XSOAR Mirroring', negated: true },
    ]);
  });

  it('reads every range operator and bare words', () => {
    expect(
      parseIncidentQuery('severity:>2 severity:<=4 severity:<9 severity:>=1 phish').map((t) => t.comparison),
    ).toEqual(['>', '<=', '<', '>=', ':']);
    expect(parseIncidentQuery('phish')[0]).toEqual({ comparison: ':', value: 'phish', negated: false });
  });

  it.each([
    ['a:1 OR b:2', '"OR" is not supported'],
    ['a:1 || b:2', 'is not supported'],
    ['(a:1)', 'parentheses'],
    ['name:foo*', 'wildcards'],
    ['-phish', 'needs a field'],
    ['a:"unterminated', 'unreadable'],
  ])('refuses %s naming the part', (query, why) => {
    expect(() => parseIncidentQuery(query)).toThrow(why);
  });
});

describe('times', () => {
  it('reads six fraction digits as milliseconds and compares instants across offsets', () => {
    expect(toInstant('2026-03-01T10:00:00.123456Z')).toBe(Date.parse('2026-03-01T10:00:00.123Z'));
    expect(compareForRange('2026-03-01T12:00:00+02:00', '2026-03-01T10:00:00Z')).toBe(0);
    expect(toInstant('3 days ago')).toBeUndefined();
  });
});
