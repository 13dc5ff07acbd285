import { describe, expect, it } from 'vitest';
import { formatMismatches, matches, matchList, matchValue } from '../../harness/scenario/match.ts';

const incident = {
  id: '7',
  name: 'Phishing mail',
  status: 2,
  closeReason: 'resolved',
  dbotMirrorTags: ['comment', 'work_note'],
  CustomFields: { helpdeskstatus: 'closed', helpdesktags: '' },
  rawJSON: '{"id":"T-1","severity":"high"}',
  closed: '2026-01-01T00:05:00Z',
};

describe('subset matching', () => {
  it.each([
    ['matches a subset of keys', { name: 'Phishing mail', status: 2 }, true],
    ['matches a nested object', { CustomFields: { helpdeskstatus: 'closed' } }, true],
    ['matches a number against its decimal string', { id: 7 }, true],
    ['does not match a wrong scalar', { status: 1 }, false],
    ['does not match a missing key', { owner: 'admin' }, false],
    ['matches a list element by element', { dbotMirrorTags: ['comment', 'work_note'] }, true],
    ['does not match a list of another length', { dbotMirrorTags: ['comment'] }, false],
    ['looks inside a JSON string with an object pattern', { rawJSON: { severity: 'high' } }, true],
  ])('%s', (_title, pattern, ok) => {
    expect(matches(pattern, incident)).toBe(ok);
  });
});

describe('operators', () => {
  it.each([
    ['$exists true on a present value', { name: { $exists: true } }, true],
    ['$exists true on a missing value', { owner: { $exists: true } }, false],
    ['$exists false on a missing value', { owner: { $exists: false } }, true],
    ['$contains on a string', { name: { $contains: 'mail' } }, true],
    ['$contains on a list', { dbotMirrorTags: { $contains: 'work_note' } }, true],
    ['$contains missing from a list', { dbotMirrorTags: { $contains: 'file' } }, false],
    ['$regex plain', { name: { $regex: '^Phish' } }, true],
    ['$regex with flags', { name: { $regex: '/^phish/i' } }, true],
    ['$regex not matching', { name: { $regex: '^Malware' } }, false],
    ['$len on a list', { dbotMirrorTags: { $len: 2 } }, true],
    ['$len with an operator', { name: { $len: { $gt: 20 } } }, false],
    ['$len on an empty string', { CustomFields: { helpdesktags: { $len: 0 } } }, true],
    ['$not', { status: { $not: 1 } }, true],
    ['$not failing', { status: { $not: 2 } }, false],
    ['$in', { closeReason: { $in: ['resolved', 'duplicate'] } }, true],
    ['$in failing', { closeReason: { $in: ['duplicate'] } }, false],
    ['$eq on a whole list', { dbotMirrorTags: { $eq: ['comment', 'work_note'] } }, true],
    [
      '$eq on an object, whatever its key order',
      { CustomFields: { $eq: { helpdesktags: '', helpdeskstatus: 'closed' } } },
      true,
    ],
    ['$eq on an object missing a key', { CustomFields: { $eq: { helpdeskstatus: 'closed' } } }, false],
    ['$eq with a number for a string', { id: { $eq: 7 } }, false],
    ['$gte on numbers', { status: { $gte: 2 } }, true],
    ['$lt on ISO times', { closed: { $lt: '2026-01-01T00:06:00Z' } }, true],
    ['$gt on ISO times failing', { closed: { $gt: '2026-01-01T00:06:00Z' } }, false],
  ])('%s', (_title, pattern, ok) => {
    expect(matches(pattern, incident)).toBe(ok);
  });

  it('reports an unknown operator with a hint', () => {
    expect(formatMismatches(matchValue({ name: { $regx: 'x' } }, incident))).toBe(
      '  name: expected a known operator (unknown "$regx"; did you mean "$regex"?), got "Phishing mail"',
    );
  });
});

describe('diff text', () => {
  it('lists only the mismatching paths, expected against actual', () => {
    const pattern = {
      name: 'Phishing mail',
      status: 1,
      CustomFields: { helpdeskstatus: { $regex: 'open' } },
      dbotMirrorTags: ['comment'],
    };
    expect(formatMismatches(matchValue(pattern, incident))).toBe(
      [
        '  status: expected 1, got 2',
        '  CustomFields.helpdeskstatus: expected a string matching /open/, got "closed"',
        '  dbotMirrorTags: expected a list of 1 ["comment"], got ["comment","work_note"]',
      ].join('\n'),
    );
  });

  it('marks a missing value as (missing)', () => {
    expect(formatMismatches(matchValue({ owner: 'admin' }, incident))).toBe(
      '  owner: expected "admin", got (missing)',
    );
  });
});

describe('list matching', () => {
  const items = [
    { id: 'T-1', status: 'open' },
    { id: 'T-2', status: 'closed' },
  ];

  it('matches each pattern to a different item in any order', () => {
    expect(matchList([{ status: 'closed' }, { status: 'open' }], items).unmatched).toEqual([]);
  });

  it('does not let a greedy first choice fail a later pattern', () => {
    // Pattern 1 fits both items; pattern 2 fits only T-1: a greedy matcher would take T-1 for pattern 1.
    expect(matchList([{ id: { $regex: '^T-' } }, { id: 'T-1' }], items).unmatched).toEqual([]);
  });

  it('names the nearest item and its differences when a pattern matches nothing', () => {
    const { unmatched } = matchList([{ id: 'T-2', status: 'pending' }], items);
    expect(unmatched).toHaveLength(1);
    expect(unmatched[0]!.nearest?.item).toEqual({ id: 'T-2', status: 'closed' });
    expect(formatMismatches(unmatched[0]!.nearest!.mismatches)).toBe(
      '  status: expected "pending", got "closed"',
    );
  });

  it('fails a pattern whose only fitting item is taken by another pattern', () => {
    expect(matchList([{ id: 'T-1' }, { status: 'open' }], items).unmatched.map((u) => u.index)).toEqual([1]);
  });
});
