/**
 * The scenario file format (design.md §8). Its names are PUBLIC: users write them in YAML and the
 * shipped JSON Schema (scenarios/schema.json) is generated from these very definitions, so editors
 * and the loader can never disagree. Cross-references (instance and remote names, "exactly one
 * verb per step") are checked by check-scenario.ts, where the whole file is in view.
 */
import { z } from 'zod';
import { isModuleKind } from '../remote-kinds.ts';
import { BUILTIN_KINDS, REMOTE_VERBS, type RemoteKind } from '../../mocks/registry/index.ts';
import { expectStep, type callPattern } from './schema-expect.ts';
import {
  closed,
  countSchema,
  durationSchema,
  idSchema,
  isTimeZone,
  OBJECT_KINDS,
  pattern,
  selector,
} from './schema-parts.ts';

export { durationSchema, OBJECT_KINDS } from './schema-parts.ts';

const policies = closed('policy', {
  closedIncidents: z.enum(['mirror', 'fields-only', 'skip']).optional(),
  dirtyFields: z.enum(['sticky', 'until-mirrored-out', 'until-reset']).optional(),
  lastRunOnError: z.enum(['keep', 'discard']).optional(),
  lastUpdateFormat: z.enum(['iso-offset', 'iso-utc']).optional(),
  mirrorOutOrder: z.enum(['before-in', 'after-in']).optional(),
  outgoingEntries: z.enum(['mirror-tags', 'any-tag']).optional(),
  failedPull: z.enum(['drop', 'retry']).optional(),
  remoteDataLastUpdate: z.enum(['last-sync', 'incident-modified']).optional(),
  mirroredLifecycleOut: z.boolean().optional(),
  getModifiedStep: z.boolean().optional(),
  resetDirtyFieldsCommand: z.boolean().optional(),
});

const server = closed('server setting', {
  version: z.string({ error: 'expected a version string such as "6.10.0" (quote it)' }).optional(),
  buildNumber: z.union([z.string(), z.number()]).optional(),
  platform: z.enum(['xsoar', 'xsoar_hosted', 'x2']).optional(),
  config: z
    .record(z.string(), z.unknown())
    .describe('server configuration keys, flat (sync.mirror.job.delay: 1) or nested (sync: { mirror: … })')
    .optional(),
  policies: policies.optional(),
  tz: z
    .string()
    .refine(isTimeZone, { message: 'unknown time zone; write an IANA zone such as UTC or Asia/Jerusalem' })
    .optional(),
  start: z
    .union([z.string(), z.number()])
    .refine((v) => !Number.isNaN(typeof v === 'number' ? v : Date.parse(v)), {
      message: 'bad start time; write an ISO time such as 2026-01-01T00:00:00Z or epoch milliseconds',
    })
    .optional(),
  commandTimeout: durationSchema.optional(),
});

/** A DNS host name (no scheme, port or path). */
const HOSTNAME =
  /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i;

const rateLimit = closed('rate limit setting', {
  requests: z.number().int().positive(),
  window: durationSchema,
});

/** Settings every kind of remote takes; a kind adds its own (its descriptor's `settings`). */
const commonRemoteSettings = {
  seed: z.number().int().optional(),
  tickets: z
    .union([z.number().int().nonnegative(), z.array(z.record(z.string(), z.unknown()))], {
      error: 'expected a number of tickets or a list of tickets',
    })
    .optional(),
  rateLimit: rateLimit.optional(),
  hosts: z
    .array(z.string().regex(HOSTNAME, 'expected a host name such as api.atlassian.com'))
    .describe('hosts whose requests from Python integrations go to this remote (python host redirection)')
    .optional(),
};
export const COMMON_REMOTE_SETTINGS = Object.keys(commonRemoteSettings);

/**
 * A `kind:` that is a module path (./fakes/pagerduty.ts) names a user's descriptor, loaded when
 * the scenario runs; its settings are the user's, checked by that descriptor.
 */
export { isModuleKind };

/** The kind of each built-in remote branch, so messages and schema.json can tell them apart. */
export const REMOTE_BRANCH_KIND = new WeakMap<object, RemoteKind>();

function builtinRemote(descriptor: RemoteKind) {
  // Loose here, checked key by key in check-scenario.ts: a key of another kind gets "that is a
  // <kind> setting" rather than a bare "unknown key".
  const branch = z
    .looseObject({
      kind: z.literal(descriptor.kind),
      ...commonRemoteSettings,
      ...(descriptor.settings.shape as z.ZodRawShape),
    })
    .describe(`${descriptor.kind}: ${descriptor.summary}`);
  OBJECT_KINDS.set(branch, `${descriptor.kind} remote setting`);
  REMOTE_BRANCH_KIND.set(branch, descriptor);
  return branch;
}

const builtinRemotes = BUILTIN_KINDS.map(builtinRemote);
const userRemote = z
  .looseObject({
    kind: z
      .string()
      // Aborting, so an unknown built-in kind reports the built-in kinds' "did you mean".
      .refine(isModuleKind, {
        abort: true,
        message: 'expected a built-in kind or a module path (./fakes/x.ts)',
      })
      .describe('path of a module exporting a remote kind (defineRemoteKind), relative to the scenario file'),
    ...commonRemoteSettings,
  })
  .describe("a user's own fake: its settings are checked by its descriptor");

const remoteDefinition = z.union([
  z.discriminatedUnion('kind', builtinRemotes as unknown as [z.ZodObject, ...z.ZodObject[]]),
  userRemote,
]);

const remoteWiring = closed('remote wiring setting', {
  name: z.string(),
  urlParam: z.string().optional(),
  keyParam: z.string().optional(),
});

const mapperSetting = z
  .union([z.string(), z.record(z.string(), z.string())], {
    error:
      "expected the path of a content mapper JSON file, or inline rules { <field>: <path or .='const'> }",
  })
  .describe('path of a content mapper JSON (relative to the scenario file), or inline simple rules');

const instanceDefinition = closed('instance setting', {
  integration: z
    .string()
    .describe(
      'path of the integration (.ts, .py or .yml) relative to the scenario file, builtin:<name>, or content:<path in the content checkout>',
    ),
  flags: closed('flags setting', {
    isfetch: z.boolean().optional(),
    ismappable: z.boolean().optional(),
    isremotesyncin: z.boolean().optional(),
    isremotesyncout: z.boolean().optional(),
  })
    .describe(
      "the integration's script flags, for a .py without its YAML (the YAML's own flags win otherwise)",
    )
    .optional(),
  remote: z
    .union([z.string(), remoteWiring], { error: 'expected a remote name or { name, urlParam, keyParam }' })
    .optional(),
  params: z.record(z.string(), z.unknown()).optional(),
  fetch: closed('fetch setting', {
    enabled: z.boolean().optional(),
    interval: z
      .union([z.number().positive(), durationSchema], { error: 'expected minutes (a number) or a duration' })
      .optional(),
  }).optional(),
  brand: z.string().optional(),
  enabled: z.boolean().optional(),
  incidentType: z.string().optional(),
  classifier: z
    .string()
    .describe('path of a content classifier JSON (type: classification), relative to the scenario file')
    .optional(),
  mapper: closed('mapper setting', {
    incoming: mapperSetting.optional(),
    outgoing: mapperSetting.optional(),
  }).optional(),
});

// ---- steps ----------------------------------------------------------------------------------------

const xsoarEntry = closed('entry field', {
  ...selector,
  contents: z.string().optional(),
  file: closed('file field', {
    name: z.string().describe('file name, e.g. report.txt'),
    content: z.string().describe("the file's text").optional(),
  })
    .describe('makes the entry a file entry (Type 3)')
    .optional(),
  tags: z.array(z.string()).optional(),
  note: z.boolean().optional(),
  format: z.string().optional(),
  user: z.string().optional(),
});

export const XSOAR_ACTIONS = ['update', 'note', 'entry', 'close', 'reopen', 'command'] as const;
const xsoarStep = closed('xsoar action', {
  update: closed('update field', {
    ...selector,
    fields: z.record(z.string(), z.unknown()),
    user: z.string().optional(),
  }).optional(),
  note: xsoarEntry.optional(),
  entry: xsoarEntry.optional(),
  close: closed('close field', {
    ...selector,
    closeReason: z.string().optional(),
    closeNotes: z.string().optional(),
    user: z.string().optional(),
  }).optional(),
  reopen: closed('reopen field', { ...selector, user: z.string().optional() }).optional(),
  command: closed('command field', {
    name: z.string(),
    args: z.record(z.string(), z.unknown()).optional(),
    instance: z.string().optional(),
    result: closed('command result expectation', {
      outcome: z
        .unknown()
        .describe('ok, error-entry, exception, timeout or crash (or an operator)')
        .optional(),
      error: z.unknown().describe('the error text (or an operator such as { $contains: … })').optional(),
      count: countSchema.optional(),
      match: z
        .array(pattern)
        .describe('the entries the command returned, each pattern a different entry')
        .optional(),
    })
      .describe('checks what the command returned; a mismatch fails this step like an expect')
      .optional(),
  }).optional(),
});

/** The verbs of `remote:` steps: the vendors' (mocks/shared REMOTE_VERBS) and the harness's rateLimit. */
export const REMOTE_ACTIONS = [...REMOTE_VERBS, 'rateLimit'] as const;
const remoteAction = closed('remote action field', {
  create: z.record(z.string(), z.unknown()).optional(),
  update: idSchema.optional(),
  fields: z.record(z.string(), z.unknown()).optional(),
  comment: idSchema.optional(),
  body: z.string().optional(),
  author: z.string().optional(),
  internal: z.boolean().optional(),
  close: idSchema.optional(),
  reason: z.string().optional(),
  notes: z.string().optional(),
  reopen: idSchema.optional(),
  delete: idSchema.optional(),
  rateLimit: z.union([rateLimit, z.null()]).optional(),
  attach: idSchema.describe('attach a file (name, body) to this record').optional(),
  name: z.string().optional(),
  tags: z
    .array(z.string())
    .describe("a comment's or file's tags, where the kind tags entries (xsoar)")
    .optional(),
});
const remoteStep = z.record(z.string(), z.union([remoteAction, z.array(remoteAction)]));

const faultFields = {
  method: z.string().optional(),
  path: z.string().optional(),
  status: z.number().int().min(100).max(599).optional(),
  body: z.unknown().optional(),
  delay: durationSchema.optional(),
  delayMs: z.number().nonnegative().optional(),
  reset: z.boolean().optional(),
  times: z.number().int().positive().optional(),
  probability: z.number().min(0).max(1).optional(),
  seed: z.number().int().optional(),
  clear: z.boolean().optional(),
};
const faultSpec = closed('fault field', faultFields);
const faultStep = z.union([
  closed('fault field', { remote: z.string(), ...faultFields }),
  z.record(z.string(), faultSpec),
]);

export const STEP_VERBS = ['fetch', 'mirror', 'advance', 'xsoar', 'remote', 'fault', 'expect'] as const;
export type StepVerb = (typeof STEP_VERBS)[number];

const step = closed('step', {
  fetch: z.string().describe('run the fetch job of this instance now').optional(),
  mirror: z
    .union([z.literal(true), z.null(), z.number().int().positive()], {
      error: 'expected true, nothing, or a number of cycles',
    })
    .describe('run mirror cycles now (true or empty: one)')
    .optional(),
  advance: durationSchema.optional(),
  xsoar: xsoarStep.optional(),
  remote: remoteStep.describe('{ <remote>: action or [actions] }').optional(),
  fault: faultStep.describe('{ <remote>: fault } or { remote, …fault }').optional(),
  expect: expectStep.optional(),
});

export const scenarioSchema = closed(
  'top-level key',
  {
    name: z.string().min(1),
    description: z.string().optional(),
    tags: z.array(z.string()).optional(),
    server: server.optional(),
    remotes: z.record(z.string(), remoteDefinition).optional(),
    instances: z.record(z.string(), instanceDefinition).optional(),
    from: z
      .string()
      .describe('a saved-state directory (mirrorlab run --save-state) to start from')
      .optional(),
    expectFailure: z
      .string()
      .min(1)
      .describe('this scenario reproduces a bug: it passes when an expectation fails')
      .optional(),
    steps: z.array(step).min(1),
  },
  'A mirrorlab scenario: fake XSOAR + fake third parties + integrations, driven step by step.',
);

export type ScenarioFile = z.infer<typeof scenarioSchema>;
export type ScenarioStep = z.infer<typeof step>;
export type RemoteDefinition = z.infer<typeof remoteDefinition>;
export type InstanceDefinition = z.infer<typeof instanceDefinition>;
export type XsoarStep = z.infer<typeof xsoarStep>;
export type RemoteAction = z.infer<typeof remoteAction>;
export type FaultInput = z.infer<typeof faultSpec>;
export type ExpectStep = z.infer<typeof expectStep>;
export type CallPattern = z.infer<typeof callPattern>;
export type Pattern = Record<string, unknown>;

/** The JSON Schema shipped as scenarios/schema.json (generated from the zod source above). */
export function toScenarioJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(scenarioSchema, {
    io: 'input',
    unrepresentable: 'any',
    // "Exactly one verb" is checked by check-scenario.ts; tell editors too.
    override: (ctx) => {
      const kind = OBJECT_KINDS.get(ctx.zodSchema);
      if (kind === 'step' || kind === 'xsoar action')
        Object.assign(ctx.jsonSchema, { minProperties: 1, maxProperties: 1 });
      if (kind === 'expectation') Object.assign(ctx.jsonSchema, { minProperties: 1 });
      if (REMOTE_BRANCH_KIND.has(ctx.zodSchema))
        Object.assign(ctx.jsonSchema, { additionalProperties: false });
    },
  }) as Record<string, unknown>;
  return {
    ...generated,
    title: 'mirrorlab scenario',
  };
}
