/**
 * What a scenario file may hold. Refused at load time with file:line, before anything runs: a file
 * of millions of steps used to run out of memory minutes later, and a YAML alias bomb (aliases of
 * aliases, expanding exponentially) escaped the loader's reporting.
 */
export const SCENARIO_LIMITS = {
  /** Bytes of one scenario file. Real scenarios are a few KB. */
  maxFileBytes: 1024 * 1024,
  /** Steps of one scenario (`advance` covers long stretches of time in one step). */
  maxSteps: 10_000,
  /** Alias expansions while reading the YAML (the yaml library's own guard, made explicit). */
  maxAliasCount: 100,
} as const;
