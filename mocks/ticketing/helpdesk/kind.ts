/**
 * The helpdesk's descriptor (mocks/registry lists it): as a scenario / createHarness remote,
 * tickets are addressed by id (T-1), comments with `internal: true` are internal notes,
 * attachments go through its HTTP API only; `mirrorlab remote helpdesk` serves it on its own.
 */
import { HELPDESK_TICKET_VIEW } from './ticket-view.ts';
import { z } from 'zod';
import {
  defineRemoteKind,
  listen,
  standardActions,
  serveFakeRemote,
  type StartRemote,
} from '../../shared/index.ts';
import { createHelpdesk, DEFAULT_API_KEY } from './create-helpdesk.ts';
import type { TicketInput, TicketPatch } from './model.ts';

const settings = z.strictObject({
  apiKey: z.string().describe('helpdesk: the Bearer API key').optional(),
});

const startHelpdeskRemote: StartRemote<z.infer<typeof settings>> = async (name, settings, options) => {
  const helpdesk = await createHelpdesk({
    clock: options.clock,
    ...(settings.apiKey !== undefined ? { apiKey: settings.apiKey } : {}),
    ...(settings.seed !== undefined ? { seed: settings.seed } : {}),
    ...(settings.tickets !== undefined ? { tickets: settings.tickets as number | TicketInput[] } : {}),
    ...(settings.rateLimit ? { rateLimit: settings.rateLimit } : {}),
    ...(options.persistence
      ? {
          persistence: options.persistence as NonNullable<
            Parameters<typeof createHelpdesk>[0]['persistence']
          >,
        }
      : {}),
  });
  const id = (value: string | number | undefined) => String(value);
  return serveFakeRemote(helpdesk, { name, kind: 'helpdesk' }, options, {
    instanceParams: (url, w) => ({
      [w.urlParam ?? 'url']: url,
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
    },
    items: () => helpdesk.tickets.list(),
    item: (ticketId) => helpdesk.tickets.get(ticketId),
    comments: (ticketId) => helpdesk.tickets.comments(ticketId),
    attachments: (ticketId) =>
      (helpdesk.snapshot().attachments[ticketId] ?? []).map(({ content_base64: _bytes, ...meta }) => meta),
  });
};

export const helpdeskKind = defineRemoteKind({
  kind: 'helpdesk',
  summary: 'the reference ticketing system (REST, Bearer API key)',
  settings,
  // Attachments go through its HTTP API only (POST /tickets/:id/attachments).
  actions: standardActions('create', 'update', 'comment', 'close', 'reopen', 'delete'),
  start: startHelpdeskRemote,
  dashboard: HELPDESK_TICKET_VIEW,
  view: {
    noun: 'ticket',
    id: 'id',
    title: 'title',
    status: 'status',
    updated: 'updated_at',
    description: 'description',
    closedStatuses: ['closed', 'resolved'],
    comment: {
      body: 'body',
      author: 'author',
      created: 'created_at',
      internal: (c) => (c as { internal?: boolean }).internal === true,
    },
  },
  cli: {
    port: 4100,
    options: { 'api-key': { type: 'string', value: 'KEY', description: 'helpdesk: the Bearer API key' } },
    async start(ctx) {
      const apiKey = (ctx.values['api-key'] as string | undefined) ?? DEFAULT_API_KEY;
      const helpdesk = await createHelpdesk({
        clock: ctx.clock,
        apiKey,
        seed: ctx.seed,
        tickets: ctx.tickets,
        persistence: ctx.persistence as NonNullable<Parameters<typeof createHelpdesk>[0]['persistence']>,
      });
      const server = await listen(helpdesk.app(), { host: ctx.host, port: ctx.port });
      return {
        banner: [
          `helpdesk listening on ${server.url}`,
          `  API:       ${server.url}/api/v1   (Authorization: Bearer ${apiKey})`,
          `  admin:     ${server.url}/admin    (X-Admin-Token: ${helpdesk.adminToken})`,
          `  state:     ${ctx.file}   (${Object.keys(helpdesk.snapshot().tickets).length} tickets)`,
        ],
        async close() {
          await server.close();
          await helpdesk.flush();
        },
      };
    },
  },
});
