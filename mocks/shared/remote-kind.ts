/**
 * One descriptor per kind of fake third party: everything the harness, the scenario format and the
 * CLI need to know about a vendor, in the vendor's own folder. The registry lists the built-in
 * ones; a user's fake is one more descriptor (`remotes: { pd: { kind: ./fakes/pagerduty.ts } }`,
 * or `createHarness({ fakes: [descriptor] })`), so nothing outside a vendor's folder names it.
 */
import type { TicketView } from './ticket-view.ts';
import { z } from 'zod';
import type { Persistence } from './persistence.ts';
import type { CreateTenant, RemoteAction, RemoteHandle, RemoteSettings, StartRemote } from './remote.ts';

/** The verbs of scenario `remote:` steps; `rateLimit` is the harness's own and every kind takes it. */
export const REMOTE_VERBS = ['create', 'update', 'comment', 'close', 'reopen', 'delete', 'attach'] as const;
export type RemoteVerb = (typeof REMOTE_VERBS)[number];

const id = z.union([z.string(), z.number()], { error: 'expected an id (a string or a number)' });
const fields = z.record(z.string(), z.unknown());

/** The standard shape of each verb: the verb's key plus the extras that go with it. */
export const STANDARD_ACTIONS = {
  create: z.strictObject({ create: fields.describe("the new record's fields, in the vendor's shape") }),
  update: z.strictObject({ update: id, fields: fields.describe('fields to change') }),
  comment: z.strictObject({
    comment: id,
    body: z.string(),
    author: z.string().optional(),
    internal: z.boolean().describe('an internal note rather than a public comment').optional(),
  }),
  close: z.strictObject({ close: id, reason: z.string().optional(), notes: z.string().optional() }),
  reopen: z.strictObject({ reopen: id }),
  delete: z.strictObject({ delete: id }),
  attach: z.strictObject({
    attach: id,
    name: z.string().describe('file name (default file.txt)').optional(),
    body: z.string().describe("the file's text").optional(),
  }),
} satisfies Record<RemoteVerb, z.ZodType>;

/** The standard schemas of the given verbs, for a descriptor's `actions`. */
export function standardActions<V extends RemoteVerb>(...verbs: V[]): Record<V, z.ZodType> {
  return Object.fromEntries(verbs.map((v) => [v, STANDARD_ACTIONS[v]])) as unknown as Record<V, z.ZodType>;
}

/**
 * Where to find a record's parts in the vendor's own shape (field names of `handle.items()` /
 * `comments()`), for the dashboard's remote pane. Named apart from the dashboard's richer
 * TicketView (fields, badges, edit forms) being built in parallel; that one is meant to become a
 * descriptor's view when the two meet.
 */
export interface RecordView {
  /** What one record is called (ticket, incident, alert). */
  noun: string;
  id: string;
  title: string;
  status: string;
  updated: string;
  /** Longer text shown under the title, if the vendor has one. */
  description?: string;
  /** Status values that mean closed (the pane greys them out, offers reopen). */
  closedStatuses: readonly string[];
  comment: { body: string; author?: string; created?: string; internal?: (comment: unknown) => boolean };
}

/** A `mirrorlab remote <kind>` option (harness/cli's CliOption shape, without importing the CLI). */
export interface RemoteCliOption {
  type: 'string' | 'boolean';
  value?: string;
  description: string;
}

/** What `mirrorlab remote <kind>` hands a kind: the shared options parsed, and where state lives. */
export interface RemoteCliContext {
  clock: { now(): number };
  host: string;
  port: number;
  seed: number;
  tickets: number;
  /** The kind's lowdb file (`<data-dir>/<kind>.json`), and its adapter. */
  file: string;
  persistence: Persistence<unknown>;
  /** The kind's own options as given (`--api-key` → values['api-key']). */
  values: Record<string, unknown>;
  /** See StartRemoteOptions.createTenant. */
  createTenant?: CreateTenant;
}

export interface RemoteCliServer {
  /** Lines to print: URLs, credentials, where state is kept. */
  banner: string[];
  close(): Promise<void>;
}

export interface RemoteKind<Settings extends object = Record<string, unknown>> {
  kind: string;
  /** One line for help texts. */
  summary: string;
  /**
   * The kind's own settings beside the common ones (seed, tickets, rateLimit), as a zod object of
   * optional fields: the scenario schema and schema.json show them to editors.
   */
  settings: z.ZodObject;
  /** The `remote:` verbs this kind takes, each with the schema of its whole action object. */
  actions: Partial<Record<RemoteVerb, z.ZodType>>;
  /** Starts one fake on 127.0.0.1 (options.port, default any free port) stamping with options.clock. */
  start: StartRemote<Settings>;
  view: RecordView;
  /**
   * How the dashboard's right-hand pane shows and edits its records (fields, sorts, forms); a kind
   * without one is not shown there.
   */
  dashboard?: TicketView;
  /** `mirrorlab remote <kind>` (built-in kinds; a user's fake may leave it out). */
  cli?: {
    /** Default port of `mirrorlab remote <kind>`. */
    port: number;
    options: Record<string, RemoteCliOption>;
    start(ctx: RemoteCliContext): Promise<RemoteCliServer>;
  };
}

/** A typing helper: a descriptor checked against the RemoteKind shape, its settings typed. */
export function defineRemoteKind<Settings extends object>(kind: RemoteKind<Settings>): RemoteKind<Settings> {
  return kind;
}

export function isRemoteKindDescriptor(value: unknown): value is RemoteKind {
  const v = value as Partial<RemoteKind> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.kind === 'string' &&
    typeof v.start === 'function' &&
    typeof v.actions === 'object' &&
    typeof v.settings === 'object'
  );
}

/** The verb of an action (exactly one verb key), or a message saying what is wrong. */
export function actionVerb(action: RemoteAction): string {
  const verbs = Object.keys(action).filter(
    (k) => (REMOTE_VERBS as readonly string[]).includes(k) || k === 'rateLimit',
  );
  if (verbs.length !== 1)
    throw new Error(
      `remote: failed to run an action: it needs exactly one of ${[...REMOTE_VERBS, 'rateLimit'].join(', ')}; found ${verbs.join(', ') || 'none'}.`,
    );
  return verbs[0]!;
}

/**
 * Starts a kind with its settings and actions checked against its own schemas, so a user's fake
 * loaded at run time gets the same clear errors as a built-in one.
 */
export async function startRemoteKind(
  descriptor: RemoteKind,
  name: string,
  settings: RemoteSettings,
  options: Parameters<StartRemote>[2],
): Promise<RemoteHandle> {
  const {
    kind: _kind,
    seed: _seed,
    tickets: _tickets,
    rateLimit: _rateLimit,
    hosts: _hosts,
    ...own
  } = settings;
  const parsed = descriptor.settings.safeParse(own);
  if (!parsed.success)
    throw new Error(
      `remote "${name}": failed to start ${descriptor.kind}: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'settings'}: ${i.message}`).join('; ')}.`,
    );
  const handle = await descriptor.start(name, settings, options);
  const act = handle.act.bind(handle);
  return {
    ...handle,
    act(action: RemoteAction) {
      const verb = actionVerb(action);
      if (verb !== 'rateLimit') {
        const schema = descriptor.actions[verb as RemoteVerb];
        if (!schema)
          throw new Error(
            `remote "${name}": ${/^[aeioux]/i.test(descriptor.kind) ? 'an' : 'a'} ${descriptor.kind} remote cannot ${verb}; it takes ${Object.keys(descriptor.actions).join(', ')}, rateLimit.`,
          );
        const checked = schema.safeParse(action);
        if (!checked.success)
          throw new Error(
            `remote "${name}": failed to ${verb}: ${checked.error.issues.map((i) => `${i.path.join('.') || verb}: ${i.message}`).join('; ')}.`,
          );
      }
      return act(action);
    },
  };
}
