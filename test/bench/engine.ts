/**
 * Engine figures with an in-process TypeScript integration and an in-memory remote (no HTTP), so
 * they measure the engine loop: mirror cycles per second with 1,000 mirrored incidents, and the wall
 * time of a simulated 24 hours of one-minute cycles over 100 incidents (target: < 5 s).
 */
import { createHarness } from '../../harness/index.ts';
import type { Harness } from '../../harness/index.ts';
import { createMemoryDesk, memoryDeskIntegration } from '../support/memory-desk.ts';
import type { MemoryDeskOptions } from '../support/memory-desk.ts';

async function deskHarness(tickets: number, options: MemoryDeskOptions & { fetchEvery?: number } = {}) {
  let now = () => 0;
  const desk = createMemoryDesk(() => now());
  const harness: Harness = await createHarness({
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

export async function benchEngine(): Promise<Record<string, string>> {
  return {
    'mirror cycles/s, 1,000 incidents, 10 changed per cycle': await cyclesPerSecond(false, 10, 200),
    'mirror cycles/s, 1,000 incidents, all polled (no get-modified)': await cyclesPerSecond(true, 0, 5),
    '24 h of 1-min fetch + mirror cycles, 100 incidents, 3 changed/min': await simulatedDay(false, 3),
    '24 h of 1-min cycles, 100 incidents, every incident polled each cycle': await simulatedDay(true, 0),
  };
}
