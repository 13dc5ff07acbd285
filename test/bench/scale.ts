/**
 * Scale (issue 16 item 4): worlds of 1,000, 5,000 and 10,000 mirrored incidents behind the helpdesk
 * fake over real HTTP and the TypeScript reference integration, one-minute mirror cycles on the
 * virtual clock, 1% changed per cycle. Every figure stands beside its reference, linear
 * extrapolation from a figure of the same run:
 * - cycle time with the same 100 changed incidents at 1k, 5k, 10k, after as many unmeasured cycles:
 *   linear in *changed* means the 1k figure holds (a whole-world cost would grow 10×); the store's
 *   one write per advance is shown beside, not in the ratio (see timeFigure);
 * - cycle time with 1%, 2%, 5% changed at 10k: the 1% figure × changed ÷ 100;
 * - heap after GC every 10 virtual minutes over an hour of cycles: flat;
 * - store writes per cycle: coalesced, one per `advance` however many cycles it runs (the reference
 *   is one write per cycle, what a cycle per `advance` costs, measured here too).
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Figure, Figures } from './figures.ts';
import { createScaleWorld, type ScaleWorld } from './scale-world.ts';

const CHANGED = 100;
const CYCLES = 10;
/**
 * The journals are the things meant to grow (the harness's: every command, ~1.4 KB for a pull here,
 * up to journalLimit, 100,000 by default; the helpdesk's: every request, up to 50,000 by default):
 * both bounded low so the heap figure shows everything else.
 */
const JOURNAL_LIMIT = 1000;
/** Within this factor of the reference counts as linear (the machine is shared and loaded). */
const SLACK = 1.25;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function heapAfterGc(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

const ms = (value: number) => `${value.toFixed(0)} ms`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

interface CycleTime {
  /** Per cycle, the store's write excluded. */
  cycles: number;
  /** The advance's one store write, spread over its cycles. */
  store: number;
}

/**
 * A cycle-time figure: more is better, so the ratio is reference ÷ value. The ratio is of the cycles
 * themselves: the store is written once per advance whatever its number of cycles (coalesced, the
 * figure below), so how much of that write falls on a cycle is the bench's choice of advance, not
 * the cycle's cost. It is shown beside.
 */
function timeFigure(value: CycleTime, reference: number, note: string): Figure {
  const ratio = reference / value.cycles;
  return {
    value: `${ms(value.cycles)} per cycle, and ${ms(value.store)} for the advance's one store write ÷ ${CYCLES} cycles (${note})`,
    reference: `${ms(reference)} (linear extrapolation)`,
    ratio,
    goal: `within ${SLACK}× of the reference`,
    met: ratio >= 1 / SLACK,
  };
}

async function cycleTime(world: ScaleWorld, changed: number): Promise<CycleTime> {
  const run = await world.run(CYCLES, changed);
  if (run.pulledPerCycle !== changed || run.failed.length > 0)
    throw new Error(
      `bench: ${run.pulledPerCycle} pulls per cycle, ${changed} tickets changed; ${run.failed.length} failed commands: ${run.failed.slice(0, 3).join('; ')}`,
    );
  return { cycles: run.msPerCycle - run.storeMsPerCycle, store: run.storeMsPerCycle };
}

async function hourOfCycles(world: ScaleWorld): Promise<{ figures: Figures }> {
  const samples = [heapAfterGc()];
  const journalBefore = world.harness.journal().at(-1)?.seq ?? 0;
  const requestsBefore = world.desk.journal().at(-1)?.seq ?? 0;
  // The heap is sampled between cycles, every 10 virtual minutes, inside the one-hour advance.
  const run = await world.run(60, CHANGED, (cycle) => {
    if (cycle % 10 === 0) samples.push(heapAfterGc());
  });
  const journalAdded = (world.harness.journal().at(-1)?.seq ?? 0) - journalBefore;
  const requestsAdded = (world.desk.journal().at(-1)?.seq ?? 0) - requestsBefore;
  const first = samples[1] ?? samples[0]!;
  const last = samples.at(-1)!;
  const growth = (last - first) / first;
  return {
    figures: {
      'heap after GC at 0, 10, …, 60 virtual minutes': samples.map(mb).join(' · '),
      'heap growth from minute 10 to 60': {
        value: `${(growth * 100).toFixed(1)}% (${mb(last - first)}; ${journalAdded} commands run and ${requestsAdded} helpdesk requests answered; both journals keep the last ${JOURNAL_LIMIT.toLocaleString('en')})`,
        reference: `${mb(first)} at minute 10`,
        goal: 'flat: < 5% over the hour',
        met: growth < 0.05,
      },
      'store writes per cycle, an hour in one advance': {
        value: `${run.writesPerCycle.toFixed(3)} (${Math.round(run.writesPerCycle * 60)} writes for 60 cycles; ${ms(run.msPerCycle)} per cycle)`,
        reference: '1 write per cycle',
        ratio: 1 / Math.max(run.writesPerCycle, 1e-9),
        goal: 'coalesced: one write per advance',
        met: Math.round(run.writesPerCycle * 60) <= 1,
      },
    },
  };
}

/** Rounds over the three sizes, interleaved so a drift in the machine's speed weighs on each alike. */
const ROUNDS = 3;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

export async function benchScale(): Promise<Figures> {
  const figures: Figures = {};
  const sizes = [1000, 5000, 10_000];
  const worlds = new Map<number, { world: ScaleWorld; built: number }>();
  try {
    for (const total of sizes) {
      const started = performance.now();
      const world = await createScaleWorld(total, { journalLimit: JOURNAL_LIMIT });
      worlds.set(total, { world, built: performance.now() - started });
      // Unmeasured: the first cycles after building a big world pay for the build's garbage (a
      // 10k world leaves ~100 MB of it), which is no cycle's cost. Every size gets the same.
      await cycleTime(world, CHANGED);
    }
    const samples = new Map<number, CycleTime[]>(sizes.map((total) => [total, []]));
    for (let round = 0; round < ROUNDS; round++)
      for (const total of sizes) samples.get(total)!.push(await cycleTime(worlds.get(total)!.world, CHANGED));
    const perSize = new Map<number, CycleTime>(
      sizes.map((total) => {
        const runs = samples.get(total)!;
        return [
          total,
          { cycles: median(runs.map((r) => r.cycles)), store: median(runs.map((r) => r.store)) },
        ];
      }),
    );
    const reference = perSize.get(1000)!;
    for (const total of sizes) {
      const built = `world built in ${ms(worlds.get(total)!.built)}, median of ${ROUNDS} rounds`;
      figures[`${total.toLocaleString('en')} incidents, ${CHANGED} changed per cycle`] =
        total === 1000
          ? `${ms(reference.cycles)} per cycle, and ${ms(reference.store)} for the store write ÷ ${CYCLES} (the reference; ${built})`
          : timeFigure(perSize.get(total)!, reference.cycles, built);
    }

    const { world } = worlds.get(10_000)!;
    // The old behaviour beside it: one cycle per advance, so one store write per cycle.
    const before = { ...world.store };
    const single = await world.run(1, CHANGED);
    const writeMs = (world.store.ms - before.ms) / Math.max(1, world.store.writes - before.writes);
    figures['10,000 incidents, one cycle per advance (writes the store every cycle)'] =
      `${ms(single.msPerCycle)} per cycle, of which the write of the 10k world (${mb(world.store.bytes)}): ${ms(writeMs)}`;

    const onePercent = perSize.get(10_000)!.cycles;
    for (const changed of [200, 500]) {
      const value = await cycleTime(world, changed);
      figures[`10,000 incidents, ${changed / 100}% changed per cycle`] = timeFigure(
        value,
        (onePercent * changed) / CHANGED,
        `${changed} pulls`,
      );
    }
    // The other worlds go first: the heap figure is the 10k world's alone.
    for (const total of [1000, 5000]) await worlds.get(total)!.world.close();
    worlds.delete(1000);
    worlds.delete(5000);
    Object.assign(figures, (await hourOfCycles(world)).figures);
  } finally {
    for (const { world } of worlds.values()) await world.close();
  }
  return figures;
}
