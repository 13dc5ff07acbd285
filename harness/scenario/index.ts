/**
 * Scenario files (design.md §8): load and check them, run them, report. The vitest adapter lives
 * apart in ./vitest.ts (it imports vitest, which only tests should load).
 */
export { checkExpectations, ExpectationFailure } from './expect.ts';
export { contentPaths, defaultStart, runScenario, toHarnessOptions } from './execute.ts';
export type { RunScenarioOptions, ScenarioResult, ScenarioStatus, StepFailure } from './execute.ts';
export { findScenarioFiles, globToRegExp } from './find-scenarios.ts';
export type { FoundScenarios } from './find-scenarios.ts';
export {
  formatIssue,
  loadScenarioFile,
  loadScenarios,
  parseScenario,
  ScenarioLoadError,
  toSlug,
} from './load.ts';
export type { LoadedScenario, LoadedStep, ScenarioIssue } from './load.ts';
export { formatMismatches, matches, matchList, matchValue, OPERATORS } from './match.ts';
export type { Mismatch } from './match.ts';
export {
  formatFailureDetails,
  formatResultLine,
  formatSummary,
  REPORTERS,
  summarize,
  toJsonReport,
  toJUnitXml,
} from './report.ts';
export type { ReporterName, RunSummary } from './report.ts';
export { defaultWorkers, runScenarios } from './run-scenarios.ts';
export type { RunScenariosOptions } from './run-scenarios.ts';
export { readSavedState, writeSavedState } from './saved-state.ts';
export type { SavedScenarioState, SavedXsoar } from './saved-state.ts';
export { scenarioSchema, STEP_VERBS, toScenarioJsonSchema } from './schema.ts';
export type { ScenarioFile, ScenarioStep } from './schema.ts';
export { renderScenarioJsonSchema, SCHEMA_FILE, writeScenarioJsonSchema } from './write-schema.ts';
export { parseShard, selectShard, type Shard } from './shard.ts';
export { durationsOf, mergeReports, readJsonReport } from './merge-reports.ts';
