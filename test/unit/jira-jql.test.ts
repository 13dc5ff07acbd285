/** JQL: the parser, every operator on literal issues, Jira's date formats in the user's zone, errors. */
import { describe, expect, it } from 'vitest';
import {
  checkJqlValues,
  JqlError,
  parseJql,
  readDate,
  runJql,
  type JqlIssue,
} from '../../mocks/ticketing/jira/index.ts';

const T = (iso: string) => Date.parse(iso);

function issue(
  id: number,
  over: Partial<JqlIssue> & { status?: string; created?: string; updated?: string },
): JqlIssue {
  return {
    id,
    key: `SOC-${id - 10000}`,
    names: {
      project: ['SOC', 'Security Operations', '10000'],
      status: [over.status ?? 'To Do'],
      priority: ['Medium'],
      assignee: [],
      resolution: over.status === 'Done' ? ['Done'] : [],
      ...over.names,
    },
    texts: { summary: `Issue ${id}`, ...over.texts },
    dates: {
      created: T(over.created ?? '2026-04-01T08:00:00Z'),
      updated: T(over.updated ?? '2026-04-01T08:00:00Z'),
      resolutiondate: null,
      ...over.dates,
    },
    labels: over.labels ?? [],
  };
}

const ISSUES = [
  issue(10001, { created: '2026-04-01T08:00:00Z', updated: '2026-04-01T09:30:00Z', labels: ['soc'] }),
  issue(10002, {
    status: 'In Progress',
    created: '2026-04-01T09:00:00Z',
    updated: '2026-04-01T10:00:30Z',
    texts: { summary: 'Phishing mail from CEO' },
    names: { priority: ['High'], assignee: ['acc-1', 'Ada Lovelace'] },
  }),
  issue(10003, {
    status: 'Done',
    created: '2026-04-01T10:00:00Z',
    updated: '2026-04-01T11:00:00Z',
    names: { project: ['OPS', 'Operations', '10001'] },
  }),
];
const utc = { zone: 'UTC', now: T('2026-04-02T00:00:00Z') };
const ids = (jql: string, ctx = utc) => runJql(ISSUES, parseJql(jql), ctx).map((i) => i.id);

describe('operators', () => {
  it.each([
    ['project = SOC', [10002, 10001]],
    ['project = "Security Operations" ORDER BY id', [10001, 10002]],
    ['project in (OPS, soc) ORDER BY id ASC', [10001, 10002, 10003]],
    ['status!=done ORDER BY id', [10001, 10002]],
    ['status not in ("To Do", Done)', [10002]],
    ['id > 10001 ORDER BY id', [10002, 10003]],
    ['id >= 10002 AND ID NOT IN (10003) ORDER BY id ASC', [10002]],
    ['id < 10002', [10001]],
    ['id <= 10002 ORDER BY id', [10001, 10002]],
    ['key = soc-2', [10002]],
    ['key > SOC-1 ORDER BY key', [10002, 10003]],
    ['summary ~ "phishing ceo"', [10002]],
    ['summary !~ phishing ORDER BY id', [10001, 10003]],
    ['labels = soc', [10001]],
    ['labels is EMPTY ORDER BY id', [10002, 10003]],
    ['assignee is not empty', [10002]],
    ['assignee = "Ada Lovelace"', [10002]],
    ['assignee != acc-1', []],
    ['resolution is empty ORDER BY id', [10001, 10002]],
    ['priority = high OR labels in (soc) ORDER BY id', [10001, 10002]],
    ['NOT status = Done AND (priority = High OR id = 10001) ORDER BY id', [10001, 10002]],
    ['ORDER BY created DESC', [10003, 10002, 10001]],
    ['', [10003, 10002, 10001]],
  ])('%s', (jql, expected) => {
    expect(ids(jql)).toEqual(expected);
  });
});

describe('ORDER BY on ranked fields', () => {
  it('orders priority by scheme rank and status by workflow position, not by name', () => {
    const ranked = [
      { ...issue(10001, {}), ranks: { priority: 3, status: 0 } },
      { ...issue(10002, {}), ranks: { priority: 5, status: 2 } },
      { ...issue(10003, {}), ranks: { priority: 1, status: 1 } },
    ];
    const order = (jql: string) => runJql(ranked, parseJql(jql), utc).map((i) => i.id);
    expect(order('ORDER BY priority DESC')).toEqual([10002, 10001, 10003]);
    expect(order('ORDER BY status ASC, id DESC')).toEqual([10001, 10003, 10002]);
  });
});

describe('dates', () => {
  it.each([
    ['updated > "2026/04/01 10:00"', [10003, 10002]],
    ['updated >= "2026-04-01 10:01" ORDER BY updated ASC', [10003]],
    ['created >= "2026-04-01" ORDER BY created ASC', [10001, 10002, 10003]],
    ['created < "2026/04/01 09:00"', [10001]],
    ['updated > -14h ORDER BY updated', [10002, 10003]],
    ['updated > "-1d 1h"', [10003, 10002, 10001]],
    ['resolutiondate is empty ORDER BY id', [10001, 10002, 10003]],
  ])('%s (UTC)', (jql, expected) => {
    expect(ids(jql)).toEqual(expected);
  });

  it("reads wall-clock literals in the user's zone, across DST", () => {
    // 13:00 in Jerusalem (UTC+3 in April) is 10:00 UTC.
    expect(ids('updated > "2026-04-01 13:00"', { zone: 'Asia/Jerusalem', now: 0 })).toEqual([10003, 10002]);
    expect(ids('updated > "2026-04-01 06:00"', { zone: 'America/New_York', now: 0 })).toEqual([10003, 10002]);
    expect(readDate('2026-01-15 12:00', 'America/New_York', 0)).toBe(T('2026-01-15T17:00:00Z'));
    expect(readDate('2026-07-15 12:00', 'America/New_York', 0)).toBe(T('2026-07-15T16:00:00Z'));
    expect(readDate('2026/03/08', 'Asia/Kolkata', 0)).toBe(T('2026-03-07T18:30:00Z'));
  });

  it('reads relative periods against now', () => {
    expect(readDate('-4w 2d', 'UTC', T('2026-04-30T00:00:00Z'))).toBe(T('2026-03-31T00:00:00Z'));
    expect(readDate('-90m', 'UTC', T('2026-04-30T00:00:00Z'))).toBe(T('2026-04-29T22:30:00Z'));
  });
});

describe('errors', () => {
  it.each([
    ['foo = 1', "Field 'foo' does not exist"],
    ['status = ', 'Expecting a value'],
    ['status', 'Expecting an operator'],
    ['summary = x', "The operator '=' is not supported by the 'summary' field"],
    ['status > Done', "operator '>' is not supported by the 'status'"],
    ['id = abc', "The value 'abc' for field 'id' is invalid"],
    ['updated > "yesterday"', "Date value 'yesterday' for field 'updated' is invalid"],
    ['updated > "2026-13-01"', 'is invalid'],
    ['updated > now()', "function 'now' is not supported"],
    ['status = "Done', 'has not been completed'],
    ['status = Done ORDER created', "Expecting 'BY'"],
    ['status = Done project = SOC', "Expecting 'AND', 'OR' or 'ORDER BY'"],
    ['(status = Done', "Expecting ')'"],
    ['id in 1, 2', "Expecting '('"],
  ])('%s is refused', (jql, message) => {
    expect(() => parseJql(jql)).toThrow(JqlError);
    expect(() => parseJql(jql)).toThrow(message);
  });
});

describe('checkJqlValues', () => {
  const known = { project: ['SOC', 'Security Operations'], status: ['To Do', 'Done'] };
  it('refuses a value the site does not have, in any clause, and takes known ones in any case', () => {
    expect(() =>
      checkJqlValues(parseJql('project = soc AND status in ("to do", done)'), known),
    ).not.toThrow();
    expect(() => checkJqlValues(parseJql('id > 1 OR NOT (status = Closed)'), known)).toThrow(
      "The value 'Closed' does not exist for the field 'status'.",
    );
    expect(() => checkJqlValues(parseJql('project is EMPTY'), known)).not.toThrow();
  });
});
