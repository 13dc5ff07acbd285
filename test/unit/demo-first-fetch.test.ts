/** The demo's first-fetch line reads the same on a fresh start and after a restart. */
import { describe, expect, it } from 'vitest';
import type { FetchRecord } from '../../harness/index.ts';
import { describeFirstFetch } from '../../harness/cli/demo.ts';

const record = (over: Partial<FetchRecord>): FetchRecord => ({
  at: '2026-01-01T00:00:00.000Z',
  durationMs: 5,
  outcome: 'ok',
  message: 'Completed',
  pulled: 0,
  dropped: 0,
  lastRun: {},
  sourceIds: [],
  createdIncidentIds: [],
  invalid: [],
  duplicates: [],
  ...over,
});

describe('demo first fetch', () => {
  it('counts new incidents on a fresh start and adds the kept ones after a restart', () => {
    expect(describeFirstFetch(record({ pulled: 12, message: '12 pulled' }), 0)).toBe('12 new incidents');
    expect(describeFirstFetch(record({ pulled: 0, message: 'Completed' }), 12)).toBe(
      '0 new incidents, 12 kept from the last run',
    );
    expect(describeFirstFetch(record({ pulled: 1 }), 0)).toBe('1 new incident');
  });

  it('says the fetch failed, with its error', () => {
    expect(describeFirstFetch(record({ outcome: 'exception', message: 'connection refused' }), 3)).toBe(
      'failed: connection refused',
    );
  });
});
