/**
 * The `demisto` object of a TypeScript integration: the same calls the Python wrapper class offers
 * (contract.md §A.1), answered from the RunRequest's state snapshot. Every write is recorded and
 * reported in RunResult.writes; the engine decides what to commit (core/command.ts).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type {
  DemistoVersion,
  InstanceState,
  Json,
  LogLine,
  ProducedFile,
  RunRequest,
  WireEntry,
} from '../../core/index.ts';
import { ValueError } from './python-errors.ts';
import { isPlainObject, pyJsonDumps, pyStr, toPlainJson } from './python-values.ts';

export type JsonRecord = Record<string, Json>;

export interface IntegrationContextVersioned {
  context: Json;
  version: number;
}

export interface DemistoContext {
  command(): string;
  args(): JsonRecord;
  params(): JsonRecord;
  /** `demisto.is_debug`: the command ran with `debug-mode=true`. */
  readonly isDebug: boolean;
  getLastRun(): Json;
  setLastRun(value: unknown): void;
  getLastMirrorRun(): Json;
  setLastMirrorRun(value: unknown): void;
  getIntegrationContext(): Json;
  setIntegrationContext(value: unknown): void;
  getIntegrationContextVersioned(refresh?: boolean): IntegrationContextVersioned;
  /** Throws ValueError when `version` is stale (optimistic concurrency); -1 skips the check. */
  setIntegrationContextVersioned(value: unknown, version: number, sync?: boolean): void;
  /** One Type-1 entry whose Contents is the JSON *string* of the list (`fetchResults` is the same). */
  incidents(incidents: unknown): void;
  fetchResults(incidents: unknown): void;
  /** Normalised exactly like the Python wrapper's `results` (contract.md §A.1). */
  results(value: unknown): void;
  debug(...args: unknown[]): void;
  info(...args: unknown[]): void;
  error(...args: unknown[]): void;
  /** `demisto.log` / `print`: an entry log line. */
  log(message: unknown): void;
  integrationInstance(): string;
  demistoVersion(): DemistoVersion;
  investigation(): { id: string };
  isFetch(): boolean;
  getFilePath(id: string): { id: string; path: string; name: string };
  uniqueFile(): string;
}

/** What a run collected; the runner turns it into a RunResult. */
export interface ContextRecording {
  entries: WireEntry[];
  logs: LogLine[];
  writes: Partial<InstanceState>;
  files: ProducedFile[];
}

interface ContextInternals {
  request: RunRequest;
  recording: ContextRecording;
  /** Per-command directory for fileResult, made on first use. */
  fileDirectory(): string;
}

// A non-enumerable own property under a private symbol, not a WeakMap: a WeakMap entry per command
// made every young-generation GC walk the ephemeron table (~4 µs of GC a command, issue 16). Like
// the WeakMap, it belongs to the very object made here (a spread or Object.create copy has none).
const INTERNALS = Symbol('mirrorlab.demistoInternals');

/** For the CSP-equivalent helpers (fileResult); not part of the public API. */
export function contextInternals(demisto: DemistoContext): ContextInternals {
  const found =
    typeof demisto === 'object' && demisto !== null && Object.hasOwn(demisto, INTERNALS)
      ? (demisto as unknown as Record<symbol, ContextInternals>)[INTERNALS]
      : undefined;
  if (!found) {
    throw new TypeError(
      'typescript runtime: failed to use demisto: it was not made by createDemistoContext. Pass the context your handler received.',
    );
  }
  return found;
}

/** The Python wrapper's `__convert`: dict → JSON-string entry unless it already is an entry. */
export function toWireEntries(value: unknown): WireEntry[] {
  const converted = convert(value);
  return Array.isArray(converted) ? converted : [converted];
}

function convert(value: unknown): WireEntry | WireEntry[] {
  if (isPlainObject(value)) {
    if (Object.hasOwn(value, 'Contents') && Object.hasOwn(value, 'ContentsFormat')) {
      // Sent as it is, but still through json.dump: a Date inside fails the same way.
      return toPlainJson(value) as unknown as WireEntry;
    }
    return { Type: 1, Contents: pyJsonDumps(value), ContentsFormat: 'json' };
  }
  if (Array.isArray(value)) return value.map((v) => convert(v) as WireEntry);
  if (value instanceof Uint8Array) {
    return { Type: 1, Contents: new TextDecoder().decode(value), ContentsFormat: 'text' };
  }
  return { Type: 1, Contents: pyStr(value), ContentsFormat: 'text' };
}

function logText(args: unknown[]): string {
  return args.map((a) => (typeof a === 'string' ? a : pyStr(a))).join(' ');
}

/**
 * A deep copy of stored state (always plain JSON: written through toPlainJson or read from JSON):
 * what structuredClone gives for it, at about half the cost. Reads copy, so a handler may change
 * what it got; it is the larger part of a command over a big integration context (issue 16).
 */
function clone<T extends Json>(value: T): T {
  return copyJson(value) as T;
}

function copyJson(value: Json): Json {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const out: Json[] = new Array<Json>(value.length);
    for (let i = 0; i < value.length; i++) out[i] = copyJson(value[i]!);
    return out;
  }
  const out: Record<string, Json> = {};
  for (const key of Object.keys(value)) {
    const item = copyJson(value[key]!);
    // An own "__proto__" key (JSON.parse makes those) stays a key, not a prototype.
    if (key === '__proto__')
      Object.defineProperty(out, key, { value: item, enumerable: true, writable: true, configurable: true });
    else out[key] = item;
  }
  return out;
}

export interface CreatedContext {
  demisto: DemistoContext;
  recording: ContextRecording;
  /** After this, every call throws: a handler still running after a timeout cannot touch the run. */
  seal(reason: string): void;
}

/** What one run's calls share; module-level helpers over it (see createDemistoContext). */
interface RunState {
  state: InstanceState;
  recording: ContextRecording;
  sealed: string | undefined;
}

// Function declarations at module level, not per command: esbuild's keepNames (tsx, vitest) wraps
// every named function made inside createDemistoContext in a __name() call on each command (issue 16).
function guard(run: RunState): void {
  if (run.sealed !== undefined) throw new Error(`demisto: the command already ended (${run.sealed})`);
}

function logLine(run: RunState, level: LogLine['level'], message: string): void {
  guard(run);
  run.recording.logs.push({ level, message });
}

function writeContext(run: RunState, value: unknown, version: number): void {
  guard(run);
  const current = run.state.integrationContext.version;
  if (version !== -1 && version !== current) {
    throw new ValueError(
      `setIntegrationContext: version conflict: the context is at version ${current}, the update was made from version ${version}`,
    );
  }
  run.state.integrationContext = { context: toPlainJson(value), version: current + 1 };
  // Shared, not copied: neither is changed in place (a write replaces, a read copies).
  run.recording.writes.integrationContext = run.state.integrationContext;
}

/** A fresh `demisto` for one command run over the request's state snapshot. */
export function createDemistoContext(request: RunRequest): CreatedContext {
  // Shallow copy: every read clones and every write replaces a whole value, so the request's state
  // is never mutated — and a large lastRun is not copied for commands that never read it.
  const state: InstanceState = { ...request.state };
  const recording: ContextRecording = { entries: [], logs: [], writes: {}, files: [] };
  const args: JsonRecord = { ...request.args };
  // The wrapper drops the debug-mode arg when the server set IsDebug (contract.md §A.1).
  if (request.isDebug) delete args['debug-mode'];
  const run: RunState = { state, recording, sealed: undefined };
  let directory: string | undefined;

  const demisto: DemistoContext = {
    command() {
      return request.command;
    },
    args() {
      return args;
    },
    params() {
      return request.params;
    },
    isDebug: request.isDebug,
    getLastRun() {
      guard(run);
      return clone(state.lastRun);
    },
    setLastRun(value) {
      guard(run);
      state.lastRun = toPlainJson(value);
      recording.writes.lastRun = state.lastRun;
    },
    getLastMirrorRun() {
      guard(run);
      return clone(state.lastMirrorRun);
    },
    setLastMirrorRun(value) {
      guard(run);
      state.lastMirrorRun = toPlainJson(value);
      recording.writes.lastMirrorRun = state.lastMirrorRun;
    },
    getIntegrationContext() {
      guard(run);
      return clone(state.integrationContext.context);
    },
    setIntegrationContext(value) {
      writeContext(run, value, -1);
    },
    getIntegrationContextVersioned() {
      guard(run);
      return { context: clone(state.integrationContext.context), version: state.integrationContext.version };
    },
    setIntegrationContextVersioned(value, version) {
      writeContext(run, value, version);
    },
    incidents(incidents) {
      demisto.results({ Type: 1, Contents: pyJsonDumps(incidents), ContentsFormat: 'json' });
    },
    fetchResults(incidents) {
      demisto.incidents(incidents);
    },
    results(value) {
      guard(run);
      recording.entries.push(...toWireEntries(value));
    },
    debug(...a) {
      logLine(run, 'debug', logText(a));
    },
    info(...a) {
      logLine(run, 'info', logText(a));
    },
    error(...a) {
      logLine(run, 'error', logText(a));
    },
    log(message) {
      logLine(run, 'entryLog', pyStr(message));
    },
    integrationInstance() {
      return request.instance;
    },
    demistoVersion() {
      return { ...request.version };
    },
    investigation() {
      return { id: request.investigationId };
    },
    isFetch() {
      return request.command === 'fetch-incidents';
    },
    getFilePath(id) {
      guard(run);
      const file = request.files?.[id];
      if (!file) throw new ValueError(`getFilePath: failed to find entry ${id}: no such file entry`);
      return { id, path: file.path, name: file.name };
    },
    uniqueFile() {
      return randomUUID();
    },
  };

  const internals: ContextInternals = {
    request,
    recording,
    fileDirectory() {
      guard(run);
      directory ??= mkdtempSync(join(tmpdir(), 'mirrorlab-ts-files-'));
      return directory;
    },
  };
  Object.defineProperty(demisto, INTERNALS, { value: internals });
  return {
    demisto,
    recording,
    seal(reason) {
      run.sealed = reason;
    },
  };
}
