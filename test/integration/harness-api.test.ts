/**
 * The programmatic API end to end with an in-process TypeScript integration: fetch on its interval,
 * the mirror job on the virtual clock, mirror-in, mirror-out, dirty fields, rate limits, and the real
 * clock scheduler. The remote is an in-memory desk so every assertion is about the engine.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createHarness } from '../../harness/index.ts';
import type { Harness, HarnessOptions } from '../../harness/index.ts';
import { createMemoryDesk, memoryDeskIntegration } from '../support/memory-desk.ts';
import type { MemoryDesk, MemoryDeskOptions } from '../support/memory-desk.ts';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

async function setup(
  options: {
    desk?: MemoryDeskOptions;
    server?: HarnessOptions['server'];
    tickets?: number;
    fetch?: boolean;
  } = {},
) {
  let clockNow = () => Date.parse('2026-01-01T00:00:00Z');
  const desk: MemoryDesk = createMemoryDesk(() => clockNow());
  for (let i = 1; i <= (options.tickets ?? 2); i++) desk.create(`Ticket ${i}`);
  harness = await createHarness({
    start: '2026-01-01T00:00:00Z',
    server: options.server ?? {},
    instances: {
      desk_1: {
        integration: memoryDeskIntegration(desk, options.desk),
        fetch: { enabled: options.fetch ?? true, interval: 1 },
      },
    },
  });
  clockNow = () => harness!.now();
  return { h: harness, desk };
}

const commands = (h: Harness) => h.journal().map((r) => r.command);

describe('createHarness', () => {
  it('fetches on the instance interval and creates incidents with their mirror fields', async () => {
    const { h } = await setup({ server: { config: { 'sync.mirror.job.enable': false } } });
    await h.advance('59s');
    expect(h.incidents.list()).toHaveLength(0);
    await h.advance('1s');
    const incidents = h.incidents.list();
    expect(
      incidents.map((i) => [i.name, i.dbotMirrorId, i.dbotMirrorDirection, i.dbotMirrorInstance]),
    ).toEqual([
      ['Ticket 1', 'T-1', 'Both', 'desk_1'],
      ['Ticket 2', 'T-2', 'Both', 'desk_1'],
    ]);
    await h.advance('2m');
    expect(h.incidents.list()).toHaveLength(2);
    expect(commands(h)).toEqual(['fetch-incidents', 'fetch-incidents', 'fetch-incidents']);
    expect(h.world().instances.desk_1?.state.lastRun).toEqual({ seen: ['T-1', 'T-2'] });
  });

  it('runs get-modified-remote-data, then get-remote-data only for the changed incidents', async () => {
    const { h, desk } = await setup({ fetch: false });
    await h.fetch('desk_1');
    await h.advance('1m');
    const before = h.journal().length;
    desk.update('T-2', { title: 'Renamed remotely' });
    await h.advance('1m');
    const cycle = h.journal().slice(before);
    expect(cycle.map((r) => [r.command, r.args.id ?? null])).toEqual([
      ['get-modified-remote-data', null],
      ['get-remote-data', 'T-2'],
    ]);
    expect(h.incidents.get('2')?.name).toBe('Renamed remotely');
    expect(h.incidents.get('2')?.dbotMirrorLastSync).toBe('2026-01-01T00:02:00.000Z');
  });

  it('keeps a locally edited (dirty) field when the remote changes it', async () => {
    const { h, desk } = await setup({ fetch: false, server: { version: '6.1.0' } });
    await h.fetch('desk_1');
    await h.incidents.update('1', { name: 'Edited in XSOAR' });
    expect(h.incidents.get('1')?.dbotDirtyFields).toEqual(['name']);
    await h.advance('1m');
    expect(desk.tickets.get('T-1')?.title).toBe('Edited in XSOAR');
    desk.update('T-1', { title: 'Edited remotely' });
    await h.advance('1m');
    expect(h.incidents.get('1')?.name).toBe('Edited in XSOAR');
  });

  it('sends a tagged note and a close out with update-remote-system, then clears the pending delta', async () => {
    const { h, desk } = await setup({ fetch: false });
    await h.fetch('desk_1');
    await h.incidents.addEntry('1', { contents: 'please check', tags: ['comment'] });
    await h.incidents.close('1', { closeReason: 'Resolved', closeNotes: 'done' });
    await h.mirror();
    const push = h.journal().find((r) => r.command === 'update-remote-system');
    expect(push?.args).toMatchObject({
      remoteId: 'T-1',
      status: 2,
      incidentChanged: true,
      delta: { closeReason: 'Resolved' },
    });
    expect((push?.args.entries as { contents: string; tags: string[] }[])[0]).toMatchObject({
      contents: 'please check',
      tags: ['comment'],
    });
    expect(desk.tickets.get('T-1')).toMatchObject({ status: 'closed', closeReason: 'Resolved' });
    expect(desk.tickets.get('T-1')?.comments.map((c) => c.body)).toEqual([
      'please check (Mirrored from Cortex XSOAR)',
    ]);
    expect(h.incidents.get('1')?.dbotCurrentDirtyFields ?? []).toEqual([]);
  });

  it('never changes a world it handed out, though a cycle edits its own maps in place', async () => {
    const { h, desk } = await setup({ fetch: false, tickets: 4 });
    await h.fetch('desk_1');
    await h.advance('1m');
    for (const id of ['T-1', 'T-2', 'T-3', 'T-4']) desk.update(id, { title: `Renamed ${id}` });
    // Taken between two pulls of one cycle, as a dashboard reacting to the change event would.
    const taken: { world: ReturnType<Harness['world']>; names: string[]; syncs: string[] }[] = [];
    const off = h.on((event) => {
      if (event.type !== 'change' || event.incidentId === undefined) return;
      const world = h.world();
      const incidents = Object.values(world.incidents);
      taken.push({
        world,
        names: incidents.map((i) => i.name),
        syncs: Object.values(world.mirror.records).map((r) => r.lastPullAt),
      });
    });
    await h.advance('1m');
    off();
    expect(taken).toHaveLength(4);
    expect(taken.map((t) => t.names.filter((n) => n.startsWith('Renamed')).length)).toEqual([1, 2, 3, 4]);
    for (const { world, names, syncs } of taken) {
      expect(Object.values(world.incidents).map((i) => i.name)).toEqual(names);
      expect(Object.values(world.mirror.records).map((r) => r.lastPullAt)).toEqual(syncs);
    }
    expect(h.incidents.list().map((i) => i.name)).toEqual([
      'Renamed T-1',
      'Renamed T-2',
      'Renamed T-3',
      'Renamed T-4',
    ]);
  });

  it('stops the cycle on "API rate limit" and resumes at the incident that was stopped', async () => {
    const { h, desk } = await setup({ fetch: false, tickets: 4, desk: { withoutGetModified: true } });
    await h.fetch('desk_1');
    desk.budget = 2;
    await h.mirror();
    const firstPulls = h
      .journal()
      .filter((r) => r.command === 'get-remote-data')
      .map((r) => [r.args.id, r.outcome]);
    expect(firstPulls).toEqual([
      ['T-1', 'ok'],
      ['T-2', 'ok'],
      ['T-3', 'error-entry'],
    ]);
    desk.budget = undefined;
    const mark = h.journal().length;
    await h.mirror();
    const next = h
      .journal()
      .slice(mark)
      .filter((r) => r.command === 'get-remote-data')
      .map((r) => r.args.id);
    expect(next.slice(0, 2)).toEqual(['T-3', 'T-4']);
  });

  it('falls back to polling every mirrored incident when get-modified-remote-data is not implemented', async () => {
    const { h } = await setup({ fetch: false, tickets: 3, desk: { withoutGetModified: true } });
    await h.fetch('desk_1');
    await h.mirror();
    expect(commands(h).slice(1)).toEqual([
      'get-modified-remote-data',
      'get-remote-data',
      'get-remote-data',
      'get-remote-data',
    ]);
    expect(h.journal()[1]?.outcome).toBe('exception');
  });

  it('runs no get-modified-remote-data step before 6.1', async () => {
    const { h } = await setup({ fetch: false, server: { version: '6.0.2' } });
    await h.fetch('desk_1');
    await h.mirror();
    expect(commands(h).slice(1)).toEqual(['get-remote-data', 'get-remote-data']);
  });

  it('answers server commands such as getMirrorStatistics', async () => {
    const { h } = await setup({ fetch: false });
    await h.fetch('desk_1');
    await h.mirror();
    const [entry] = await h.serverCommand('getMirrorStatistics');
    expect(entry?.Type).toBe(1);
    expect(JSON.stringify(entry?.Contents)).toMatch(/desk_1/);
  });

  it('runs a War Room command without touching the stored lastRun', async () => {
    const { h } = await setup({ fetch: false });
    await h.fetch('desk_1');
    const stored = h.world().instances.desk_1?.state.lastRun;
    const result = await h.runCommand('desk_1', 'fetch-incidents');
    expect(result.outcome).toBe('ok');
    expect(h.world().instances.desk_1?.state.lastRun).toEqual(stored);
    expect(h.incidents.list()).toHaveLength(2);
  });

  it('rejects an unknown instance with a clear error', async () => {
    const { h } = await setup();
    await expect(h.fetch('nope')).rejects.toThrow(/failed to find instance "nope".*Known instances: desk_1/);
  });

  it('runs jobs on the real clock with second-level delayAdvanced', async () => {
    let clockNow = () => Date.now();
    const desk = createMemoryDesk(() => clockNow());
    desk.create('Live ticket');
    harness = await createHarness({
      clock: 'real',
      server: { config: { 'sync.mirror.job.delayAdvanced': 0.2 } },
      instances: { desk_1: { integration: memoryDeskIntegration(desk), fetch: { enabled: false } } },
    });
    clockNow = () => harness!.now();
    await harness.fetch('desk_1');
    harness.start();
    desk.update('T-1', { title: 'Changed live' });
    const deadline = Date.now() + 3_000;
    while (harness.incidents.get('1')?.name !== 'Changed live' && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    expect(harness.incidents.get('1')?.name).toBe('Changed live');
  });
});
