/**
 * Running one integration command, whatever its language: the dispatching CommandRunner picks the
 * TypeScript runner (in-process) or the Python runner (warm workers) per request. The Python runner
 * is imported on the first Python request, so TypeScript-only users never spawn python3.
 */
import { extname } from 'node:path';
import { HarnessError, type CommandRunner, type RunRequest, type RunResult } from '../core/index.ts';
import { readManifest } from './manifest.ts';
import type { PythonRunnerOptions } from './python/runner.ts';
import type { TypeScriptIntegration } from './typescript/define-integration.ts';
import { createTypeScriptRunner, type TypeScriptRunner } from './typescript/runner.ts';

export * from './typescript/index.ts';
export * from './manifest.ts';
export { importIntegration, importModule, resolveIntegrationModule } from './typescript/load-integration.ts';
export { pythonWorkerMode } from './python/worker-mode.ts';

// A type only (erased): the Python runner itself is still loaded on the first Python request.
export type { PythonRunnerOptions } from './python/runner.ts';

export interface CommandRunnerOptions {
  /** Default: a fresh createTypeScriptRunner(). */
  typescript?: TypeScriptRunner;
  /** Default: createPythonRunner(pythonOptions) from ./python, loaded on first use. */
  python?: CommandRunner;
  pythonOptions?: PythonRunnerOptions;
}

export type Runtime = 'typescript' | 'python';

export interface DispatchingRunner extends CommandRunner {
  register(key: string, integration: TypeScriptIntegration): void;
  /** Which runtime runs `integration` (registered key, .ts/.py path, or YAML by `script.type`). */
  runtimeOf(integration: string): Promise<Runtime>;
  close(): Promise<void>;
}

const TYPESCRIPT_EXTENSIONS = new Set(['.ts', '.mts', '.js', '.mjs']);

export function createCommandRunner(options: CommandRunnerOptions = {}): DispatchingRunner {
  const typescript = options.typescript ?? createTypeScriptRunner();
  let python: Promise<CommandRunner> | undefined = options.python
    ? Promise.resolve(options.python)
    : undefined;
  const scriptTypes = new Map<string, Promise<string>>();

  function pythonRunner(): Promise<CommandRunner> {
    python ??= (async () => {
      // Loaded on first use: TypeScript-only users never start the Python bridge.
      const { createPythonRunner } = await import('./python/index.ts');
      return createPythonRunner(options.pythonOptions);
    })();
    return python;
  }

  async function runtimeOf(integration: string): Promise<Runtime> {
    if (typescript.has(integration)) return 'typescript';
    const ext = extname(integration).toLowerCase();
    if (TYPESCRIPT_EXTENSIONS.has(ext)) return 'typescript';
    if (ext === '.py') return 'python';
    if (ext === '.yml' || ext === '.yaml') {
      let scriptType = scriptTypes.get(integration);
      if (!scriptType) {
        scriptType = readManifest(integration).then((m) => m.scriptType);
        scriptTypes.set(integration, scriptType);
        scriptType.catch(() => scriptTypes.delete(integration));
      }
      const type = await scriptType;
      if (type === 'typescript') return 'typescript';
      if (type === 'python') return 'python';
      throw new HarnessError(
        'unsupported',
        `runtime: failed to run ${integration}: script.type "${type}" is not supported. mirrorlab runs python and typescript integrations.`,
      );
    }
    throw new HarnessError(
      'invalid-input',
      `runtime: failed to run ${integration}: unknown integration kind "${ext || 'no extension'}". Give a .ts, .py or .yml path, or register a TypeScript integration.`,
    );
  }

  return {
    async run(request: RunRequest): Promise<RunResult> {
      const runtime = await runtimeOf(request.integration);
      return runtime === 'typescript' ? typescript.run(request) : (await pythonRunner()).run(request);
    },
    register: (key, integration) => typescript.register(key, integration),
    runtimeOf,
    async close() {
      const closing: Promise<void>[] = [typescript.close()];
      if (python) closing.push(python.then((p) => p.close?.()));
      await Promise.all(closing);
    },
  };
}
