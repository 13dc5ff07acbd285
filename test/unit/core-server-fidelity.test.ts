/**
 * Server behaviours the mirroring doc defines and the public record leaves open (contract.md §B.5,
 * §E, §H.2, §H.6): which entries go out (policy outgoingEntries), what purging closed mirror records
 * does, and what a failed get-remote-data leaves behind (policy failedPull). Whole cycles over
 * literal worlds, driven like the scheduler drives them.
 */
import { describe, expect, it } from 'vitest';
import {
  entryGoesOut,
  runServerCommand,
  userAddEntry,
  userCloseIncident,
  userReopenIncident,
  userUpdateIncident,
} from '../../harness/core/index.ts';
import type { ServerPolicies, World } from '../../harness/core/index.ts';
import { MIN, T0, errorEntry, mirroredWorld, result, server } from '../support/core-fixtures.ts';
import { answerOk, runCycle } from '../support/run-cycle.ts';

const world = (n: number, policies: Partial<ServerPolicies> = {}) =>
  mirroredWorld(n, server('6.10.0', policies));

describe('outgoingEntries: which tagged entries go out (§B.5, §H.6)', () => {
  it('sends only entries carrying one of the incident\'s dbotMirrorTags by default ("mirror-tags")', () => {
    let w = world(1);
    w = userAddEntry(w, '1', { contents: 'private', tags: ['investigation'] }, T0).world;
    expect(w.mirror.outgoing).toEqual({});
    w = userAddEntry(w, '1', { contents: 'to the customer', tags: ['investigation', 'comment'] }, T0).world;
    const run = runCycle(w, answerOk([]), T0 + MIN);
    expect(run.calls).toEqual(['update-remote-system 1', 'get-modified-remote-data']);
    expect(run.plans[0]!.args.entries).toEqual([
      expect.objectContaining({ contents: 'to the customer', tags: ['investigation', 'comment'] }),
    ]);
  });

  it('sends no entry of an incident without dbotMirrorTags by default', () => {
    let w = world(1);
    w = { ...w, incidents: { ...w.incidents, '1': { ...w.incidents['1']!, dbotMirrorTags: null } } };
    expect(entryGoesOut(w, w.incidents['1']!, ['comment'])).toBe(false);
    expect(userAddEntry(w, '1', { contents: 'x', tags: ['comment'] }, T0).world.mirror.outgoing).toEqual({});
  });

  it('sends any tagged entry under "any-tag" and still never an untagged one', () => {
    let w = world(1, { outgoingEntries: 'any-tag' });
    w = userAddEntry(w, '1', { contents: 'untagged' }, T0).world;
    w = userAddEntry(w, '1', { contents: 'private', tags: ['investigation'] }, T0).world;
    const run = runCycle(w, answerOk([]), T0 + MIN);
    expect(run.plans[0]).toMatchObject({
      command: 'update-remote-system',
      args: { incidentChanged: false, entries: [expect.objectContaining({ contents: 'private' })] },
    });
  });
});

describe('purgeClosedSyncMirrorRecords (§E)', () => {
  const closedAndPurged = () => {
    let w = world(2);
    w = userCloseIncident(w, '1', { closeReason: 'done' }, T0);
    w = runCycle(w, answerOk([]), T0 + MIN).world; // the close goes out
    return runServerCommand(w, 'purgeClosedSyncMirrorRecords', { dbotMirrorInstance: 'desk_1' }, T0 + 2 * MIN)
      .world;
  };

  it('stops pulling a purged closed incident, while a closed one still on record is pulled', () => {
    let w = world(3);
    w = userCloseIncident(w, '1', {}, T0);
    w = userCloseIncident(w, '2', {}, T0);
    w = runCycle(w, answerOk([]), T0 + MIN).world;
    w = runServerCommand(
      w,
      'purgeClosedSyncMirrorRecords',
      { dbotMirrorInstance: 'desk_1', olderThan: '0' },
      T0 + MIN,
    ).world;
    const run = runCycle(w, answerOk(['T-1', 'T-2', 'T-3']), T0 + 2 * MIN);
    expect(run.calls).toEqual(['get-modified-remote-data', 'get-remote-data 3']);
    expect(Object.keys(run.world.mirror.records)).toEqual(['3']);
  });

  it('stops pushing a purged incident and forgets what was still queued or owed for it', () => {
    let w = world(2);
    w = userCloseIncident(w, '1', {}, T0);
    w = {
      ...w,
      mirror: {
        ...w.mirror,
        instances: { desk_1: { ...w.mirror.instances.desk_1!, pendingPull: ['1', '2'] } },
      },
    };
    w = runServerCommand(w, 'purgeClosedSyncMirrorRecords', { dbotMirrorInstance: 'desk_1' }, T0 + MIN).world;
    expect(w.mirror.outgoing).toEqual({});
    expect(w.mirror.instances.desk_1!.pendingPull).toEqual(['2']);
    expect(userUpdateIncident(w, '1', { owner: 'amy' }, 'amy', T0 + MIN).mirror.outgoing).toEqual({});
  });

  it('registers a purged incident again when it is reopened in XSOAR, and sends the reopen out', () => {
    const w = userReopenIncident(closedAndPurged(), '1', 'admin', T0 + 3 * MIN);
    expect(w.mirror.records['1']).toMatchObject({
      closed: false,
      pulls: 0,
      instance: 'desk_1',
      remoteId: 'T-1',
    });
    const run = runCycle(w, answerOk(['T-1']), T0 + 4 * MIN);
    expect(run.calls).toEqual(['update-remote-system 1', 'get-modified-remote-data', 'get-remote-data 1']);
    expect(run.plans[0]!.args).toMatchObject({ status: 1, incidentChanged: true });
  });

  it('leaves open incidents and other instances alone', () => {
    const w = closedAndPurged();
    expect(Object.keys(w.mirror.records)).toEqual(['2']);
    expect(
      runServerCommand(w, 'purgeClosedSyncMirrorRecords', { dbotMirrorInstance: 'desk_1' }, T0).world,
    ).toBe(w);
  });
});

describe('failedPull: a get-remote-data error that is not a rate limit (§H.2)', () => {
  const fail500 = result([errorEntry('Error in API call [500] - Internal Server Error')], {
    outcome: 'error-entry',
  });
  const twoCycles = (w: World) => {
    const first = runCycle(
      w,
      (plan) =>
        plan.command === 'get-remote-data' && plan.incidentId === '1'
          ? fail500
          : answerOk(['T-1', 'T-2'])(plan),
      T0 + MIN,
    );
    // The remote reports nothing modified since: only a retry pulls incident 1 again.
    const second = runCycle(first.world, answerOk([]), T0 + 2 * MIN);
    return { first, second };
  };

  it('drops the failed pull by default: the next cycle does not pull the incident again', () => {
    const { first, second } = twoCycles(world(2));
    expect(first.calls).toEqual(['get-modified-remote-data', 'get-remote-data 1', 'get-remote-data 2']);
    expect(first.world.mirror.instances.desk_1!.pendingPull).toEqual([]);
    expect(second.calls).toEqual(['get-modified-remote-data']);
  });

  it('owes the incident a pull next cycle under "retry", with the same lastUpdate as before', () => {
    const { first, second } = twoCycles(world(2, { failedPull: 'retry' }));
    expect(first.calls).toEqual(['get-modified-remote-data', 'get-remote-data 1', 'get-remote-data 2']);
    expect(first.world.mirror.instances.desk_1!.pendingPull).toEqual(['1']);
    expect(second.calls).toEqual(['get-modified-remote-data', 'get-remote-data 1']);
    expect(second.plans[1]!.args.lastUpdate).toBe(first.plans[1]!.args.lastUpdate);
    expect(second.world.mirror.instances.desk_1!.pendingPull).toEqual([]);
  });
});
