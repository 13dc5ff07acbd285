import { describe, expect, it } from 'vitest';
import {
  applyGetRemoteData,
  compareVersions,
  formatLastUpdate,
  planGetRemoteData,
  profileFor,
  finishCycle,
  planCycle,
  runServerCommand,
  toIso,
  userCloseIncident,
  userUpdateIncident,
} from '../../harness/core/index.ts';
import type { Json, WireEntry } from '../../harness/core/index.ts';
import { T0, MIN, server, result, errorEntry, mirroredWorld } from '../support/core-fixtures.ts';

describe('version profiles', () => {
  it.each([
    ['6.10.0', '6.9.1', 1],
    ['6.1', '6.1.0', 0],
    ['8.0.0-beta', '8.0.0', 0],
    ['5.5.0', '6.0.0', -1],
  ])('compares %s with %s as %i', (a, b, expected) => {
    expect(compareVersions(a, b)).toBe(expected);
  });

  it.each([
    ['6.0.2', { getModifiedStep: false, dirtyFields: 'sticky', resetDirtyFieldsCommand: false }],
    ['6.1.0', { getModifiedStep: true, dirtyFields: 'sticky', resetDirtyFieldsCommand: false }],
    ['6.2.0', { getModifiedStep: true, dirtyFields: 'until-mirrored-out', resetDirtyFieldsCommand: false }],
    ['7.9.9', { getModifiedStep: true, dirtyFields: 'until-mirrored-out', resetDirtyFieldsCommand: false }],
    ['8.0.0', { getModifiedStep: true, dirtyFields: 'until-reset', resetDirtyFieldsCommand: true }],
  ])('gives %s the policies %j', (version, expected) => {
    expect(profileFor(version)).toEqual({
      ...expected,
      closedIncidents: 'mirror',
      lastRunOnError: 'keep',
      lastUpdateFormat: 'iso-offset',
      mirrorOutOrder: 'before-in',
      mirroredLifecycleOut: true,
      outgoingEntries: 'mirror-tags',
      failedPull: 'drop',
      remoteDataLastUpdate: 'last-sync',
    });
  });
});

describe('lastUpdate formats', () => {
  const ms = Date.parse('2020-12-14T10:38:30.006Z');

  it.each([
    ['Asia/Jerusalem', 'iso-offset', '2020-12-14T12:38:30.006+0200'],
    ['Asia/Jerusalem', 'iso-utc', '2020-12-14T10:38:30.006Z'],
    ['UTC', 'iso-offset', '2020-12-14T10:38:30.006+0000'],
    ['America/New_York', 'iso-offset', '2020-12-14T05:38:30.006-0500'],
    ['Asia/Kolkata', 'iso-offset', '2020-12-14T16:08:30.006+0530'],
  ] as const)('formats in %s as %s: %s', (tz, format, expected) => {
    expect(formatLastUpdate(ms, format, tz)).toBe(expected);
  });

  it('follows daylight saving time in Asia/Jerusalem', () => {
    expect(formatLastUpdate(Date.parse('2021-08-24T07:44:21.608Z'), 'iso-offset', 'Asia/Jerusalem')).toBe(
      '2021-08-24T10:44:21.608+0300',
    );
  });

  it('rejects an unknown time zone with a hint', () => {
    expect(() => formatLastUpdate(ms, 'iso-offset', 'Mars/Olympus')).toThrow(/unknown time zone.*IANA/);
  });
});

describe('server debug commands (§E)', () => {
  const contents = (entries: WireEntry[]) =>
    JSON.parse(String(entries[0]!.Contents)) as Record<string, unknown>;

  it('reports mirror statistics with totals and per-instance counters', () => {
    let w = mirroredWorld(3);
    w = applyGetRemoteData(
      w,
      planGetRemoteData(w, '2', T0),
      result([errorEntry('API rate limit')]),
      ['3'],
      T0,
    ).world;
    w = userCloseIncident(w, '1', {}, T0);
    w = finishCycle(w, { ...planCycle(w, T0 + MIN), rateLimited: true }).world;
    const { entries, world } = runServerCommand(w, 'getMirrorStatistics', {}, T0 + MIN);
    expect(world).toBe(w);
    expect(entries[0]).toMatchObject({ Type: 1, ContentsFormat: 'json' });
    expect(contents(entries)).toMatchObject({
      mirrored: 2,
      rateLimited: 1,
      lastRun: toIso(T0 + MIN),
      closedIncidentRecords: 1,
      closedRateLimitedRecords: 0,
      cycles: 1,
      rateLimitedCycles: 1,
      instances: {
        desk_1: { mirroredIncidents: 2, pendingPull: ['2', '3'], getRemoteDataCalls: 1, cycles: 1 },
      },
    });
  });

  it('lists mirror records, all or by id', () => {
    const w = mirroredWorld(2);
    expect(
      JSON.parse(String(runServerCommand(w, 'getSyncMirrorRecords', {}, T0).entries[0]!.Contents)),
    ).toHaveLength(2);
    expect(
      JSON.parse(String(runServerCommand(w, 'getSyncMirrorRecords', { id: '2' }, T0).entries[0]!.Contents)),
    ).toMatchObject([{ incidentId: '2', remoteId: 'T-2' }]);
  });

  it('purges closed records older than N days of one instance', () => {
    let w = mirroredWorld(3);
    w = userCloseIncident(w, '1', {}, T0);
    w = userCloseIncident(w, '2', {}, T0 + 9 * 86_400_000);
    const now = T0 + 10 * 86_400_000;
    const older = runServerCommand(
      w,
      'purgeClosedSyncMirrorRecords',
      { dbotMirrorInstance: 'desk_1', olderThan: '5' },
      now,
    );
    expect(older.entries[0]!.Contents).toBe('Purged 1 closed sync mirror record of instance desk_1.');
    expect(Object.keys(older.world.mirror.records)).toEqual(['2', '3']);
    const all = runServerCommand(w, 'purgeClosedSyncMirrorRecords', { dbotMirrorInstance: 'desk_1' }, now);
    expect(Object.keys(all.world.mirror.records)).toEqual(['3']);
  });

  it('resets all dirty fields with dirtyFieldsAll=true on 8.x', () => {
    const w = userUpdateIncident(
      mirroredWorld(1, server('8.4.0')),
      '1',
      { severity: 2, owner: 'amy' },
      'admin',
      T0,
    );
    const { world } = runServerCommand(w, 'resetDirtyFields', { id: '1', dirtyFieldsAll: 'true' }, T0);
    expect(world.incidents['1']!.dbotDirtyFields).toEqual([]);
    expect(world.incidents['1']!.dbotCurrentDirtyFields).toEqual(['severity', 'owner']);
  });

  it('refuses resetDirtyFields before 8.0 with an error entry', () => {
    const w = mirroredWorld(1, server('6.10.0'));
    const { world, entries } = runServerCommand(w, 'resetDirtyFields', { id: '1', dirtyFieldsAll: true }, T0);
    expect(world).toBe(w);
    expect(entries).toEqual([
      {
        Type: 4,
        ContentsFormat: 'text',
        Contents: 'Unsupported command resetDirtyFields: it exists from XSOAR 8.0 (this server is 6.10.0).',
      },
    ]);
  });

  it('closes and reopens investigations as user actions', () => {
    const closed = runServerCommand(
      mirroredWorld(1),
      'closeInvestigation',
      { id: '1', closeReason: 'Duplicate', closeNotes: 'dup of 2' },
      T0,
    );
    expect(closed.world.incidents['1']).toMatchObject({
      status: 2,
      closeReason: 'Duplicate',
      closeNotes: 'dup of 2',
    });
    expect(closed.world.mirror.outgoing['1']!.incidentChanged).toBe(true);
    const reopened = runServerCommand(closed.world, 'reopenInvestigation', { id: '1' }, T0);
    expect(reopened.world.incidents['1']!.status).toBe(1);
    expect(reopened.entries[0]!.Contents).toBe('Incident 1 reopened.');
  });

  it.each([
    [
      'purgeClosedSyncMirrorRecords',
      {},
      /missing argument dbotMirrorInstance\. Usage: purgeClosedSyncMirrorRecords dbotMirrorInstance=/,
    ],
    ['purgeClosedSyncMirrorRecords', { dbotMirrorInstance: 'nope' }, /unknown instance "nope"/],
    [
      'purgeClosedSyncMirrorRecords',
      { dbotMirrorInstance: 'desk_1', olderThan: 'week' },
      /olderThan must be a number of days/,
    ],
    ['getSyncMirrorRecords', { id: '99' }, /incident 99 has no mirror record/],
    ['reopenInvestigation', { id: '1' }, /failed to reopen incident 1: it is not closed/],
    ['closeInvestigation', {}, /missing argument id/],
    ['frobnicate', {}, /Unsupported command frobnicate: not a server command\. Known: getMirrorStatistics/],
  ])('answers %s %j with an error entry and changes nothing', (command, args, message) => {
    const w = mirroredWorld(1, server('8.4.0'));
    const { world, entries } = runServerCommand(w, command, args as Record<string, Json>, T0);
    expect(world).toBe(w);
    expect(entries).toHaveLength(1);
    expect(entries[0]!.Type).toBe(4);
    expect(String(entries[0]!.Contents)).toMatch(message);
  });

  it('answers resetDirtyFields without dirtyFields or dirtyFieldsAll with an error entry', () => {
    const { entries } = runServerCommand(
      mirroredWorld(1, server('8.4.0')),
      'resetDirtyFields',
      { id: '1' },
      T0,
    );
    expect(entries[0]).toMatchObject({
      Type: 4,
      Contents: expect.stringMatching(/give dirtyFields="a,b" or dirtyFieldsAll=true/),
    });
  });
});
