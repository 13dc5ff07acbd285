/**
 * A scenario worker process (forked by run-scenarios.ts): runs the scenario files it is sent, one
 * at a time, and answers each with its ScenarioResult. Separate processes keep scenarios apart
 * (module caches, Python pools) and use both cores.
 */
import { runScenario, type RunScenarioOptions, type ScenarioResult } from './execute.ts';
import { loadScenarioFile } from './load.ts';

export interface WorkerRequest {
  id: number;
  file: string;
  cwd: string;
  slug: string;
  options: RunScenarioOptions;
}

export interface WorkerReply {
  id: number;
  result: ScenarioResult;
}

process.on('message', (message: WorkerRequest | 'exit') => {
  if (message === 'exit') {
    if (process.connected) process.disconnect();
    return;
  }
  void (async () => {
    const loaded = await loadScenarioFile(message.file, { cwd: message.cwd });
    loaded.slug = message.slug;
    const result = await runScenario(loaded, message.options);
    process.send?.({ id: message.id, result } satisfies WorkerReply);
  })().catch((e: unknown) => {
    process.send?.({
      id: message.id,
      result: {
        file: message.file,
        name: message.file,
        slug: message.slug,
        status: 'error',
        ok: false,
        durationMs: 0,
        stepsRun: 0,
        stepCount: 0,
        failure: {
          index: -1,
          verb: 'fetch',
          location: `${message.file}:1:1`,
          kind: 'error',
          message: (e as Error).message,
          timeline: [],
        },
      } satisfies ScenarioResult,
    });
  });
});
