/**
 * Fake third parties a scenario declares under `remotes:`. Each kind is started on its own port
 * (express over the shared vendor handlers) and driven through one small interface, so the
 * executor never needs to know which vendor it talks to.
 */
import { parseDuration, type Clock, type Json } from '../core/index.ts';
import { listen } from '../../mocks/shared/index.ts';
import {
  createHelpdesk,
  type HelpdeskState,
  type TicketInput,
  type TicketPatch,
} from '../../mocks/ticketing/helpdesk/index.ts';
import type { FaultInput, RemoteAction, RemoteDefinition } from './schema.ts';

export interface RemoteHandle {
  readonly name: string;
  readonly kind: string;
  readonly url: string;
  readonly apiKey: string;
  act(action: RemoteAction): void;
  addFault(fault: FaultInput): void;
  clearFaults(): void;
  /** Every ticket (or the vendor's equivalent record), as the vendor's API shows it. */
  items(): unknown[];
  item(id: string): unknown;
  comments(id: string): unknown[];
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
    apiKey: helpdesk.apiKey,
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
    },
    addFault(fault) {
      const { clear: _clear, delay, ...spec } = fault as FaultInput & { remote?: string };
      delete (spec as { remote?: string }).remote;
      helpdesk.faults.add({
        ...spec,
        path: spec.path ?? '*',
        ...(delay !== undefined ? { delayMs: parseDuration(delay) } : {}),
      } as Parameters<typeof helpdesk.faults.add>[0]);
    },
    clearFaults: () => helpdesk.faults.clear(),
    items: () => helpdesk.tickets.list(),
    item: (ticketId) => helpdesk.tickets.get(ticketId),
    comments: (ticketId) => helpdesk.tickets.comments(ticketId),
    snapshot: () => helpdesk.snapshot() as unknown as Json,
    restore: (state) => helpdesk.restore(state as unknown as HelpdeskState),
    async close() {
      await server.close();
      await helpdesk.flush();
    },
  };
}
