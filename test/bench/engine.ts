/**
 * Engine figures with an in-process TypeScript integration and an in-memory remote (no HTTP), so
 * they measure the engine loop: mirror cycles per second with 1,000 mirrored incidents, and the wall
 * time of a simulated 24 hours of one-minute cycles over 100 incidents. The polled day (issue 16's
 * goal: < 3 s) is held against the runner alone: the day's last commands replayed straight through
 * the same TypeScript runner in the same process, so the ratio is the engine's share of a command.
 */
import { createHarness } from '../../harness/index.ts';
import type { RunRequest } from '../../harness/core/index.ts';
import type { Harness } from '../../harness/index.ts';
import { createTypeScriptRunner, type TypeScriptRunner } from '../../harness/runtime/typescript/runner.ts';
import { createMemoryDesk, memoryDeskIntegration } from '../support/memory-desk.ts';
import type { MemoryDeskOptions } from '../support/memory-desk.ts';
import type { Figure } from './figures.ts';

const DAY_GOAL_S = 3;
const REPLAYED = 10_000;

/** The TypeScript runner, keeping the last REPLAYED requests it ran (to replay them alone). */
function recordingRunner(): { runner: TypeScriptRunner; last: () => RunRequest[]; runs: () => number } {
  const inner = createTypeScriptRunner();
  const ring: RunRequest[] = [];
  let count = 0;
  return {
    runner: {
      ...inner,
      run(request) {
        ring[count++ % REPLAYED] = request;
        return inner.run(request);
      },
    },
    last: () => ring.slice(),
    runs: () => count,
  };
}

async function deskHarness(
  tickets: number,
  options: MemoryDeskOptions & { fetchEvery?: number; runner?: TypeScriptRunner } = {},
) {
  let now = () => 0;
  const desk = createMemoryDesk(() => now());
  const harness: Harness = await createHarness({
    ...(options.runner ? { runners: { typescript: options.runner } } : {}),
    server: { config: { 'sync.mirror.job.delay': 1 } },
    instances: {
      desk_1: {
        integration: memoryDeskIntegration(desk, options),
        fetch: { enabled: options.fetchEvery !== undefined, interval: options.fetchEvery ?? 1 },
      },
    },
  });
  now = () => harness.now();
  for (let i = 1; i <= tickets; i++) desk.create(`Ticket ${i}`);
  await harness.fetch('desk_1');
  return { harness, desk };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function cyclesPerSecond(
  withoutGetModified: boolean,
  changedPerCycle: number,
  cycles: number,
): Promise<string> {
  const { harness, desk } = await deskHarness(1000, { withoutGetModified });
  await harness.mirror();
  const ids = [...desk.tickets.keys()];
  const started = performance.now();
  for (let c = 0; c < cycles; c++) {
    await harness.advance('1m');
    for (let k = 0; k < changedPerCycle; k++)
      desk.update(ids[(c * changedPerCycle + k) % ids.length]!, { severity: (c % 4) + 1 });
    await harness.mirror();
  }
  const ms = performance.now() - started;
  const commands = harness.journal().length;
  await harness.close();
  return `${((cycles * 1000) / ms).toFixed(1)} cycles/s (${commands} commands journaled)`;
}

async function simulatedDay(withoutGetModified: boolean, changedPerMinute: number): Promise<string> {
  const { harness, desk } = await deskHarness(100, { withoutGetModified, fetchEvery: 1 });
  const ids = [...desk.tickets.keys()];
  const started = performance.now();
  for (let minute = 0; minute < 24 * 60; minute++) {
    for (let k = 0; k < changedPerMinute; k++)
      desk.update(ids[(minute * changedPerMinute + k) % ids.length]!, { title: `v${minute}` });
    await harness.advance('1m');
  }
  const ms = performance.now() - started;
  const runs = harness.journal().length;
  await harness.close();
  return `${seconds(ms)} wall (${runs} commands run)`;
}

/**
 * One mirror cycle that polls every incident (get-modified not implemented, or before 6.1), in
 * worlds of 1,000 and 10,000: the per-pull time must hold. Whatever a cycle did per pull over all
 * of its queue (copying the rest of it, the pulled list, the incident maps) makes the 10k cycle
 * a hundred times the 1k one instead of ten.
 */
async function polledCycleScale(): Promise<Figure> {
  const perPull = async (total: number) => {
    const { harness } = await deskHarness(total, { withoutGetModified: true });
    await harness.mirror(); // warm: the first cycle after the fetch
    const started = performance.now();
    for (let c = 0; c < 2; c++) {
      await harness.advance('1m');
      await harness.mirror();
    }
    const pulls = harness.journal().filter((r) => r.command === 'get-remote-data').length;
    const ms = performance.now() - started;
    await harness.close();
    // Each advance runs one cycle of its own (the job) beside the explicit one: count the pulls.
    return (ms / (pulls - total)) * 1000;
  };
  const small = await perPull(1000);
  const large = await perPull(10_000);
  return {
    value: `${large.toFixed(0)} µs per pull in a cycle polling all of 10,000 incidents`,
    reference: `${small.toFixed(0)} µs per pull polling all of 1,000`,
    ratio: small / large,
    goal: 'within 1.25× of the reference (linear in the incidents polled)',
    met: small / large >= 0.8,
  };
}

const cpuMs = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};

/** Issue 16's figure: the day with every incident polled every cycle, beside the runner alone. */
async function polledDay(): Promise<Figure> {
  const recording = recordingRunner();
  const { harness } = await deskHarness(100, {
    withoutGetModified: true,
    fetchEvery: 1,
    runner: recording.runner,
  });
  const runsBefore = recording.runs();
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (let minute = 0; minute < 24 * 60; minute++) await harness.advance('1m');
  const wallMs = performance.now() - started;
  const dayCpuMs = cpuMs(cpu);
  // Counted at the runner: the journal keeps only its last 100,000 records (the day runs ~147k).
  const commands = recording.runs() - runsBefore;
  const requests = recording.last();
  const replayCpu = process.cpuUsage();
  for (const request of requests) await recording.runner.run(request);
  const runnerUs = (cpuMs(replayCpu) * 1000) / requests.length;
  await harness.close();
  const dayUs = (dayCpuMs * 1000) / commands;
  return {
    value: `${seconds(wallMs)} wall, ${(dayCpuMs / 1000).toFixed(2)} s CPU (${commands} commands, ${dayUs.toFixed(0)} µs CPU each)`,
    // The runner alone times the day's commands is the floor the engine cannot go under.
    reference: `the runner alone on the day's last ${requests.length} commands: ${runnerUs.toFixed(0)} µs CPU each, ${((runnerUs * commands) / 1e6).toFixed(2)} s CPU for the day's ${commands}`,
    ratio: runnerUs / dayUs,
    goal: `< ${DAY_GOAL_S} s wall`,
    met: wallMs < DAY_GOAL_S * 1000,
  };
}

export async function benchEngine(): Promise<Record<string, string | Figure>> {
  return {
    'mirror cycles/s, 1,000 incidents, 10 changed per cycle': await cyclesPerSecond(false, 10, 200),
    'mirror cycles/s, 1,000 incidents, all polled (no get-modified)': await cyclesPerSecond(true, 0, 5),
    '24 h of 1-min fetch + mirror cycles, 100 incidents, 3 changed/min': await simulatedDay(false, 3),
    '24 h of 1-min cycles, 100 incidents, every incident polled each cycle': await polledDay(),
    'a cycle polling every incident, 10,000 vs 1,000': await polledCycleScale(),
  };
}
