/**
 * Server-side debug commands (contract.md §E), answered as wire entries like the War Room shows
 * them. Bad arguments give a Type-4 error entry and leave the world unchanged.
 *
 * getMirrorStatistics reply (our shape; the real JSON is unknown, §H.9):
 *   { mirrored, rateLimited, lastRun, closedIncidentRecords, closedRateLimitedRecords,
 *     cycles, rateLimitedCycles, outgoingQueued,
 *     instances: { <name>: { mirroredIncidents, ...InstanceMirrorState counters } } }
 */
import { HarnessError } from './errors.ts';
import type { Json, JsonObject } from './json.ts';
import { withoutNames } from './incident-fields.ts';
import { fromIso } from './time.ts';
import { userCloseIncident, userReopenIncident } from './user-actions.ts';
import { EntryFormat, EntryType } from './wire.ts';
import type { WireEntry } from './wire.ts';
import type { World } from './world.ts';
import { withIncident } from './world-edit.ts';

type Reply = { world: World; entries: WireEntry[] };

const text = (contents: string): WireEntry => ({
  Type: EntryType.NOTE,
  Contents: contents,
  ContentsFormat: EntryFormat.TEXT,
  HumanReadable: contents,
});
const json = (value: Json): WireEntry => ({
  Type: EntryType.NOTE,
  Contents: JSON.stringify(value),
  ContentsFormat: EntryFormat.JSON,
});
const error = (message: string): WireEntry => ({
  Type: EntryType.ERROR,
  Contents: message,
  ContentsFormat: EntryFormat.TEXT,
});

class BadArgs extends Error {}

function str(args: Record<string, Json>, name: string, required: boolean): string | undefined {
  const v = args[name];
  if (v === undefined || v === null || v === '') {
    if (required) throw new BadArgs(`missing argument ${name}`);
    return undefined;
  }
  if (typeof v !== 'string' && typeof v !== 'number') throw new BadArgs(`argument ${name} must be a string`);
  return String(v);
}

function bool(args: Record<string, Json>, name: string): boolean {
  const v = args[name];
  if (v === undefined || v === null || v === false || v === 'false' || v === '') return false;
  if (v === true || v === 'true') return true;
  throw new BadArgs(`argument ${name} must be true or false`);
}

function mirrorStatistics(world: World): JsonObject {
  const records = Object.values(world.mirror.records);
  const instances: JsonObject = {};
  for (const [name, state] of Object.entries(world.mirror.instances)) {
    instances[name] = {
      mirroredIncidents: records.filter((r) => r.instance === name && !r.closed).length,
      ...(state as unknown as JsonObject),
    };
  }
  return {
    mirrored: records.filter((r) => !r.closed).length,
    rateLimited: records.filter((r) => r.rateLimited && !r.closed).length,
    lastRun: world.mirror.stats.lastRunAt,
    closedIncidentRecords: records.filter((r) => r.closed).length,
    closedRateLimitedRecords: records.filter((r) => r.closed && r.rateLimited).length,
    cycles: world.mirror.stats.cycles,
    rateLimitedCycles: world.mirror.stats.rateLimitedCycles,
    outgoingQueued: Object.keys(world.mirror.outgoing).length,
    instances,
  };
}

const DAY_MS = 86_400_000;

/** Incident ids of the instance's records of incidents closed at or before `cutoff`. */
function purgeableRecords(world: World, instance: string, cutoff: number): string[] {
  return Object.values(world.mirror.records)
    .filter((r) => r.instance === instance && r.closed)
    .filter((r) => (fromIso(world.incidents[r.incidentId]?.closed ?? '') ?? 0) <= cutoff)
    .map((r) => r.incidentId);
}

/**
 * Removes the mirror records (and what the job still owed those incidents: queued pushes, pending
 * pulls), so the mirroring job no longer pulls or pushes them (contract.md §E: the bucket of closed
 * mirrored incidents "is continuously growing"; purge "when you're sure that there will be no
 * update from the remote system"). A reopen in XSOAR registers an incident again (user-actions.ts).
 */
function withoutMirrorRecords(world: World, instance: string, ids: string[]): World {
  if (ids.length === 0) return world;
  const gone = new Set(ids);
  const keep = <T>(map: Record<string, T>) =>
    Object.fromEntries(Object.entries(map).filter(([id]) => !gone.has(id)));
  const state = world.mirror.instances[instance];
  return {
    ...world,
    mirror: {
      ...world.mirror,
      records: keep(world.mirror.records),
      outgoing: keep(world.mirror.outgoing),
      instances: state
        ? {
            ...world.mirror.instances,
            [instance]: { ...state, pendingPull: state.pendingPull.filter((id) => !gone.has(id)) },
          }
        : world.mirror.instances,
    },
  };
}

const COMMANDS: Record<string, (world: World, args: Record<string, Json>, now: number) => Reply> = {
  getMirrorStatistics: (world) => ({ world, entries: [json(mirrorStatistics(world))] }),

  getSyncMirrorRecords: (world, args) => {
    const id = str(args, 'id', false);
    if (id === undefined)
      return { world, entries: [json(Object.values(world.mirror.records) as unknown as Json)] };
    const record = world.mirror.records[id];
    if (!record) throw new BadArgs(`incident ${id} has no mirror record`);
    return { world, entries: [json([record] as unknown as Json)] };
  },

  purgeClosedSyncMirrorRecords: (world, args, now) => {
    const instance = str(args, 'dbotMirrorInstance', true)!;
    if (!world.instances[instance]) throw new BadArgs(`unknown instance "${instance}"`);
    const olderThan = str(args, 'olderThan', false);
    const days = olderThan === undefined ? 0 : Number(olderThan);
    if (!Number.isFinite(days) || days < 0) throw new BadArgs('olderThan must be a number of days');
    const purged = purgeableRecords(world, instance, now - days * DAY_MS);
    return {
      world: withoutMirrorRecords(world, instance, purged),
      entries: [
        text(
          `Purged ${purged.length} closed sync mirror record${purged.length === 1 ? '' : 's'} of instance ${instance}.`,
        ),
      ],
    };
  },

  resetDirtyFields: (world, args) => {
    if (!world.server.policies.resetDirtyFieldsCommand) {
      return {
        world,
        entries: [
          error(
            `Unsupported command resetDirtyFields: it exists from XSOAR 8.0 (this server is ${world.server.version.version}).`,
          ),
        ],
      };
    }
    // No War Room context here, so the incident must be named.
    const id = str(args, 'id', true)!;
    const incident = Object.hasOwn(world.incidents, id) ? world.incidents[id] : undefined;
    if (!incident) throw new BadArgs(`no incident ${id}`);
    const all = bool(args, 'dirtyFieldsAll');
    const list = str(args, 'dirtyFields', false);
    if (!all && list === undefined) throw new BadArgs('give dirtyFields="a,b" or dirtyFieldsAll=true');
    const names = all
      ? (incident.dbotDirtyFields ?? [])
      : list!
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
    const next = withIncident(world, {
      ...incident,
      dbotDirtyFields: withoutNames(incident.dbotDirtyFields, names),
    });
    return { world: next, entries: [text('Done')] };
  },

  reopenInvestigation: (world, args, now) => {
    const id = str(args, 'id', true)!;
    return {
      world: userReopenIncident(world, id, 'admin', now),
      entries: [text(`Incident ${id} reopened.`)],
    };
  },

  closeInvestigation: (world, args, now) => {
    const id = str(args, 'id', true)!;
    const close = {
      closeReason: str(args, 'closeReason', false) ?? '',
      closeNotes: str(args, 'closeNotes', false) ?? '',
    };
    return { world: userCloseIncident(world, id, close, now), entries: [text(`Incident ${id} closed.`)] };
  },
};

export const SERVER_COMMANDS = Object.keys(COMMANDS);

const USAGE: Record<string, string> = {
  getMirrorStatistics: 'getMirrorStatistics',
  getSyncMirrorRecords: 'getSyncMirrorRecords [id=<incident id>]',
  purgeClosedSyncMirrorRecords:
    'purgeClosedSyncMirrorRecords dbotMirrorInstance=<instance> [olderThan=<days>]',
  resetDirtyFields: 'resetDirtyFields id=<incident id> dirtyFields="a,b" | dirtyFieldsAll=true',
  reopenInvestigation: 'reopenInvestigation id=<incident id>',
  closeInvestigation: 'closeInvestigation id=<incident id> [closeReason=…] [closeNotes=…]',
};

export function runServerCommand(
  world: World,
  command: string,
  args: Record<string, Json>,
  now: number,
): Reply {
  const handler = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (!handler)
    return {
      world,
      entries: [
        error(`Unsupported command ${command}: not a server command. Known: ${SERVER_COMMANDS.join(', ')}.`),
      ],
    };
  try {
    return handler(world, args, now);
  } catch (e) {
    if (e instanceof BadArgs)
      return {
        world,
        entries: [error(`${command}: failed to run: ${e.message}. Usage: ${USAGE[command]}.`)],
      };
    if (e instanceof HarnessError) return { world, entries: [error(e.message)] };
    throw e;
  }
}
