import { describe, expect, it } from 'vitest';
import {
  fromSimpleRules,
  applyGetModified,
  applyGetRemoteData,
  mirroredIncidentIds,
  planAllRemoteData,
  planGetModified,
  planGetRemoteData,
  toIso,
  userCloseIncident,
  userCreateIncident,
  userUpdateIncident,
} from '../../harness/core/index.ts';
import type {
  MirrorDirection,
  RunResult,
  ServerPolicies,
  WireEntry,
  World,
} from '../../harness/core/index.ts';
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

const modified = (w: World, r: RunResult, now = T0 + MIN) =>
  applyGetModified(w, planGetModified(w, 'desk_1', now)!, r, now);
const pull = (w: World, id: string, r: RunResult, remaining: string[] = [], now = T0 + MIN) =>
  applyGetRemoteData(w, planGetRemoteData(w, id, now), r, remaining, now);
const closeEntry = (reason = 'resolved', notes = 'fixed remotely'): WireEntry =>
  jsonEntry({ dbotIncidentClose: true, closeReason: reason, closeNotes: notes });
const reopenEntry = (): WireEntry => ({
  Type: 1,
  Contents: { dbotIncidentReopen: true },
  ContentsFormat: 'json',
});
const comment = (text: string): WireEntry => ({
  Type: 1,
  Contents: text,
  ContentsFormat: 'markdown',
  Tags: ['CommentFromHelpdesk'],
  Note: true,
  EntryContext: { comments: text },
});

describe('mirroredIncidentIds', () => {
  it('selects incidents of the instance by direction, in numeric id order', () => {
    let w = baseWorld(server(), instance(), instance('other'));
    const add = (name: string, direction: MirrorDirection, inst = 'desk_1', remoteId = `R${name}`) =>
      (w = userCreateIncident(
        w,
        { name, dbotMirrorId: remoteId, dbotMirrorDirection: direction, dbotMirrorInstance: inst },
        T0,
      ).world);
    for (let i = 1; i <= 10; i++) add(String(i), 'In'); // ids 1..10: numeric order is not string order
    add('x', 'Out');
    add('y', 'Both');
    add('z', 'Both', 'other');
    add('no id', 'In', 'desk_1', ''); // no remote id: nothing to pull
    expect(mirroredIncidentIds(w, 'desk_1', 'in')).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
      '8',
      '9',
      '10',
      '12',
    ]);
    expect(mirroredIncidentIds(w, 'desk_1', 'out')).toEqual(['11', '12']);
  });

  it('excludes closed incidents only under closedIncidents "skip"', () => {
    const closed = (policies: Partial<ServerPolicies>) =>
      userCloseIncident(mirroredWorld(2, server('6.10.0', policies)), '1', {}, T0);
    expect(mirroredIncidentIds(closed({ closedIncidents: 'mirror' }), 'desk_1', 'in')).toEqual(['1', '2']);
    expect(mirroredIncidentIds(closed({ closedIncidents: 'fields-only' }), 'desk_1', 'in')).toEqual([
      '1',
      '2',
    ]);
    expect(mirroredIncidentIds(closed({ closedIncidents: 'skip' }), 'desk_1', 'in')).toEqual(['2']);
  });
});

describe('planGetModified', () => {
  it('asks since the oldest mirrored incident on the first run, then since the last successful run', () => {
    const w = mirroredWorld(2);
    expect(planGetModified(w, 'desk_1', T0 + MIN)).toEqual({
      instance: 'desk_1',
      command: 'get-modified-remote-data',
      args: { lastUpdate: '2026-01-01T10:00:00.000+0000' },
      trigger: 'mirror-in',
    });
    const after = modified(w, result([jsonEntry([])]), T0 + 5 * MIN).world;
    expect(planGetModified(after, 'desk_1', T0 + 6 * MIN)!.args.lastUpdate).toBe(
      '2026-01-01T10:05:00.000+0000',
    );
    // After a run too, nothing is asked once no incident is mirrored in any more (records purged).
    expect(
      planGetModified({ ...after, mirror: { ...after.mirror, records: {} } }, 'desk_1', T0 + 6 * MIN),
    ).toBeNull();
  });

  it('formats lastUpdate with the server TZ offset', () => {
    const w = mirroredWorld(1, { ...server(), tz: 'Asia/Jerusalem' });
    expect(planGetModified(w, 'desk_1', T0)!.args.lastUpdate).toBe('2026-01-01T12:00:00.000+0200');
    const utc = mirroredWorld(1, server('6.10.0', { lastUpdateFormat: 'iso-utc' }));
    expect(planGetModified(utc, 'desk_1', T0)!.args.lastUpdate).toBe('2026-01-01T10:00:00.000Z');
  });

  it('returns null without isremotesyncin, without mirrored incidents, or before 6.1', () => {
    const noSync = instance('desk_1', {
      flags: { isfetch: true, ismappable: false, isremotesyncin: false, isremotesyncout: true },
    });
    expect(planGetModified(mirroredWorld(1, server(), 'Both', noSync), 'desk_1', T0)).toBeNull();
    expect(planGetModified(mirroredWorld(1, server(), 'Out'), 'desk_1', T0)).toBeNull();
    expect(planGetModified(baseWorld(), 'desk_1', T0)).toBeNull();
    expect(planGetModified(mirroredWorld(1, server('6.0.2')), 'desk_1', T0)).toBeNull();
  });
});

describe('applyGetModified (§B.4 step 2)', () => {
  const w = mirroredWorld(3);

  it('pulls only the incidents whose dbotMirrorId is listed, comparing ids as strings', () => {
    const num = userCreateIncident(
      w,
      { name: 'numeric', dbotMirrorId: '42', dbotMirrorDirection: 'In', dbotMirrorInstance: 'desk_1' },
      T0,
    ).world;
    const { decision, world, note } = modified(
      num,
      result([{ Type: 1, Contents: ['T-3', 'T-1', 42, 'unknown'], ContentsFormat: 'json' }]),
    );
    expect(decision).toEqual({ kind: 'ids', incidentIds: ['1', '3', '4'] });
    expect(world.mirror.instances.desk_1).toMatchObject({
      lastModifiedRunAt: toIso(T0 + MIN),
      getModifiedCalls: 1,
    });
    expect(note).toBe('3 incidents to pull');
  });

  it('treats no result entries at all as nothing modified', () => {
    const { decision, world } = modified(w, result([metricsEntry]));
    expect(decision).toEqual({ kind: 'none' });
    expect(world.mirror.instances.desk_1!.lastModifiedRunAt).toBe(toIso(T0 + MIN));
  });

  it('treats an empty list as nothing modified', () => {
    expect(modified(w, result([jsonEntry([])])).decision).toEqual({ kind: 'none' });
  });

  it('skips the cycle on an error entry containing "skip update" and keeps lastUpdate', () => {
    const { decision, world } = modified(
      w,
      result([errorEntry('skip update. error: 500 Internal Server Error')], { outcome: 'error-entry' }),
    );
    expect(decision.kind).toBe('skip');
    expect(world.mirror.instances.desk_1).toMatchObject({
      skippedCycles: 1,
      lastModifiedRunAt: '0001-01-01T00:00:00Z',
    });
  });

  it('stops the cycle on "API rate limit", even behind the CSP "skip update" prefix', () => {
    const { decision, world } = modified(
      w,
      result([errorEntry('skip update. error: API rate limit exceeded')], { outcome: 'error-entry' }),
    );
    expect(decision.kind).toBe('rate-limited');
    expect(world.mirror.instances.desk_1).toMatchObject({
      rateLimitedCycles: 1,
      lastModifiedRunAt: '0001-01-01T00:00:00Z',
    });
  });

  it('falls back to every mirrored incident on an uncaught NotImplementedError', () => {
    const { decision, note } = modified(
      w,
      failure('exception', 'Traceback …\nNotImplementedError: Command not implemented'),
    );
    expect(decision).toEqual({ kind: 'not-implemented', incidentIds: ['1', '2', '3'] });
    expect(note).toBe('not implemented: pulling all 3 mirrored incidents');
  });

  it('falls back to every mirrored incident on an error entry without the markers', () => {
    const { decision } = modified(
      w,
      result([errorEntry('Command not implemented')], { outcome: 'error-entry' }),
    );
    expect(decision).toEqual({ kind: 'not-implemented', incidentIds: ['1', '2', '3'] });
  });

  it.each([
    ['a timeout', failure('timeout', 'timed out after 5000 ms')],
    ['a crash', failure('crash', 'exit code 1')],
    ['another uncaught exception', failure('exception', 'KeyError: lastUpdate')],
    ['a result that is no id list', result([textEntry('hello')])],
  ])('fails the cycle on %s and counts it', (_kind, r) => {
    const { decision, world } = modified(w, r);
    expect(decision.kind).toBe('failed');
    expect(world.mirror.instances.desk_1).toMatchObject({
      failures: 1,
      lastModifiedRunAt: '0001-01-01T00:00:00Z',
    });
    expect(world.mirror.instances.desk_1!.lastError).not.toBe('');
  });
});

describe('resuming after API rate limit (§B.4 step 4, §F.19)', () => {
  const w = mirroredWorld(4);
  const stopped = pull(
    w,
    '2',
    result([errorEntry('API rate limit, retry in 60 s')], { outcome: 'error-entry' }),
    ['3', '4'],
  );

  it('stops at the incident, applies nothing and keeps it and the rest pending', () => {
    expect(stopped.stop).toBe(true);
    expect(stopped.world.mirror.instances.desk_1!.pendingPull).toEqual(['2', '3', '4']);
    expect(stopped.world.mirror.records['2']).toMatchObject({ rateLimited: true });
    expect(stopped.world.incidents['2']!.dbotMirrorLastSync).toBe('0001-01-01T00:00:00Z');
  });

  it('puts the pending incidents first in the next ids decision', () => {
    expect(modified(stopped.world, result([jsonEntry(['T-1', 'T-3'])])).decision).toEqual({
      kind: 'ids',
      incidentIds: ['2', '3', '4', '1'],
    });
  });

  it('keeps the pending list when nothing else was modified', () => {
    const { decision, world, note } = modified(stopped.world, result([]));
    expect(decision).toEqual({ kind: 'none' });
    expect(world.mirror.instances.desk_1!.pendingPull).toEqual(['2', '3', '4']);
    expect(note).toBe('nothing modified (3 owed from an earlier cycle)');
  });

  it('puts the pending incidents first when polling everything before 6.1', () => {
    const old = mirroredWorld(4, server('6.0.0'));
    const s = pull(old, '3', result([errorEntry('API rate limit')]), ['4']);
    expect(planAllRemoteData(s.world, 'desk_1')).toEqual(['3', '4', '1', '2']);
  });

  it('removes an incident from the pending list once it is pulled', () => {
    const { world, stop } = pull(stopped.world, '2', result([jsonEntry({})]));
    expect(stop).toBe(false);
    expect(world.mirror.instances.desk_1!.pendingPull).toEqual(['3', '4']);
    expect(world.mirror.records['2']).toMatchObject({ rateLimited: false, pulls: 1 });
  });
});

describe('planGetRemoteData', () => {
  it('sends the remote id and the incident creation time before the first pull, then dbotMirrorLastSync', () => {
    const w = mirroredWorld(1);
    expect(planGetRemoteData(w, '1', T0 + MIN)).toEqual({
      instance: 'desk_1',
      command: 'get-remote-data',
      args: { id: 'T-1', lastUpdate: '2026-01-01T10:00:00.000+0000' },
      trigger: 'mirror-in',
      incidentId: '1',
    });
    const synced = pull(w, '1', result([jsonEntry({})]), [], T0 + 3 * MIN).world;
    expect(planGetRemoteData(synced, '1', T0 + 4 * MIN).args.lastUpdate).toBe('2026-01-01T10:03:00.000+0000');
  });

  it('sends the incident\'s last modification under remoteDataLastUpdate "incident-modified" (§F.13)', () => {
    let w = mirroredWorld(1, server('6.10.0', { remoteDataLastUpdate: 'incident-modified' }));
    w = pull(w, '1', result([jsonEntry({})]), [], T0 + 3 * MIN).world;
    w = userUpdateIncident(w, '1', { details: 'local edit' }, 'admin', T0 + 5 * MIN);
    expect(planGetRemoteData(w, '1', T0 + 6 * MIN).args.lastUpdate).toBe('2026-01-01T10:05:00.000+0000');
  });

  it('rejects an unknown incident', () => {
    expect(() => planGetRemoteData(baseWorld(), '9', T0)).toThrow(/failed to find incident "9"/);
  });
});

describe('applyGetRemoteData (§B.4 steps 4–6)', () => {
  const w = userUpdateIncident(
    mirroredWorld(2),
    '1',
    { CustomFields: { helpdeskstate: 'new' } },
    'admin',
    T0,
  );
  const clean = userCreateIncident(
    mirroredWorld(0),
    {
      name: 'Ticket 1',
      dbotMirrorId: 'T-1',
      dbotMirrorDirection: 'In',
      dbotMirrorInstance: 'desk_1',
      CustomFields: { helpdeskstate: 'new' },
    },
    T0,
  ).world;

  it('applies known fields, CustomFields and existing custom keys, never dbotMirror* fields', () => {
    const obj = {
      name: 'Renamed',
      severity: 4,
      helpdeskstate: 'open',
      CustomFields: { assignee: 'bob' },
      dbotMirrorId: 'HACK',
      dbotMirrorDirection: 'Out',
      unknownkey: 1,
    };
    const { world, note } = pull(clean, '1', result([jsonEntry(obj)]));
    const inc = world.incidents['1']!;
    expect(inc).toMatchObject({
      name: 'Renamed',
      severity: 4,
      dbotMirrorId: 'T-1',
      dbotMirrorDirection: 'In',
      CustomFields: { helpdeskstate: 'open', assignee: 'bob' },
      modified: toIso(T0 + MIN),
      dbotMirrorLastSync: toIso(T0 + MIN),
    });
    expect(inc.CustomFields).not.toHaveProperty('unknownkey');
    expect(note).toBe('fields name, severity, helpdeskstate, assignee');
  });

  it('maps the mirrored object through the incoming mapper when the instance has one', () => {
    const inst = instance('desk_1', {
      mapping: {
        incoming: fromSimpleRules(
          { severity: 'priority', helpdeskstate: 'status.name', dbotMirrorId: 'id' },
          'mapping-incoming',
        ),
      },
    });
    const mw = mirroredWorld(1, server(), 'In', inst);
    const { world } = pull(
      mw,
      '1',
      result([jsonEntry({ id: 'OTHER', priority: 3, status: { name: 'pending' }, name: 'not mapped' })]),
    );
    expect(world.incidents['1']).toMatchObject({
      name: 'Ticket 1',
      severity: 3,
      dbotMirrorId: 'T-1',
      CustomFields: { helpdeskstate: 'pending' },
    });
  });

  it('changes no field for an empty mirrored object but still stamps dbotMirrorLastSync', () => {
    const { world, note } = pull(clean, '1', result([jsonEntry({})]));
    expect(world.incidents['1']).toMatchObject({
      modified: toIso(T0),
      dbotMirrorLastSync: toIso(T0 + MIN),
      version: 1,
    });
    expect(note).toBe('no field changes');
  });

  it('notes the "None" text of an empty GetRemoteDataResponse and changes nothing', () => {
    const { world, note } = pull(clean, '1', result([textEntry('None')]));
    expect(world.incidents['1']!.CustomFields).toEqual({ helpdeskstate: 'new' });
    expect(world.mirror.records['1']!.lastError).toMatch(/not a JSON object \(None\)/);
    expect(note).toMatch(/first result is not a JSON object/);
  });

  it('notes a non-JSON first element such as "Ticket … was not found." and still adds the later entries', () => {
    const { world } = pull(
      clean,
      '1',
      result([textEntry('Ticket T-1 was not found.'), comment('late comment')]),
    );
    expect(world.mirror.records['1']!.lastError).toMatch(/Ticket T-1 was not found/);
    expect(world.entries['1']!.map((e) => e.Contents)).toEqual(['late comment']);
  });

  it('adds elements 1..n as War Room entries with their keys and ignores trailing metrics', () => {
    const file: WireEntry = {
      Type: 3,
      Contents: '',
      ContentsFormat: 'text',
      File: 'a.txt',
      FileID: 'uuid-1',
    };
    const { world } = pull(clean, '1', result([jsonEntry({}), comment('hi'), file, metricsEntry]));
    expect(world.entries['1']).toEqual([
      {
        id: '1@1',
        incidentId: '1',
        Type: 1,
        Contents: 'hi',
        ContentsFormat: 'markdown',
        Tags: ['CommentFromHelpdesk'],
        Note: true,
        EntryContext: { comments: 'hi' },
        user: '',
        created: toIso(T0 + MIN),
        source: 'mirror-in',
        instance: 'desk_1',
      },
      {
        id: '2@1',
        incidentId: '1',
        Type: 3,
        Contents: '',
        ContentsFormat: 'text',
        Tags: [],
        Note: false,
        File: 'a.txt',
        FileID: 'uuid-1',
        user: '',
        created: toIso(T0 + MIN),
        source: 'mirror-in',
        instance: 'desk_1',
      },
    ]);
    expect(world.nextEntryId).toBe(3);
  });

  it('closes the incident on a dbotIncidentClose entry without dirtying fields or queueing mirror-out when mirroredLifecycleOut is off', () => {
    const quiet = mirroredWorld(2, server('6.10.0', { mirroredLifecycleOut: false }));
    const { world, note } = pull(quiet, '1', result([jsonEntry({}), closeEntry()]));
    expect(world.incidents['1']).toMatchObject({
      status: 2,
      closed: toIso(T0 + MIN),
      closeReason: 'resolved',
      closeNotes: 'fixed remotely',
      dbotDirtyFields: null,
      dbotCurrentDirtyFields: null,
    });
    expect(world.mirror.outgoing).toEqual({});
    expect(world.mirror.records['1']!.closed).toBe(true);
    expect(world.entries['1']).toEqual([]);
    expect(note).toBe('no field changes; closed');
  });

  it('sends a close applied by mirror-in back out with update-remote-system by default (§F.16)', () => {
    const both = mirroredWorld(1);
    expect(pull(clean, '1', result([jsonEntry({}), closeEntry()])).world.mirror.outgoing).toEqual({}); // direction In never pushes
    const { world } = pull(both, '1', result([jsonEntry({}), closeEntry()]));
    expect(world.incidents['1']).toMatchObject({
      status: 2,
      dbotDirtyFields: null,
      dbotCurrentDirtyFields: ['closeReason', 'closeNotes'],
    });
    expect(world.mirror.outgoing['1']).toMatchObject({ incidentChanged: true, entryIds: [] });
    const reopened = pull(world, '1', result([jsonEntry({}), reopenEntry()]), [], T0 + 2 * MIN).world;
    expect(reopened.mirror.outgoing['1']).toMatchObject({ incidentChanged: true });
  });

  it('reopens a closed incident on a dbotIncidentReopen entry', () => {
    const closed = pull(clean, '1', result([jsonEntry({}), closeEntry()])).world;
    const { world } = pull(closed, '1', result([jsonEntry({}), reopenEntry()]), [], T0 + 2 * MIN);
    expect(world.incidents['1']).toMatchObject({ status: 1, closed: '0001-01-01T00:00:00Z' });
    expect(world.mirror.records['1']!.closed).toBe(false);
  });

  it('keeps dirty fields against remote changes', () => {
    const { world, note } = pull(
      w,
      '1',
      result([jsonEntry({ helpdeskstate: 'closed', name: 'Remote name' })]),
    );
    expect(world.incidents['1']).toMatchObject({
      name: 'Remote name',
      CustomFields: { helpdeskstate: 'new' },
    });
    expect(note).toBe('fields name; dirty kept: helpdeskstate');
  });

  it.each([
    ['mirror', { fields: true, entries: 1 }],
    ['fields-only', { fields: true, entries: 0 }],
  ] as const)('on a closed incident under closedIncidents "%s" applies %j', (policy, expected) => {
    const cw = userCloseIncident(
      userCreateIncident(
        baseWorld(server('6.10.0', { closedIncidents: policy })),
        { name: 'c', dbotMirrorId: 'T-1', dbotMirrorDirection: 'In', dbotMirrorInstance: 'desk_1' },
        T0,
      ).world,
      '1',
      {},
      T0,
    );
    const { world } = pull(cw, '1', result([jsonEntry({ severity: 3 }), comment('x'), reopenEntry()]));
    expect(world.incidents['1']!.severity === 3).toBe(expected.fields);
    expect(world.entries['1']).toHaveLength(expected.entries);
    expect(world.incidents['1']!.status).toBe(policy === 'mirror' ? 1 : 2);
  });

  it('applies only fields to a pending incident', () => {
    const pw = userCreateIncident(
      baseWorld(),
      { name: 'p', status: 0, dbotMirrorId: 'T-1', dbotMirrorDirection: 'In', dbotMirrorInstance: 'desk_1' },
      T0,
    ).world;
    const { world, note } = pull(pw, '1', result([jsonEntry({ severity: 2 }), comment('x'), closeEntry()]));
    expect(world.incidents['1']).toMatchObject({ status: 0, severity: 2 });
    expect(world.entries['1']).toEqual([]);
    expect(note).toMatch(/entries ignored \(pending incident\)/);
  });

  it('records and counts any other error, skips the incident and goes on', () => {
    const { world, stop } = pull(
      clean,
      '1',
      result([errorEntry('500 from vendor')], { outcome: 'error-entry' }),
    );
    expect(stop).toBe(false);
    expect(world.mirror.records['1']).toMatchObject({ lastError: '500 from vendor', pulls: 0 });
    expect(world.mirror.instances.desk_1).toMatchObject({ failures: 1, getRemoteDataCalls: 1 });
    expect(world.incidents['1']!.dbotMirrorLastSync).toBe('0001-01-01T00:00:00Z');
  });

  it('records a timeout like any other failure', () => {
    const { world } = pull(clean, '1', failure('timeout', 'timed out after 5000 ms'));
    expect(world.mirror.records['1']!.lastError).toBe('timed out after 5000 ms');
  });
});
