/**
 * Copy-on-write edits of a World. Worlds are big (thousands of incidents, a day of cycles), so an
 * edit copies only the maps on the path to what changed, never the whole world.
 *
 * A pull still copies the incidents and mirror-record maps on its path, which at 10,000 incidents
 * is most of its cost (issue 16). So the mirror cycle may pass `Owned`: maps made by an earlier edit
 * of the same run that nothing outside has seen yet (Clojure's transients). An edit changes such a
 * map in place instead of copying it again; the engine starts a new Owned whenever it hands the
 * world out (world(), persisting), so no World anyone holds ever changes.
 */
import type {
  Entry,
  Incident,
  InstanceMirrorState,
  MirrorRecord,
  OutgoingQueueItem,
  World,
} from './world.ts';
import { ZERO_TIME } from './world.ts';

export function emptyMirrorState(): InstanceMirrorState {
  return {
    lastModifiedRunAt: ZERO_TIME,
    pendingPull: [],
    cycles: 0,
    skippedCycles: 0,
    rateLimitedCycles: 0,
    getModifiedCalls: 0,
    getRemoteDataCalls: 0,
    updateRemoteSystemCalls: 0,
    failures: 0,
    lastError: '',
  };
}

export function emptyMirrorRecord(incident: Incident): MirrorRecord {
  return {
    incidentId: incident.id,
    instance: incident.dbotMirrorInstance,
    remoteId: incident.dbotMirrorId,
    direction: incident.dbotMirrorDirection,
    closed: incident.status === 2,
    lastPullAt: ZERO_TIME,
    lastPushAt: ZERO_TIME,
    pulls: 0,
    pushes: 0,
    pushFailures: 0,
    rateLimited: false,
    lastError: '',
  };
}

/** Maps the caller vouches nobody outside has seen (see above); absent: copy every time. */
export type Owned = WeakSet<object>;

/** `map` itself when owned, else a copy that is owned from now on. */
export function ownedCopy<T extends object>(map: T, owned: Owned | undefined): T {
  if (owned?.has(map)) return map;
  const copy = { ...map };
  owned?.add(copy);
  return copy;
}

export function withIncident(world: World, incident: Incident, owned?: Owned): World {
  const incidents = ownedCopy(world.incidents, owned);
  incidents[incident.id] = incident;
  return { ...world, incidents };
}

export function withEntries(world: World, incidentId: string, added: Entry[], owned?: Owned): World {
  if (added.length === 0) return world;
  const entries = ownedCopy(world.entries, owned);
  entries[incidentId] = [...(world.entries[incidentId] ?? []), ...added];
  return { ...world, entries, nextEntryId: world.nextEntryId + added.length };
}

/** Entry ids are `<n>@<incident id>`, XSOAR's own `entryNum@investigationId` shape. */
export function entryIdAt(world: World, offset: number, incidentId: string): string {
  return `${world.nextEntryId + offset}@${incidentId}`;
}

/**
 * Whether the mirroring job knows the incident: it has a mirror record. Records are made when a
 * mirrored incident is created and removed by purgeClosedSyncMirrorRecords (contract.md §E), after
 * which the incident is neither pulled nor pushed until a reopen registers it again.
 */
export function hasMirrorRecord(world: World, incidentId: string): boolean {
  return Object.hasOwn(world.mirror.records, incidentId);
}

/** Updates the mirror record of an incident (created from the incident when missing). */
export function withRecord(
  world: World,
  incident: Incident,
  change: (r: MirrorRecord) => Partial<MirrorRecord>,
  owned?: Owned,
): World {
  const current = world.mirror.records[incident.id] ?? emptyMirrorRecord(incident);
  const records = ownedCopy(world.mirror.records, owned);
  records[incident.id] = { ...current, ...change(current) };
  const mirror = ownedCopy(world.mirror, owned);
  mirror.records = records;
  return { ...world, mirror };
}

export function mirrorState(world: World, instance: string): InstanceMirrorState {
  return world.mirror.instances[instance] ?? emptyMirrorState();
}

export function withMirrorState(
  world: World,
  instance: string,
  change: (s: InstanceMirrorState) => Partial<InstanceMirrorState>,
  owned?: Owned,
): World {
  const current = mirrorState(world, instance);
  const instances = ownedCopy(world.mirror.instances, owned);
  instances[instance] = { ...current, ...change(current) };
  const mirror = ownedCopy(world.mirror, owned);
  mirror.instances = instances;
  return { ...world, mirror };
}

export function withOutgoing(world: World, incidentId: string, item: OutgoingQueueItem | undefined): World {
  const outgoing = { ...world.mirror.outgoing };
  if (item) outgoing[incidentId] = item;
  else delete outgoing[incidentId];
  return { ...world, mirror: { ...world.mirror, outgoing } };
}

/** Order-keeping de-duplication. */
export function unique(ids: string[]): string[] {
  return [...new Set(ids)];
}

export function byNumericId(a: string, b: string): number {
  const d = Number(a) - Number(b);
  return Number.isNaN(d) ? a.localeCompare(b) : d || a.localeCompare(b);
}
