/**
 * ServiceNow's descriptor (mocks/registry lists it). As a scenario / createHarness remote: records are addressed by sys_id or by number
 * (INC0010001); `comment` with `internal: true` is a work note; `close` takes `reason` as the close
 * code and `notes` as close notes; items are the incident table's records, comments their
 * sys_journal_field entries (comments and work notes), oldest first.
 */
import { z } from 'zod';
import {
  defineRemoteKind,
  listen,
  standardActions,
  serveFakeRemote,
  type StartRemote,
} from '../../shared/index.ts';
import { SERVICENOW_TICKET_VIEW } from './ticket-view.ts';
import { createServicenow, DEFAULT_PASSWORD, DEFAULT_USERNAME } from './create-servicenow.ts';

const TABLE = 'incident';

const settings = z.strictObject({
  username: z.string().describe('servicenow: the basic-auth / OAuth user (default admin)').optional(),
  password: z.string().describe("servicenow: that user's password").optional(),
  clientId: z.string().describe('servicenow: OAuth client id').optional(),
  clientSecret: z.string().describe('servicenow: OAuth client secret').optional(),
});

const startServicenowRemote: StartRemote<z.infer<typeof settings>> = async (name, settings, options) => {
  const oauth =
    settings.clientId !== undefined
      ? { clientId: settings.clientId, clientSecret: settings.clientSecret ?? '' }
      : undefined;
  const snow = await createServicenow({
    clock: options.clock,
    ...(settings.username !== undefined ? { username: settings.username } : {}),
    ...(settings.password !== undefined ? { password: settings.password } : {}),
    ...(oauth ? { oauth } : {}),
    ...(settings.seed !== undefined ? { seed: settings.seed } : {}),
    ...(settings.tickets !== undefined ? { tickets: settings.tickets } : {}),
    ...(settings.rateLimit ? { rateLimit: settings.rateLimit } : {}),
    ...(options.persistence
      ? {
          persistence: options.persistence as NonNullable<
            Parameters<typeof createServicenow>[0]['persistence']
          >,
        }
      : {}),
  });
  const sysIdOf = (ref: string | number | undefined): string => {
    const key = String(ref);
    const found = snow.records.list(TABLE).find((r) => r.sys_id === key || r.number === key);
    return found?.sys_id ?? key;
  };
  return serveFakeRemote(snow, { name, kind: 'servicenow' }, options, {
    instanceParams: (url, w) => ({
      [w.urlParam ?? 'url']: url,
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
      else if (action.attach !== undefined)
        snow.records.attach(TABLE, sysIdOf(action.attach), {
          name: action.name ?? 'file.txt',
          content: action.body ?? '',
        });
    },
    items: () => snow.records.list(TABLE),
    item: (id) => snow.records.get(TABLE, sysIdOf(id)),
    comments: (id) => snow.records.journal(TABLE, sysIdOf(id)),
    attachments: (id) => snow.records.attachments(TABLE, sysIdOf(id)),
  });
};

export const servicenowKind = defineRemoteKind({
  kind: 'servicenow',
  summary: 'the ServiceNow Table API subset ServiceNow v2 uses (basic auth, OAuth)',
  settings,
  actions: standardActions('create', 'update', 'comment', 'close', 'reopen', 'delete', 'attach'),
  start: startServicenowRemote,
  dashboard: SERVICENOW_TICKET_VIEW,
  view: {
    noun: 'incident',
    id: 'number',
    title: 'short_description',
    status: 'state',
    updated: 'sys_updated_on',
    description: 'description',
    closedStatuses: ['6', '7'],
    comment: {
      body: 'value',
      author: 'sys_created_by',
      created: 'sys_created_on',
      internal: (c) => (c as { element?: string }).element === 'work_notes',
    },
  },
  cli: {
    port: 4200,
    options: {
      username: { type: 'string', value: 'U', description: 'servicenow: basic-auth user (default admin)' },
      password: { type: 'string', value: 'P', description: "servicenow: that user's password" },
      'client-id': {
        type: 'string',
        value: 'ID',
        description: 'servicenow: OAuth client id (turns OAuth on)',
      },
      'client-secret': { type: 'string', value: 'SECRET', description: 'servicenow: OAuth client secret' },
    },
    async start(ctx) {
      const { values } = ctx;
      const username = (values.username as string | undefined) ?? DEFAULT_USERNAME;
      const password = (values.password as string | undefined) ?? DEFAULT_PASSWORD;
      const clientId = values['client-id'] as string | undefined;
      const snow = await createServicenow({
        clock: ctx.clock,
        username,
        password,
        seed: ctx.seed,
        tickets: ctx.tickets,
        ...(clientId
          ? { oauth: { clientId, clientSecret: (values['client-secret'] as string | undefined) ?? '' } }
          : {}),
        persistence: ctx.persistence as NonNullable<Parameters<typeof createServicenow>[0]['persistence']>,
      });
      const server = await listen(snow.app(), { host: ctx.host, port: ctx.port });
      // A password given on the command line is not echoed (it would land in terminal logs); the
      // default one is, so a first-time user can log in.
      const shownPassword =
        values.password === undefined
          ? `${password}   (default; set --password)`
          : '(as given with --password)';
      return {
        banner: [
          `servicenow listening on ${server.url}`,
          `  Table API: ${server.url}/api/now/table/incident   (basic auth)`,
          `  user:      ${username}`,
          `  password:  ${shownPassword}`,
          ...(clientId
            ? [
                `  OAuth:     ${server.url}/oauth_token.do   (client id ${clientId}; grant_type password or refresh_token)`,
              ]
            : []),
          `  admin:     ${server.url}/admin    (X-Admin-Token: ${snow.adminToken})`,
          `  state:     ${ctx.file}   (${snow.records.list('incident').length} incidents)`,
        ],
        async close() {
          await server.close();
          await snow.flush();
        },
      };
    },
  },
});
