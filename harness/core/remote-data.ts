/**
 * The mirror-in job, second half (contract.md §B.4 steps 3–6): get-remote-data for one incident
 * and applying `[mirroredObject, ...entries]` to it.
 */
import type { RunResult } from './command.ts';
import { HarnessError } from './errors.ts';
import type { Json } from './json.ts';
import { isJsonObject } from './json.ts';
import { applyFields } from './incoming-fields.ts';
import { lastUpdateArg } from './mirror-in.ts';
import { applyStateWrites } from './run-plan.ts';
import type { RunPlan } from './run-plan.ts';
import { fromIso, toIso } from './time.ts';
import { contentsJson, contentsText, errorTexts, shorten, withoutMetrics } from './wire-read.ts';
import { API_RATE_LIMIT, EntryType } from './wire.ts';
import type { WireEntry } from './wire.ts';
import type { Entry, Incident, World } from './world.ts';
import { ZERO_TIME } from './world.ts';
import { queueOutgoing, sendsOut } from './user-actions.ts';
import {
  entryIdAt,
  unique,
  withEntries,
  withIncident,
  withMirrorState,
  withRecord,
  type Owned,
} from './world-edit.ts';

function incidentOf(world: World, id: string, area: string): Incident {
  const incident = world.incidents[id];
  if (!incident)
    throw new HarnessError(
      'not-found',
      `${area}: failed to find incident "${id}": no such incident. List incidents to see the ids.`,
    );
  return incident;
}

export function planGetRemoteData(world: World, incidentId: string, now: number): RunPlan {
  const incident = incidentOf(world, incidentId, 'mirror');
  // §H.1 (policy remoteDataLastUpdate): dbotMirrorLastSync (the last pull), or the creation time
  // before the first pull; or the incident's last modification.
  const since =
    world.server.policies.remoteDataLastUpdate === 'incident-modified'
      ? fromIso(incident.modified)
      : incident.dbotMirrorLastSync !== ZERO_TIME
        ? fromIso(incident.dbotMirrorLastSync)
        : undefined;
  const ms = since ?? fromIso(incident.created) ?? now;
  return {
    instance: incident.dbotMirrorInstance,
    command: 'get-remote-data',
    args: { id: incident.dbotMirrorId, lastUpdate: lastUpdateArg(world, ms) },
    trigger: 'mirror-in',
    incidentId,
  };
}

type Special = { kind: 'close'; closeReason: string; closeNotes: string } | { kind: 'reopen' };

/** `{"dbotIncidentClose": true, …}` / `{"dbotIncidentReopen": true}` entries (§B.4 step 4). */
function specialOf(entry: WireEntry): Special | undefined {
  const c = contentsJson(entry.Contents);
  if (!isJsonObject(c)) return undefined;
  if (c.dbotIncidentClose === true) {
    return {
      kind: 'close',
      closeReason: typeof c.closeReason === 'string' ? c.closeReason : '',
      closeNotes: typeof c.closeNotes === 'string' ? c.closeNotes : '',
    };
  }
  if (c.dbotIncidentReopen === true) return { kind: 'reopen' };
  return undefined;
}

function toEntry(
  w: WireEntry,
  id: string,
  incidentId: string,
  instance: string,
  nowIso: string,
  files: RunResult['files'],
): Entry {
  const entry: Entry = {
    id,
    incidentId,
    Type: w.Type,
    Contents: (w.Contents ?? '') as Json,
    ContentsFormat: w.ContentsFormat ?? 'text',
    Tags: Array.isArray(w.Tags) ? w.Tags.map(String) : typeof w.Tags === 'string' ? [w.Tags] : [],
    Note: w.Note === true,
    user: '',
    created: nowIso,
    source: 'mirror-in',
    instance,
  };
  if (w.HumanReadable !== undefined && w.HumanReadable !== null)
    entry.HumanReadable = w.HumanReadable as Json;
  if (w.EntryContext !== undefined && w.EntryContext !== null) entry.EntryContext = w.EntryContext as Json;
  if (typeof w.Category === 'string') entry.Category = w.Category;
  if (typeof w.File === 'string') entry.File = w.File;
  if (typeof w.FileID === 'string') {
    entry.FileID = w.FileID;
    // The runner keeps fileResult bytes on disk for the harness's lifetime: the entry points there.
    const produced = files.find((f) => f.fileId === w.FileID);
    if (produced) entry.filePath = produced.path;
  }
  return entry;
}

export interface AppliedPull {
  world: World;
  /** `API rate limit`: the cycle stops here and the next one resumes at this incident. */
  stop: boolean;
  note: string;
}

/**
 * Applies a get-remote-data result, the command's state writes included. `remaining` gives the
 * incidents this cycle still meant to pull after this one (owed next cycle after a stop); asked
 * only then. `owned`: maps it may change in place (world-edit.ts), from the mirror cycle.
 */
export function applyGetRemoteData(
  world: World,
  plan: RunPlan,
  result: RunResult,
  remaining: string[] | (() => string[]),
  now: number,
  owned?: Owned,
): AppliedPull {
  const applied = applyPull(world, plan, result, remaining, now, owned);
  return { ...applied, world: applyStateWrites(applied.world, plan.instance, result, { lastRun: false }) };
}

/**
 * A successful pull's bookkeeping: the incident, its mirror record (pulled now), and the
 * instance's mirror state (one more get-remote-data call, the incident no longer owed). A polled day
 * runs this ~150k times; with the cycle's `owned` maps, their copies are made once per cycle.
 */
function withPulled(
  world: World,
  instance: string,
  incident: Incident,
  nowIso: string,
  recordNote: string,
  owned: Owned | undefined,
): World {
  const id = incident.id;
  const next = withRecord(
    withIncident(world, incident, owned),
    incident,
    (r) => ({
      lastPullAt: nowIso,
      pulls: r.pulls + 1,
      rateLimited: false,
      lastError: recordNote,
      closed: incident.status === 2,
    }),
    owned,
  );
  return withMirrorState(
    next,
    instance,
    (s) => ({
      getRemoteDataCalls: s.getRemoteDataCalls + 1,
      ...(s.pendingPull.includes(id) ? { pendingPull: s.pendingPull.filter((p) => p !== id) } : {}),
    }),
    owned,
  );
}

// Module-level rather than per-call arrows: esbuild's keepNames (tsx) wraps each named arrow in a
// __name() call every time it is made, and a pull is the engine's hottest path (issue 16).
function counted(world: World, instance: string): World {
  return withMirrorState(world, instance, (s) => ({ getRemoteDataCalls: s.getRemoteDataCalls + 1 }));
}

function withoutPending(world: World, instance: string, id: string): World {
  return withMirrorState(world, instance, (s) =>
    s.pendingPull.includes(id) ? { pendingPull: s.pendingPull.filter((p) => p !== id) } : {},
  );
}

function applyPull(
  world: World,
  plan: RunPlan,
  result: RunResult,
  remaining: string[] | (() => string[]),
  now: number,
  owned: Owned | undefined,
): AppliedPull {
  const id = plan.incidentId ?? '';
  const incident = world.incidents[id];
  const instance = plan.instance;
  if (!incident)
    return { world: counted(world, instance), stop: false, note: `incident ${id} no longer exists` };
  let next = world;
  const nowIso = toIso(now);
  const errors = errorTexts(result);
  const errorText = errors.join('\n');

  if (errorText.includes(API_RATE_LIMIT)) {
    const rest = typeof remaining === 'function' ? remaining() : remaining;
    // Stop the cycle; the next one starts at this incident (§B.4 step 4, §F.19).
    next = withMirrorState(counted(next, instance), instance, (s) => ({
      pendingPull: unique([id, ...rest, ...s.pendingPull]),
      rateLimitedCycles: s.rateLimitedCycles + 1,
    }));
    next = withRecord(next, incident, () => ({ rateLimited: true, lastError: shorten(errorText) }));
    return {
      world: next,
      stop: true,
      note: `stopped: API rate limit (${rest.length + 1} incident${rest.length ? 's' : ''} pending)`,
    };
  }
  if (result.outcome !== 'ok' || errors.length > 0) {
    // §H.2 is open (policy failedPull, profiles.ts): no fields, no lastSync; recorded and counted.
    const reason = shorten(errorText || `get-remote-data ended with ${result.outcome}`);
    next = withMirrorState(counted(next, instance), instance, (s) => ({
      failures: s.failures + 1,
      lastError: reason,
    }));
    next = withRecord(next, incident, () => ({ lastError: reason, rateLimited: false }));
    if (world.server.policies.failedPull === 'retry') {
      // Owed a pull next cycle, whatever get-modified says; lastUpdate still covers the change.
      next = withMirrorState(next, instance, (s) => ({ pendingPull: unique([...s.pendingPull, id]) }));
      return { world: next, stop: false, note: `failed, pulled again next cycle: ${reason}` };
    }
    return {
      world: withoutPending(next, instance, id),
      stop: false,
      note: `failed, incident skipped: ${reason}`,
    };
  }

  const entries = withoutMetrics(result.entries);
  const first = entries[0];
  const object = first && first.Type === EntryType.NOTE ? contentsJson(first.Contents) : undefined;
  const policy = world.server.policies.closedIncidents;
  const closed = incident.status === 2;
  const entriesAllowed = incident.status !== 0 && !(closed && policy !== 'mirror');

  let updated: Incident = incident;
  let changed: string[] = [];
  let protectedFields: string[] = [];
  let recordNote = '';
  if (isJsonObject(object)) {
    ({ incident: updated, changed, protectedFields } = applyFields(world, incident, object));
  } else if (first) {
    // SNOW's "Ticket … was not found." or the "None" of an empty GetRemoteDataResponse (§F.1, §F.22).
    recordNote = `first result is not a JSON object (${shorten(contentsText(first.Contents), 80)}): no field changes`;
  }

  const added: Entry[] = [];
  let lifecycle = '';
  if (entriesAllowed) {
    for (const w of entries.slice(1)) {
      const special = specialOf(w);
      if (special?.kind === 'close') {
        if (updated.status !== 2) {
          // From the remote: not dirty; sent back out only under policies.mirroredLifecycleOut.
          updated = {
            ...updated,
            status: 2,
            closed: nowIso,
            closeReason: special.closeReason,
            closeNotes: special.closeNotes,
            closingUserId: '',
          };
          lifecycle = 'closed';
        }
      } else if (special?.kind === 'reopen') {
        if (updated.status === 2) {
          updated = { ...updated, status: 1, closed: ZERO_TIME };
          lifecycle = 'reopened';
        }
      } else {
        added.push(toEntry(w, entryIdAt(next, added.length, id), id, instance, nowIso, result.files ?? []));
      }
    }
  }

  const didChange = changed.length > 0 || added.length > 0 || lifecycle !== '';
  // Two literals rather than a conditional spread: one copy of the incident, not two (issue 16).
  updated = didChange
    ? { ...updated, dbotMirrorLastSync: nowIso, modified: nowIso, version: incident.version + 1 }
    : { ...updated, dbotMirrorLastSync: nowIso };
  if (lifecycle !== '' && world.server.policies.mirroredLifecycleOut && sendsOut(world, updated)) {
    // The status change goes out like any other: only the delta-carrying list, not the protection
    // list, since the remote is where it came from (§F.16).
    const delta = lifecycle === 'closed' ? ['closeReason', 'closeNotes'] : [];
    updated = {
      ...updated,
      dbotCurrentDirtyFields: unique([...(updated.dbotCurrentDirtyFields ?? []), ...delta]),
    };
    next = queueOutgoing(withIncident(next, updated), updated, { incidentChanged: true });
  }
  next = withPulled(withEntries(next, id, added, owned), instance, updated, nowIso, recordNote, owned);
  const parts = [
    changed.length ? `fields ${changed.join(', ')}` : 'no field changes',
    protectedFields.length ? `dirty kept: ${protectedFields.join(', ')}` : '',
    added.length ? `${added.length} entr${added.length === 1 ? 'y' : 'ies'}` : '',
    lifecycle,
    !entriesAllowed && entries.length > 1
      ? `entries ignored (${incident.status === 0 ? 'pending' : 'closed'} incident)`
      : '',
    recordNote,
  ];
  return { world: next, stop: false, note: parts.filter(Boolean).join('; ') };
}
