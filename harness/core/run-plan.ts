/**
 * A RunPlan is one command the engine must run; toRunRequest turns it into what a runtime needs.
 * applyStateWrites commits what a command wrote to its instance's server-side state.
 */
import type { RunRequest, RunResult } from './command.ts';
import { HarnessError } from './errors.ts';
import { toFetchIntervalMinutes } from './jobs.ts';
import type { Json } from './json.ts';
import type { Instance, JournalTrigger, World } from './world.ts';

export interface RunPlan {
  instance: string;
  command: string;
  args: Record<string, Json>;
  trigger: JournalTrigger;
  /** Set for incident-scoped commands (get-remote-data, update-remote-system). */
  incidentId?: string;
  /** `debug-mode=true` from the War Room: sets context.IsDebug (contract.md §E). */
  isDebug?: boolean;
}

/** Params the backend adds or strips depending on the fetch flag (contract.md §B.1). */
const FETCH_PLATFORM_PARAMS = [
  'isFetch',
  'isFetchEvents',
  'incidentFetchInterval',
  'alertFetchInterval',
  'eventFetchInterval',
  'incidentType',
  'alertType',
  'longRunning',
  'longRunningPort',
];

export function instanceOf(world: World, name: string, area: string): Instance {
  const instance = world.instances[name];
  if (!instance) {
    const known = Object.keys(world.instances).join(', ') || 'none';
    throw new HarnessError(
      'not-found',
      `${area}: failed to find instance "${name}": no such instance. Known instances: ${known}.`,
    );
  }
  return instance;
}

/** Effective params: the instance's own, plus isFetch / incidentFetchInterval / incidentType for fetching integrations. */
export function effectiveParams(instance: Instance): Record<string, Json> {
  const params: Record<string, Json> = { ...instance.params };
  if (instance.flags.isfetch) {
    params.isFetch = instance.fetch.enabled;
    // Whole minutes, as a string, the same value the fetch job runs on (§B.1, jobs.ts).
    params.incidentFetchInterval = String(toFetchIntervalMinutes(instance.fetch.intervalMinutes));
    params.incidentType = instance.incidentType;
  } else {
    for (const key of FETCH_PLATFORM_PARAMS) delete params[key];
  }
  return params;
}

export function toRunRequest(world: World, plan: RunPlan): RunRequest {
  const instance = instanceOf(world, plan.instance, 'engine');
  const incident = plan.incidentId !== undefined ? world.incidents[plan.incidentId] : undefined;
  const debug = plan.args['debug-mode'];
  // From the War Room, lastRun is {}: it only lives in the fetch flow (§B.2 item 2).
  const state = plan.trigger === 'user' ? { ...instance.state, lastRun: {} } : instance.state;
  return {
    instance: instance.name,
    brand: instance.brand,
    integration: instance.integration,
    command: plan.command,
    args: plan.args,
    params: effectiveParams(instance),
    version: world.server.version,
    state,
    // fileResult names files `<Inv.id>_<uuid>`: a stable, file-name-safe id per incident or per job.
    investigationId: incident
      ? incident.investigationId || incident.id
      : `${instance.name}-${plan.command}`.replace(/[^\w.-]+/g, '_'),
    isDebug: plan.isDebug === true || debug === true || debug === 'true',
    timeoutMs: world.server.commandTimeoutMs,
    tz: world.server.tz,
    ...(incident ? { files: incidentFiles(world, incident.id) } : {}),
  };
}

/** The incident's file entries, as `demisto.getFilePath(entryId)` answers them. */
function incidentFiles(world: World, incidentId: string): Record<string, { path: string; name: string }> {
  const files: Record<string, { path: string; name: string }> = {};
  for (const e of world.entries[incidentId] ?? [])
    if (e.filePath) files[e.id] = { path: e.filePath, name: e.File ?? e.id };
  return files;
}

/**
 * Commits a command's writes to lastMirrorRun and the integration context (and lastRun when
 * `opts.lastRun`, i.e. only in the fetch flow, §B.2 item 2). A failed run commits nothing under
 * policy lastRunOnError 'discard' (the run is one transaction, python-runtime.md §5.3); under
 * 'keep' its writes stand, as a real server's immediate setLastRun does.
 */
export function applyStateWrites(
  world: World,
  instance: string,
  result: RunResult,
  opts: { lastRun: boolean },
): World {
  const current = world.instances[instance];
  if (!current) return world;
  if (result.outcome !== 'ok' && world.server.policies.lastRunOnError === 'discard') return world;
  const { writes } = result;
  const writesLastRun = opts.lastRun && writes.lastRun !== undefined;
  // Most commands write nothing: no copy of the state for them.
  if (!writesLastRun && writes.lastMirrorRun === undefined && writes.integrationContext === undefined)
    return world;
  const state = { ...current.state };
  if (opts.lastRun && writes.lastRun !== undefined) state.lastRun = writes.lastRun;
  if (writes.lastMirrorRun !== undefined) state.lastMirrorRun = writes.lastMirrorRun;
  if (writes.integrationContext !== undefined) state.integrationContext = writes.integrationContext;
  return { ...world, instances: { ...world.instances, [instance]: { ...current, state } } };
}

/** A command run from the War Room (`!command`); `debug` is `debug-mode=true` (contract.md §E). */
export function planWarRoomCommand(
  world: World,
  instance: string,
  command: string,
  args: Record<string, Json>,
  debug = false,
): RunPlan {
  instanceOf(world, instance, 'engine');
  return { instance, command, args, trigger: 'user', ...(debug ? { isDebug: true } : {}) };
}

/** What a War Room command leaves behind: its mirror-run and context writes; lastRun never (§B.2 item 2). */
export function applyWarRoomCommand(world: World, plan: RunPlan, result: RunResult): World {
  return applyStateWrites(world, plan.instance, result, { lastRun: false });
}
