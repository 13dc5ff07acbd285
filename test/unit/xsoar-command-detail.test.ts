/** The command inspector's record: masked params, secrets blotted out, long texts cut. */
import { describe, expect, it } from 'vitest';
import type { Instance, JournalRecord } from '../../harness/index.ts';
import { findJournalRecord, toCommandDetail } from '../../mocks/xsoar/command-detail.ts';

const KEY = 'hd-4f9c2e71b0';

const record: JournalRecord = {
  seq: 7,
  at: '2026-01-01T00:00:00.000Z',
  instance: 'desk_1',
  command: 'update-remote-system',
  args: { remoteId: 'T-1', delta: { severity: 4 }, entries: [{ Contents: `token=${KEY}` }] },
  outcome: 'error-entry',
  entries: [{ Type: 4, Contents: `401 for key ${KEY}`, ContentsFormat: 'text' }, 'x'.repeat(25_000)],
  error: `rejected ${KEY}`,
  durationMs: 12,
  trigger: 'mirror-out',
  incidentId: '3',
  logs: [{ level: 'debug', message: `Authorization: Bearer ${KEY}` }],
};
const instance = {
  name: 'desk_1',
  brand: 'Helpdesk',
  params: {
    url: 'http://127.0.0.1:4100',
    api_key: KEY,
    credentials: { identifier: 'admin', password: 'pw-98765' },
  },
} as unknown as Instance;

describe('command detail', () => {
  it('masks secret params and blots their values out of args, entries, logs and the error', () => {
    const detail = toCommandDetail(record, instance);
    expect(detail.params).toEqual({
      url: 'http://127.0.0.1:4100',
      api_key: '*******',
      credentials: '*******',
    });
    expect(JSON.stringify(detail)).not.toContain(KEY);
    expect(detail.logs[0]!.message).toBe('Authorization: Bearer <XX_REPLACED>');
    expect(detail.args.delta).toEqual({ severity: 4 });
    expect(detail).toMatchObject({ seq: 7, brand: 'Helpdesk', outcome: 'error-entry', incidentId: '3' });
  });

  it('cuts texts longer than 20,000 characters and says how much is left out', () => {
    const long = toCommandDetail(record, instance).entries[1] as string;
    expect(long).toHaveLength(20_000 + '… (5000 more characters)'.length);
    expect(long.endsWith('… (5000 more characters)')).toBe(true);
  });

  it('shows the record without params when its instance is gone', () => {
    expect(toCommandDetail(record, undefined)).toMatchObject({ params: null, brand: null });
  });

  it('finds a record by seq in a journal with gaps', () => {
    const journal = [1, 2, 5, 7, 9].map((seq) => ({ ...record, seq }));
    expect(findJournalRecord(journal, 7)?.seq).toBe(7);
    expect(findJournalRecord(journal, 1)?.seq).toBe(1);
    expect(findJournalRecord(journal, 9)?.seq).toBe(9);
    expect(findJournalRecord(journal, 6)).toBeUndefined();
    expect(findJournalRecord([], 1)).toBeUndefined();
  });
});
