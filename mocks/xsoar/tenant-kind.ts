/**
 * `kind: xsoar`: a second fake XSOAR tenant as a remote, for XSOAR-to-XSOAR mirroring (XSOAR
 * Mirroring, Packs/XSOARmirroring). It is a whole fake XSOAR — its own world and engine, this
 * folder's REST API on its own port with its own API key — on the harness clock. The registry lists
 * it; the tenant's engine comes from the composition root (`options.createTenant`), since this
 * folder may not import the harness's code (the registry would then import itself).
 *
 * As a remote, its records are incidents (addressed by id) and their War Room entries as the REST
 * API shows them (`contents`, `tags`, `note`, …); `comment` adds a note with tags, `close` /
 * `reopen` close and reopen, `attach` adds a file entry.
 */
import { z } from 'zod';
import type { Harness, Incident } from '../../harness/index.ts';
import {
  defineRemoteKind,
  type CreateTenant,
  type StartRemote,
  type StartRemoteOptions,
} from '../shared/index.ts';
import { buildIncidents } from './tenant-actions.ts';
import { serveTenant } from './tenant-server.ts';

export const TENANT_DEFAULT_API_KEY = 'xsoar-tenant-api-key';

const settings = z.strictObject({
  apiKey: z.string().min(1).describe('xsoar: the API key its REST API takes as Authorization').optional(),
  version: z
    .string()
    .regex(/^\d+\.\d+\.\d+$/, { error: 'expected a version such as 6.12.0' })
    .describe("xsoar: the tenant's demistoVersion (default 6.12.0)")
    .optional(),
  config: z
    .record(z.string(), z.union([z.string(), z.number(), z.boolean()]))
    .describe("xsoar: the tenant's server configuration keys")
    .optional(),
  closeRepeated: z
    .enum(['ok', 'conflict'])
    .describe('xsoar: what closing a closed incident answers (incident.close.repeated; default ok = 200)')
    .optional(),
  tz: z.string().describe("xsoar: the tenant's IANA time zone (default UTC)").optional(),
  incidentFields: z
    .array(
      z.strictObject({
        cliName: z
          .string()
          .regex(/^[a-z0-9]+$/, { error: 'expected a cliName: lower-case letters and digits' }),
        name: z.string().optional(),
        type: z
          .enum([
            'shortText',
            'longText',
            'number',
            'boolean',
            'date',
            'singleSelect',
            'multiSelect',
            'grid',
            'url',
            'user',
            'tagsSelect',
          ])
          .optional(),
        associatedTypes: z.array(z.string()).optional(),
      }),
    )
    .describe('xsoar: custom fields its catalogue (GET /incidentfields) lists before any incident uses them')
    .optional(),
  incidentTypes: z
    .array(z.string().min(1))
    .describe(
      'xsoar: incident types its catalogue (GET /incidenttype) lists besides Unclassified and those in use',
    )
    .optional(),
});
type Settings = z.infer<typeof settings>;

const id = z.union([z.string(), z.number()], { error: 'expected an incident id' });
const tags = z.array(z.string()).describe("the entry's tags").optional();

function tenantFactory(options: StartRemoteOptions | { createTenant?: CreateTenant }): CreateTenant {
  if (!options.createTenant)
    throw new Error(
      'xsoar remote: failed to start: a second XSOAR tenant starts only inside createHarness, a scenario or `mirrorlab remote xsoar`, which lend it an engine.',
    );
  return options.createTenant;
}

function serverOptions(settings: Settings): Record<string, unknown> {
  const config = {
    ...(settings.config ?? {}),
    ...(settings.closeRepeated ? { 'incident.close.repeated': settings.closeRepeated } : {}),
  };
  return {
    ...(settings.version ? { version: settings.version } : {}),
    ...(settings.tz ? { tz: settings.tz } : {}),
    config,
  };
}

const startTenantRemote: StartRemote<Settings> = async (name, settings, options) => {
  const tenant = (await tenantFactory(options)({
    clock: options.clock,
    server: serverOptions(settings),
    ...(options.saved !== undefined ? { saved: options.saved } : {}),
    ...(options.persistence ? { store: options.persistence } : {}),
  })) as Harness;
  try {
    if (options.saved === undefined) {
      const given = settings.tickets;
      const incidents =
        typeof given === 'number'
          ? buildIncidents(given, settings.seed ?? 1)
          : ((given ?? []) as (Partial<Incident> & { name: string })[]);
      for (const incident of incidents) await tenant.incidents.create(incident);
    }
    return await serveTenant(
      tenant,
      {
        name,
        apiKey: settings.apiKey ?? TENANT_DEFAULT_API_KEY,
        catalog: {
          ...(settings.incidentFields ? { fields: settings.incidentFields } : {}),
          ...(settings.incidentTypes ? { types: settings.incidentTypes } : {}),
        },
      },
      {
        clock: options.clock,
        ...(options.host !== undefined ? { host: options.host } : {}),
        ...(options.port !== undefined ? { port: options.port } : {}),
      },
      settings.rateLimit ?? null,
    );
  } catch (e) {
    await tenant.close();
    throw e;
  }
};

export const xsoarTenantKind = defineRemoteKind<Settings>({
  kind: 'xsoar',
  summary: 'a second fake XSOAR tenant (its own world and REST API) for XSOAR-to-XSOAR mirroring',
  settings,
  actions: {
    create: z.strictObject({
      create: z.record(z.string(), z.unknown()).describe("the incident's fields (name required)"),
    }),
    update: z.strictObject({
      update: id,
      fields: z.record(z.string(), z.unknown()).describe('fields to change'),
    }),
    comment: z.strictObject({
      comment: id,
      body: z.string().describe("the note's text"),
      tags,
      author: z.string().describe('the user who writes it (default admin)').optional(),
    }),
    close: z.strictObject({
      close: id,
      reason: z.string().describe('closeReason').optional(),
      notes: z.string().describe('closeNotes').optional(),
    }),
    reopen: z.strictObject({ reopen: id }),
    attach: z.strictObject({
      attach: id,
      name: z.string().describe('file name (default file.txt)').optional(),
      body: z.string().describe("the file's text").optional(),
      tags,
    }),
  },
  start: startTenantRemote,
  view: {
    noun: 'incident',
    id: 'id',
    title: 'name',
    status: 'status',
    updated: 'modified',
    description: 'details',
    closedStatuses: ['2'],
    comment: { body: 'contents', author: 'user', created: 'created' },
  },
  cli: {
    port: 4500,
    options: {
      'api-key': {
        type: 'string',
        value: 'KEY',
        description: "xsoar: the tenant's API key (raw Authorization)",
      },
    },
    async start(ctx) {
      const apiKey = (ctx.values['api-key'] as string | undefined) ?? TENANT_DEFAULT_API_KEY;
      const tenant = (await tenantFactory(ctx)({ clock: ctx.clock, store: ctx.persistence })) as Harness;
      if (tenant.incidents.list().length === 0)
        for (const incident of buildIncidents(ctx.tickets, ctx.seed)) await tenant.incidents.create(incident);
      const handle = await serveTenant(
        tenant,
        { name: 'xsoar', apiKey },
        { clock: ctx.clock, host: ctx.host, port: ctx.port },
        null,
      );
      return {
        banner: [
          `xsoar tenant listening on ${handle.url}`,
          `  API:       ${handle.url}   (Authorization: ${apiKey})`,
          `  state:     ${ctx.file}   (${tenant.incidents.list().length} incidents)`,
        ],
        close: () => handle.close(),
      };
    },
  },
});
