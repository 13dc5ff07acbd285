/**
 * Which Python worker mode the environment asks for. Only the CLI reads the environment
 * (design.md §4); createHarness and createPythonRunner take `fork` / `preExecute` as options and
 * default both to false. Kept apart from runner.ts so the CLI can read it without loading the
 * Python runtime.
 */
function switchedOn(value: string | undefined): boolean {
  return ['1', 'true', 'yes', 'on'].includes((value ?? '').trim().toLowerCase());
}

/** The zygote is on when MIRRORLAB_PYTHON_FORK is 1, true, yes or on (read by the CLI only). */
export function forkByDefault(env: Readonly<Record<string, string | undefined>>): boolean {
  return switchedOn(env.MIRRORLAB_PYTHON_FORK);
}

/** Re-exec workers pre-execute when MIRRORLAB_PYTHON_PREEXEC is 1, true, yes or on (read by the CLI only). */
export function preExecuteByDefault(env: Readonly<Record<string, string | undefined>>): boolean {
  return switchedOn(env.MIRRORLAB_PYTHON_PREEXEC);
}

/** The worker mode the environment asks for: what the CLI passes as `fork` / `preExecute`. */
export function pythonWorkerMode(env: Readonly<Record<string, string | undefined>>): {
  fork: boolean;
  preExecute: boolean;
} {
  return { fork: forkByDefault(env), preExecute: preExecuteByDefault(env) };
}
