/**
 * Wall time of the scenario library run one by one, interleaved in one process, and spread over
 * worker processes (design.md §12: benchmarks print figures, they do not assert). Falls back to
 * the runner's own fixtures while scenarios/ has no *.yaml yet. Prints nothing itself.
 */
import { fileURLToPath } from 'node:url';
import { availableParallelism } from 'node:os';
import { findScenarioFiles } from '../../harness/scenario/find-scenarios.ts';
import { loadScenarios } from '../../harness/scenario/load.ts';
import { runScenarios, type RunScenariosOptions } from '../../harness/scenario/run-scenarios.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

export async function benchScenarios(): Promise<Record<string, string>> {
  let found = findScenarioFiles(['scenarios/*.yaml'], root);
  let source = 'scenarios/*.yaml';
  if (found.files.length < 2) {
    source = 'test/fixtures/scenarios/{ok,mirror} (library empty)';
    found = findScenarioFiles(['test/fixtures/scenarios/ok', 'test/fixtures/scenarios/mirror'], root);
  }
  const { scenarios, issues } = await loadScenarios(found.files, { cwd: root });
  if (issues.length > 0)
    throw new Error(
      `bench: failed to load scenarios: ${issues.length} problems, first: ${issues[0]!.message}`,
    );
  const workers = Math.min(availableParallelism(), scenarios.length);

  const time = async (options: RunScenariosOptions) => {
    const began = performance.now();
    const results = await runScenarios(scenarios, { cwd: root, ...options });
    const failed = results.filter((r) => !r.ok).length;
    return `${((performance.now() - began) / 1000).toFixed(2)} s${failed ? ` (${failed} failed)` : ''}`;
  };
  // Warm-up: the first run pays for module loading and tsx compilation.
  await time({ workers: 1 });
  return {
    'scenarios: files': `${scenarios.length} from ${source}`,
    'scenarios: serial (1 worker)': await time({ workers: 1 }),
    [`scenarios: in-process, ${workers} at once`]: await time({ workers, isolation: 'in-process' }),
    [`scenarios: ${workers} worker processes`]: await time({ workers, isolation: 'processes' }),
  };
}
