/**
 * The periodic jobs the core plans (harness/core/jobs.ts) and the fetch params the integration is
 * told (contract.md §B.1, §B.2): one coerced interval for both, and no fetch job unless fetching is on.
 */
import { describe, expect, it } from 'vitest';
import {
  mirrorIntervalMs,
  planFetch,
  planJobs,
  planWarRoomCommand,
  toFetchIntervalMinutes,
  toRunRequest,
} from '../../harness/core/index.ts';
import { baseWorld, instance, server } from '../support/core-fixtures.ts';

describe('toFetchIntervalMinutes (§B.1)', () => {
  it.each([
    [5, 5],
    ['5', 5],
    [0.5, 1],
    ['0.5', 1],
    [2.6, 3],
    ['1.4', 1],
    [0, 1],
    [-3, 1],
    ['soon', 1],
    ['', 1],
    [undefined, 1],
    [null, 1],
  ] as const)('keeps %j as %i whole minutes', (value, minutes) => {
    expect(toFetchIntervalMinutes(value)).toBe(minutes);
  });
});

describe('planJobs', () => {
  it('plans a fetch job only for enabled fetching instances, and the mirror job', () => {
    const w = baseWorld(
      server(),
      instance('fetching', { fetch: { enabled: true, intervalMinutes: 5 } }),
      instance('not_fetching', { fetch: { enabled: false, intervalMinutes: 1 } }),
      instance('disabled', { enabled: false, fetch: { enabled: true, intervalMinutes: 1 } }),
      instance('no_isfetch', {
        flags: { isfetch: false, ismappable: false, isremotesyncin: true, isremotesyncout: true },
        fetch: { enabled: true, intervalMinutes: 1 },
      }),
    );
    expect(planJobs(w)).toEqual([
      { id: 'fetch:fetching', kind: 'fetch', instance: 'fetching', intervalMs: 300_000 },
      { id: 'mirror', kind: 'mirror', intervalMs: 60_000 },
    ]);
  });

  it('schedules the same whole minutes it tells the integration', () => {
    const w = baseWorld(server(), instance('desk_1', { fetch: { enabled: true, intervalMinutes: 0.5 } }));
    expect(planJobs(w)[0]?.intervalMs).toBe(60_000);
    expect(toRunRequest(w, planFetch(w, 'desk_1')).params.incidentFetchInterval).toBe('1');
  });

  it('tells the integration isFetch false when fetching is off, also for a War Room command', () => {
    const w = baseWorld(server(), instance('desk_1', { fetch: { enabled: false, intervalMinutes: 1 } }));
    expect(toRunRequest(w, planWarRoomCommand(w, 'desk_1', 'test-module', {})).params.isFetch).toBe(false);
  });

  it('plans no mirror job when sync.mirror.job.enable is false', () => {
    const w = baseWorld(server('6.10.0', {}, { 'sync.mirror.job.enable': false }));
    expect(planJobs(w).map((j) => j.id)).toEqual(['fetch:desk_1']);
  });
});

describe('mirrorIntervalMs (§D)', () => {
  it.each([
    [{}, 60_000],
    [{ 'sync.mirror.job.delay': 5 }, 300_000],
    [{ 'sync.mirror.job.delay': '2' }, 120_000],
    [{ 'sync.mirror.job.delay': 5, 'sync.mirror.job.delayAdvanced': 10 }, 10_000],
    [{ 'sync.mirror.job.delayAdvanced': '' }, 60_000],
    [{ 'sync.mirror.job.delay': 'nonsense' }, 60_000],
  ])('reads %j as %i ms', (config, ms) => {
    expect(mirrorIntervalMs(config)).toBe(ms);
  });

  it('turns the job off with sync.mirror.job.enable: false', () => {
    expect(mirrorIntervalMs({ 'sync.mirror.job.enable': false })).toBeUndefined();
    expect(mirrorIntervalMs({ 'sync.mirror.job.enable': 'false' })).toBeUndefined();
  });
});

describe('planWarRoomCommand', () => {
  it('runs with lastRun {} and debug-mode as context.IsDebug', () => {
    const w = baseWorld(
      server(),
      instance('desk_1', {
        state: { lastRun: { n: 3 }, lastMirrorRun: {}, integrationContext: { context: {}, version: 0 } },
      }),
    );
    const req = toRunRequest(w, planWarRoomCommand(w, 'desk_1', 'fetch-incidents', {}, true));
    expect(req.state.lastRun).toEqual({});
    expect(req.isDebug).toBe(true);
    expect(toRunRequest(w, planFetch(w, 'desk_1')).state.lastRun).toEqual({ n: 3 });
  });

  it('rejects an unknown instance', () => {
    expect(() => planWarRoomCommand(baseWorld(), 'nope', 'test-module', {})).toThrow(
      /failed to find instance "nope"/,
    );
  });
});
