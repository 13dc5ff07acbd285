/**
 * Helpdesk — mirrorlab's reference mirroring integration (TypeScript). Fetches helpdesk tickets as
 * incidents and mirrors fields, comments, close and reopen both ways, modelled on ServiceNow v2,
 * Zendesk v2 and XSOAR Mirroring (contract.md §G). Its Python twin is helpdesk_py/helpdesk_py.py;
 * both must behave the same (test/integration/helpdesk-e2e.test.ts runs one suite against both).
 */
import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import {
  defineIntegration,
  GetMappingFieldsResponse,
  GetModifiedRemoteDataArgs,
  GetModifiedRemoteDataResponse,
  GetRemoteDataArgs,
  GetRemoteDataResponse,
  isSystemExit,
  NotImplementedError,
  returnError,
  SchemeTypeMapping,
  UpdateRemoteSystemArgs,
  type DemistoContext,
} from '../../../harness/runtime/typescript/index.ts';
import { HelpdeskApiError, HelpdeskClient, type Ticket, type TicketComment } from './client.ts';
import {
  ECHO_MARKER,
  isDone,
  MAPPING_SCHEME,
  REOPEN_ENTRY,
  TICKET_FIELDS,
  toCloseEntry,
  toCommentBody,
  toIncident,
  toMirroredObject,
  toNoteEntry,
  toTicketPatch,
  toTicketSeverity,
} from './mapping.ts';
import { readSettings, type HelpdeskSettings } from './settings.ts';
import { SyncState } from './sync-state.ts';
import { firstFetchStart, parseTime, toIso } from './time.ts';

/** Entry types that carry a file (SNOW's list): mirrored out as attachments when tagged file_tag. */
const FILE_ENTRY_TYPES = new Set([3, 7, 9, 10, 12]);
/** Page size of ticket listings: smaller than max_fetch so a big fetch really pages. */
const PAGE_SIZE = 100;

interface Run {
  demisto: DemistoContext;
  settings: HelpdeskSettings;
  client: HelpdeskClient;
  state: SyncState;
}

/**
 * Every command: settings, client and sync state in; failures out through returnError (which
 * raises for fetch-incidents and prefixes `skip update. error:` for get-modified-remote-data).
 * A NotImplementedError is left uncaught, as XSOAR Mirroring does, so the server falls back to
 * polling every incident.
 */
function command(handler: (run: Run) => Promise<unknown>) {
  return async (demisto: DemistoContext): Promise<unknown> => {
    let state: SyncState | undefined;
    try {
      const settings = readSettings(demisto.params());
      state = new SyncState(demisto);
      const result = await handler({
        demisto,
        settings,
        client: new HelpdeskClient(settings.apiBase, settings.apiKey),
        state,
      });
      state.save();
      return result;
    } catch (e) {
      if (e instanceof NotImplementedError || isSystemExit(e)) throw e;
      // Keep what was done before the failure (comments already posted, marks already moved).
      state?.save();
      returnError(
        demisto,
        `Failed to execute ${demisto.command()} command.\nError:\n${(e as Error).message}`,
        e,
      );
    }
  };
}

async function testModule({ client }: Run): Promise<string> {
  try {
    await client.request('GET', '/tickets?limit=1');
  } catch (e) {
    if (e instanceof HelpdeskApiError && e.status === 401)
      return 'Authorization Error: make sure the API key is correctly set.';
    throw e;
  }
  return 'ok';
}

async function fetchIncidents({ demisto, settings, client }: Run): Promise<void> {
  const lastRun = (demisto.getLastRun() ?? {}) as { last_fetch?: string; seen_ids?: string[] };
  const startMs =
    lastRun.last_fetch !== undefined
      ? parseTime(lastRun.last_fetch)
      : firstFetchStart(settings.firstFetch, Date.now());
  if (startMs === undefined) {
    throw new Error(
      `Helpdesk: failed to read the fetch window start ${JSON.stringify(lastRun.last_fetch ?? settings.firstFetch)}. Use "3 days" or an ISO-8601 time in first_fetch.`,
    );
  }
  const start = toIso(startMs);
  const seen = new Set(lastRun.seen_ids ?? []);
  const tickets: Ticket[] = [];
  // created_since is inclusive: tickets sharing the window's first timestamp come back, and the ids
  // seen at that timestamp last time are dropped. Sorted by (created_at, id), so nothing is skipped
  // when a fetch stops at max_fetch in the middle of equal timestamps.
  let next: string | null =
    `/tickets?created_since=${encodeURIComponent(start)}&sort=created_at&limit=${Math.min(settings.maxFetch, PAGE_SIZE)}`;
  while (next && tickets.length < settings.maxFetch) {
    const page: { data: Ticket[]; next: string | null } = await client.request('GET', next);
    for (const ticket of page.data) {
      if (seen.has(ticket.id)) continue;
      tickets.push(ticket);
      if (tickets.length >= settings.maxFetch) break;
    }
    next = page.next;
  }
  const newest = tickets.at(-1)?.created_at;
  const lastFetch = newest ?? start;
  const seenIds = tickets.filter((t) => t.created_at === lastFetch).map((t) => t.id);
  if (Date.parse(lastFetch) === startMs) seenIds.push(...[...seen].filter((id) => !seenIds.includes(id)));
  // ServiceNow v2's order: lastRun first, then the incidents.
  demisto.setLastRun({ last_fetch: lastFetch, seen_ids: seenIds });
  demisto.incidents(tickets.map((t) => toIncident(t, settings, demisto.integrationInstance())));
}

async function getModifiedRemoteData({ demisto, client }: Run): Promise<GetModifiedRemoteDataResponse> {
  const args = new GetModifiedRemoteDataArgs(demisto.args());
  const since = parseTime(args.lastUpdate);
  if (since === undefined)
    throw new Error(
      `Helpdesk: failed to read lastUpdate ${JSON.stringify(args.lastUpdate)}: not an ISO-8601 time or epoch seconds.`,
    );
  let tickets: Ticket[];
  try {
    tickets = await client.listAll<Ticket>(
      `/tickets?updated_since=${encodeURIComponent(toIso(since))}&sort=updated_at&limit=500`,
    );
  } catch (e) {
    // A helpdesk that cannot search by update time: let the server poll every incident instead.
    if (e instanceof HelpdeskApiError && e.status === 501)
      throw new NotImplementedError(`Helpdesk: modified-since search is not available (${e.message})`);
    throw e;
  }
  return new GetModifiedRemoteDataResponse([...new Set(tickets.map((t) => t.id))]);
}

/** Comments not mirrored in yet, and the mark to keep for next time. */
async function newComments(
  run: Run,
  id: string,
): Promise<{ fresh: TicketComment[]; mark: { comments_at?: string; comment_ids?: string[] } }> {
  const known = run.state.get(id);
  const all = await run.client.comments(id, known.comments_at);
  const atMark = new Set(known.comment_ids ?? []);
  const fresh = all.filter((c) => !(c.created_at === known.comments_at && atMark.has(c.id)));
  if (fresh.length === 0) return { fresh, mark: {} };
  const newest = fresh.reduce(
    (a, c) => (Date.parse(c.created_at) > Date.parse(a) ? c.created_at : a),
    fresh[0]!.created_at,
  );
  const ids = all.filter((c) => c.created_at === newest).map((c) => c.id);
  return { fresh, mark: { comments_at: newest, comment_ids: ids } };
}

async function getRemoteData(run: Run): Promise<unknown> {
  const { demisto, settings, client, state } = run;
  const args = new GetRemoteDataArgs(demisto.args());
  const id = String(args.remoteIncidentId);
  if (parseTime(args.lastUpdate) === undefined)
    throw new Error(
      `Helpdesk: failed to read lastUpdate ${JSON.stringify(args.lastUpdate)}: not an ISO-8601 time or epoch seconds.`,
    );
  let ticket: Ticket;
  try {
    ticket = await client.getTicket(id);
  } catch (e) {
    if (!(e instanceof HelpdeskApiError && e.notFound)) throw e;
    return ticketGone(run, id);
  }
  const known = state.get(id);
  const entries: Record<string, unknown>[] = [];
  if (!isDone(ticket) && known.remote_done) {
    state.update(id, { remote_done: false });
    if (settings.closeIncident && known.local_closed) {
      entries.push({ ...REOPEN_ENTRY });
      state.update(id, { local_closed: false });
    }
  }
  const { fresh, mark } = await newComments(run, id);
  for (const comment of fresh)
    if (!comment.body.includes(ECHO_MARKER))
      entries.push(toNoteEntry(comment, settings.commentTagFromHelpdesk));
  state.update(id, mark);
  if (isDone(ticket) && !known.remote_done) {
    state.update(id, { remote_done: true });
    if (settings.closeIncident && !state.get(id).local_closed) {
      entries.push(toCloseEntry(ticket));
      state.update(id, { local_closed: true });
    }
  }
  return new GetRemoteDataResponse(toMirroredObject(ticket), entries);
}

/** A deleted ticket: closes the incident once when close_incident, else says so like ServiceNow v2. */
function ticketGone({ settings, state }: Run, id: string): unknown {
  const known = state.get(id);
  if (settings.closeIncident && !known.local_closed) {
    state.update(id, { gone: true, local_closed: true });
    return new GetRemoteDataResponse({ id }, [
      {
        Type: 1,
        Contents: {
          dbotIncidentClose: true,
          closeReason: 'Deleted',
          closeNotes: `Ticket ${id} was deleted from the helpdesk.`,
        },
        ContentsFormat: 'json',
      },
    ]);
  }
  state.update(id, { gone: true });
  return `Ticket ${id} was not found.`;
}

function entryTags(entry: Record<string, unknown>): string[] {
  const tags = entry.tags;
  if (Array.isArray(tags)) return tags.map(String);
  return typeof tags === 'string' && tags ? tags.split(',').map((t) => t.trim()) : [];
}

async function updateRemoteSystem(run: Run): Promise<string> {
  const { demisto, settings, client, state } = run;
  const args = new UpdateRemoteSystemArgs(demisto.args());
  const data = (args.data ?? {}) as Record<string, unknown>;
  let id = args.remoteIncidentId ? String(args.remoteIncidentId) : '';
  let ticket: Ticket;
  if (!id) {
    // A new incident without a remote twin (XSOAR Mirroring does the same): create it, return its id.
    ticket = await client.createTicket({
      title: typeof data.name === 'string' && data.name ? data.name : 'Incident from Cortex XSOAR',
      ...(typeof data.details === 'string' && data.details ? { description: data.details } : {}),
      ...(toTicketSeverity(data.severity) ? { severity: toTicketSeverity(data.severity) } : {}),
      ...(typeof data.owner === 'string' && data.owner ? { assignee: data.owner } : {}),
    });
    id = ticket.id;
    demisto.debug(`Helpdesk: created ticket ${id} for incident ${String(data.id ?? '')}`);
  } else {
    if (state.get(id).gone) return id; // deleted remotely: nothing left to update (and no 404 every cycle)
    try {
      ticket = await client.getTicket(id);
    } catch (e) {
      if (!(e instanceof HelpdeskApiError) || !e.notFound) throw e;
      state.update(id, { gone: true });
      demisto.debug(`Helpdesk: ticket ${id} no longer exists; nothing to update`);
      return id;
    }
  }

  if (args.incidentChanged && args.delta && typeof args.delta === 'object') {
    const patch = toTicketPatch(args.delta as Record<string, unknown>, ticket);
    if (Object.keys(patch).length > 0) ticket = await client.updateTicket(id, patch);
  }

  // Close and reopen go out only when the incident's known state flips: the server also sends
  // status 2 after mirror-in closed the incident from the remote (contract.md §F.16), and acting on
  // that echo would re-close a ticket the remote has just reopened. The state is recorded after the
  // remote call, so a close that failed (429) is tried again on the retry.
  const known = state.get(id);
  if (args.incStatus === 2 && !known.local_closed) {
    if (settings.closeOut && !isDone(ticket)) {
      const reason =
        String(data.closeReason ?? (args.delta as Record<string, unknown> | undefined)?.closeReason ?? '') ||
        'Closed in Cortex XSOAR';
      const notes = String(
        data.closeNotes ?? (args.delta as Record<string, unknown> | undefined)?.closeNotes ?? '',
      );
      ticket = await client.closeTicket(id, reason, notes);
      state.update(id, { remote_done: true });
    }
    state.update(id, { local_closed: true });
  } else if (args.incStatus !== undefined && args.incStatus !== 2 && known.local_closed) {
    // Reopened locally: reopen the ticket only if mirroring had closed it with the incident.
    if (settings.closeOut && isDone(ticket)) {
      ticket = await client.reopenTicket(id);
      state.update(id, { remote_done: false });
    }
    state.update(id, { local_closed: false });
  }

  for (const entry of (args.entries ?? []) as Record<string, unknown>[]) {
    const entryId = String(entry.id ?? '');
    const tags = entryTags(entry);
    if (
      tags.includes(settings.commentTagFromHelpdesk) ||
      (entryId && state.get(id).sent_entries?.includes(entryId))
    )
      continue;
    if (FILE_ENTRY_TYPES.has(Number(entry.type)) && tags.includes(settings.fileTag)) {
      const file = demisto.getFilePath(entryId);
      const ext = extname(file.name);
      await client.addAttachment(
        id,
        `${basename(file.name, ext)}_mirrored_from_xsoar${ext}`,
        readFileSync(file.path).toString('base64'),
      );
    } else if (tags.includes(settings.workNotesTag)) {
      await client.addComment(id, toCommentBody(entry), true);
    } else if (tags.includes(settings.commentTag)) {
      await client.addComment(id, toCommentBody(entry), false);
    } else {
      continue;
    }
    if (entryId) state.markSent(id, entryId);
  }
  return id;
}

function getMappingFields(): GetMappingFieldsResponse {
  const scheme = new SchemeTypeMapping(MAPPING_SCHEME);
  for (const [field, description] of Object.entries(TICKET_FIELDS)) scheme.addField(field, description);
  return new GetMappingFieldsResponse([scheme]);
}

export default defineIntegration({
  name: 'Helpdesk',
  commands: {
    'test-module': command(testModule),
    'fetch-incidents': command(fetchIncidents),
    'get-modified-remote-data': command(getModifiedRemoteData),
    'get-remote-data': command(getRemoteData),
    'update-remote-system': command(updateRemoteSystem),
    'get-mapping-fields': command(async () => getMappingFields()),
  },
});
