import { describe, expect, it } from 'vitest';
import {
  fromSimpleRules,
  applyGetRemoteData,
  applyUpdateRemote,
  outgoingIncidentIds,
  planGetRemoteData,
  planUpdateRemote,
  profileFor,
  runServerCommand,
  toIso,
  userAddEntry,
  userCloseIncident,
  userCreateIncident,
  userReopenIncident,
  userUpdateIncident,
} from '../../harness/core/index.ts';
import type { Json, RunResult, World } from '../../harness/core/index.ts';
import {
  T0,
  MIN,
  server,
  instance,
  baseWorld,
  result,
  failure,
  jsonEntry,
  textEntry,
  errorEntry,
  metricsEntry,
  mirroredWorld,
} from '../support/core-fixtures.ts';

const push = (w: World, id: string, r: RunResult, now = T0 + MIN) =>
  applyUpdateRemote(w, planUpdateRemote(w, id, now)!, r, now);
const pull = (w: World, id: string, r: RunResult, now = T0 + 2 * MIN) =>
  applyGetRemoteData(w, planGetRemoteData(w, id, now), r, [], now);

describe('user actions feed mirror-out (§B.5)', () => {
  const w = mirroredWorld(2);

  it('sets known fields directly, other keys in lower-case CustomFields, and marks each changed field dirty once', () => {
    let next = userUpdateIncident(
      w,
      '1',
      { severity: 3, HelpdeskState: 'open', CustomFields: { assignee: 'amy' } },
      'admin',
      T0 + MIN,
    );
    next = userUpdateIncident(next, '1', { severity: 4, name: 'Ticket 1' }, 'admin', T0 + MIN);
    expect(next.incidents['1']).toMatchObject({
      severity: 4,
      CustomFields: { helpdeskstate: 'open', assignee: 'amy' },
      modified: toIso(T0 + MIN),
      dbotDirtyFields: ['severity', 'helpdeskstate', 'assignee'],
      dbotCurrentDirtyFields: ['severity', 'helpdeskstate', 'assignee'],
    });
    expect(next.mirror.outgoing['1']).toEqual({
      incidentId: '1',
      entryIds: [],
      incidentChanged: true,
      attempts: 0,
    });
  });

  it('returns the same world when no value changes', () => {
    expect(userUpdateIncident(w, '1', { name: 'Ticket 1' }, 'admin', T0)).toBe(w);
  });

  it.each([
    [{ dbotMirrorId: 'X' }, /"dbotMirrorId" cannot be changed.*stamped once/],
    [{ status: 2 }, /"status" cannot be changed.*close \/ reopen/],
    [{ severity: 'high' }, /severity must be a number/],
    [{ occurred: 'soon' }, /occurred must be an ISO-8601 time/],
    [{ CustomFields: 'x' }, /CustomFields must be an object/],
  ])('rejects %j and changes nothing', (fields, message) => {
    expect(() =>
      userUpdateIncident(w, '1', { name: 'changed', ...fields } as Record<string, Json>, 'admin', T0),
    ).toThrow(message);
    expect(w.incidents['1']!.name).toBe('Ticket 1');
  });

  it('does not queue incidents mirrored In only, or instances without isremotesyncout', () => {
    expect(
      userUpdateIncident(mirroredWorld(1, server(), 'In'), '1', { severity: 1 }, 'admin', T0).mirror.outgoing,
    ).toEqual({});
    const noOut = instance('desk_1', {
      flags: { isfetch: true, ismappable: false, isremotesyncin: true, isremotesyncout: false },
    });
    expect(
      userUpdateIncident(mirroredWorld(1, server(), 'Both', noOut), '1', { severity: 1 }, 'admin', T0).mirror
        .outgoing,
    ).toEqual({});
  });

  it('queues a tagged entry without marking the incident changed, and never an untagged one', () => {
    const untagged = userAddEntry(w, '1', { contents: 'private note' }, T0);
    expect(untagged.world.mirror.outgoing).toEqual({});
    const tagged = userAddEntry(
      untagged.world,
      '1',
      { contents: 'to the customer', tags: ['comment'], user: 'amy' },
      T0,
    );
    expect(tagged.entry).toMatchObject({
      id: '2@1',
      Type: 1,
      Contents: 'to the customer',
      ContentsFormat: 'text',
      Tags: ['comment'],
      user: 'amy',
      source: 'user',
    });
    expect(tagged.world.mirror.outgoing['1']).toEqual({
      incidentId: '1',
      entryIds: ['2@1'],
      incidentChanged: false,
      attempts: 0,
    });
    expect(() => userAddEntry(w, '1', { contents: 5 as unknown as string }, T0)).toThrow(
      /contents must be a string/,
    );
  });

  it('closes with close fields dirty and reopens, both as incident changes', () => {
    const closed = userCloseIncident(
      w,
      '1',
      { closeReason: 'Resolved', closeNotes: 'done', user: 'amy' },
      T0 + MIN,
    );
    expect(closed.incidents['1']).toMatchObject({
      status: 2,
      closed: toIso(T0 + MIN),
      closeReason: 'Resolved',
      closeNotes: 'done',
      closingUserId: 'amy',
      dbotCurrentDirtyFields: ['closeReason', 'closeNotes', 'closingUserId', 'runStatus'],
    });
    expect(closed.mirror.records['1']!.closed).toBe(true);
    expect(planUpdateRemote(closed, '1', T0 + MIN)!.args).toMatchObject({
      status: 2,
      incidentChanged: true,
      delta: { closeReason: 'Resolved', closeNotes: 'done', closingUserId: 'amy', runStatus: '' },
    });
    expect(() => userCloseIncident(closed, '1', {}, T0)).toThrow(/already closed/);
    const reopened = userReopenIncident(
      push(closed, '1', result([textEntry('T-1')])).world,
      '1',
      'amy',
      T0 + 2 * MIN,
    );
    expect(reopened.incidents['1']).toMatchObject({ status: 1, closed: '0001-01-01T00:00:00Z' });
    expect(planUpdateRemote(reopened, '1', T0)!.args).toMatchObject({
      status: 1,
      incidentChanged: true,
      delta: {},
    });
    expect(() => userReopenIncident(w, '2', 'amy', T0)).toThrow(/it is not closed/);
  });
});

describe('planUpdateRemote', () => {
  const w = userAddEntry(
    userUpdateIncident(mirroredWorld(2), '1', { severity: 3, helpdeskstate: 'open' }, 'admin', T0 + MIN),
    '1',
    { contents: 'hello', tags: ['comment'], note: true, format: 'markdown' },
    T0 + MIN,
  ).world;

  it('sends exactly data, delta, entries, remoteId, status and incidentChanged', () => {
    const plan = planUpdateRemote(w, '1', T0 + MIN)!;
    expect(plan).toMatchObject({
      instance: 'desk_1',
      command: 'update-remote-system',
      trigger: 'mirror-out',
      incidentId: '1',
    });
    expect(Object.keys(plan.args).sort()).toEqual([
      'data',
      'delta',
      'entries',
      'incidentChanged',
      'remoteId',
      'status',
    ]);
    expect(plan.args).toMatchObject({
      delta: { severity: 3, helpdeskstate: 'open' },
      entries: [
        {
          id: '1@1',
          type: 1,
          contents: 'hello',
          format: 'markdown',
          tags: ['comment'],
          user: 'admin',
          note: true,
          date: toIso(T0 + MIN),
        },
      ],
      remoteId: 'T-1',
      status: 1,
      incidentChanged: true,
    });
    expect(plan.args.data).toMatchObject({
      id: '1',
      name: 'Ticket 1',
      severity: 3,
      helpdeskstate: 'open',
      dbotMirrorId: 'T-1',
    });
    expect(plan.args.data).not.toHaveProperty('CustomFields');
  });

  it('maps data through the outgoing mapper when the instance has one', () => {
    const inst = instance('desk_1', {
      mapping: {
        outgoing: fromSimpleRules(
          { priority: 'severity', state: 'helpdeskstate', origin: ".='xsoar'" },
          'mapping-outgoing',
        ),
      },
    });
    const mw = userUpdateIncident(
      mirroredWorld(1, server(), 'Out', inst),
      '1',
      { severity: 2, helpdeskstate: 'closed' },
      'admin',
      T0,
    );
    expect(planUpdateRemote(mw, '1', T0)!.args.data).toEqual({
      priority: 2,
      state: 'closed',
      origin: 'xsoar',
    });
  });

  it('returns null for an incident with nothing queued', () => {
    expect(planUpdateRemote(w, '2', T0)).toBeNull();
    expect(outgoingIncidentIds(w, 'desk_1')).toEqual(['1']);
  });
});

describe('applyUpdateRemote', () => {
  const w = userUpdateIncident(mirroredWorld(1), '1', { severity: 3 }, 'admin', T0);

  it('clears the pending delta and the queue item on success and keeps dbotMirrorId', () => {
    const { world, ok, note } = push(w, '1', result([textEntry('OTHER-ID')]));
    expect(ok).toBe(true);
    expect(world.incidents['1']).toMatchObject({ dbotCurrentDirtyFields: [], dbotMirrorId: 'T-1' });
    expect(world.mirror.outgoing).toEqual({});
    expect(world.mirror.records['1']).toMatchObject({ pushes: 1, lastPushAt: toIso(T0 + MIN) });
    expect(note).toBe('pushed: delta severity');
  });

  it('fills an empty dbotMirrorId with the returned id', () => {
    const created = userUpdateIncident(
      userCreateIncident(
        baseWorld(),
        { name: 'local', dbotMirrorDirection: 'Out', dbotMirrorInstance: 'desk_1' },
        T0,
      ).world,
      '1',
      { severity: 1 },
      'admin',
      T0,
    );
    expect(planUpdateRemote(created, '1', T0)!.args.remoteId).toBe('');
    const { world } = push(created, '1', result([textEntry('NEW-7'), metricsEntry]));
    expect(world.incidents['1']!.dbotMirrorId).toBe('NEW-7');
    expect(world.mirror.records['1']!.remoteId).toBe('NEW-7');
  });

  it.each([
    ['an error entry', result([errorEntry('400 bad request')], { outcome: 'error-entry' })],
    ['API rate limit', result([errorEntry('API rate limit')], { outcome: 'error-entry' })],
    ['an exception', failure('exception', 'AttributeError: NoneType')],
    ['a timeout', failure('timeout', 'timed out')],
  ])('keeps everything for the next cycle on %s and counts the attempt', (_kind, r) => {
    const { world, ok } = push(w, '1', r);
    expect(ok).toBe(false);
    expect(world.incidents['1']!.dbotCurrentDirtyFields).toEqual(['severity']);
    expect(world.mirror.outgoing['1']).toMatchObject({ attempts: 1, incidentChanged: true });
    expect(world.mirror.records['1']!.pushFailures).toBe(1);
    expect(world.mirror.instances.desk_1).toMatchObject({ failures: 1, updateRemoteSystemCalls: 1 });
  });
});

describe('dirty-field protection per policy (§C, §F.18)', () => {
  // Local edit → mirror-out succeeds → the remote changes the same field → mirror-in.
  const scenario = (version: string) => {
    const edited = userUpdateIncident(
      mirroredWorld(1, server(version)),
      '1',
      { helpdeskstate: 'local' },
      'admin',
      T0,
    );
    const pushed = push(edited, '1', result([textEntry('T-1')])).world;
    return pull(pushed, '1', result([jsonEntry({ CustomFields: { helpdeskstate: 'remote' } })])).world;
  };

  it.each([
    ['6.0.0', 'sticky', 'local'],
    ['6.1.5', 'sticky', 'local'],
    ['6.10.0', 'until-mirrored-out', 'remote'],
    ['8.4.0', 'until-reset', 'local'],
  ])('on %s (%s) the field ends as "%s"', (version, policy, expected) => {
    expect(profileFor(version).dirtyFields).toBe(policy);
    expect(scenario(version).incidents['1']!.CustomFields.helpdeskstate).toBe(expected);
  });

  it('lets mirror-in through again after resetDirtyFields on 8.x', () => {
    const w = scenario('8.4.0');
    const reset = runServerCommand(
      w,
      'resetDirtyFields',
      { id: '1', dirtyFields: 'helpdeskstate' },
      T0 + 3 * MIN,
    );
    expect(reset.entries).toEqual([
      { Type: 1, Contents: 'Done', ContentsFormat: 'text', HumanReadable: 'Done' },
    ]);
    const after = pull(
      reset.world,
      '1',
      result([jsonEntry({ CustomFields: { helpdeskstate: 'remote' } })]),
      T0 + 4 * MIN,
    ).world;
    expect(after.incidents['1']!.CustomFields.helpdeskstate).toBe('remote');
  });
});
