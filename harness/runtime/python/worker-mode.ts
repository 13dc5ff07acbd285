/**
 * Which Python worker mode the environment asks for. Only the CLI reads the environment
 * (design.md §4); createHarness and createPythonRunner take `fork` / `preExecute` / `alternate` as
 * options (default false / true / true). Kept apart from runner.ts so the CLI can read it without loading the
 * Python runtime.
 */
function switchedOn(value: string | undefined): boolean {
  return ['1', 'true', 'yes', 'on'].includes((value ?? '').trim().toLowerCase());
}

function switchedOff(value: string | undefined): boolean {
  return ['0', 'false', 'no', 'off'].includes((value ?? '').trim().toLowerCase());
}

/** The zygote is on when MIRRORLAB_PYTHON_FORK is 1, true, yes or on (read by the CLI only). */
export function forkByDefault(env: Readonly<Record<string, string | undefined>>): boolean {
  return switchedOn(env.MIRRORLAB_PYTHON_FORK);
}

/** Re-exec workers pre-execute unless MIRRORLAB_PYTHON_PREEXEC is 0, false, no or off (read by the CLI only). */
export function preExecuteByDefault(env: Readonly<Record<string, string | undefined>>): boolean {
  return !switchedOff(env.MIRRORLAB_PYTHON_PREEXEC);
}

/** A second worker takes turns with the first on commands sent back to back unless MIRRORLAB_PYTHON_ALTERNATE is 0, false, no or off (read by the CLI only). */
export function alternateByDefault(env: Readonly<Record<string, string | undefined>>): boolean {
  return !switchedOff(env.MIRRORLAB_PYTHON_ALTERNATE);
}

/** The worker mode the environment asks for: what the CLI passes as `fork` / `preExecute` / `alternate`. */
export function pythonWorkerMode(env: Readonly<Record<string, string | undefined>>): {
  fork: boolean;
  preExecute: boolean;
  alternate: boolean;
} {
  return {
    fork: forkByDefault(env),
    preExecute: preExecuteByDefault(env),
    alternate: alternateByDefault(env),
  };
}
