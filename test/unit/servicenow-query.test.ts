/** ServiceNow encoded queries (`sysparm_query`): one test per operator, grouping, ordering, errors. */
import { describe, expect, it } from 'vitest';
import { parseQuery, runQuery, withEquals } from '../../mocks/ticketing/servicenow/index.ts';

const records = [
  {
    sys_id: 'a',
    number: 'INC001',
    state: '1',
    priority: '2',
    short_description: 'VPN down',
    opened_at: '2026-01-01 10:00:00',
    assigned_to: '',
  },
  {
    sys_id: 'b',
    number: 'INC002',
    state: '6',
    priority: '10',
    short_description: 'Mail slow',
    opened_at: '2026-01-01 09:00:00',
    assigned_to: 'u1',
  },
  {
    sys_id: 'c',
    number: 'INC003',
    state: '7',
    priority: '3',
    short_description: 'vpn flaps',
    opened_at: '2026-01-02 08:00:00',
    assigned_to: 'u2',
  },
];
const ids = (query: string) => runQuery(records, parseQuery(query)).map((r) => r.sys_id);

describe('encoded query operators', () => {
  it.each([
    ['state=1', ['a']],
    ['state!=1', ['b', 'c']],
    ['opened_at>2026-01-01 09:00:00', ['a', 'c']],
    ['opened_at>=2026-01-01 10:00:00', ['a', 'c']],
    ['opened_at<2026-01-01 10:00:00', ['b']],
    ['opened_at<=2026-01-01 10:00:00', ['a', 'b']],
    ['priority>3', ['b']],
    ['stateIN6,7', ['b', 'c']],
    ['stateNOT IN6,7', ['a']],
    ['short_descriptionLIKEvpn', ['a', 'c']],
    ['short_descriptionNOTLIKEvpn', ['b']],
    ['short_descriptionSTARTSWITHmail', ['b']],
    ['short_descriptionENDSWITHdown', ['a']],
    ['assigned_toISEMPTY', ['a']],
    ['assigned_toISNOTEMPTY', ['b', 'c']],
    ['assigned_toEMPTYSTRING', ['a']],
    ['stateANYTHING', ['a', 'b', 'c']],
    ['opened_atBETWEEN2026-01-01 09:30:00@2026-01-01 23:59:59', ['a']],
    ['prioritySAMEASstate', []],
    ['stateNSAMEASpriority', ['a', 'b', 'c']],
  ])('%s', (query, expected) => {
    expect(ids(query)).toEqual(expected);
  });

  it('compares numbers as numbers and stored times as text', () => {
    expect(ids('priority<10')).toEqual(['a', 'c']);
    expect(ids("opened_at>javascript:gs.dateGenerate('2026-01-01','09:30:00')")).toEqual(['a', 'c']);
  });
});

describe('grouping and ordering', () => {
  it('ANDs ^ conditions, ORs ^OR with the condition before it (OR binds tighter)', () => {
    expect(ids('state=1^ORstate=7^short_descriptionLIKEvpn')).toEqual(['a', 'c']);
    expect(ids('short_descriptionLIKEvpn^state=1^ORstate=6')).toEqual(['a']);
  });
  it('^NQ starts a new query ORed with the others', () => {
    expect(ids('state=1^NQnumber=INC003')).toEqual(['a', 'c']);
  });
  it('orders by ORDERBY / ORDERBYDESC, stable on ties, and ignores EQ and empty parts', () => {
    expect(ids('ORDERBYopened_at')).toEqual(['b', 'a', 'c']);
    expect(ids('ORDERBYDESCopened_at^EQ')).toEqual(['c', 'a', 'b']);
    expect(ids('stateNOT IN6^ORDERBYopened_at^opened_at>2025-12-31 00:00:00')).toEqual(['a', 'c']);
    expect(ids('')).toEqual(['a', 'b', 'c']);
  });
  it('reads ^^ as a literal caret inside a value', () => {
    const withCaret = [...records, { ...records[0]!, sys_id: 'd', short_description: 'a^b' }];
    expect(runQuery(withCaret, parseQuery('short_description=a^^b')).map((r) => r.sys_id)).toEqual(['d']);
  });
  it('ANDs name-value filters (?number=…) into every alternative of the query', () => {
    const q = withEquals(parseQuery('state=1^NQstate=7'), [['number', 'INC003']]);
    expect(runQuery(records, q).map((r) => r.sys_id)).toEqual(['c']);
    expect(
      runQuery(records, withEquals(parseQuery(''), [['number', 'INC002']])).map((r) => r.sys_id),
    ).toEqual(['b']);
  });
  it('a field the records do not have compares as empty', () => {
    expect(ids('u_missing=1')).toEqual([]);
    expect(ids('u_missingISEMPTY')).toEqual(['a', 'b', 'c']);
  });
});

describe('errors', () => {
  it('rejects unknown operators and other javascript: values with a 400 Invalid query', () => {
    expect(() => parseQuery('stateSOUNDSLIKE1')).toThrow(
      /unknown operator "SOUNDSLIKE1" after field "state"/,
    );
    expect(() => parseQuery('priorityBETWEEN1')).toThrow(/BETWEEN takes two values separated by @/);
    expect(() => parseQuery('opened_at>javascript:gs.daysAgo(1)')).toThrow(
      /only javascript:gs\.dateGenerate/,
    );
    expect(() => parseQuery('^ORstate=1')).toThrow(/OR with no condition before it/);
    let error: unknown;
    try {
      parseQuery('=1');
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ status: 400, code: 'Invalid query' });
  });
});
