/**
 * A running fake third party as the harness drives it: scenario `remote:` steps, `ticket` /
 * `tickets` expectations, instance wiring and saved state go through this one interface, so the
 * harness never needs to know which vendor it talks to. Each vendor folder implements it.
 */
import type { FaultSpec } from './faults.ts';
import type { Json } from './json.ts';
import type { Persistence } from './persistence.ts';
import type { RateLimit } from './rate-limiter.ts';

/**
 * What `remotes: { <name>: … }` says about one fake (durations already in milliseconds): the
 * common settings plus the kind's own (its descriptor's `settings` schema says which).
 */
export interface RemoteSettings {
  kind: string;
  seed?: number;
  /** A number of faker-built tickets, or the tickets themselves in the vendor's shape. */
  tickets?: number | Record<string, unknown>[];
  rateLimit?: RateLimit | null;
  [setting: string]: unknown;
}

/** One `remote:` step action: exactly one verb (create, update, comment, …) with its extras. */
export interface RemoteAction {
  create?: Record<string, unknown>;
  update?: string | number;
  fields?: Record<string, unknown>;
  comment?: string | number;
  body?: string;
  author?: string;
  internal?: boolean;
  close?: string | number;
  reason?: string;
  notes?: string;
  reopen?: string | number;
  delete?: string | number;
  rateLimit?: RateLimit | null;
  attach?: string | number;
  name?: string;
  /** Tags of a comment, where the vendor tags them (an XSOAR tenant's War Room entries). */
  tags?: string[];
}

/** Which instance params point an integration at a remote (`remote:` wiring of an instance). */
export interface RemoteWiring {
  urlParam?: string | undefined;
  keyParam?: string | undefined;
}

export interface RemoteHandle {
  readonly name: string;
  readonly kind: string;
  /** Where it listens (http://127.0.0.1:<port>). */
  readonly url: string;
  /** What requests to its `/admin` API send as X-Admin-Token (fakes with an admin API). */
  readonly adminToken?: string;
  instanceParams(wiring: RemoteWiring): Record<string, Json>;
  /** Synchronous for most fakes; a kind whose changes go through a queue (an XSOAR tenant) returns a promise. */
  act(action: RemoteAction): void | Promise<void>;
  addFault(fault: FaultSpec): void;
  clearFaults(): void;
  /** Every ticket (or the vendor's equivalent record), as the vendor's API shows it. */
  items(): unknown[];
  item(id: string): unknown;
  comments(id: string): unknown[];
  /** File attachments of a record, as the vendor's API lists them. */
  attachments(id: string): unknown[];
  snapshot(): Json;
  restore(state: Json): void;
  close(): Promise<void>;
}

export interface StartRemoteOptions {
  /** The clock the fake stamps records with: the harness's, so both sides share (virtual) time. */
  clock: { now(): number };
  /** A snapshot saved earlier (--save-state): the fake starts from it instead of its seed. */
  saved?: Json;
  /** Port to listen on (default 0: any free port on 127.0.0.1). */
  port?: number;
  /** Address to bind (default 127.0.0.1). */
  host?: string;
  /**
   * Where the fake keeps its state as it changes (lowdb's adapter shape): it starts from what is
   * there and writes every change behind. Kinds that cannot persist ignore it.
   */
  persistence?: Persistence<unknown>;
  /**
   * Lent by the composition root (createHarness, `mirrorlab remote`) to kinds that are a fake XSOAR
   * tenant themselves (`kind: xsoar`): they cannot import the harness without an import cycle.
   */
  createTenant?: CreateTenant;
}

/**
 * Starts another fake XSOAR server — its own world and engine, no instances — on the given clock,
 * and resolves to its harness (typed by the kind that uses it; mocks/shared names no harness type).
 */
export type CreateTenant = (options: TenantOptions) => Promise<unknown>;

export interface TenantOptions {
  clock: { now(): number };
  /** The tenant's server options (version, config, tz), as createHarness takes them. */
  server?: Record<string, unknown>;
  /** A saved `{ world, journal }` to start from. */
  saved?: Json;
  /** Where the tenant keeps its world as it changes. */
  store?: Persistence<unknown>;
}

/** Settings every kind takes, typed; a kind's own settings are added beside them. */
export interface CommonRemoteSettings {
  kind: string;
  seed?: number;
  tickets?: number | Record<string, unknown>[];
  rateLimit?: RateLimit | null;
  /**
   * Hosts the harness redirects to this fake for Python integrations (python.hosts); a kind may
   * wire its instance params for them (the vendor's real URL instead of the fake's).
   */
  hosts?: string[];
}

export type StartRemote<Settings extends object = Record<string, unknown>> = (
  name: string,
  settings: CommonRemoteSettings & Settings,
  options: StartRemoteOptions,
) => Promise<RemoteHandle>;
