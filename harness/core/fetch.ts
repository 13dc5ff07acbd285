/**
 * The fetch job (contract.md §B.2, §C): run fetch-incidents, create one incident per valid item.
 */
import type { RunResult } from './command.ts';
import type { Json } from './json.ts';
import { isJsonObject } from './json.ts';
import { blankIncident } from './incident-fields.ts';
import { draftIncident, insertIncident } from './create-incident.ts';
import { applyStateWrites, instanceOf } from './run-plan.ts';
import type { RunPlan } from './run-plan.ts';
import { toIso } from './time.ts';
import { contentsJson, errorTexts, shorten } from './wire-read.ts';
import { EntryType } from './wire.ts';
import type { FetchRecord, Incident, World } from './world.ts';

export function planFetch(world: World, instance: string): RunPlan {
  instanceOf(world, instance, 'fetch');
  return { instance, command: 'fetch-incidents', args: {}, trigger: 'fetch' };
}

/**
 * The fetched items: every Type-1 entry whose Contents is a list (a JSON string of one, as
 * `demisto.incidents` sends it, §B.2 item 4). Several `demisto.incidents` calls in one run are
 * APPENDED in call order — §H.8 leaves append-vs-replace open; appending loses nothing.
 */
export function fetchedItems(result: RunResult): Json[] {
  const items: Json[] = [];
  for (const entry of result.entries) {
    if (entry.Type !== EntryType.NOTE) continue;
    const parsed = contentsJson(entry.Contents);
    if (Array.isArray(parsed)) items.push(...parsed);
  }
  return items;
}

function historySize(world: World): number | undefined {
  const cfg = world.server.config;
  const enabled = cfg['fetch.history.enabled'];
  if (enabled === false || enabled === 'false') return undefined;
  const size = Number(cfg['fetch.history.size'] ?? 20);
  return Number.isFinite(size) && size >= 0 ? Math.floor(size) : 20;
}

export function applyFetch(
  world: World,
  plan: RunPlan,
  result: RunResult,
  now: number,
): { world: World; record: FetchRecord; note: string } {
  const instance = instanceOf(world, plan.instance, 'fetch');
  const failed = result.outcome !== 'ok';
  const items = failed ? [] : fetchedItems(result);
  const nowIso = toIso(now);

  // Source IDs come from the top-level dbotMirrorId before classification (§B.2 item 5).
  const sourceIds = items.flatMap((i) =>
    isJsonObject(i) && (typeof i.dbotMirrorId === 'string' || typeof i.dbotMirrorId === 'number')
      ? [String(i.dbotMirrorId)]
      : [],
  );

  const invalid: FetchRecord['invalid'] = [];
  const created: Incident[] = [];
  let nextId = world.nextIncidentId;
  items.forEach((item, index) => {
    const base: Incident = {
      ...blankIncident(String(nextId), nowIso),
      type: instance.incidentType,
      sourceBrand: instance.brand,
      sourceInstance: instance.name,
    };
    const draft = draftIncident(item, base, {
      mapping: instance.mapping ?? {},
      instanceType: instance.incidentType,
    });
    if (!draft.ok) {
      invalid.push({ index, reason: draft.reason });
      return;
    }
    // `type` falls back to the instance's incident type when the item leaves it empty (§C).
    if (!draft.incident.type) draft.incident.type = instance.incidentType;
    created.push(draft.incident);
    nextId++;
  });

  const duplicates = findDuplicates(world, created);
  let next = world;
  for (const incident of created) next = insertIncident(next, incident);
  next = commitFetchState(next, plan.instance, result);

  const error = failed ? errorTexts(result).join('\n') || `fetch-incidents ended with ${result.outcome}` : '';
  const message = failed
    ? error
    : created.length === 0 && invalid.length === 0
      ? 'Completed'
      : `${created.length} pulled${invalid.length ? `, ${invalid.length} dropped` : ''}`;
  const record: FetchRecord = {
    at: nowIso,
    durationMs: result.durationMs,
    outcome: result.outcome,
    message,
    pulled: created.length,
    dropped: invalid.length,
    lastRun: next.instances[plan.instance]!.state.lastRun,
    sourceIds,
    createdIncidentIds: created.map((i) => i.id),
    invalid,
    duplicates,
  };
  const size = historySize(next);
  if (size !== undefined) {
    const history = [...(next.fetchHistory[plan.instance] ?? []), record];
    next = {
      ...next,
      fetchHistory: {
        ...next.fetchHistory,
        [plan.instance]: history.slice(Math.max(0, history.length - size)),
      },
    };
  }
  const note = failed
    ? `fetch failed (${result.outcome}): ${shorten(error)}`
    : [
        `${created.length} incident${created.length === 1 ? '' : 's'} created`,
        invalid.length ? `${invalid.length} invalid` : '',
        duplicates.length ? `${duplicates.length} duplicate dbotMirrorId` : '',
      ]
        .filter(Boolean)
        .join(', ');
  return { world: next, record, note };
}

/** lastRun is committed on success, and on failure only under lastRunOnError 'keep' (§B.2 item 7). */
function commitFetchState(world: World, instance: string, result: RunResult): World {
  return applyStateWrites(world, instance, result, { lastRun: true });
}

/**
 * XSOAR does not de-duplicate fetched incidents (§B.2 item 5): a dbotMirrorId seen before (on an
 * existing incident or earlier in the batch) is flagged, and the incident is still created.
 */
function findDuplicates(world: World, created: Incident[]): FetchRecord['duplicates'] {
  if (!created.some((i) => i.dbotMirrorId !== '')) return [];
  const first = new Map<string, string>();
  for (const incident of Object.values(world.incidents)) {
    if (incident.dbotMirrorId !== '' && !first.has(incident.dbotMirrorId))
      first.set(incident.dbotMirrorId, incident.id);
  }
  const duplicates: FetchRecord['duplicates'] = [];
  for (const incident of created) {
    if (incident.dbotMirrorId === '') continue;
    const seen = first.get(incident.dbotMirrorId);
    if (seen !== undefined)
      duplicates.push({
        dbotMirrorId: incident.dbotMirrorId,
        incidentId: incident.id,
        firstIncidentId: seen,
      });
    else first.set(incident.dbotMirrorId, incident.id);
  }
  return duplicates;
}
