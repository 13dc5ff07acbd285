/**
 * The public TypeScript-integration API: defineIntegration, the `demisto` context, the
 * CommonServerPython-equivalent helpers and the in-process runner.
 */
export { defineIntegration, isTypeScriptIntegration } from './define-integration.ts';
export type { CommandHandler, IntegrationDefinition, TypeScriptIntegration } from './define-integration.ts';
export { createDemistoContext, toWireEntries } from './demisto-context.ts';
export type {
  ContextRecording,
  CreatedContext,
  DemistoContext,
  IntegrationContextVersioned,
  JsonRecord,
} from './demisto-context.ts';
export {
  GetMappingFieldsResponse,
  GetModifiedRemoteDataArgs,
  GetModifiedRemoteDataResponse,
  GetRemoteDataArgs,
  GetRemoteDataResponse,
  SchemeTypeMapping,
  UpdateRemoteSystemArgs,
  getLastMirrorRun,
  isDemistoVersionGe,
  setLastMirrorRun,
} from './mirroring.ts';
export { CommandResults, tableToMarkdown } from './command-results.ts';
export type { CommandResultsOptions } from './command-results.ts';
export { MAX_ERROR_MESSAGE_LENGTH, fileResult, returnError, returnResults } from './return-results.ts';
export { argToBoolean, argToList } from './args.ts';
export {
  DemistoException,
  KeyError,
  NotImplementedError,
  SystemExit,
  ValueError,
  isSystemExit,
} from './python-errors.ts';
export { pyJsonDumps, toPlainJson } from './python-values.ts';
export { MASK, maskSecrets } from './secret-mask.ts';
export { createTypeScriptRunner } from './runner.ts';
export type { TypeScriptRunner } from './runner.ts';
export { EntryFormat, EntryType, IncidentSeverity, IncidentStatus } from '../../core/index.ts';
