/**
 * Python bridge round trip: a cold process per command, and warm workers in each mode: the zygote
 * (a child forked per command from a parent that executed CommonServerPython once), re-exec (one
 * process re-executing CommonServerPython per command), one worker pre-executing (CommonServerPython
 * for the next command run right after a command) and the default, where a second pre-executing
 * worker joins once commands keep coming back to back and the two take turns (one runs a command
 * while the other executes CommonServerPython for the next). Medians of N, measured
 * in interleaved rounds so a loaded machine weighs on every figure alike. With a content root the
 * command imports the real CommonServerPython (MirrorDesk get-mapping-fields, no network) and the
 * warm figures stand beside the floor measured in the same run: a warm interpreter re-running
 * CommonServerPython's compiled code (python-floor.py); the lower quartiles beside each other too,
 * since on a loaded machine the medians hold time spent waiting for a CPU. Commands go back to back
 * and, as in a scenario run where the engine works between commands, with a pause before each. A
 * plain fixture without CommonServerPython is measured either way (zygote beside re-exec).
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { RunRequest } from '../../harness/core/index.ts';
import { createPythonRunner, type PythonRunner } from '../../harness/runtime/python/index.ts';
import { DEFAULT_PYTHON } from '../../harness/runtime/python/interpreter.ts';
import type { Figures } from './figures.ts';

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'python');
const FLOOR_SCRIPT = join(import.meta.dirname, 'python-floor.py');
const CSP_RELATIVE = join('Packs', 'Base', 'Scripts', 'CommonServerPython', 'CommonServerPython.py');
/** Issue 16: a warm command with the real CommonServerPython within 2× the floor. */
const FLOOR_GOAL = 2;
/** Between two commands of a scenario run the engine works (fakes, mapping): a pause stands for it. */
const PAUSE_MS = 5;
/** Commands sent back to back before measuring: more than the default's second worker waits for. */
const WARM_UP = 20;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The lower quartile: on a loaded machine the median holds waits for a CPU, this mostly the work. */
function lowerQuartile(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 4)]!;
}

async function floorTimes(file: string, count: number): Promise<number[]> {
  const { stdout } = await promisify(execFile)(DEFAULT_PYTHON, [FLOOR_SCRIPT, file, String(count)], {
    env: { PATH: '/usr/bin:/bin', LANG: 'C.UTF-8', TZ: 'UTC' },
  });
  return JSON.parse(stdout) as number[];
}

interface BenchOptions {
  contentRoot?: string;
  cold?: number;
  warm?: number;
  rounds?: number;
}

export async function benchPython(options: BenchOptions = {}): Promise<Figures> {
  const { contentRoot: _unused, ...withoutCsp } = options;
  const plain = await benchOne(withoutCsp);
  if (options.contentRoot === undefined) return plain;
  return { ...(await benchOne(options)), ...plain };
}

async function benchOne(options: BenchOptions): Promise<Figures> {
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

  const zygote = createPythonRunner({ ...runnerOptions, fork: true });
  const reexec = createPythonRunner({ ...runnerOptions, fork: false, preExecute: false });
  const single = createPythonRunner({ ...runnerOptions, fork: false, alternate: false });
  const ahead = createPythonRunner(runnerOptions); // the default
  const perRound = Math.max(1, Math.round((options.warm ?? 100) / (options.rounds ?? 10)));
  // Each round starts with one command not measured, as the floor's first execution per round is
  // not: the runners take turns, and the first command after another process ran finds the CPU
  // caches holding that process's memory.
  const timed = async (runner: PythonRunner, into: number[], pauseMs = 0) => {
    check((await runner.run(request)).outcome);
    for (let i = 0; i < perRound; i++) {
      if (pauseMs > 0) await new Promise((r) => setTimeout(r, pauseMs));
      const started = performance.now();
      check((await runner.run(request)).outcome);
      into.push(performance.now() - started);
    }
  };
  // Warm: spawned, and past the commands sent back to back after which the default's second worker
  // joins (and its start).
  for (const runner of [zygote, reexec, single, ahead])
    for (let i = 0; i < WARM_UP; i++) check((await runner.run(request)).outcome);
  await new Promise((r) => setTimeout(r, 1000));
  const forked: number[] = [];
  const reexecuted: number[] = [];
  const preExecuted: number[] = [];
  const pausedReexecuted: number[] = [];
  const pausedPreExecuted: number[] = [];
  const alone: number[] = [];
  const pausedAlone: number[] = [];
  const floor: number[] = [];
  const floorFile = withCsp ? join(options.contentRoot!, CSP_RELATIVE) : undefined;
  for (let round = 0; round < (options.rounds ?? 10); round++) {
    await timed(zygote, forked);
    await timed(reexec, reexecuted);
    await timed(ahead, preExecuted);
    await timed(reexec, pausedReexecuted, PAUSE_MS);
    await timed(ahead, pausedPreExecuted, PAUSE_MS);
    await timed(single, alone);
    await timed(single, pausedAlone, PAUSE_MS);
    if (floorFile) floor.push(...(await floorTimes(floorFile, perRound)));
  }
  await Promise.all([zygote.close(), reexec.close(), single.close(), ahead.close()]);

  const label = withCsp ? 'real CSP' : 'plain';
  const ms = (values: number[]) => `${median(values).toFixed(2)} ms (n=${values.length})`;
  const figures: Figures = {
    [`python (${label}) integration`]: `${request.command}`,
    [`python (${label}) cold process round trip (median)`]: `${median(cold).toFixed(0)} ms (n=${cold.length})`,
    [`python (${label}) warm round trip, default (median)`]: ms(preExecuted),
  };
  if (floorFile) {
    const f = median(floor);
    figures[`python (${label}) floor: warm re-run of CSP's code (median)`] = ms(floor);
    for (const [name, values] of [
      [`python (${label}) warm, default (pre-executing) vs floor`, preExecuted],
      [`python (${label}) warm, pre-execution off (re-exec) vs floor`, reexecuted],
      [`python (${label}) warm zygote round trip vs floor`, forked],
      [`python (${label}) ${PAUSE_MS} ms apart: pre-execution off vs floor`, pausedReexecuted],
      [`python (${label}) ${PAUSE_MS} ms apart: default (pre-executing) vs floor`, pausedPreExecuted],
      [`python (${label}) warm, one worker pre-executing, vs floor`, alone],
      [`python (${label}) ${PAUSE_MS} ms apart: one worker pre-executing vs floor`, pausedAlone],
    ] as const)
      figures[name] = {
        value: ms(values),
        reference: `${f.toFixed(2)} ms floor`,
        ratio: f / median(values),
        goal: `≤ ${FLOOR_GOAL}× floor`,
        met: median(values) <= FLOOR_GOAL * f,
      };
    const q = lowerQuartile(floor);
    for (const [name, values] of [
      [`python (${label}) warm zygote vs floor (lower quartiles)`, forked],
      [`python (${label}) warm, default vs floor (lower quartiles)`, preExecuted],
      [`python (${label}) warm, pre-execution off vs floor (lower quartiles)`, reexecuted],
    ] as const)
      figures[name] = {
        value: `${lowerQuartile(values).toFixed(2)} ms`,
        reference: `${q.toFixed(2)} ms floor`,
        ratio: q / lowerQuartile(values),
      };
  }
  figures[`python (${label}) warm zygote round trip vs re-exec`] = {
    value: ms(forked),
    reference: `${median(reexecuted).toFixed(2)} ms re-exec`,
    ratio: median(reexecuted) / median(forked),
  };
  figures[`python (${label}) warm zygote round trip (max)`] = `${Math.max(...forked).toFixed(1)} ms`;
  return figures;
}
