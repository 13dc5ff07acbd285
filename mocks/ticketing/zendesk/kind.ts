/**
 * Zendesk's descriptor (mocks/registry lists it). As a scenario / createHarness remote, tickets are
 * addressed by id (`1`), `comment` with `internal: true` is a private comment, `close` sets status
 * closed (after which the ticket cannot be updated), `reopen` sets open (a solved ticket; a closed
 * one refuses), `attach` adds a comment with a file. `remote: zd` wires `base_url` and
 * `credentials` ({identifier: '<email>/token', password: <api token>}) into the instance.
 */
import { z } from 'zod';
import {
  defineRemoteKind,
  listen,
  serveFakeRemote,
  standardActions,
  type StartRemote,
} from '../../shared/index.ts';
import { ZENDESK_TICKET_VIEW } from './ticket-view.ts';
import { createZendesk, DEFAULT_API_TOKEN, DEFAULT_EMAIL, type ZendeskOptions } from './create-zendesk.ts';

const settings = z.strictObject({
  email: z.string().describe(`zendesk: the API agent's email (default ${DEFAULT_EMAIL})`).optional(),
  apiToken: z.string().describe('zendesk: the API token (basic auth as <email>/token)').optional(),
  password: z.string().describe("zendesk: the agent's password (turns password access on)").optional(),
  oauthToken: z.string().describe('zendesk: an OAuth access token accepted as Bearer').optional(),
});
type Settings = z.infer<typeof settings>;

const id = z.union([z.string(), z.number()]);

const startZendeskRemote: StartRemote<Settings> = async (name, settings, options) => {
  const zendesk = await createZendesk({
    clock: options.clock,
    ...(settings.email !== undefined ? { email: settings.email } : {}),
    ...(settings.apiToken !== undefined ? { apiToken: settings.apiToken } : {}),
    ...(settings.password !== undefined ? { password: settings.password } : {}),
    ...(settings.oauthToken !== undefined ? { oauthToken: settings.oauthToken } : {}),
    ...(settings.seed !== undefined ? { seed: settings.seed } : {}),
    ...(settings.tickets !== undefined ? { items: settings.tickets } : {}),
    ...(settings.rateLimit ? { rateLimit: settings.rateLimit } : {}),
    ...(options.persistence ? { persistence: options.persistence } : {}),
  });
  return serveFakeRemote(zendesk, { name, kind: 'zendesk' }, options, {
    instanceParams: (url, w) => ({
      [w.urlParam ?? 'base_url']: url,
      [w.keyParam ?? 'credentials']: { identifier: `${zendesk.email}/token`, password: zendesk.apiToken },
    }),
    act(action) {
      const t = zendesk.tickets;
      if (action.create !== undefined) t.create(action.create);
      else if (action.update !== undefined) t.update(action.update, action.fields ?? {});
      else if (action.comment !== undefined)
        t.comment(action.comment, {
          body: action.body ?? '',
          public: action.internal !== true,
          ...(action.author !== undefined ? { author: action.author } : {}),
        });
      else if (action.close !== undefined) t.update(action.close, { status: 'closed' });
      else if (action.reopen !== undefined) t.update(action.reopen, { status: 'open' });
      else if (action.delete !== undefined) t.remove(action.delete);
      else if (action.attach !== undefined)
        t.attach(action.attach, { name: action.name ?? 'file.txt', content: action.body ?? '' });
    },
    items: () => zendesk.tickets.list(),
    item: (ticketId) => zendesk.tickets.get(ticketId),
    comments: (ticketId) => zendesk.tickets.comments(ticketId),
    attachments: (ticketId) => zendesk.tickets.attachments(ticketId),
  });
};

export const zendeskKind = defineRemoteKind<Settings>({
  kind: 'zendesk',
  summary: 'the Zendesk Support API v2 subset Zendesk v2 uses (email/token basic auth, OAuth bearer)',
  settings,
  actions: {
    ...standardActions('create', 'update', 'reopen', 'delete', 'attach'),
    comment: z.strictObject({
      comment: id,
      body: z.string(),
      author: z.string().describe("the author's email (default: the API agent)").optional(),
      internal: z.boolean().describe('a private comment (public: false)').optional(),
    }),
    // Zendesk has no close reason: closing is status closed.
    close: z.strictObject({ close: id }),
  },
  start: startZendeskRemote,
  dashboard: ZENDESK_TICKET_VIEW,
  view: {
    noun: 'ticket',
    id: 'id',
    title: 'subject',
    status: 'status',
    updated: 'updated_at',
    description: 'description',
    closedStatuses: ['solved', 'closed'],
    comment: {
      body: 'body',
      created: 'created_at',
      internal: (c) => (c as { public?: boolean }).public === false,
    },
  },
  cli: {
    port: 4300,
    options: {
      email: {
        type: 'string',
        value: 'E',
        description: `zendesk: the API agent's email (default ${DEFAULT_EMAIL})`,
      },
      'api-token': { type: 'string', value: 'T', description: 'zendesk: the API token' },
      password: {
        type: 'string',
        value: 'P',
        description: "zendesk: the agent's password (turns password access on)",
      },
      'oauth-token': {
        type: 'string',
        value: 'T',
        description: 'zendesk: an OAuth access token accepted as Bearer',
      },
    },
    async start(ctx) {
      const { values } = ctx;
      const option = (key: string) => values[key] as string | undefined;
      const zendesk = await createZendesk({
        clock: ctx.clock,
        seed: ctx.seed,
        items: ctx.tickets,
        persistence: ctx.persistence,
        ...(option('email') !== undefined ? { email: option('email') } : {}),
        ...(option('api-token') !== undefined ? { apiToken: option('api-token') } : {}),
        ...(option('password') !== undefined ? { password: option('password') } : {}),
        ...(option('oauth-token') !== undefined ? { oauthToken: option('oauth-token') } : {}),
      } as ZendeskOptions);
      const server = await listen(zendesk.app(), { host: ctx.host, port: ctx.port });
      const token =
        option('api-token') === undefined
          ? `${DEFAULT_API_TOKEN}   (default; set --api-token)`
          : '(as given with --api-token)';
      return {
        banner: [
          `zendesk listening on ${server.url}`,
          `  API:       ${server.url}/api/v2/tickets.json   (basic auth ${zendesk.email}/token : API token)`,
          `  token:     ${token}`,
          `  admin:     ${server.url}/admin    (X-Admin-Token: ${zendesk.adminToken})`,
          `  state:     ${ctx.file}   (${zendesk.tickets.list().length} tickets)`,
        ],
        async close() {
          await server.close();
          await zendesk.flush();
        },
      };
    },
  },
});
