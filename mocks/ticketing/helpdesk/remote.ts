/**
 * The helpdesk as a scenario / createHarness remote: tickets are addressed by id (T-1), comments
 * with `internal: true` are internal notes, attachments go through its HTTP API only.
 */
import { listen, type Json, type RemoteHandle, type StartRemote } from '../../shared/index.ts';
import { createHelpdesk } from './create-helpdesk.ts';
import type { HelpdeskState, TicketInput, TicketPatch } from './model.ts';

export const startHelpdeskRemote: StartRemote = async (name, settings, options) => {
  const helpdesk = await createHelpdesk({
    clock: options.clock,
    ...(settings.apiKey !== undefined ? { apiKey: settings.apiKey } : {}),
    ...(settings.seed !== undefined ? { seed: settings.seed } : {}),
    ...(settings.tickets !== undefined ? { tickets: settings.tickets as number | TicketInput[] } : {}),
    ...(settings.rateLimit ? { rateLimit: settings.rateLimit } : {}),
  });
  if (options.saved !== undefined) helpdesk.restore(options.saved as unknown as HelpdeskState);
  const server = await listen(helpdesk.app(), options.port !== undefined ? { port: options.port } : {});
  const id = (value: string | number | undefined) => String(value);
  const handle: RemoteHandle = {
    name,
    kind: 'helpdesk',
    url: server.url,
    adminToken: helpdesk.adminToken,
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
      else if (action.rateLimit !== undefined) helpdesk.setRateLimit(action.rateLimit);
      else if (action.attach !== undefined)
        throw new Error(
          'remote: failed to attach a file: the helpdesk remote does not take attachments from scenario steps (its API does: POST /tickets/:id/attachments).',
        );
    },
    addFault: (fault) => helpdesk.faults.add(fault),
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
  return handle;
};
