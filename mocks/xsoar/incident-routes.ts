/**
 * The XSOAR REST routes over incidents, War Room entries and commands. Paths and bodies are the
 * real server's where public sources give them (demisto/demisto-py `server_api_swagger.json`:
 * `POST /incident` createIncident, `POST /incidents/search` searchIncidents, `POST /entry`
 * investigationAddEntryHandler, `POST /entry/note` updateEntryNote, `POST /entry/execute/sync`
 * investigationAddEntriesSync, `POST /incident/batchClose` closeIncidentsBatch; `GET
 * /incident/load/{id}`, `POST /investigation/{id}` and `POST /incident/close` as public clients
 * (demisto-sdk, Core REST API users) call them). Reopen has no public REST path; `POST
 * /incident/reopen` is mirrorlab's, `!reopenInvestigation` is the documented way and works too.
 */
import { Router } from 'express';
import type { Request, Response } from 'express';
import { HarnessError } from '../../harness/core/index.ts';
import type { Harness, Incident, Json, WireEntry } from '../../harness/index.ts';
import { parseCommandLine } from './command-line.ts';
import { toFieldChanges } from './incident-update.ts';
import { createEntryFileRoutes } from './entry-file-routes.ts';
import { filterEntries } from './entry-filter.ts';
import { searchIncidents } from './incident-search.ts';
import { readBody } from './read-body.ts';
import {
  addEntryBody,
  batchCloseBody,
  closeIncidentBody,
  createIncidentBody,
  executeBody,
  investigationFilterBody,
  reopenIncidentBody,
  searchIncidentsBody,
  updateIncidentBody,
} from './schemas.ts';
import { fromWireEntry, toApiEntry } from './to-api-entry.ts';

/** Server-side (builtin) commands: run by the server itself, not by an integration (contract.md §E). */
export const SERVER_COMMANDS = new Set([
  'getMirrorStatistics',
  'getSyncMirrorRecords',
  'purgeClosedSyncMirrorRecords',
  'resetDirtyFields',
  'triggerDebugMirroringRun',
]);

export function findIncident(harness: Harness, id: string): Incident {
  const incident =
    harness.incidents.get(id) ?? harness.incidents.list().find((i) => i.investigationId === id);
  if (!incident) {
    throw new HarnessError(
      'not-found',
      `xsoar api: failed to find incident "${id}": no such incident. Search with POST /incidents/search.`,
    );
  }
  return incident;
}

function checkVersion(incident: Incident, version: number | undefined): void {
  if (version !== undefined && version !== incident.version) {
    throw new HarnessError(
      'conflict',
      `xsoar api: failed to change incident ${incident.id}: version ${version} is stale (current ${incident.version}). Load it again with GET /incident/load/${incident.id} and retry.`,
    );
  }
}

const stamp = (harness: Harness) => new Date(harness.now()).toISOString();

/** The instance that runs `command`: `using=`, else the one enabled instance that declares it. */
function instanceFor(harness: Harness, command: string, using: string | undefined): string {
  const instances = Object.values(harness.world().instances);
  if (using) {
    if (!instances.some((i) => i.name === using)) {
      throw new HarnessError(
        'not-found',
        `xsoar api: failed to run !${command}: no instance named "${using}". Instances: ${instances.map((i) => i.name).join(', ') || 'none'}.`,
      );
    }
    return using;
  }
  const able = instances.filter(
    (i) =>
      i.enabled &&
      (i.commands.length === 0 ||
        i.commands.includes(command) ||
        ['test-module', 'fetch-incidents'].includes(command)),
  );
  if (able.length === 1) return able[0]!.name;
  if (able.length === 0) {
    throw new HarnessError(
      'not-found',
      `xsoar api: failed to run !${command}: no enabled instance declares this command. Check the spelling, or pick one with using=<instance>.`,
    );
  }
  throw new HarnessError(
    'invalid-input',
    `xsoar api: failed to run !${command}: ${able.length} instances can run it (${able.map((i) => i.name).join(', ')}). Pick one with using=<instance>.`,
  );
}

async function execute(
  harness: Harness,
  line: string,
  investigationId: string | undefined,
): Promise<WireEntry[]> {
  const { command, args, using, debug } = parseCommandLine(line);
  if (SERVER_COMMANDS.has(command)) return harness.serverCommand(command, args);
  if (command === 'closeInvestigation' || command === 'reopenInvestigation') {
    const id = args.id ?? investigationId;
    if (!id)
      throw new HarnessError(
        'invalid-input',
        `xsoar api: failed to run !${command}: no incident. Give id=<incident id> or an investigationId.`,
      );
    const incident = findIncident(harness, id);
    if (command === 'closeInvestigation') {
      await harness.incidents.close(incident.id, {
        ...(args.closeReason !== undefined ? { closeReason: args.closeReason } : {}),
        ...(args.closeNotes !== undefined ? { closeNotes: args.closeNotes } : {}),
      });
    } else await harness.incidents.reopen(incident.id);
    return [{ Type: 1, Contents: 'Done', ContentsFormat: 'text' }];
  }
  const fetchOf = /^(.+)-fetch$/.exec(command);
  if (fetchOf && harness.world().instances[fetchOf[1]!]) {
    const record = await harness.fetch(fetchOf[1]!);
    return [{ Type: record.outcome === 'ok' ? 1 : 4, Contents: record.message, ContentsFormat: 'text' }];
  }
  const instance = instanceFor(harness, command, using);
  const result = await harness.runCommand(instance, command, args as Record<string, Json>, { debug });
  if (result.outcome === 'ok' || result.outcome === 'error-entry') return result.entries;
  return [
    ...result.entries,
    { Type: 4, Contents: result.error ?? `${command} ended with ${result.outcome}`, ContentsFormat: 'text' },
  ];
}

export function createIncidentRoutes(current: () => Harness): Router {
  const router = Router();

  router.post('/incident', async (req, res) => {
    const harness = current();
    const body: unknown = req.body;
    const hasId =
      typeof body === 'object' && body !== null && 'id' in body && (body as { id: unknown }).id !== '';
    if (!hasId) {
      const fields = readBody(
        createIncidentBody,
        body,
        'the incident to create',
        '{ "name": "Phishing mail", "severity": 2 }',
      );
      const { createInvestigation: _c, playbookId: _p, ...rest } = fields;
      const created = await harness.incidents.create(rest as Partial<Incident> & { name: string });
      res.status(201).json(created);
      return;
    }
    const update = readBody(
      updateIncidentBody,
      body,
      'the incident update',
      '{ "id": "1", "version": 3, "severity": 3 }',
    );
    const incident = findIncident(harness, update.id);
    checkVersion(incident, update.version);
    const changes = toFieldChanges(incident, update);
    res.json(Object.keys(changes).length ? await harness.incidents.update(incident.id, changes) : incident);
  });

  router.get('/incident/load/:id', (req, res) => {
    res.json(findIncident(current(), req.params.id));
  });

  router.post('/incidents/search', (req, res) => {
    const { filter } = readBody(
      searchIncidentsBody,
      req.body,
      'the search',
      '{ "filter": { "query": "status:Active", "page": 0, "size": 50 } }',
    );
    res.json(searchIncidents(current().incidents.list(), filter));
  });

  router.post('/investigation/:id', (req, res) => {
    const harness = current();
    const incident = findIncident(harness, req.params.id);
    const filter = readBody(
      investigationFilterBody,
      req.body,
      'the investigation filter',
      '{ "fromTime": "2026-01-01T00:00:00Z", "tags": ["comment"], "pageSize": 50 }',
    );
    const entries = filterEntries(harness.incidents.entries(incident.id), filter).map(toApiEntry);
    res.json({
      id: incident.investigationId || incident.id,
      name: incident.name,
      status: incident.status,
      entries,
      total: entries.length,
    });
  });

  const addEntry = (asNote: boolean) => async (req: Request, res: Response) => {
    const harness = current();
    const body = readBody(
      addEntryBody,
      req.body,
      'the entry',
      '{ "investigationId": "1", "data": "Escalated to tier 2", "tags": ["comment"], "note": true }',
    );
    if (asNote && body.id) {
      throw new HarnessError(
        'unsupported',
        'xsoar api: failed to mark entry as note: changing an existing entry is not modelled. Add the entry with "note": true instead.',
      );
    }
    const incident = findIncident(harness, body.investigationId);
    const entry = await harness.incidents.addEntry(incident.id, {
      contents: body.data,
      format: body.markdown ? 'markdown' : 'text',
      tags: body.tags ?? [],
      note: asNote || body.note === true,
      ...(body.user ? { user: body.user } : {}),
    });
    res.status(201).json(toApiEntry(entry));
  };
  router.post('/entry', addEntry(false));
  router.post('/entry/note', addEntry(true));
  router.use(createEntryFileRoutes(current));

  router.post('/entry/execute/sync', async (req, res) => {
    const harness = current();
    const body = readBody(
      executeBody,
      req.body,
      'the command',
      '{ "investigationId": "1", "data": "!getMirrorStatistics" }',
    );
    const investigationId = body.investigationId ? findIncident(harness, body.investigationId).id : undefined;
    const entries = await execute(harness, body.data, investigationId);
    const at = stamp(harness);
    res.json(
      entries.map((e, i) => ({ id: `exec-${i + 1}`, ...fromWireEntry(e, investigationId ?? '', at) })),
    );
  });

  router.post('/incident/close', async (req, res) => {
    const harness = current();
    const body = readBody(
      closeIncidentBody,
      req.body,
      'the close request',
      '{ "id": "1", "closeReason": "Resolved", "closeNotes": "false positive" }',
    );
    const incident = findIncident(harness, body.id);
    checkVersion(incident, body.version);
    if (incident.status === 2 && repeatedClose(harness) === 'ok') {
      res.json(incident);
      return;
    }
    const changes = body.CustomFields ? toFieldChanges(incident, { CustomFields: body.CustomFields }) : {};
    if (Object.keys(changes).length) await harness.incidents.update(incident.id, changes);
    res.json(
      await harness.incidents.close(incident.id, {
        ...(body.closeReason !== undefined ? { closeReason: body.closeReason } : {}),
        ...(body.closeNotes !== undefined ? { closeNotes: body.closeNotes } : {}),
      }),
    );
  });

  router.post('/incident/batchClose', async (req, res) => {
    const harness = current();
    const body = readBody(
      batchCloseBody,
      req.body,
      'the batch close',
      '{ "ids": ["1", "2"], "closeReason": "Duplicate" }',
    );
    const incidents = body.ids.map((id) => findIncident(harness, id));
    // All or nothing: refuse before closing any when one of them cannot be closed.
    const closed = incidents.filter((i) => i.status === 2).map((i) => i.id);
    if (closed.length)
      throw new HarnessError(
        'conflict',
        `xsoar api: failed to close incidents: ${closed.join(', ')} already closed. Leave them out or reopen them first.`,
      );
    const data: Incident[] = [];
    for (const incident of incidents) {
      data.push(
        await harness.incidents.close(incident.id, {
          ...(body.closeReason !== undefined ? { closeReason: body.closeReason } : {}),
          ...(body.closeNotes !== undefined ? { closeNotes: body.closeNotes } : {}),
        }),
      );
    }
    res.json({ data, total: data.length, notUpdated: 0 });
  });

  router.post('/incident/reopen', async (req, res) => {
    const harness = current();
    const body = readBody(reopenIncidentBody, req.body, 'the reopen request', '{ "id": "1" }');
    const incident = findIncident(harness, body.id);
    checkVersion(incident, body.version);
    res.json(await harness.incidents.reopen(incident.id));
  });

  return router;
}

/**
 * `POST /incident/close` on an incident that is already closed. No public source says what the
 * real server answers, so it is a server setting, `incident.close.repeated`: `ok` (default) answers
 * 200 with the incident as it is (close reason and time untouched), `conflict` answers 409. The
 * default is `ok` because XSOAR Mirroring's `update_remote_system_command` closes the remote after
 * every changed push of a closed incident: with 409 a close that mirror-in brought back would be
 * pushed, refused and retried every cycle.
 */
function repeatedClose(harness: Harness): 'ok' | 'conflict' {
  const setting = harness.world().server.config['incident.close.repeated'];
  if (setting === undefined || setting === 'ok') return 'ok';
  if (setting === 'conflict') return 'conflict';
  throw new HarnessError(
    'invalid-input',
    `xsoar api: failed to close the incident: server setting incident.close.repeated is ${JSON.stringify(setting)}. Set it to "ok" or "conflict".`,
  );
}
