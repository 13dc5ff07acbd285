/**
 * The world model of the fake XSOAR server (pure data, JSON-serialisable). One world per server;
 * the journal of commands is kept beside it as an append-only log (see JournalRecord), because a
 * day of one-minute cycles appends ~150k records and copying them on every step would not be pure
 * *and* fast.
 */
import type { IntegrationFlags, InstanceState, Outcome } from './command.ts';
import type { Json, JsonObject } from './json.ts';
import type { Classifier, Mapper } from './mapping/index.ts';
import type { LastUpdateFormat } from './time.ts';
import type { DemistoVersion } from './wire.ts';

export type MirrorDirection = '' | 'In' | 'Out' | 'Both';

/** Zero time: what XSOAR stores for "never" (`closed` of an open incident, `dbotMirrorLastSync`). */
export const ZERO_TIME = '0001-01-01T00:00:00Z';

/** An incident with the fields of contract.md §A.2 / §C. Times are ISO-8601 UTC strings. */
export interface Incident {
  id: string;
  name: string;
  type: string;
  status: number;
  severity: number;
  occurred: string;
  created: string;
  modified: string;
  closed: string;
  closeReason: string;
  closeNotes: string;
  closingUserId: string;
  details: string;
  owner: string;
  phase: string;
  labels: { type: string; value: string }[];
  rawJSON: string;
  CustomFields: JsonObject;
  attachment: { path: string; name: string }[];
  sourceBrand: string;
  sourceInstance: string;
  investigationId: string;
  version: number;
  dbotMirrorId: string;
  dbotMirrorDirection: MirrorDirection;
  dbotMirrorInstance: string;
  dbotMirrorTags: string[] | null;
  dbotMirrorLastSync: string;
  dbotDirtyFields: string[] | null;
  dbotCurrentDirtyFields: string[] | null;
}

export type EntrySource = 'user' | 'mirror-in' | 'command' | 'system';

/** A War Room entry. Capitalised keys are XSOAR's own (§A.4); the rest is bookkeeping. */
export interface Entry {
  id: string;
  incidentId: string;
  Type: number;
  Contents: Json;
  ContentsFormat: string;
  HumanReadable?: Json;
  EntryContext?: Json;
  Tags: string[];
  Note: boolean;
  Category?: string;
  File?: string;
  FileID?: string;
  /** Where the harness keeps the file's bytes (file entries): what `demisto.getFilePath(id)` answers. */
  filePath?: string;
  user: string;
  created: string;
  source: EntrySource;
  /** Instance whose mirror-in added it (source 'mirror-in'). */
  instance?: string;
}

export interface InstanceFetchSettings {
  enabled: boolean;
  /** `incidentFetchInterval`, minutes. */
  intervalMinutes: number;
}

/** Inline simple mapper rules: target field → source path or `.='const'` (turned into a Mapper). */
export type MapperRules = Record<string, string>;

/** An instance's classifier and mappers (contract.md §C formats), applied on fetch, mirror-in and mirror-out. */
export interface InstanceMapping {
  classifier?: Classifier;
  incoming?: Mapper;
  outgoing?: Mapper;
  /** Defaults the integration's YAML names that were not found in its pack (the instance runs without them). */
  missing?: string[];
}

export interface Instance {
  name: string;
  brand: string;
  /** Path of the integration (.ts, .py or .yml). */
  integration: string;
  flags: IntegrationFlags;
  /** Commands the integration declares (from its manifest); empty = unknown, anything may be run. */
  commands: string[];
  params: Record<string, Json>;
  fetch: InstanceFetchSettings;
  enabled: boolean;
  incidentType: string;
  mapping: InstanceMapping;
  state: InstanceState;
}

/** What a fetch run left behind (Fetch History, contract.md §B.2 item 8). */
export interface FetchRecord {
  at: string;
  durationMs: number;
  outcome: Outcome;
  message: string;
  pulled: number;
  dropped: number;
  lastRun: Json;
  sourceIds: string[];
  createdIncidentIds: string[];
  /** Fetched items that were not created: index, reason. */
  invalid: { index: number; reason: string }[];
  /** dbotMirrorIds seen before on another incident (XSOAR does not de-duplicate: flagged, not dropped). */
  duplicates: { dbotMirrorId: string; incidentId: string; firstIncidentId: string }[];
}

/** Per-incident internal mirroring metadata (`getSyncMirrorRecords`). */
export interface MirrorRecord {
  incidentId: string;
  instance: string;
  remoteId: string;
  direction: MirrorDirection;
  closed: boolean;
  lastPullAt: string;
  lastPushAt: string;
  pulls: number;
  pushes: number;
  pushFailures: number;
  rateLimited: boolean;
  lastError: string;
}

export interface InstanceMirrorState {
  /** Time of the last successful get-modified-remote-data run (its `lastUpdate` for the next). */
  lastModifiedRunAt: string;
  /** Incidents still owed a get-remote-data (after an `API rate limit` stop, or a failed pull under failedPull: retry), in order. */
  pendingPull: string[];
  cycles: number;
  skippedCycles: number;
  rateLimitedCycles: number;
  getModifiedCalls: number;
  getRemoteDataCalls: number;
  updateRemoteSystemCalls: number;
  failures: number;
  lastError: string;
}

/** Pending outgoing sync for one incident (collected between mirror-out runs). */
export interface OutgoingQueueItem {
  incidentId: string;
  /** Entry ids added since the last successful push that carry a mirror tag. */
  entryIds: string[];
  /** True when a field changed since the last successful push (`incidentChanged`). */
  incidentChanged: boolean;
  /** Failed attempts so far (kept for the next cycle, counted in statistics). */
  attempts: number;
}

export type ClosedIncidentPolicy = 'mirror' | 'fields-only' | 'skip';
export type DirtyFieldPolicy = 'sticky' | 'until-mirrored-out' | 'until-reset';
export type LastRunOnError = 'keep' | 'discard';
export type MirrorOutOrder = 'before-in' | 'after-in';
export type OutgoingEntries = 'mirror-tags' | 'any-tag';
export type FailedPull = 'drop' | 'retry';
export type RemoteDataLastUpdate = 'last-sync' | 'incident-modified';

/**
 * Server behaviour where the public record is unclear (contract.md §H): every one a documented
 * setting. Defaults come from the version profile (see profiles.ts) and can be overridden.
 */
export interface ServerPolicies {
  closedIncidents: ClosedIncidentPolicy;
  dirtyFields: DirtyFieldPolicy;
  lastRunOnError: LastRunOnError;
  lastUpdateFormat: LastUpdateFormat;
  mirrorOutOrder: MirrorOutOrder;
  /**
   * Whether a close or reopen that mirror-in applied (dbotIncidentClose / dbotIncidentReopen) is
   * itself sent out with update-remote-system, as any status change of the incident is. This is
   * what starts the close/reopen ping-pong integrations guard against (contract.md §F.16).
   */
  mirroredLifecycleOut: boolean;
  /**
   * Which War Room entries go out with update-remote-system (and trigger it): only those carrying
   * one of the incident's `dbotMirrorTags` ('mirror-tags', the mirroring doc's definition of the
   * field), or any tagged entry ('any-tag', leaving the filtering to the integration).
   */
  outgoingEntries: OutgoingEntries;
  /**
   * What a get-remote-data that fails without "API rate limit" leaves behind (contract.md §H.2):
   * 'drop' skips the incident for this change — the next get-modified window starts after it, so
   * the change is lost unless the remote changes again — 'retry' owes the incident a pull next
   * cycle, as after a rate-limit stop. See profiles.ts for the evidence behind the default.
   */
  failedPull: FailedPull;
  /**
   * The `lastUpdate` sent to get-remote-data (contract.md §H.1): the incident's last pull
   * (dbotMirrorLastSync, 'last-sync') or its last modification in XSOAR ('incident-modified', a
   * literal reading of the doc's "the time the incident was last updated"). The latter is newer
   * than remote changes made before a local edit, which ServiceNow v2 then skips (§F.13).
   */
  remoteDataLastUpdate: RemoteDataLastUpdate;
  /** Whether mirror-in runs get-modified-remote-data first (6.1+). */
  getModifiedStep: boolean;
  /** Whether `resetDirtyFields` exists (8.x). */
  resetDirtyFieldsCommand: boolean;
}

export interface ServerSettings {
  version: DemistoVersion;
  /** Server configuration keys (`sync.mirror.job.delay`, `fetch.history.size`, …): contract.md §D. */
  config: Record<string, Json>;
  policies: ServerPolicies;
  /** IANA zone of the server and of integration processes (`TZ`). */
  tz: string;
  /** Per-command timeout for integrations. */
  commandTimeoutMs: number;
}

export interface MirrorStats {
  lastRunAt: string;
  cycles: number;
  rateLimitedCycles: number;
}

export interface World {
  schema: 1;
  server: ServerSettings;
  instances: Record<string, Instance>;
  /** Incident id → incident. Ids are "1", "2", … like XSOAR. */
  incidents: Record<string, Incident>;
  /** Incident id → its War Room entries in order. */
  entries: Record<string, Entry[]>;
  nextIncidentId: number;
  nextEntryId: number;
  fetchHistory: Record<string, FetchRecord[]>;
  mirror: {
    records: Record<string, MirrorRecord>;
    instances: Record<string, InstanceMirrorState>;
    outgoing: Record<string, OutgoingQueueItem>;
    stats: MirrorStats;
  };
}

export type JournalTrigger = 'fetch' | 'mirror-in' | 'mirror-out' | 'user' | 'debug';

/** One command run, as the journal records it (the timeline of who called what). */
export interface JournalRecord {
  seq: number;
  /** Virtual (or real) time the command started, ISO. */
  at: string;
  instance: string;
  command: string;
  args: Record<string, Json>;
  outcome: Outcome;
  /** The wire entries it returned. */
  entries: Json[];
  error?: string;
  /** Wall-clock duration. */
  durationMs: number;
  trigger: JournalTrigger;
  incidentId?: string;
  /** Short human text of what the engine did with the result ("3 incidents created", "cycle stopped: API rate limit"). */
  note?: string;
  logs?: { level: string; message: string }[];
}

export type { DemistoVersion, Json, JsonObject };
