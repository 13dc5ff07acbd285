import { describe, expect, it } from 'vitest';
import {
  addInstance,
  applyFetch,
  applyGetModified,
  applyGetRemoteData,
  applyStateWrites,
  applyUpdateRemote,
  planAllRemoteData,
  planFetch,
  planGetModified,
  planGetRemoteData,
  planUpdateRemote,
  applyCycleStep,
  finishCycle,
  nextCycleStep,
  planCycle,
  planJobs,
  runServerCommand,
  toRunRequest,
  userAddEntry,
  userCloseIncident,
  userCreateIncident,
  userReopenIncident,
  userUpdateIncident,
} from '../../harness/core/index.ts';
import type { World } from '../../harness/core/index.ts';
import {
  T0,
  MIN,
  server,
  instance,
  result,
  failure,
  jsonEntry,
  textEntry,
  errorEntry,
  mirroredWorld,
  deepFreeze,
} from '../support/core-fixtures.ts';

describe('purity: core functions never mutate their input world', () => {
  // A world touched by every kind of step, then deep-frozen: any write to it throws in strict mode.
  const build = () => {
    let w = mirroredWorld(3, server('8.4.0'));
    w = userUpdateIncident(w, '1', { severity: 2 }, 'admin', T0);
    w = userAddEntry(w, '1', { contents: 'c', tags: ['comment'] }, T0).world;
    w = applyGetRemoteData(
      w,
      planGetRemoteData(w, '2', T0),
      result([errorEntry('API rate limit')]),
      ['3'],
      T0,
    ).world;
    return w;
  };
  const frozen = deepFreeze(build());
  const snapshot = JSON.stringify(frozen);

  const steps: [string, (w: World) => unknown][] = [
    [
      'applyFetch',
      (w) =>
        applyFetch(
          w,
          planFetch(w, 'desk_1'),
          result([jsonEntry([{ name: 'n', dbotMirrorId: 'T-1' }, { bad: 1 }])], {
            writes: { lastRun: { a: 1 } },
          }),
          T0,
        ),
    ],
    [
      'applyGetModified',
      (w) => applyGetModified(w, planGetModified(w, 'desk_1', T0)!, result([jsonEntry(['T-1'])]), T0),
    ],
    [
      'applyGetModified (rate limit)',
      (w) =>
        applyGetModified(w, planGetModified(w, 'desk_1', T0)!, result([errorEntry('API rate limit')]), T0),
    ],
    ['planAllRemoteData', (w) => planAllRemoteData(w, 'desk_1')],
    [
      'applyGetRemoteData',
      (w) =>
        applyGetRemoteData(
          w,
          planGetRemoteData(w, '1', T0),
          result([
            jsonEntry({ severity: 4, name: 'x' }),
            textEntry('e'),
            jsonEntry({ dbotIncidentClose: true }),
          ]),
          [],
          T0,
        ),
    ],
    [
      'applyGetRemoteData (rate limit)',
      (w) =>
        applyGetRemoteData(w, planGetRemoteData(w, '3', T0), result([errorEntry('API rate limit')]), [], T0),
    ],
    [
      'applyUpdateRemote',
      (w) => applyUpdateRemote(w, planUpdateRemote(w, '1', T0)!, result([textEntry('T-1')]), T0),
    ],
    [
      'applyUpdateRemote (failure)',
      (w) => applyUpdateRemote(w, planUpdateRemote(w, '1', T0)!, failure('timeout', 't'), T0),
    ],
    [
      'userUpdateIncident',
      (w) => userUpdateIncident(w, '2', { owner: 'x', CustomFields: { a: 1 } }, 'u', T0),
    ],
    ['userAddEntry', (w) => userAddEntry(w, '2', { contents: 'x', tags: ['t'] }, T0)],
    ['userCloseIncident', (w) => userCloseIncident(w, '2', { closeReason: 'r' }, T0)],
    ['userReopenIncident', (w) => userReopenIncident(userCloseIncident(w, '2', {}, T0), '2', 'u', T0)],
    ['userCreateIncident', (w) => userCreateIncident(w, { name: 'n' }, T0)],
    [
      'applyStateWrites',
      (w) =>
        applyStateWrites(
          w,
          'desk_1',
          result([], { writes: { lastRun: { a: 1 }, lastMirrorRun: { b: 1 } } }),
          { lastRun: true },
        ),
    ],
    ['finishCycle', (w) => finishCycle(w, { ...planCycle(w, T0), rateLimited: true })],
    [
      'nextCycleStep / applyCycleStep',
      (w) => {
        const step = nextCycleStep(w, planCycle(w, T0), T0);
        return applyCycleStep(w, step.cycle, step.plan!, result([textEntry('T-1')]), T0);
      },
    ],
    ['planJobs', (w) => planJobs(w)],
    ['addInstance', (w) => addInstance(w, instance('desk_2'))],
    ['toRunRequest', (w) => toRunRequest(w, planGetRemoteData(w, '1', T0))],
    ['getMirrorStatistics', (w) => runServerCommand(w, 'getMirrorStatistics', {}, T0)],
    [
      'purgeClosedSyncMirrorRecords',
      (w) =>
        runServerCommand(
          userCloseIncident(w, '3', {}, T0),
          'purgeClosedSyncMirrorRecords',
          { dbotMirrorInstance: 'desk_1' },
          T0,
        ),
    ],
    [
      'resetDirtyFields',
      (w) => runServerCommand(w, 'resetDirtyFields', { id: '1', dirtyFieldsAll: true }, T0),
    ],
    ['closeInvestigation', (w) => runServerCommand(w, 'closeInvestigation', { id: '1' }, T0)],
  ];

  it.each(steps)('%s leaves a deep-frozen world untouched', (_name, step) => {
    expect(() => step(frozen)).not.toThrow();
    expect(JSON.stringify(frozen)).toBe(snapshot);
  });

  it('produces the same result for the same input (no hidden clock or randomness)', () => {
    const once = (w: World) =>
      applyFetch(w, planFetch(w, 'desk_1'), result([jsonEntry([{ name: 'n' }])]), T0 + MIN).world;
    expect(JSON.stringify(once(frozen))).toBe(JSON.stringify(once(frozen)));
  });
});
