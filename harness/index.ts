/**
 * `mirrorlab`: the public TypeScript API, an explicit list (the core's internals stay internal, so
 * they can change without breaking users): the harness, TypeScript integrations with the
 * CommonServerPython equivalents, the clocks, and the types they take and return.
 */
export { createHarness, toServerSettings } from './create-harness.ts';
export type {
  EntryInput,
  Harness,
  HarnessEvent,
  HarnessOptions,
  InstanceOptions,
  RemoteOptions,
  SavedState,
  ServerOptions,
} from './api.ts';
export { BUILTIN_INTEGRATIONS } from './builtins.ts';
export { createRealClock, createVirtualClock } from './scheduler/index.ts';
export type { RealClock, VirtualClock } from './scheduler/index.ts';

// The world as the harness shows it, and errors.
export {
  EntryFormat,
  EntryType,
  HarnessError,
  HTTP_STATUS_BY_CODE,
  IncidentSeverity,
  IncidentStatus,
  parseDuration,
} from './core/index.ts';
export type {
  Clock,
  Entry,
  FailedPull,
  MirrorCycleReport,
  FetchRecord,
  Incident,
  Instance,
  IntegrationFlags,
  JournalRecord,
  Json,
  Outcome,
  RunResult,
  ServerPolicies,
  WireEntry,
  World,
} from './core/index.ts';

// TypeScript integrations: defineIntegration, the `demisto` context, CommonServerPython equivalents.
export {
  argToBoolean,
  argToList,
  CommandResults,
  defineIntegration,
  DemistoException,
  fileResult,
  GetMappingFieldsResponse,
  GetModifiedRemoteDataArgs,
  GetModifiedRemoteDataResponse,
  getLastMirrorRun,
  GetRemoteDataArgs,
  GetRemoteDataResponse,
  isDemistoVersionGe,
  isTypeScriptIntegration,
  KeyError,
  maskSecrets,
  NotImplementedError,
  returnError,
  returnResults,
  SchemeTypeMapping,
  setLastMirrorRun,
  SystemExit,
  tableToMarkdown,
  UpdateRemoteSystemArgs,
  ValueError,
} from './runtime/typescript/index.ts';
export type {
  CommandHandler,
  CommandResultsOptions,
  DemistoContext,
  IntegrationDefinition,
  TypeScriptIntegration,
} from './runtime/typescript/index.ts';
