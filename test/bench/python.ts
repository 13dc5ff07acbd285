/**
 * Python bridge round trip: a cold process per command vs a warm worker (median of N).
 * With a content root, the command imports the real CommonServerPython (MirrorDesk
 * get-mapping-fields, no network); otherwise a plain fixture without CSP.
 */
import { join } from 'node:path';
import type { RunRequest } from '../../harness/core/index.ts';
import { createPythonRunner } from '../../harness/runtime/python/index.ts';

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'python');

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export async function benchPython(
  options: { contentRoot?: string; cold?: number; warm?: number } = {},
): Promise<Record<string, string>> {
  const withCsp = options.contentRoot !== undefined;
  const request: RunRequest = {
    instance: 'bench_1',
    brand: 'Bench',
    integration: withCsp
      ? join(fixtures, 'mirror_desk', 'MirrorDesk.py')
      : join(fixtures, 'protocol_tour.py'),
    command: withCsp ? 'get-mapping-fields' : 'test-module',
    args: {},
    params: { url: 'http://127.0.0.1:9' },
    version: { version: '6.12.0', buildNumber: '1', platform: 'xsoar' },
    state: { lastRun: {}, lastMirrorRun: {}, integrationContext: { context: {}, version: 0 } },
    investigationId: '1',
    isDebug: false,
    timeoutMs: 60_000,
    tz: 'UTC',
  };
  const runnerOptions = withCsp ? { contentRoot: options.contentRoot! } : {};
  const check = (outcome: string) => {
    if (outcome !== 'ok') throw new Error(`bench: failed to run ${request.command}: outcome ${outcome}`);
  };

  const cold: number[] = [];
  for (let i = 0; i < (options.cold ?? 5); i++) {
    const runner = createPythonRunner(runnerOptions);
    const started = performance.now();
    check((await runner.run(request)).outcome);
    cold.push(performance.now() - started);
    await runner.close();
  }

  const runner = createPythonRunner(runnerOptions);
  check((await runner.run(request)).outcome); // spawn + first exec, not measured
  const warm: number[] = [];
  for (let i = 0; i < (options.warm ?? 50); i++) {
    const started = performance.now();
    check((await runner.run(request)).outcome);
    warm.push(performance.now() - started);
  }
  await runner.close();

  const label = withCsp ? 'real CSP' : 'plain fixture';
  return {
    'python integration': `${request.command} (${label})`,
    'python cold process round trip (median)': `${median(cold).toFixed(0)} ms (n=${cold.length})`,
    'python warm worker round trip (median)': `${median(warm).toFixed(1)} ms (n=${warm.length})`,
    'python warm worker round trip (max)': `${Math.max(...warm).toFixed(1)} ms`,
  };
}
