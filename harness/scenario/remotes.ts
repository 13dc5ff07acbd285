/**
 * Fake third parties a scenario declares under `remotes:`. Each kind is started on its own port
 * (express over the shared vendor handlers) and driven through one small interface, so the
 * executor never needs to know which vendor it talks to.
 */
import { HarnessError, parseDuration, type Clock, type Json } from '../core/index.ts';
import { listen, type FaultSpec } from '../../mocks/shared/index.ts';
import {
  createHelpdesk,
  type HelpdeskState,
  type TicketInput,
  type TicketPatch,
} from '../../mocks/ticketing/helpdesk/index.ts';
import { createServicenow, type ServicenowState } from '../../mocks/ticketing/servicenow/index.ts';
import type { FaultInput, RemoteAction, RemoteDefinition } from './schema.ts';

export interface RemoteHandle {
  readonly name: string;
  readonly kind: string;
  readonly url: string;
  /** The instance params that point an integration at this remote (`remote:` wiring of an instance). */
  instanceParams(wiring: {
    urlParam?: string | undefined;
    keyParam?: string | undefined;
  }): Record<string, Json>;
  act(action: RemoteAction): void;
  addFault(fault: FaultInput): void;
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
  clock: Clock;
  /** A snapshot saved by --save-state: the fake starts from it instead of its seed. */
  saved?: Json;
}

const toRateLimit = (limit: { requests: number; window: string | number } | null) =>
  limit ? { requests: limit.requests, windowMs: parseDuration(limit.window) } : null;

export async function startRemote(
  name: string,
  definition: RemoteDefinition,
  options: StartRemoteOptions,
): Promise<RemoteHandle> {
  switch (definition.kind) {
    case 'helpdesk':
      return startHelpdesk(name, definition, options);
    case 'servicenow':
      return startServicenow(name, definition, options);
  }
}

async function startHelpdesk(
  name: string,
  definition: RemoteDefinition,
  options: StartRemoteOptions,
): Promise<RemoteHandle> {
  const rateLimit = definition.rateLimit ? toRateLimit(definition.rateLimit) : null;
  const helpdesk = await createHelpdesk({
    clock: options.clock,
    ...(definition.apiKey !== undefined ? { apiKey: definition.apiKey } : {}),
    ...(definition.seed !== undefined ? { seed: definition.seed } : {}),
    ...(definition.tickets !== undefined ? { tickets: definition.tickets as number | TicketInput[] } : {}),
    ...(rateLimit ? { rateLimit } : {}),
  });
  if (options.saved !== undefined) helpdesk.restore(options.saved as unknown as HelpdeskState);
  const server = await listen(helpdesk.app());
  const id = (value: string | number | undefined) => String(value);
  return {
    name,
    kind: 'helpdesk',
    url: server.url,
    instanceParams: (w) => ({
      [w.urlParam ?? 'url']: server.url,
      [w.keyParam ?? 'api_key']: helpdesk.apiKey,
    }),
    act(action) {
      if (action.create !== undefined) helpdesk.tickets.create(action.create as unknown as TicketInput);
      else if (action.update !== undefined)
        helpdesk.tickets.update(id(action.update), (action.fields ?? {}) as TicketPatch);
      else if (action.comment !== undefined) {
        helpdesk.tickets.comment(id(action.comment), {
          body: action.body ?? '',
          ...(action.author !== undefined ? { author: action.author } : {}),
          ...(action.internal !== undefined ? { internal: action.internal } : {}),
        });
      } else if (action.close !== undefined)
        helpdesk.tickets.close(id(action.close), action.reason, action.notes);
      else if (action.reopen !== undefined) helpdesk.tickets.reopen(id(action.reopen));
      else if (action.delete !== undefined) helpdesk.tickets.remove(id(action.delete));
      else if (action.rateLimit !== undefined) helpdesk.setRateLimit(toRateLimit(action.rateLimit));
      else if (action.attach !== undefined)
        throw new HarnessError(
          'unsupported',
          'scenario: failed to attach a file: the helpdesk remote does not take attachments from scenario steps (its API does: POST /tickets/:id/attachments).',
        );
    },
    addFault: (fault) => helpdesk.faults.add(toFaultSpec(fault)),
    clearFaults: () => helpdesk.faults.clear(),
    items: () => helpdesk.tickets.list(),
    item: (ticketId) => helpdesk.tickets.get(ticketId),
    comments: (ticketId) => helpdesk.tickets.comments(ticketId),
    attachments: (ticketId) =>
      (helpdesk.snapshot().attachments[ticketId] ?? []).map(({ content_base64: _bytes, ...meta }) => meta),
    snapshot: () => helpdesk.snapshot() as unknown as Json,
    restore: (state) => helpdesk.restore(state as unknown as HelpdeskState),
    async close() {
      await server.close();
      await helpdesk.flush();
    },
  };
}

/** A scenario `fault` step as the shared fault registry takes it. */
function toFaultSpec(fault: FaultInput): FaultSpec {
  const { clear: _clear, delay, ...spec } = fault as FaultInput & { remote?: string };
  delete (spec as { remote?: string }).remote;
  return {
    ...spec,
    path: spec.path ?? '*',
    ...(delay !== undefined ? { delayMs: parseDuration(delay) } : {}),
  } as FaultSpec;
}

/**
 * ServiceNow: records are addressed by sys_id or by number (INC0010001) in actions and
 * expectations; `comment` with `internal: true` is a work note; `close` takes `reason` as the close
 * code and `notes` as close notes; items are the incident table's records, comments their
 * sys_journal_field entries (comments and work notes), oldest first.
 */
export async function startServicenow(
  name: string,
  definition: RemoteDefinition,
  options: StartRemoteOptions,
): Promise<RemoteHandle> {
  const rateLimit = definition.rateLimit ? toRateLimit(definition.rateLimit) : null;
  const oauth =
    definition.clientId !== undefined
      ? { clientId: definition.clientId, clientSecret: definition.clientSecret ?? '' }
      : undefined;
  const snow = await createServicenow({
    clock: options.clock,
    ...(definition.username !== undefined ? { username: definition.username } : {}),
    ...(definition.password !== undefined ? { password: definition.password } : {}),
    ...(oauth ? { oauth } : {}),
    ...(definition.seed !== undefined ? { seed: definition.seed } : {}),
    ...(definition.tickets !== undefined
      ? { tickets: definition.tickets as number | Record<string, unknown>[] }
      : {}),
    ...(rateLimit ? { rateLimit } : {}),
  });
  if (options.saved !== undefined) snow.restore(options.saved as unknown as ServicenowState);
  const server = await listen(snow.app());
  const TABLE = 'incident';
  const sysIdOf = (ref: string | number | undefined): string => {
    const key = String(ref);
    const found = snow.records.list(TABLE).find((r) => r.sys_id === key || r.number === key);
    return found?.sys_id ?? key;
  };
  return {
    name,
    kind: 'servicenow',
    url: server.url,
    instanceParams: (w) => ({
      [w.urlParam ?? 'url']: server.url,
      [w.keyParam ?? 'credentials']: {
        identifier: oauth?.clientId ?? snow.username,
        password: oauth?.clientSecret ?? snow.password,
      },
    }),
    act(action) {
      if (action.create !== undefined) snow.records.create(TABLE, action.create);
      else if (action.update !== undefined)
        snow.records.update(TABLE, sysIdOf(action.update), action.fields ?? {});
      else if (action.comment !== undefined)
        snow.records.comment(TABLE, sysIdOf(action.comment), {
          body: action.body ?? '',
          workNote: action.internal === true,
          ...(action.author !== undefined ? { author: action.author } : {}),
        });
      else if (action.close !== undefined)
        snow.records.close(TABLE, sysIdOf(action.close), {
          ...(action.reason !== undefined ? { code: action.reason } : {}),
          ...(action.notes !== undefined ? { notes: action.notes } : {}),
        });
      else if (action.reopen !== undefined) snow.records.reopen(TABLE, sysIdOf(action.reopen));
      else if (action.delete !== undefined) snow.records.remove(TABLE, sysIdOf(action.delete));
      else if (action.rateLimit !== undefined) snow.setRateLimit(toRateLimit(action.rateLimit));
      else if (action.attach !== undefined)
        snow.records.attach(TABLE, sysIdOf(action.attach), {
          name: action.name ?? 'file.txt',
          content: action.body ?? '',
        });
    },
    addFault: (fault) => snow.faults.add(toFaultSpec(fault)),
    clearFaults: () => snow.faults.clear(),
    items: () => snow.records.list(TABLE),
    item: (id) => snow.records.get(TABLE, sysIdOf(id)),
    comments: (id) => snow.records.journal(TABLE, sysIdOf(id)),
    attachments: (id) => snow.records.attachments(TABLE, sysIdOf(id)),
    snapshot: () => snow.snapshot() as unknown as Json,
    restore: (state) => snow.restore(state as unknown as ServicenowState),
    async close() {
      await server.close();
      await snow.flush();
    },
  };
}
