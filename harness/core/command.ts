/**
 * The CommandRunner port (design.md §6): how the engine asks a runtime to run one integration
 * command. The engine hands over a snapshot of the instance's server-side state; the runtime
 * answers the integration's blocking calls (getLastRun, setIntegrationContext, …) from that
 * snapshot and reports what it wrote. The engine then decides what to commit (per-run transaction,
 * python-runtime.md §5.3), so the core stays pure and runtimes stay dumb.
 */
import type { Json } from './json.ts';
import type { DemistoVersion, WireEntry } from './wire.ts';

/** ok / error-entry / exception / timeout / crash, classified as python-runtime.md §5.3. */
export type Outcome = 'ok' | 'error-entry' | 'exception' | 'timeout' | 'crash';

export interface IntegrationContextState {
  context: Json;
  /** Opaque to integrations; a counter here. A set with a stale version is a conflict (ValueError). */
  version: number;
}

/** Server-side state of one instance that an integration can read and write during a command. */
export interface InstanceState {
  lastRun: Json;
  lastMirrorRun: Json;
  integrationContext: IntegrationContextState;
}

export interface IntegrationFlags {
  isfetch: boolean;
  ismappable: boolean;
  isremotesyncin: boolean;
  isremotesyncout: boolean;
}

export interface RunRequest {
  /** Instance name: `demisto.integrationInstance()`, `context.IntegrationInstance`. */
  instance: string;
  /** Integration brand: `context.IntegrationBrand`. */
  brand: string;
  /** Where the integration lives (a .ts, .py or .yml path); runtimes resolve it. */
  integration: string;
  command: string;
  args: Record<string, Json>;
  /** Effective params (defaults from the manifest, platform params like isFetch synthesised, §B.1). */
  params: Record<string, Json>;
  version: DemistoVersion;
  state: InstanceState;
  /** `context.Inv.id`; fileResult names files `<id>_<uuid>`. */
  investigationId: string;
  isDebug: boolean;
  /** Per-command timeout (wall clock). */
  timeoutMs: number;
  /** IANA zone for the integration's process (`TZ`). */
  tz: string;
  /** Files the engine can hand to `demisto.getFilePath(id)`: entry id → file on disk. */
  files?: Record<string, { path: string; name: string }>;
}

export interface LogLine {
  level: 'debug' | 'info' | 'error' | 'entryLog' | 'stderr';
  message: string;
}

/** A file an integration wrote with fileResult: becomes a War Room file entry. */
export interface ProducedFile {
  fileId: string;
  name: string;
  /** Absolute path of the bytes on disk (a per-command temp directory). */
  path: string;
}

export interface RunResult {
  outcome: Outcome;
  /** Every result entry in order; `demisto.incidents(list)` appears as its Type-1 JSON entry. */
  entries: WireEntry[];
  logs: LogLine[];
  /** For exception / timeout / crash: the message (and traceback when there is one). */
  error?: string;
  /** Wall-clock duration of the command. */
  durationMs: number;
  /** What the integration wrote, last write wins; absent key = not written. */
  writes: Partial<InstanceState>;
  files: ProducedFile[];
}

export interface CommandRunner {
  run(request: RunRequest): Promise<RunResult>;
  /** Free processes / workers. */
  close?(): Promise<void>;
}
