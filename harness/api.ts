/**
 * The programmatic API of mirrorlab (issue 2 item 9): what vitest tests, the scenario runner, the
 * XSOAR REST API and the demo drive. Implemented by create-harness.ts.
 */
import type {
  CommandRunner,
  Entry,
  FetchRecord,
  Incident,
  IntegrationFlags,
  JournalRecord,
  Json,
  MirrorCycleReport,
  RunResult,
  ServerPolicies,
  UserEntryInput,
  WireEntry,
  World,
} from './core/index.ts';
import type { TypeScriptIntegration, TypeScriptRunner } from './runtime/index.ts';
import type { ClassifierInput, MapperInput } from './content/index.ts';
import type { StoreHealth } from './store/index.ts';
import type { RemoteHandle, RemoteKind } from '../mocks/index.ts';

export interface ServerOptions {
  /** demistoVersion, e.g. '6.10.0' (default '6.12.0'); selects the version profile. */
  version?: string;
  buildNumber?: string;
  platform?: 'xsoar' | 'xsoar_hosted' | 'x2';
  /** Server configuration keys (contract.md §D): `sync.mirror.job.delay`, `sync.mirror.job.delayAdvanced`, … */
  config?: Record<string, Json>;
  /** Overrides of the version profile's policies. */
  policies?: Partial<ServerPolicies>;
  /** IANA zone (default 'UTC'): the server's lastUpdate offsets and the integrations' TZ. */
  tz?: string;
  commandTimeoutMs?: number;
}

export interface InstanceOptions {
  /**
   * A path (.ts, .py, .yml), a built-in integration (`builtin:helpdesk`, `builtin:helpdesk-py`) or an
   * in-process TypeScript integration value.
   */
  integration: string | TypeScriptIntegration;
  /**
   * A remote of `HarnessOptions.remotes` this instance talks to: its URL and credentials are put into
   * the params (`url` and the vendor's key param unless `urlParam` / `keyParam` name others).
   */
  remote?: string | { name: string; urlParam?: string; keyParam?: string };
  brand?: string;
  params?: Record<string, Json>;
  /**
   * The script flags (`isfetch`, `ismappable`, `isremotesyncin`, `isremotesyncout`) of an integration
   * that has no YAML beside it: required for a `.py` without its YAML (XSOAR reads them from the
   * YAML), optional for TypeScript (its commands imply them). A YAML's own flags win.
   */
  flags?: Partial<IntegrationFlags>;
  /**
   * Fetch settings. Like XSOAR, no fetch job runs unless `enabled: true` or the `isFetch` param is
   * true; the interval (minutes, default the `incidentFetchInterval` param or 1) is coerced to
   * whole minutes, the value the integration is told too.
   */
  fetch?: { enabled?: boolean; interval?: number };
  enabled?: boolean;
  incidentType?: string;
  /**
   * A classifier (contract.md §C): the path of a content classifier JSON, or its parsed JSON.
   * Default: the one the integration's YAML names (`defaultclassifier`), found in its pack.
   */
  classifier?: ClassifierInput;
  /**
   * Incoming / outgoing mappers: a content mapper JSON path, its parsed JSON, or inline simple rules
   * `{ field: path | ".='const'" }`. Default: `defaultmapperin` / `defaultmapperout` of the YAML.
   */
  mapper?: { incoming?: MapperInput; outgoing?: MapperInput };
  /** Relative classifier/mapper paths are taken from here (default: the working directory). */
  baseDir?: string;
}

/** A fake third party started with the harness, on its clock (scenario files' `remotes:`). */
export interface RemoteOptions {
  /**
   * A built-in kind (`helpdesk`, `servicenow`, `zendesk`), a kind registered with `fakes`, the path
   * of a module whose default export (or `remoteKind` export) is a descriptor, or the descriptor.
   */
  kind: string | RemoteKind;
  seed?: number;
  /** A number of faker-built tickets, or the tickets themselves in the vendor's shape. */
  tickets?: number | Record<string, unknown>[];
  /** `{ requests: 10, window: '1m' }`: a real limiter answering 429 with Retry-After. */
  rateLimit?: { requests: number; window: string | number } | null;
  /** Port on 127.0.0.1 (default: any free one). */
  port?: number;
  /**
   * Hosts whose requests from Python integrations go to this remote (`['api.atlassian.com']`):
   * entries of `python.hosts` pointing at its URL. A kind may wire its instances for them (Jira's
   * `server_url` becomes `https://api.atlassian.com/ex/jira`).
   */
  hosts?: string[];
  /** The kind's own settings (helpdesk `apiKey`, servicenow `username` …; see its descriptor). */
  [setting: string]: unknown;
}

export interface HarnessOptions {
  server?: ServerOptions;
  /**
   * Fake third parties, started on 127.0.0.1 before the instances and stamping their records with
   * the harness clock, so virtual time holds on both sides. Reach them as `harness.remotes.<name>`.
   */
  remotes?: Record<string, RemoteOptions>;
  /** Descriptors of your own fakes (defineRemoteKind), usable as `remotes: { x: { kind: '<their kind>' } }`. */
  fakes?: RemoteKind[];
  /** Snapshots of those remotes to start from (written by `--save-state`). */
  savedRemotes?: Record<string, Json>;
  instances?: Record<string, InstanceOptions>;
  /**
   * 'virtual' (default) or 'real' (timers; for demos), or another harness's clock (`{ now() }`) to
   * follow: this harness then reads that time and never moves it (a second tenant's, `kind: xsoar`).
   */
  clock?: 'virtual' | 'real' | { now(): number };
  /** Start of virtual time (epoch ms or ISO); default: the current minute (see create-harness.ts). */
  start?: number | string;
  /** Start from a saved world (and journal). */
  saved?: { world: World; journal?: JournalRecord[] };
  /** Journal records kept in memory and in the saved state, oldest dropped first (default 100,000). */
  journalLimit?: number;
  /** Persistence of { world, journal }: memory by default. */
  store?: { read(): Promise<SavedState | null>; write(state: SavedState): Promise<void> };
  /** Override runners (tests); default: TypeScript in-process + Python warm workers. */
  runners?: { typescript?: TypeScriptRunner; python?: CommandRunner };
  /**
   * Python options for the default python runner. `proxy` routes the integrations' HTTP through a
   * proxy (HTTP(S)_PROXY); they must then run with their `proxy` param true (contract.md §F.11).
   */
  python?: {
    interpreter?: string;
    contentRoot?: string;
    poolSize?: number;
    proxy?: string;
    /**
     * Host redirection: hostname → base URL. Requests a Python integration sends (with `requests`)
     * to a mapped host go to that URL instead, so hard-coded vendor hosts (Jira V3's
     * `api.atlassian.com`, `auth.atlassian.com`) reach a fake. A remote's `hosts` adds entries
     * pointing at that remote.
     */
    hosts?: Record<string, string>;
    /** Fork-fast workers (the zygote) instead of re-executing CommonServerPython per command; default false. */
    fork?: boolean;
    /** Re-exec workers execute the next command's CommonServerPython after each answer; default true. */
    preExecute?: boolean;
    /** Pre-executing workers: a second joins an instance whose commands keep coming back to back, and the two take turns; default true. */
    alternate?: boolean;
  };
}

export interface SavedState {
  world: World;
  journal: JournalRecord[];
}

/**
 * An analyst's War Room entry: contents, tags (a tag makes it go out on mirror-out), note, format,
 * type, user; `file` makes it a file entry (Type 3) whose bytes integrations read with getFilePath.
 */
export type EntryInput = Omit<UserEntryInput, 'file'> & {
  file?: { name: string; content: string | Uint8Array };
};

export type HarnessEvent =
  | { type: 'journal'; record: JournalRecord }
  | {
      type: 'job';
      job: 'fetch' | 'mirror';
      instance?: string;
      phase: 'start' | 'end';
      at: string;
      note?: string;
    }
  | { type: 'change'; incidentId?: string; at: string }
  /** A store write failed (ok: false, once per failure streak) or worked again (ok: true). */
  | { type: 'store'; ok: boolean; message: string; at: string };

export interface Harness {
  /** Current time of the harness clock (epoch ms). A harness is a clock: `createHelpdesk({ clock: harness })`. */
  now(): number;
  /** The fakes of `HarnessOptions.remotes`, by name. */
  readonly remotes: Readonly<Record<string, RemoteHandle>>;
  world(): World;
  journal(): JournalRecord[];
  /** Run the fetch job of one instance now. */
  fetch(instance: string): Promise<FetchRecord>;
  /** Run one mirror job cycle now (mirror-out and mirror-in over every instance). */
  mirror(): Promise<MirrorCycleReport>;
  /** Virtual clock only: move time forward, running every job that falls due, in time order. */
  advance(duration: string | number): Promise<void>;
  /** Run one integration command once, War Room style (`!command`); lastRun is not persisted. */
  runCommand(
    instance: string,
    command: string,
    args?: Record<string, Json>,
    options?: { debug?: boolean },
  ): Promise<RunResult>;
  /** Run a server (builtin/debug) command: getMirrorStatistics, getSyncMirrorRecords, purgeClosedSyncMirrorRecords, resetDirtyFields, … */
  serverCommand(command: string, args?: Record<string, Json>): Promise<WireEntry[]>;
  incidents: {
    list(filter?: Partial<Incident>): Incident[];
    get(id: string): Incident | undefined;
    entries(id: string): Entry[];
    create(fields: Partial<Incident> & { name: string }): Promise<Incident>;
    update(id: string, fields: Record<string, Json>, user?: string): Promise<Incident>;
    addEntry(id: string, entry: EntryInput): Promise<Entry>;
    close(
      id: string,
      close?: { closeReason?: string; closeNotes?: string; user?: string },
    ): Promise<Incident>;
    reopen(id: string, user?: string): Promise<Incident>;
  };
  /** Subscribe to live events (dashboard timeline); returns an unsubscribe function. */
  on(listener: (event: HarnessEvent) => void): () => void;
  /** Real clock only: start the fetch and mirror schedules. */
  start(): void;
  /**
   * Stop schedules, flush the store, free workers, close the remotes. `abort: true` kills the
   * workers first, ending a running command at once (it fails as a crash).
   */
  close(options?: { abort?: boolean }): Promise<void>;
  /** Whether state is being saved: a failed write is retried and reported here and as a `store` event. */
  storeHealth(): StoreHealth;
  /**
   * Run `fn` while no fetch, mirror cycle or user action runs (they wait): a consistent moment to
   * snapshot the world together with a fake it drives (the demo's linked store).
   */
  exclusive<T>(fn: () => Promise<T>): Promise<T>;
}
