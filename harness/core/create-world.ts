/** Creating a world and registering instances in it. */
import type { InstanceState } from './command.ts';
import { HarnessError } from './errors.ts';
import type { Instance, ServerSettings, World } from './world.ts';
import { ZERO_TIME } from './world.ts';
import { emptyMirrorState } from './world-edit.ts';

export function createWorld(server: ServerSettings): World {
  return {
    schema: 1,
    server,
    instances: {},
    incidents: {},
    entries: {},
    nextIncidentId: 1,
    nextEntryId: 1,
    fetchHistory: {},
    mirror: {
      records: {},
      instances: {},
      outgoing: {},
      stats: { lastRunAt: ZERO_TIME, cycles: 0, rateLimitedCycles: 0 },
    },
  };
}

/** lastRun `{}` and an empty integration context, as a freshly configured instance has (§B.2 item 2). */
export function defaultInstanceState(): InstanceState {
  return { lastRun: {}, lastMirrorRun: {}, integrationContext: { context: {}, version: 0 } };
}

export function addInstance(world: World, instance: Instance): World {
  if (world.instances[instance.name]) {
    throw new HarnessError(
      'conflict',
      `world: failed to add instance "${instance.name}": an instance with that name exists. Instance names are unique per server; pick another name.`,
    );
  }
  if (!instance.name.trim()) {
    throw new HarnessError(
      'invalid-input',
      'world: failed to add instance: the name is empty. Give every instance a name.',
    );
  }
  return {
    ...world,
    instances: { ...world.instances, [instance.name]: instance },
    fetchHistory: { ...world.fetchHistory, [instance.name]: world.fetchHistory[instance.name] ?? [] },
    mirror: {
      ...world.mirror,
      instances: { ...world.mirror.instances, [instance.name]: emptyMirrorState() },
    },
  };
}
