/**
 * XSOAR Mirroring in TypeScript: the pattern of the content integration
 * (Packs/XSOARmirroring/Integrations/XSOARmirroring/XSOARmirroring.py, revision 01930c85 read for
 * this), command by command and request by request, so the same conversation with a second XSOAR
 * tenant (`kind: xsoar`) runs in scenarios without a content checkout:
 *
 * - fetch-incidents: POST /incidents/search, `fromDate` and `created:>="<last fetch>"` (plus the
 *   `query` param and `-sourceBrand:"XSOAR Mirroring"`), sorted by created, paged until max_fetch,
 *   ids at the last time kept in lastRun so equal times are not fetched twice;
 * - get-modified-remote-data: not implemented, so the server polls every mirrored incident;
 * - get-remote-data: the remote incident, entries from lastUpdate on (categories / tags params,
 *   all tags required), a close entry while the remote incident is closed, `{}` fields when nothing
 *   changed;
 * - update-remote-system: posts the loaded remote incident back with the delta applied, adds the
 *   entries carrying a `mirror_tag`, closes the remote incident whenever the local one is closed.
 */
import { readFileSync } from 'node:fs';
import {
  defineIntegration,
  fileResult,
  GetMappingFieldsResponse,
  GetRemoteDataArgs,
  GetRemoteDataResponse,
  isSystemExit,
  NotImplementedError,
  returnError,
  SchemeTypeMapping,
  UpdateRemoteSystemArgs,
  type DemistoContext,
} from '../../../harness/runtime/typescript/index.ts';
import { XsoarClient, type Json, type JsonRecord } from './client.ts';
import { argToTimestamp, parseDate, timestampToDatestring, toXsoarDate } from './time.ts';

const MAX_INCIDENTS_TO_FETCH = 100;
// prettier-ignore
const FIELDS_TO_COPY_FROM_REMOTE_INCIDENT = [
  'name', 'rawName', 'severity', 'occurred', 'modified', 'roles', 'type', 'rawType', 'status', 'reason',
  'created', 'closed', 'sla', 'labels', 'attachment', 'details', 'openDuration', 'lastOpen', 'owner',
  'closeReason', 'rawCloseReason', 'closeNotes', 'playbookId', 'dueDate', 'reminder', 'runStatus',
  'notifyTime', 'phase', 'rawPhase', 'CustomFields', 'category', 'rawCategory',
];
const MIRROR_DIRECTION: Record<string, string | null> = {
  None: null,
  Incoming: 'In',
  Outgoing: 'Out',
  'Incoming And Outgoing': 'Both',
};
const MIRROR_RESET = 'XSOARMirror_mirror_reset';

interface Settings {
  client: XsoarClient;
  firstFetch: string;
  mirrorTags: Set<string>;
  query: string;
  maxResults: number;
}

const truthy = (v: unknown) => v === true || v === 'true';
const list = (v: unknown): string[] =>
  Array.isArray(v) ? v.map(String) : typeof v === 'string' && v ? v.split(',').map((s) => s.trim()) : [];

/** main()'s preamble: the API key (credentials or the hidden apikey), the query, max_fetch. */
function readSettings(demisto: DemistoContext): Settings {
  const params = demisto.params() as JsonRecord;
  const credentials = (params.credentials_api_key ?? {}) as JsonRecord;
  const apiKey = String(credentials.password || params.apikey || '');
  if (!apiKey) throw new Error('API Key must be provided.');
  let url = String(params.url ?? '');
  // An API key id means an XSOAR 8 tenant, whose API lives under /xsoar.
  if (credentials.identifier) url = url.endsWith('/xsoar') ? url : `${url}/xsoar`;
  const firstFetchMs = parseDate(String(params.first_fetch ?? '3 days'), Date.now());
  if (firstFetchMs === undefined) throw new Error(`"${String(params.first_fetch)}" is not a valid date`);
  let query = String(params.query ?? '');
  if (truthy(params.disable_from_same_integration)) query += ' -sourceBrand:"XSOAR Mirroring"';
  let maxResults = Number(params.max_fetch);
  if (!maxResults || maxResults > MAX_INCIDENTS_TO_FETCH) maxResults = MAX_INCIDENTS_TO_FETCH;
  return {
    client: new XsoarClient(url, apiKey),
    firstFetch: toXsoarDate(firstFetchMs),
    mirrorTags: new Set(params.mirror_tag ? String(params.mirror_tag).split(',') : []),
    query,
    maxResults,
  };
}

/** Every command as main() runs it: errors become `Failed to execute <command> command.`. */
function command(handler: (demisto: DemistoContext, settings: Settings) => Promise<unknown>) {
  return async (demisto: DemistoContext): Promise<unknown> => {
    try {
      return await handler(demisto, readSettings(demisto));
    } catch (e) {
      if (e instanceof NotImplementedError || isSystemExit(e)) throw e;
      returnError(
        demisto,
        `Failed to execute ${demisto.command()} command.\nError:\n${(e as Error).message}`,
        e,
      );
    }
  };
}

/** `get_and_dedup_incidents`: page through created-sorted results, skipping ids already fetched at the last time. */
async function getAndDedupIncidents(
  client: XsoarClient,
  fetched: string[],
  query: string,
  maxResults: number,
  lastFetch: string,
): Promise<{ incidents: JsonRecord[]; fetched: string[] }> {
  let lastTime = Date.parse(lastFetch);
  const incidents: JsonRecord[] = [];
  for (let page = 0; incidents.length < maxResults; page++) {
    const found = await client.searchIncidents(query, maxResults, lastFetch, page, 'created');
    if (found.length === 0) break;
    for (const incident of found) {
      if (incidents.length >= maxResults) break;
      const id = String(incident.id);
      const created = Date.parse(String(incident.created ?? '')) || lastTime;
      if (fetched.includes(id)) continue;
      fetched = lastTime < created ? [id] : [...fetched, id];
      incidents.push(incident);
      lastTime = created;
    }
  }
  return { incidents, fetched };
}

async function fetchIncidents(demisto: DemistoContext, s: Settings): Promise<void> {
  const { nextRun, incidents } = await planFetch(demisto, s);
  demisto.setLastRun(nextRun);
  demisto.incidents(incidents);
}

/** `fetch_incidents`: the next lastRun and the incidents, without handing either to the server. */
async function planFetch(
  demisto: DemistoContext,
  s: Settings,
): Promise<{ nextRun: JsonRecord; incidents: JsonRecord[] }> {
  const params = demisto.params() as JsonRecord;
  const lastRun = (demisto.getLastRun() ?? {}) as {
    last_fetch?: string | number;
    last_fetched_incidents?: string[];
  };
  let lastFetch = lastRun.last_fetch ? String(lastRun.last_fetch) : s.firstFetch;
  // Older versions kept epoch seconds.
  if (/^\d+$/.test(lastFetch)) lastFetch = toXsoarDate(Number(lastFetch) * 1000);
  let latest = Date.parse(lastFetch);
  const query = s.query ? `${s.query} and created:>="${lastFetch}"` : `created:>="${lastFetch}"`;
  const { incidents, fetched } = await getAndDedupIncidents(
    s.client,
    lastRun.last_fetched_incidents ?? [],
    query,
    s.maxResults,
    lastFetch,
  );
  if (truthy(params.fetch_incident_history) && incidents.length > 0) {
    const context = (demisto.getIntegrationContext() ?? {}) as JsonRecord;
    const reset = { ...((context[MIRROR_RESET] ?? {}) as JsonRecord) };
    for (const incident of incidents) reset[String(incident.id)] = true;
    demisto.setIntegrationContext({ ...context, [MIRROR_RESET]: reset });
  }
  const copied = truthy(params.mirror_playbook_id ?? true)
    ? FIELDS_TO_COPY_FROM_REMOTE_INCIDENT
    : FIELDS_TO_COPY_FROM_REMOTE_INCIDENT.filter((f) => f !== 'playbookId');
  const results: JsonRecord[] = [];
  for (const incident of incidents) {
    incident.dbotMirrorInstance = demisto.integrationInstance();
    const result: JsonRecord = {
      dbotMirrorDirection: MIRROR_DIRECTION[String(params.mirror_direction)] ?? null,
      dbotMirrorTags: s.mirrorTags.size > 0 ? [...s.mirrorTags] : null,
      dbotMirrorId: incident.id!,
    };
    for (const [key, value] of Object.entries(incident)) if (copied.includes(key)) result[key] = value;
    result.rawJSON = JSON.stringify(incident);
    // test-module runs this too, and cannot write files there.
    result.attachment =
      demisto.command() === 'test-module' ? [] : await fetchAttachments(demisto, s.client, incident);
    results.push(result);
    const created = Date.parse(String(incident.created));
    if (created > latest) latest = created;
  }
  return {
    nextRun: { last_fetch: toXsoarDate(latest), last_fetched_incidents: fetched },
    incidents: results,
  };
}

/** The remote incident's attachments, downloaded into this server's files. */
async function fetchAttachments(
  demisto: DemistoContext,
  client: XsoarClient,
  incident: JsonRecord,
): Promise<Json[]> {
  const attachments = Array.isArray(incident.attachment) ? (incident.attachment as JsonRecord[]) : [];
  if (attachments.length === 0 || !incident.investigationId) return [];
  const out: Json[] = [];
  const entries = await client.getIncidentEntries(
    String(incident.investigationId),
    timestampToDatestring(0),
    10,
    ['attachments'],
    null,
    false,
  );
  for (const entry of entries) {
    if (!entry.file) continue;
    const file = fileResult(demisto, String(entry.file), await client.getFileEntry(String(entry.id)));
    if (attachments.some((a) => a.name === entry.file)) out.push({ path: file.FileID, name: file.File });
  }
  return out;
}

async function getRemoteData(demisto: DemistoContext, s: Settings): Promise<unknown> {
  const params = demisto.params() as JsonRecord;
  const args = demisto.args() as JsonRecord;
  try {
    const now = Date.now();
    const remote = new GetRemoteDataArgs({
      ...args,
      lastUpdate: argToTimestamp(args.lastUpdate, 'lastUpdate', true, now),
    });
    const id = String(remote.remoteIncidentId);
    let lastUpdate = Number(remote.lastUpdate);
    let incident = await s.client.getIncident(id);
    const modified = argToTimestamp(incident.modified, 'modified', false, now);
    const occurred = argToTimestamp(incident.occurred, 'occurred', false, now);
    // A fresh incident: entries made within its first minute would fall before lastUpdate.
    if (modified - occurred < 60 && lastUpdate - modified < 60) lastUpdate = occurred + 1;
    const context = (demisto.getIntegrationContext() ?? {}) as JsonRecord;
    const rawReset = context[MIRROR_RESET];
    const reset = (typeof rawReset === 'string' ? JSON.parse(rawReset) : (rawReset ?? {})) as JsonRecord;
    const afterReset = reset[id] === true;
    const entries = await s.client.getIncidentEntries(
      id,
      timestampToDatestring(afterReset ? 0 : lastUpdate * 1000),
      100,
      list(params.categories),
      list(params.tags),
      true,
    );
    if (afterReset) {
      delete reset[id];
      demisto.setIntegrationContext({ ...context, [MIRROR_RESET]: reset });
    }
    const formatted: unknown[] = [];
    for (const entry of entries) {
      if (entry.file)
        formatted.push(
          fileResult(demisto, String(entry.file), await s.client.getFileEntry(String(entry.id))),
        );
      else
        formatted.push({
          Type: entry.type ?? null,
          Category: entry.category ?? null,
          Contents: entry.contents ?? null,
          ContentsFormat: entry.format ?? null,
          Tags: entry.tags ?? null,
          Note: entry.note ?? null,
        });
    }
    if (incident.status === 2)
      formatted.push({
        Type: 1,
        Contents: {
          dbotIncidentClose: true,
          closeReason: incident.closeReason ?? null,
          closeNotes: incident.closeNotes ?? null,
        },
        ContentsFormat: 'json',
      });
    incident.in_mirror_error = '';
    if (lastUpdate >= modified && formatted.length === 0) incident = {};
    incident.dbotMirrorInstance = demisto.integrationInstance();
    incident.id = id;
    return new GetRemoteDataResponse(incident, formatted);
  } catch (e) {
    demisto.error(
      `Error in XSOAR incoming mirror for incident ${String(args.id)} \nError message: ${(e as Error).message}`,
    );
    return new GetRemoteDataResponse({ id: args.id ?? null, in_mirror_error: (e as Error).message }, []);
  }
}

async function updateRemoteSystem(demisto: DemistoContext, s: Settings): Promise<string> {
  const args = new UpdateRemoteSystemArgs(demisto.args() as JsonRecord);
  let data = { ...((args.data ?? {}) as JsonRecord) };
  let newId = args.remoteIncidentId ? String(args.remoteIncidentId) : '';
  let updated: JsonRecord = {};
  if (!newId || args.incidentChanged) {
    if (newId) {
      // The loaded incident carries the version the server checks.
      const old = await s.client.getIncident(newId);
      const custom = (old.CustomFields ?? {}) as JsonRecord;
      for (const [key, value] of Object.entries((args.delta ?? {}) as JsonRecord)) {
        old[key] = value;
        if (key in custom) custom[key] = value;
      }
      data = old;
    } else {
      data.createInvestigation = true;
      // Marks the incident as created from here, so the other side does not fetch it back.
      data.CustomFields = { frompong: 'true' };
    }
    updated = await s.client.updateIncident(data);
    newId = String(updated.id);
  } else {
    demisto.debug(`Skipping updating remote incident fields [${newId}] as it is not new nor changed.`);
  }
  for (const entry of (args.entries ?? []) as JsonRecord[]) {
    const tags = Array.isArray(entry.tags) ? entry.tags.map(String) : [];
    if (!tags.some((t) => s.mirrorTags.has(t))) continue;
    const file = entry.type === 3 ? demisto.getFilePath(String(entry.id)) : undefined;
    await s.client.addIncidentEntry(
      newId,
      entry,
      file ? { name: file.name, bytes: new Uint8Array(readFileSync(file.path)) } : undefined,
    );
  }
  // Whenever a changed, closed incident was posted back — also when the close came from there.
  if (Object.keys(updated).length > 0 && args.incStatus === 2)
    await s.client.closeIncident(
      newId,
      updated.version ?? null,
      data.closeReason ?? null,
      data.closeNotes ?? null,
    );
  return newId;
}

/** One scheme per remote incident type (its fields and custom fields), plus Default Mapping. */
async function getMappingFields(_demisto: DemistoContext, s: Settings): Promise<GetMappingFieldsResponse> {
  const fields = await s.client.getIncidentFields();
  const types = await s.client.getIncidentTypes();
  const describe = (f: JsonRecord) => `${String(f.name)} - ${String(f.type)}`;
  const schemes: SchemeTypeMapping[] = [];
  const scheme = (name: string, applies: (f: JsonRecord) => boolean) => {
    const mapping = new SchemeTypeMapping(name);
    const custom: Record<string, string> = {};
    for (const f of fields) {
      if (!applies(f)) continue;
      if (f.content || !f.system) custom[String(f.cliName)] = describe(f);
      else mapping.addField(String(f.cliName), describe(f));
    }
    if (Object.keys(custom).length > 0) mapping.addField('CustomFields', custom);
    schemes.push(mapping);
  };
  for (const type of types) {
    const name = String(type.name);
    scheme(
      name,
      (f) =>
        f.group === 0 &&
        f.cliName !== null &&
        f.cliName !== undefined &&
        (Boolean(f.associatedToAll) ||
          (Array.isArray(f.associatedTypes) && f.associatedTypes.includes(name))),
    );
  }
  scheme('Default Mapping', (f) => f.group === 0 && Boolean(f.associatedToAll));
  return new GetMappingFieldsResponse(schemes);
}

async function testModule(demisto: DemistoContext, s: Settings): Promise<string> {
  // With fetching on, main() runs a whole fetch first (and keeps nothing of it).
  if (truthy((demisto.params() as JsonRecord).isFetch)) await planFetch(demisto, s);
  try {
    await s.client.searchIncidents(undefined, 1, s.firstFetch);
    return 'ok';
  } catch (e) {
    if ((e as Error).message.includes('Forbidden'))
      return 'Authorization Error: make sure API Key is correctly set';
    throw e;
  }
}

export default defineIntegration({
  name: 'XSOAR Mirroring (mirrorlab reference)',
  commands: {
    'test-module': command(testModule),
    'fetch-incidents': command(fetchIncidents),
    'get-remote-data': command(getRemoteData),
    'update-remote-system': command(updateRemoteSystem),
    'get-mapping-fields': command(getMappingFields),
    'get-modified-remote-data': async () => {
      throw new NotImplementedError('Command not implemented');
    },
  },
});
