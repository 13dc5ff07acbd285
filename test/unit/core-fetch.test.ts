import { describe, expect, it } from 'vitest';
import {
  fromSimpleRules,
  addInstance,
  applyFetch,
  applyStateWrites,
  defaultInstanceState,
  HarnessError,
  planFetch,
  planGetRemoteData,
  toIso,
  toJournalRecord,
  toRunRequest,
} from '../../harness/core/index.ts';
import type { RunResult, World } from '../../harness/core/index.ts';
import {
  T0,
  MIN,
  server,
  instance,
  baseWorld,
  result,
  failure,
  jsonEntry,
  mirroredWorld,
} from '../support/core-fixtures.ts';

describe('fetch job', () => {
  const run = (w: World, r: RunResult, now = T0) => applyFetch(w, planFetch(w, 'desk_1'), r, now);

  it('plans fetch-incidents with empty args and rejects an unknown instance', () => {
    const w = baseWorld();
    expect(planFetch(w, 'desk_1')).toEqual({
      instance: 'desk_1',
      command: 'fetch-incidents',
      args: {},
      trigger: 'fetch',
    });
    expect(() => planFetch(w, 'nope')).toThrow(HarnessError);
    expect(() => planFetch(w, 'nope')).toThrow(/failed to find instance "nope".*Known instances: desk_1/);
  });

  it('creates one active incident per fetched item with ids 1, 2, … and the instance stamps', () => {
    const items = [
      {
        name: 'A',
        rawJSON: '{"id":"T-1"}',
        severity: 3,
        occurred: '2025-12-31T08:00:00+02:00',
        dbotMirrorId: 'T-1',
        dbotMirrorDirection: 'Both',
        dbotMirrorInstance: 'desk_1',
        dbotMirrorTags: ['comment'],
        CustomFields: { HelpdeskState: 'open' },
        labels: [{ type: 'k', value: 'v' }],
      },
      { name: 'B', type: 'Phishing' },
    ];
    const { world, record, note } = run(baseWorld(), result([jsonEntry(items)]));
    const a = world.incidents['1']!;
    const b = world.incidents['2']!;
    expect(a).toMatchObject({
      name: 'A',
      status: 1,
      severity: 3,
      occurred: '2025-12-31T06:00:00.000Z',
      created: toIso(T0),
      modified: toIso(T0),
      type: 'Ticket',
      sourceBrand: 'Helpdesk',
      sourceInstance: 'desk_1',
      rawJSON: '{"id":"T-1"}',
      dbotMirrorId: 'T-1',
      dbotMirrorDirection: 'Both',
      dbotMirrorInstance: 'desk_1',
      dbotMirrorTags: ['comment'],
      dbotMirrorLastSync: '0001-01-01T00:00:00Z',
      dbotDirtyFields: null,
      dbotCurrentDirtyFields: null,
      closed: '0001-01-01T00:00:00Z',
      CustomFields: { helpdeskstate: 'open' },
      labels: [{ type: 'k', value: 'v' }],
    });
    expect(b).toMatchObject({
      name: 'B',
      type: 'Phishing',
      occurred: toIso(T0),
      labels: [],
      dbotMirrorDirection: '',
    });
    expect(world.nextIncidentId).toBe(3);
    expect(world.mirror.records['1']).toMatchObject({
      instance: 'desk_1',
      remoteId: 'T-1',
      direction: 'Both',
      closed: false,
    });
    expect(world.mirror.records['2']).toBeUndefined();
    expect(record).toMatchObject({
      outcome: 'ok',
      pulled: 2,
      dropped: 0,
      message: '2 pulled',
      sourceIds: ['T-1'],
      createdIncidentIds: ['1', '2'],
    });
    expect(note).toBe('2 incidents created');
  });

  it('appends the lists of several demisto.incidents calls in one run', () => {
    const { world } = run(
      baseWorld(),
      result([jsonEntry([{ name: 'A' }]), jsonEntry([{ name: 'B' }, { name: 'C' }])]),
    );
    expect(Object.values(world.incidents).map((i) => i.name)).toEqual(['A', 'B', 'C']);
  });

  it('records "Completed" for an empty list', () => {
    const { world, record } = run(baseWorld(), result([jsonEntry([])]));
    expect(record.message).toBe('Completed');
    expect(Object.keys(world.incidents)).toEqual([]);
  });

  it.each([
    ['not an object', 'just a string', /must be an object/],
    ['a missing name', { rawJSON: '{}' }, /name must be a non-empty string/],
    ['an empty name', { name: '  ' }, /name must be a non-empty string/],
    ['a non-string rawJSON', { name: 'x', rawJSON: { a: 1 } }, /rawJSON must be a JSON string/],
    ['a non-ISO occurred', { name: 'x', occurred: 'yesterday' }, /occurred must be an ISO-8601 time/],
    ['a string severity', { name: 'x', severity: 'high' }, /severity must be a number/],
    ['bad labels', { name: 'x', labels: ['a'] }, /labels must be a list/],
    [
      'a bad mirror direction',
      { name: 'x', dbotMirrorDirection: 'Incoming' },
      /dbotMirrorDirection must be In, Out, Both/,
    ],
    [
      'non-string mirror tags',
      { name: 'x', dbotMirrorTags: [1] },
      /dbotMirrorTags must be a list of strings/,
    ],
    ['non-object CustomFields', { name: 'x', CustomFields: 'a' }, /CustomFields must be an object/],
  ])('does not create an item with %s and lists it as invalid', (_kind, bad, reason) => {
    const { world, record } = run(baseWorld(), result([jsonEntry([{ name: 'good' }, bad])]));
    expect(Object.values(world.incidents).map((i) => i.name)).toEqual(['good']);
    expect(world.nextIncidentId).toBe(2);
    expect(record.invalid).toHaveLength(1);
    expect(record.invalid[0]!.index).toBe(1);
    expect(record.invalid[0]!.reason).toMatch(reason);
    expect(record).toMatchObject({ pulled: 1, dropped: 1, message: '1 pulled, 1 dropped' });
  });

  it('accepts an item without rawJSON', () => {
    const { world, record } = run(baseWorld(), result([jsonEntry([{ name: 'no raw' }])]));
    expect(record.invalid).toEqual([]);
    expect(world.incidents['1']!.rawJSON).toBe('');
  });

  it('flags duplicate dbotMirrorIds against existing incidents and within the batch but creates them all', () => {
    const first = run(baseWorld(), result([jsonEntry([{ name: 'A', dbotMirrorId: 'T-1' }])])).world;
    const { world, record } = run(
      first,
      result([
        jsonEntry([
          { name: 'A again', dbotMirrorId: 'T-1' },
          { name: 'B', dbotMirrorId: 'T-2' },
          { name: 'B again', dbotMirrorId: 'T-2' },
        ]),
      ]),
    );
    expect(Object.keys(world.incidents)).toEqual(['1', '2', '3', '4']);
    expect(record.duplicates).toEqual([
      { dbotMirrorId: 'T-1', incidentId: '2', firstIncidentId: '1' },
      { dbotMirrorId: 'T-2', incidentId: '4', firstIncidentId: '3' },
    ]);
  });

  it('maps fields from rawJSON through the incoming mapper, including mirror fields and constants', () => {
    const inst = instance('desk_1', {
      mapping: {
        incoming: fromSimpleRules(
          {
            dbotMirrorId: 'id',
            dbotMirrorDirection: ".='Both'",
            dbotMirrorInstance: ".='desk_1'",
            severity: 'prio',
            helpdeskstate: 'state.name',
          },
          'mapping-incoming',
        ),
      },
    });
    const raw = { id: 'T-9', prio: 2, state: { name: 'open' } };
    const { world } = run(
      baseWorld(server(), inst),
      result([jsonEntry([{ name: 'mapped', rawJSON: JSON.stringify(raw) }])]),
    );
    expect(world.incidents['1']).toMatchObject({
      dbotMirrorId: 'T-9',
      dbotMirrorDirection: 'Both',
      dbotMirrorInstance: 'desk_1',
      severity: 2,
      CustomFields: { helpdeskstate: 'open' },
    });
  });

  it('commits lastRun, lastMirrorRun and the integration context of a successful run', () => {
    const writes = {
      lastRun: { time: 'x' },
      lastMirrorRun: { cursor: 1 },
      integrationContext: { context: { a: 1 }, version: 1 },
    };
    const { world, record } = run(baseWorld(), result([jsonEntry([])], { writes }));
    expect(world.instances.desk_1!.state).toEqual(writes);
    expect(record.lastRun).toEqual({ time: 'x' });
  });

  it('keeps lastRun from a failed run under lastRunOnError "keep" and creates nothing', () => {
    const r = failure('exception', 'Exception: boom', [jsonEntry([{ name: 'lost' }])]);
    const { world, record, note } = run(baseWorld(server('6.10.0', { lastRunOnError: 'keep' })), {
      ...r,
      writes: { lastRun: { time: 'advanced' } },
    });
    expect(world.incidents).toEqual({});
    expect(world.instances.desk_1!.state.lastRun).toEqual({ time: 'advanced' });
    expect(record).toMatchObject({ outcome: 'exception', message: 'Exception: boom', pulled: 0 });
    expect(note).toMatch(/^fetch failed \(exception\): Exception: boom/);
  });

  it('discards every state write of a failed run under lastRunOnError "discard"', () => {
    const r = {
      ...failure('timeout', 'timed out after 5000 ms'),
      writes: { lastRun: { time: 'advanced' }, integrationContext: { context: { x: 1 }, version: 1 } },
    };
    const { world, record } = run(baseWorld(server('6.10.0', { lastRunOnError: 'discard' })), r);
    expect(world.instances.desk_1!.state).toEqual(defaultInstanceState());
    expect(record.lastRun).toEqual({});
  });

  it('caps fetch history at fetch.history.size and turns it off with fetch.history.enabled false', () => {
    let w = baseWorld(server('6.10.0', {}, { 'fetch.history.size': 2 }));
    for (let i = 0; i < 3; i++) w = run(w, result([jsonEntry([{ name: `n${i}` }])]), T0 + i * MIN).world;
    expect(w.fetchHistory.desk_1!.map((r) => r.at)).toEqual([toIso(T0 + MIN), toIso(T0 + 2 * MIN)]);
    const off = run(
      baseWorld(server('6.10.0', {}, { 'fetch.history.enabled': false })),
      result([jsonEntry([])]),
    );
    expect(off.world.fetchHistory.desk_1).toEqual([]);
    expect(off.record.message).toBe('Completed');
  });

  it('keeps the default history of 20 records', () => {
    let w = baseWorld();
    for (let i = 0; i < 25; i++) w = run(w, result([jsonEntry([])]), T0 + i * MIN).world;
    expect(w.fetchHistory.desk_1).toHaveLength(20);
  });
});

describe('toRunRequest', () => {
  it('adds the platform fetch params for an isfetch integration', () => {
    const w = baseWorld(
      server('6.10.0'),
      instance('desk_1', { fetch: { enabled: true, intervalMinutes: 5 } }),
    );
    const req = toRunRequest(w, planFetch(w, 'desk_1'));
    expect(req.params).toEqual({
      url: 'http://127.0.0.1:1',
      isFetch: true,
      incidentFetchInterval: '5',
      incidentType: 'Ticket',
    });
    expect(req).toMatchObject({
      instance: 'desk_1',
      brand: 'Helpdesk',
      command: 'fetch-incidents',
      version: { version: '6.10.0' },
      tz: 'UTC',
      timeoutMs: 5_000,
      isDebug: false,
      investigationId: 'desk_1-fetch-incidents',
    });
  });

  it('strips fetch params when the integration does not fetch', () => {
    const inst = instance('desk_1', {
      flags: { isfetch: false, ismappable: false, isremotesyncin: true, isremotesyncout: false },
      params: { isFetch: true, incidentType: 'x', url: 'u' },
    });
    const w = baseWorld(server(), inst);
    expect(
      toRunRequest(w, { instance: 'desk_1', command: 'test-module', args: {}, trigger: 'user' }).params,
    ).toEqual({ url: 'u' });
  });

  it('uses the incident as investigation for incident-scoped commands and reads debug-mode', () => {
    const w = mirroredWorld(1);
    const req = toRunRequest(w, {
      ...planGetRemoteData(w, '1', T0),
      args: { id: 'T-1', 'debug-mode': 'true' },
    });
    expect(req.investigationId).toBe('1');
    expect(req.isDebug).toBe(true);
  });
});

describe('applyStateWrites', () => {
  it('never commits lastRun outside the fetch flow', () => {
    const w = baseWorld();
    const next = applyStateWrites(
      w,
      'desk_1',
      result([], { writes: { lastRun: { a: 1 }, lastMirrorRun: { b: 2 } } }),
      { lastRun: false },
    );
    expect(next.instances.desk_1!.state.lastRun).toEqual({});
    expect(next.instances.desk_1!.state.lastMirrorRun).toEqual({ b: 2 });
  });

  it('returns the same world when nothing was written', () => {
    const w = baseWorld();
    expect(applyStateWrites(w, 'desk_1', result([]), { lastRun: true })).toBe(w);
  });
});

describe('createWorld / addInstance', () => {
  it('rejects a duplicate instance name and leaves the world as it was', () => {
    const w = baseWorld();
    expect(() => addInstance(w, instance())).toThrow(/an instance with that name exists/);
    expect(Object.keys(w.instances)).toEqual(['desk_1']);
  });

  it('starts instances with lastRun {}, lastMirrorRun {} and an empty versioned context', () => {
    expect(defaultInstanceState()).toEqual({
      lastRun: {},
      lastMirrorRun: {},
      integrationContext: { context: {}, version: 0 },
    });
    expect(baseWorld().mirror.instances.desk_1).toMatchObject({
      pendingPull: [],
      cycles: 0,
      lastModifiedRunAt: '0001-01-01T00:00:00Z',
    });
  });
});

describe('toJournalRecord', () => {
  it('records the plan, the outcome, the entries and the note', () => {
    const rec = toJournalRecord(
      7,
      {
        instance: 'desk_1',
        command: 'get-remote-data',
        args: { id: 'T-1' },
        trigger: 'mirror-in',
        incidentId: '1',
      },
      failure('exception', 'boom'),
      T0,
      'failed',
    );
    expect(rec).toEqual({
      seq: 7,
      at: toIso(T0),
      instance: 'desk_1',
      command: 'get-remote-data',
      args: { id: 'T-1' },
      outcome: 'exception',
      entries: [],
      error: 'boom',
      durationMs: 5,
      trigger: 'mirror-in',
      incidentId: '1',
      note: 'failed',
    });
  });
});
