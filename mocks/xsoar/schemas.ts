/**
 * Request bodies of the REST API, as zod schemas. Shapes follow the server's public swagger
 * (demisto/demisto-py `server_api_swagger.json`): `CreateIncidentRequest`, `SearchIncidentsData`
 * + `IncidentFilter`, `updateEntry`, `UpdateDataBatch`. Where mirrorlab accepts more (tags and
 * note on a new entry), the field is marked as an extension.
 */
import { z } from 'zod';

const json: z.ZodType<unknown> = z.unknown();
const id = z.union([z.string().min(1), z.number().int().nonnegative()]).transform(String);
const label = z.object({ type: z.string(), value: z.string() });

/** `CreateIncidentRequest` without `id`: a new incident. */
export const createIncidentBody = z
  .object({
    name: z.string().min(1, 'is required (a non-empty string)'),
    type: z.string().optional(),
    severity: z.number().min(0).max(4).optional(),
    details: z.string().optional(),
    owner: z.string().optional(),
    occurred: z.string().optional(),
    phase: z.string().optional(),
    labels: z.array(label).optional(),
    rawJSON: z.string().optional(),
    CustomFields: z.record(z.string(), json).optional(),
    dbotMirrorId: z.string().optional(),
    dbotMirrorDirection: z.enum(['', 'In', 'Out', 'Both']).optional(),
    dbotMirrorInstance: z.string().optional(),
    dbotMirrorTags: z.array(z.string()).optional(),
    // Accepted because real clients send them; the fake has no investigations or playbooks to start.
    createInvestigation: z.boolean().optional(),
    playbookId: z.string().optional(),
  })
  .strict();

/**
 * `CreateIncidentRequest` with `id`: an update. Clients often post back the whole incident they
 * loaded, so any key is accepted here and only the fields that differ are changed (see
 * incident-update.ts).
 */
export const updateIncidentBody = z.looseObject({
  id,
  version: z.number().int().optional(),
  CustomFields: z.record(z.string(), json).optional(),
});

/** The largest page `POST /incidents/search` answers (mirrorlab's limit: ask for the next page). */
export const MAX_SEARCH_SIZE = 1000;

export const searchIncidentsBody = z
  .object({
    filter: z
      .object({
        id: z.array(id).optional(),
        name: z.array(z.string()).optional(),
        status: z.array(z.number().int().min(0).max(3)).optional(),
        type: z.array(z.string()).optional(),
        query: z.string().optional(),
        // XSOAR Mirroring's search_incidents sends fromDate (an ISO time); checked in incident-search.ts.
        fromDate: z.string().optional(),
        toDate: z.string().optional(),
        // Pages count from 0, as on the server; `total` in the answer says how many there are.
        page: z
          .number({ error: 'must be a page number: a whole number from 0' })
          .int('must be a page number: a whole number from 0')
          .nonnegative('must be a page number: a whole number from 0')
          .optional(),
        size: z
          .number({ error: `must be a page size: a whole number from 1 to ${MAX_SEARCH_SIZE}` })
          .int(`must be a page size: a whole number from 1 to ${MAX_SEARCH_SIZE}`)
          .min(1, `must be a page size: a whole number from 1 to ${MAX_SEARCH_SIZE}`)
          .max(MAX_SEARCH_SIZE, `must be a page size: a whole number from 1 to ${MAX_SEARCH_SIZE}`)
          .optional(),
        sort: z.array(z.object({ field: z.string().min(1), asc: z.boolean() })).optional(),
      })
      .strict()
      .default({}),
    userFilter: z.boolean().optional(),
  })
  .strict();

/** `updateEntry` as used by `POST /entry` and `POST /entry/note`; `tags`/`note` are mirrorlab extensions. */
export const addEntryBody = z
  .object({
    investigationId: id,
    data: z.string().min(1, 'is required (the entry text)'),
    markdown: z.boolean().optional(),
    tags: z.array(z.string().min(1)).optional(),
    note: z.boolean().optional(),
    user: z.string().optional(),
    id: z.string().optional(),
    version: z.number().int().optional(),
    args: z.record(z.string(), json).optional(),
  })
  .strict();

export const executeBody = z
  .object({
    investigationId: id.optional(),
    data: z.string().min(1, 'is required (a command line such as !getMirrorStatistics)'),
  })
  .strict();

export const closeIncidentBody = z
  .object({
    id,
    closeReason: z.string().optional(),
    closeNotes: z.string().optional(),
    version: z.number().int().optional(),
    CustomFields: z.record(z.string(), json).optional(),
  })
  .strict();

export const batchCloseBody = z
  .object({
    ids: z.array(id).min(1, 'must list at least one incident id'),
    closeReason: z.string().optional(),
    closeNotes: z.string().optional(),
    all: z.boolean().optional(),
    filter: json.optional(),
  })
  .strict();

/**
 * The War Room filter of `POST /investigation/{id}` (demisto-py swagger `InvestigationFilter`; XSOAR
 * Mirroring sends `{fromTime, categories, tags, pageSize}` to read only new entries).
 */
export const investigationFilterBody = z.looseObject({
  fromTime: z.string().optional(),
  tags: z.array(z.string()).nullable().optional(),
  categories: z.array(z.string()).nullable().optional(),
  tagsAndOperator: z.boolean().optional(),
  pageSize: z.number().int().nonnegative().optional(),
});

export const reopenIncidentBody = z.object({ id, version: z.number().int().optional() }).strict();

export const advanceBody = z.object({ by: z.union([z.string().min(1), z.number().positive()]) }).strict();
