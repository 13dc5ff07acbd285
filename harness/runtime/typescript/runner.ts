/**
 * The in-process CommandRunner for TypeScript integrations. Outcomes are classified as for Python
 * (python-runtime.md §5.3): timeout, exception, error entry (any Type 4; for test-module anything but
 * a text "ok"), ok. A crash cannot happen in-process.
 */
import { rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import {
  HarnessError,
  type CommandRunner,
  type Outcome,
  type RunRequest,
  type RunResult,
  type WireEntry,
} from '../../core/index.ts';
import { createDemistoContext } from './demisto-context.ts';
import { isTypeScriptIntegration, type TypeScriptIntegration } from './define-integration.ts';
import { importIntegration, resolveIntegrationModule } from './load-integration.ts';
import { NotImplementedError, SystemExit } from './python-errors.ts';
import { returnResults } from './return-results.ts';

export interface TypeScriptRunner extends CommandRunner {
  /** Make an in-process integration value runnable as `request.integration === key`. */
  register(key: string, integration: TypeScriptIntegration): void;
  /** Whether `key` is a registered in-process integration. */
  has(key: string): boolean;
  /** Removes the directories fileResult wrote to. */
  close(): Promise<void>;
}

type Settled = { kind: 'done' } | { kind: 'thrown'; error: unknown } | { kind: 'timeout' };

function describeError(error: unknown): string {
  if (error instanceof Error) {
    const header = `${error.name}: ${error.message}`;
    return error.stack?.startsWith(header) ? error.stack : `${header}\n${error.stack ?? ''}`.trimEnd();
  }
  return String(error);
}

function classify(command: string, entries: WireEntry[]): { outcome: Outcome; error?: string } {
  const errorEntry = entries.find((e) => e.Type === 4);
  if (errorEntry) return { outcome: 'error-entry', error: String(errorEntry.Contents) };
  if (command === 'test-module') {
    const ok = entries.some((e) => e.Type === 1 && e.ContentsFormat === 'text' && e.Contents === 'ok');
    if (!ok) {
      const said = entries.map((e) => String(e.Contents)).join('\n');
      return { outcome: 'error-entry', error: said || 'test-module returned nothing (expected "ok")' };
    }
  }
  return { outcome: 'ok' };
}

export function createTypeScriptRunner(): TypeScriptRunner {
  const registered = new Map<string, TypeScriptIntegration>();
  const fileDirectories = new Set<string>();
  // Node caches a module per URL anyway; asking it again per command went through the module
  // loader (and tsx's resolve hook, a message to its worker) every time: a tenth of a pull.
  const imported = new Map<string, Promise<TypeScriptIntegration>>();

  function importOnce(modulePath: string): Promise<TypeScriptIntegration> {
    let found = imported.get(modulePath);
    if (!found) {
      found = importIntegration(modulePath);
      imported.set(modulePath, found);
      // A failed import is not kept: the next command reports it again with its own error.
      found.catch(() => imported.delete(modulePath));
    }
    return found;
  }

  // A path resolves to the same module for the runner's life, as its import is kept: resolving it
  // again per command read the YAML and stat'ed the files each time (issue 16).
  const resolved = new Map<string, string>();
  async function resolveOnce(integration: string): Promise<string> {
    let path = resolved.get(integration);
    if (path === undefined) {
      path = await resolveIntegrationModule(integration);
      resolved.set(integration, path);
    }
    return path;
  }

  async function run(request: RunRequest): Promise<RunResult> {
    const started = performance.now();
    // Bad paths and non-TypeScript YAMLs are configuration errors: they throw, nothing runs.
    const inProcess = registered.get(request.integration);
    const modulePath = inProcess ? undefined : await resolveOnce(request.integration);
    const { demisto, recording, seal } = createDemistoContext(request);

    const work = (async (): Promise<Settled> => {
      try {
        const integration = inProcess ?? (await importOnce(modulePath!));
        const handler = integration.commands[request.command];
        if (!handler) throw new NotImplementedError(`Command ${request.command} is not implemented`);
        const value: unknown = await handler(demisto);
        if (value !== undefined) returnResults(demisto, value);
        return { kind: 'done' };
      } catch (error) {
        if (error instanceof HarnessError) throw error;
        // sys.exit(0) from returnError ends the script normally; the server loop swallows it.
        if (error instanceof SystemExit && error.code === 0) return { kind: 'done' };
        return { kind: 'thrown', error };
      }
    })();

    // Promise.race cannot interrupt a busy synchronous loop: in-process, a handler that never yields
    // to the event loop blocks the whole harness. Only awaiting handlers can time out.
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<Settled>((done) => {
      timer = setTimeout(() => done({ kind: 'timeout' }), request.timeoutMs);
    });
    let settled: Settled;
    try {
      settled = await Promise.race([work, timeout]);
    } finally {
      clearTimeout(timer);
      seal('finished');
    }
    if (settled.kind === 'timeout') {
      seal('timed out');
      // The handler may still settle later; its late calls throw and its rejection is absorbed here.
      work.catch(() => undefined);
    }

    const directory = recording.files[0]?.path;
    if (directory) fileDirectories.add(dirname(directory));

    let outcome: Outcome;
    let error: string | undefined;
    if (settled.kind === 'timeout') {
      outcome = 'timeout';
      error = `timeout: ${request.command} did not finish within ${request.timeoutMs} ms`;
    } else if (settled.kind === 'thrown') {
      outcome = 'exception';
      error = describeError(settled.error);
    } else {
      ({ outcome, error } = classify(request.command, recording.entries));
    }
    const result: RunResult = {
      outcome,
      entries: recording.entries,
      logs: recording.logs,
      durationMs: performance.now() - started,
      writes: recording.writes,
      files: recording.files,
    };
    if (error !== undefined) result.error = error;
    return result;
  }

  return {
    run,
    register(key, integration) {
      if (!isTypeScriptIntegration(integration)) {
        throw new HarnessError(
          'invalid-input',
          `typescript runtime: failed to register ${key}: the value is not an integration. Build it with defineIntegration({ commands }).`,
        );
      }
      registered.set(key, integration);
    },
    has: (key) => registered.has(key),
    async close() {
      await Promise.all([...fileDirectories].map((d) => rm(d, { recursive: true, force: true })));
      fileDirectories.clear();
    },
  };
}
