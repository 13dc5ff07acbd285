/**
 * Runs many loaded scenarios: in this process one after another, or spread over worker processes
 * when there are at least two files and more than one worker. Results come back in input order;
 * `onResult` sees each as soon as it finishes (the console's progress lines).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { runScenario, type RunScenarioOptions, type ScenarioResult } from './execute.ts';
import type { LoadedScenario } from './load.ts';
import type { WorkerReply, WorkerRequest } from './worker.ts';

export interface RunScenariosOptions extends RunScenarioOptions {
  /** Scenarios run at once; default: the number of cores, capped by the number of files. 1 = one by one. */
  workers?: number;
  /**
   * 'processes': each worker is a child process (uses every core; each costs a start-up of a few
   * seconds). 'in-process': scenarios interleave in this process (no start-up; integration I/O and
   * Python subprocesses overlap, engine work does not). Default 'in-process': measured in
   * test/bench/scenarios.ts, process start-up (~2.5 s each on 2 cores) outweighs the gain unless
   * scenarios are CPU-heavy (long `advance` over many incidents).
   */
  isolation?: 'processes' | 'in-process';
  /** Base for the paths shown in results (default: the process's working directory). */
  cwd?: string;
  onResult?: (result: ScenarioResult) => void;
  signal?: AbortSignal;
}

export function defaultWorkers(files: number): number {
  return Math.max(1, Math.min(availableParallelism(), files));
}

export async function runScenarios(
  scenarios: readonly LoadedScenario[],
  options: RunScenariosOptions = {},
): Promise<ScenarioResult[]> {
  const workers = Math.max(
    1,
    Math.min(options.workers ?? defaultWorkers(scenarios.length), scenarios.length),
  );
  if (workers > 1 && options.isolation === 'processes') return runInWorkers(scenarios, workers, options);
  return runConcurrently(scenarios, workers, options);
}

async function runConcurrently(
  scenarios: readonly LoadedScenario[],
  workers: number,
  options: RunScenariosOptions,
): Promise<ScenarioResult[]> {
  const results: (ScenarioResult | undefined)[] = scenarios.map(() => undefined);
  let next = 0;
  const lane = async () => {
    while (next < scenarios.length && !options.signal?.aborted) {
      const index = next++;
      const result = await runScenario(scenarios[index]!, options);
      results[index] = result;
      options.onResult?.(result);
    }
  };
  await Promise.all(Array.from({ length: workers }, lane));
  return results.filter((r): r is ScenarioResult => r !== undefined);
}

// Under tsx (this repository) the worker is worker.ts and needs tsx's loader; built, it is worker.js.
const fromSources = import.meta.url.endsWith('.ts');
const workerFile = fileURLToPath(new URL(fromSources ? './worker.ts' : './worker.js', import.meta.url));

function runInWorkers(
  scenarios: readonly LoadedScenario[],
  count: number,
  options: RunScenariosOptions,
): Promise<ScenarioResult[]> {
  const { workers: _w, onResult, signal, cwd, ...runOptions } = options;
  const results: (ScenarioResult | undefined)[] = scenarios.map(() => undefined);
  let next = 0;
  let finished = 0;
  const children: ChildProcess[] = [];
  return new Promise((resolveAll) => {
    let settled = false;
    const released = new Set<ChildProcess>();
    const release = (child: ChildProcess) => {
      if (released.has(child) || !child.connected) return;
      released.add(child);
      child.send('exit');
    };
    const done = () => {
      if (settled) return;
      settled = true;
      for (const child of children) release(child);
      resolveAll(results.filter((r): r is ScenarioResult => r !== undefined));
    };
    const crashResult = (scenario: LoadedScenario, reason: string): ScenarioResult => ({
      file: scenario.displayPath,
      name: scenario.name,
      slug: scenario.slug,
      status: 'error',
      ok: false,
      durationMs: 0,
      stepsRun: 0,
      stepCount: scenario.steps.length,
      failure: {
        index: -1,
        verb: 'fetch',
        location: `${scenario.displayPath}:1:1`,
        kind: 'error',
        message: reason,
        timeline: [],
      },
    });
    const record = (index: number, result: ScenarioResult) => {
      if (results[index]) return;
      results[index] = result;
      finished++;
      onResult?.(result);
      if (finished === scenarios.length) done();
    };
    const feed = (child: ChildProcess, state: { current: number | undefined }) => {
      if (signal?.aborted || next >= scenarios.length) {
        state.current = undefined;
        release(child);
        return;
      }
      const index = next++;
      const scenario = scenarios[index]!;
      state.current = index;
      const request: WorkerRequest = {
        id: index,
        file: scenario.file,
        cwd: cwd ?? process.cwd(),
        slug: scenario.slug,
        options: runOptions,
      };
      child.send(request);
    };
    // tsx resolved from here, so workers run even when the user's project does not depend on tsx.
    const execArgv = fromSources ? ['--import', import.meta.resolve('tsx')] : [];
    for (let i = 0; i < count; i++) {
      const child = fork(workerFile, [], {
        execArgv,
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
        serialization: 'advanced',
      });
      children.push(child);
      const state: { current: number | undefined } = { current: undefined };
      child.on('message', (reply: WorkerReply) => {
        record(reply.id, reply.result);
        feed(child, state);
      });
      child.on('exit', (code, sig) => {
        if (state.current !== undefined) {
          record(
            state.current,
            crashResult(
              scenarios[state.current]!,
              `the worker process died (${sig ?? `exit code ${code}`}) while running this scenario`,
            ),
          );
          state.current = undefined;
        }
      });
      feed(child, state);
    }
    signal?.addEventListener(
      'abort',
      () => {
        for (const child of children) child.kill('SIGTERM');
        done();
      },
      { once: true },
    );
  });
}
