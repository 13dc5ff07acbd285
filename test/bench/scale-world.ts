/**
 * A benchmark world of N mirrored incidents: the helpdesk fake over real HTTP (N seeded tickets),
 * the TypeScript reference integration, a harness on the virtual clock with one-minute mirror
 * cycles, and a store that counts its writes and the bytes and time they cost. Built so that the
 * first measured cycle finds nothing modified: the tickets are stamped a minute before the fetch
 * that creates their incidents, so get-modified-remote-data's first window starts after them.
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHarness, type Harness, type SavedState } from '../../harness/index.ts';
import { createLowdbStore } from '../../harness/store/index.ts';
import { listen } from '../../mocks/shared/index.ts';
import { createHelpdesk, type Helpdesk } from '../../mocks/ticketing/helpdesk/index.ts';
import { helpdeskInstance } from './helpdesk-instance.ts';

/** The reference integration's max_fetch ceiling: a bigger world takes several fetch runs. */
const MAX_FETCH = 1000;
const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;

export interface WriteCounter {
  writes: number;
  /** Size of the state file after the last write. */
  bytes: number;
  /** Wall time inside the store's write (serialisation + atomic file write). */
  ms: number;
}

export interface ScaleWorld {
  harness: Harness;
  desk: Helpdesk;
  ticketIds: string[];
  store: WriteCounter;
  /**
   * `cycles` one-minute mirror cycles in one `advance`, `changed` tickets changed on the remote
   * side (severity) before each, a different slice every time: wall time per cycle, get-remote-data
   * per cycle (must equal `changed`) and store writes per cycle. `between` runs after every cycle.
   */
  run(
    cycles: number,
    changed: number,
    between?: (cycle: number) => void,
  ): Promise<{
    msPerCycle: number;
    /** The part of msPerCycle spent inside store writes (one per advance, spread over its cycles). */
    storeMsPerCycle: number;
    pulledPerCycle: number;
    writesPerCycle: number;
    failed: string[];
  }>;
  close(): Promise<void>;
}

export async function createScaleWorld(
  total: number,
  options: { journalLimit?: number } = {},
): Promise<ScaleWorld> {
  const start = Math.floor(Date.now() / 60_000) * 60_000;
  let h: Harness | undefined;
  // The helpdesk's request journal is bounded like the harness's (journalLimit): it grows by design up
  // to its capacity, and the heap figure is about everything else.
  const desk = await createHelpdesk({
    clock: { now: () => h?.now() ?? start },
    tickets: total,
    seed: 7,
    ...(options.journalLimit !== undefined ? { journalCapacity: options.journalLimit } : {}),
  });
  const server = await listen(desk.app());
  const dir = await mkdtemp(join(tmpdir(), 'mirrorlab-scale-'));
  const file = join(dir, 'state.json');
  const lowdb = createLowdbStore<SavedState>(file);
  const counter: WriteCounter = { writes: 0, bytes: 0, ms: 0 };
  const store = {
    read: () => lowdb.read(),
    async write(state: SavedState) {
      const started = performance.now();
      await lowdb.write(state);
      counter.ms += performance.now() - started;
      counter.bytes = (await stat(file)).size;
      counter.writes += 1;
    },
  };
  try {
    h = await createHarness({
      start,
      server: { config: { 'sync.mirror.job.delay': 1 } },
      store,
      ...(options.journalLimit !== undefined ? { journalLimit: options.journalLimit } : {}),
      instances: {
        desk: helpdeskInstance(server.url, desk.apiKey, Math.min(total, MAX_FETCH)),
      },
    });
  } catch (e) {
    await server.close();
    throw e;
  }
  const harness = h;
  await harness.advance('1m');
  for (let run = 0; run < Math.ceil(total / MAX_FETCH); run++) await harness.fetch('desk');
  if (harness.incidents.list().length !== total)
    throw new Error(
      `bench: failed to build the world: ${harness.incidents.list().length} of ${total} incidents fetched`,
    );
  await harness.advance('1m');
  const ticketIds = desk.tickets.list().map((t) => t.id);
  let next = 0;
  // Always a real change: the next severity after the ticket's own (an equal value is no update).
  const change = (count: number) => {
    for (let k = 0; k < count; k++) {
      const id = ticketIds[next++ % ticketIds.length]!;
      const current = SEVERITIES.indexOf(desk.tickets.get(id)!.severity as (typeof SEVERITIES)[number]);
      desk.tickets.update(id, { severity: SEVERITIES[(current + 1) % SEVERITIES.length]! });
    }
  };
  return {
    harness,
    desk,
    ticketIds,
    store: counter,
    async run(cycles, changed, between) {
      const writes = counter.writes;
      const writeMs = counter.ms;
      let done = 0;
      let pulled = 0;
      const failed: string[] = [];
      // Counted from the live events: the journal keeps only the newest records (journalLimit).
      const off = harness.on((event) => {
        if (event.type === 'journal') {
          const { record } = event;
          if (record.command === 'get-remote-data') pulled += 1;
          if (record.outcome !== 'ok')
            failed.push(`${record.command}: ${record.outcome} ${record.error ?? ''}`.trim());
          return;
        }
        if (event.type !== 'job' || event.job !== 'mirror' || event.phase !== 'end') return;
        done += 1;
        between?.(done);
        // The remote changes right after each cycle ends, inside the same advance: no pause between cycles.
        if (done < cycles) change(changed);
      });
      change(changed);
      const started = performance.now();
      try {
        await harness.advance(`${cycles}m`);
      } finally {
        off();
      }
      const ms = performance.now() - started;
      if (done !== cycles)
        throw new Error(`bench: ${done} mirror cycles ran in ${cycles} minutes, not ${cycles}`);
      return {
        msPerCycle: ms / cycles,
        storeMsPerCycle: (counter.ms - writeMs) / cycles,
        pulledPerCycle: pulled / cycles,
        writesPerCycle: (counter.writes - writes) / cycles,
        failed,
      };
    },
    async close() {
      await harness.close();
      await server.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
