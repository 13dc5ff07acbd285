/**
 * The composition root (design.md §3): builds a world from options, resolves integrations and their
 * manifests, wires the runners, the engine loop, the clock and the schedule, and exposes the
 * programmatic API of harness/api.ts.
 */
import { addRemoteHosts, toHostMap } from './python-hosts.ts';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, extname, isAbsolute, join, resolve } from 'node:path';
import {
  addInstance,
  createWorld,
  defaultInstanceState,
  HarnessError,
  instanceOf,
  parseDuration,
  profileFor,
  runServerCommand,
  toFetchIntervalMinutes,
  toIso,
  userAddEntry,
  userCloseIncident,
  userCreateIncident,
  userReopenIncident,
  userUpdateIncident,
} from './core/index.ts';
import type {
  Instance,
  InstanceFetchSettings,
  InstanceMapping,
  IntegrationFlags,
  Json,
  ServerSettings,
  World,
} from './core/index.ts';
import { loadClassifier, loadMapper, loadPackDefaults } from './content/index.ts';
import type {
  Harness,
  HarnessOptions,
  InstanceOptions,
  RemoteOptions,
  SavedState,
  ServerOptions,
} from './api.ts';
import { isBuiltin, resolveBuiltin } from './builtins.ts';
import { isModuleKind, loadRemoteKind } from './remote-kinds.ts';
import {
  startRemote,
  type CreateTenant,
  type RemoteHandle,
  type RemoteSettings,
} from '../mocks/registry/index.ts';
import {
  createCommandRunner,
  findManifestPath,
  importIntegration,
  paramsWithDefaults,
  readManifest,
  resolveIntegrationModule,
} from './runtime/index.ts';
import type { IntegrationManifest, TypeScriptIntegration } from './runtime/index.ts';
import { createEngine, createRealClock, createSchedule, createVirtualClock } from './scheduler/index.ts';
import type { VirtualClock } from './scheduler/index.ts';

const DEFAULT_VERSION = '6.12.0';

export function toServerSettings(options: ServerOptions = {}): ServerSettings {
  const version = options.version ?? DEFAULT_VERSION;
  return {
    version: { version, buildNumber: options.buildNumber ?? '12345', platform: options.platform ?? 'xsoar' },
    config: { ...(options.config ?? {}) },
    policies: { ...profileFor(version), ...(options.policies ?? {}) },
    tz: options.tz ?? 'UTC',
    commandTimeoutMs: options.commandTimeoutMs ?? 60_000,
  };
}

/** Flags of an in-process TypeScript integration without a manifest: what its commands imply. */
function flagsFromCommands(commands: string[]): IntegrationFlags {
  return {
    isfetch: commands.includes('fetch-incidents'),
    ismappable: commands.includes('get-mapping-fields'),
    isremotesyncin: commands.includes('get-remote-data'),
    isremotesyncout: commands.includes('update-remote-system'),
  };
}

/** The path an instance's `integration` names: builtin:<name>, absolute, or from the working directory. */
function integrationPath(integration: string): string {
  if (isBuiltin(integration)) return resolveBuiltin(integration);
  return isAbsolute(integration) ? integration : resolve(integration);
}

/** Remote settings as the fakes take them: durations in milliseconds. */
function toRemoteSettings(options: RemoteOptions, kind: string): RemoteSettings {
  const { port: _port, rateLimit, kind: _kind, ...rest } = options;
  return {
    ...rest,
    kind,
    ...(rateLimit !== undefined
      ? {
          rateLimit: rateLimit && { requests: rateLimit.requests, windowMs: parseDuration(rateLimit.window) },
        }
      : {}),
  };
}

/** The params that point an instance at its remote (URL and credentials), merged over its own. */
function remoteParams(
  instance: string,
  options: InstanceOptions,
  remotes: Readonly<Record<string, RemoteHandle>>,
): Record<string, Json> {
  if (options.remote === undefined) return {};
  const wiring = typeof options.remote === 'string' ? { name: options.remote } : options.remote;
  const remote = Object.hasOwn(remotes, wiring.name) ? remotes[wiring.name] : undefined;
  if (!remote)
    throw new HarnessError(
      'invalid-input',
      `harness: failed to configure instance "${instance}": remote "${wiring.name}" is not declared. Declared remotes: ${Object.keys(remotes).join(', ') || 'none'}.`,
    );
  return remote.instanceParams(wiring);
}

async function resolveInstance(
  name: string,
  options: InstanceOptions,
  register: (key: string, integration: TypeScriptIntegration) => void,
  wiredParams: Record<string, Json>,
): Promise<Instance> {
  let integration: string;
  let manifest: IntegrationManifest | undefined;
  let flags: IntegrationFlags;
  let commands: string[];
  if (typeof options.integration === 'string') {
    integration = integrationPath(options.integration);
    const manifestPath = findManifestPath(integration);
    manifest = manifestPath ? await readManifest(manifestPath) : undefined;
    if (manifest) {
      commands = manifest.commands.map((c) => c.name);
      flags = manifest.flags;
    } else if (/\.(ts|mts|js|mjs)$/.test(integration)) {
      // A TypeScript integration without a YAML: its handlers say what it can do.
      commands = Object.keys((await importIntegration(await resolveIntegrationModule(integration))).commands);
      flags = { ...flagsFromCommands(commands), ...options.flags };
    } else if (options.flags) {
      commands = [];
      flags = { ...flagsFromCommands(commands), ...options.flags };
    } else {
      // Without its YAML every flag would be false: nothing would fetch or mirror, and nothing says why.
      throw new HarnessError(
        'invalid-input',
        `harness: failed to configure instance "${name}": ${options.integration} has no YAML beside it (${basename(integration, extname(integration))}.yml), so its script flags (isfetch, isremotesyncin, …) are unknown. Put the integration's YAML next to it, point the instance at the YAML, or set the flags on the instance: flags: { isfetch: true, isremotesyncin: true, isremotesyncout: true, ismappable: true }.`,
      );
    }
  } else {
    integration = `inprocess:${name}`;
    register(integration, options.integration);
    commands = Object.keys(options.integration.commands);
    flags = flagsFromCommands(commands);
  }
  const params = paramsWithDefaults(manifest, { ...(options.params ?? {}), ...wiredParams });
  const { isfetch, ismappable, isremotesyncin, isremotesyncout } = flags;
  return {
    name,
    brand: options.brand ?? manifest?.name ?? name,
    integration,
    flags: { isfetch, ismappable, isremotesyncin, isremotesyncout },
    commands,
    params,
    fetch: fetchSettings(name, options, params, isfetch),
    enabled: options.enabled ?? true,
    incidentType: options.incidentType ?? String(params.incidentType ?? ''),
    mapping: await resolveMapping(options, manifest),
    state: defaultInstanceState(),
  };
}

/** A checkbox param as XSOAR stores it: a boolean, or its "true" / "false" text; undefined when unset. */
function checkbox(value: Json | undefined): boolean | 'invalid' | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  return 'invalid';
}

/**
 * Fetching on or off and its interval (contract.md §B.1, §B.2). Like XSOAR, an instance fetches only
 * when it says so, with `fetch: { enabled: true }` or the `isFetch` param; the interval is kept in
 * whole minutes, the one value both the fetch job and the integration's params use.
 */
function fetchSettings(
  name: string,
  options: InstanceOptions,
  params: Record<string, Json>,
  isfetch: boolean,
): InstanceFetchSettings {
  const fail = (reason: string, hint: string): never => {
    throw new HarnessError(
      'invalid-input',
      `harness: failed to configure instance "${name}": ${reason}. ${hint}`,
    );
  };
  const param = checkbox(params.isFetch);
  if (param === 'invalid')
    fail(`the isFetch param is ${JSON.stringify(params.isFetch)}`, 'Write isFetch: true or isFetch: false.');
  const explicit = options.fetch?.enabled;
  if (explicit !== undefined && param !== undefined && explicit !== param)
    fail(`fetch.enabled is ${explicit} but the isFetch param is ${String(param)}`, 'Set only one of them.');
  const enabled = explicit ?? param === true;
  if (enabled && !isfetch)
    fail(
      'fetching is on but the integration does not fetch incidents (no script.isfetch in its YAML, no fetch-incidents command)',
      'Remove fetch.enabled / isFetch, or point the instance at a fetching integration.',
    );
  const interval = options.fetch?.interval;
  if (interval !== undefined && !(Number.isFinite(interval) && interval > 0))
    fail(`fetch.interval is ${String(interval)}`, 'Give a positive number of minutes, e.g. interval: 5.');
  return { enabled, intervalMinutes: toFetchIntervalMinutes(interval ?? params.incidentFetchInterval) };
}

/**
 * The instance's classifier and mappers: what the options give, else the defaults the YAML names
 * (found in its pack). Defaults that are named but absent are listed in `missing`.
 */
async function resolveMapping(
  options: InstanceOptions,
  manifest: IntegrationManifest | undefined,
): Promise<InstanceMapping> {
  const baseDir = options.baseDir ?? '.';
  const defaults = manifest ? await loadPackDefaults(manifest) : { mapping: {}, missing: [] };
  const mapping: InstanceMapping = { ...defaults.mapping };
  if (options.classifier !== undefined)
    mapping.classifier = await loadClassifier(options.classifier, baseDir);
  if (options.mapper?.incoming !== undefined)
    mapping.incoming = await loadMapper(options.mapper.incoming, 'mapping-incoming', baseDir);
  if (options.mapper?.outgoing !== undefined)
    mapping.outgoing = await loadMapper(options.mapper.outgoing, 'mapping-outgoing', baseDir);
  const missing = defaults.missing.filter(
    (m) =>
      !(m.startsWith('classifier') && options.classifier !== undefined) &&
      !(m.startsWith('incoming') && options.mapper?.incoming !== undefined) &&
      !(m.startsWith('outgoing') && options.mapper?.outgoing !== undefined),
  );
  if (missing.length > 0) mapping.missing = missing;
  return mapping;
}

/**
 * Virtual time starts at the current minute unless told otherwise: integrations compute windows
 * such as `first_fetch: 3 days` from their own wall clock (datetime.now()), and the fakes stamp
 * records with the harness clock, so the two must start together. Give `start` for fixed dates.
 */
function startTime(start: number | string | undefined): number {
  if (start === undefined) return Math.floor(Date.now() / 60_000) * 60_000;
  const ms = typeof start === 'number' ? start : Date.parse(start);
  if (!Number.isFinite(ms))
    throw new HarnessError(
      'invalid-input',
      `harness: failed to read start time "${String(start)}": not a date. Use ISO-8601.`,
    );
  return ms;
}

/**
 * Another harness's clock, read but never moved: a tenant started as a remote has no jobs of its
 * own to run, and its owner's advance() is what moves time for both.
 */
function followClock(leader: { now(): number }): VirtualClock {
  return { kind: 'virtual', now: () => leader.now(), set: () => undefined };
}

/** What a `kind: xsoar` remote is lent: another fake XSOAR (no instances) on the given clock. */
const createTenant: CreateTenant = (tenant) =>
  createHarness({
    clock: tenant.clock,
    ...(tenant.server ? { server: tenant.server as ServerOptions } : {}),
    ...(tenant.saved !== undefined
      ? { saved: tenant.saved as unknown as NonNullable<HarnessOptions['saved']> }
      : {}),
    ...(tenant.store ? { store: tenant.store as NonNullable<HarnessOptions['store']> } : {}),
  });

export async function createHarness(options: HarnessOptions = {}): Promise<Harness> {
  // Filled with the remotes' `hosts` once they listen; the Python runner reads it per command.
  const hosts = toHostMap(options.python?.hosts);
  const runner = createCommandRunner({
    ...(options.runners?.typescript ? { typescript: options.runners.typescript } : {}),
    ...(options.runners?.python ? { python: options.runners.python } : {}),
    ...(options.python
      ? {
          pythonOptions: {
            ...(options.python.interpreter ? { python: options.python.interpreter } : {}),
            ...(options.python.contentRoot ? { contentRoot: options.python.contentRoot } : {}),
            ...(options.python.poolSize ? { poolSize: options.python.poolSize } : {}),
            ...(options.python.proxy ? { proxy: options.python.proxy } : {}),
            ...(options.python.fork !== undefined ? { fork: options.python.fork } : {}),
            ...(options.python.preExecute !== undefined ? { preExecute: options.python.preExecute } : {}),
            ...(options.python.alternate !== undefined ? { alternate: options.python.alternate } : {}),
            hosts,
          },
        }
      : { pythonOptions: { hosts } }),
  });

  const saved: SavedState | null = options.saved
    ? { world: options.saved.world, journal: options.saved.journal ?? [] }
    : ((await options.store?.read()) ?? null);
  let world: World = saved?.world ?? createWorld(toServerSettings(options.server));
  if (saved && options.server) {
    // A saved world keeps its state; explicit server options still win (a reproduction tweaks a knob).
    world = {
      ...world,
      server: {
        ...world.server,
        ...toServerSettings({ version: world.server.version.version, ...options.server }),
      },
    };
  }

  const given = options.clock;
  const clock =
    typeof given === 'object'
      ? followClock(given)
      : given === 'real'
        ? createRealClock()
        : createVirtualClock(startTime(options.start));
  // The fakes start before the instances (those need their URLs) and stamp records with this clock.
  const remotes: Record<string, RemoteHandle> = {};
  try {
    for (const [name, remoteOptions] of Object.entries(options.remotes ?? {})) {
      const remoteSaved = options.savedRemotes?.[name];
      // A descriptor given as the kind, or a module path naming one; else a registered kind's name.
      const given = remoteOptions.kind;
      const own =
        typeof given !== 'string'
          ? given
          : isModuleKind(given)
            ? await loadRemoteKind(`harness: failed to load remote "${name}"`, given)
            : undefined;
      const kinds = own ? [own, ...(options.fakes ?? [])] : (options.fakes ?? []);
      const kind = own?.kind ?? (remoteOptions.kind as string);
      remotes[name] = await startRemote(
        name,
        toRemoteSettings(remoteOptions, kind),
        {
          clock,
          createTenant,
          ...(remoteSaved !== undefined ? { saved: remoteSaved } : {}),
          ...(remoteOptions.port !== undefined ? { port: remoteOptions.port } : {}),
        },
        kinds,
      );
      addRemoteHosts(hosts, name, remoteOptions.hosts, remotes[name].url);
    }
    const register = (key: string, integration: TypeScriptIntegration) => runner.register(key, integration);
    for (const [name, instanceOptions] of Object.entries(options.instances ?? {})) {
      const wired = remoteParams(name, instanceOptions, remotes);
      const instance = await resolveInstance(name, instanceOptions, register, wired);
      const existing = world.instances[name];
      world = existing
        ? { ...world, instances: { ...world.instances, [name]: { ...instance, state: existing.state } } }
        : addInstance(world, instance);
    }
  } catch (e) {
    await Promise.all(Object.values(remotes).map((r) => r.close().catch(() => undefined)));
    await runner.close();
    throw e;
  }

  const engine = createEngine({
    world,
    journal: saved?.journal ?? [],
    runner,
    clock,
    ...(options.store ? { store: options.store } : {}),
    ...(options.journalLimit !== undefined ? { journalLimit: options.journalLimit } : {}),
  });
  const schedule = createSchedule(engine, clock, (e, job) => {
    engine.emit({
      type: 'job',
      job: job.kind,
      ...(job.instance ? { instance: job.instance } : {}),
      phase: 'end',
      at: toIso(clock.now()),
      note: `failed: ${(e as Error).message}`,
    });
  });

  // Bytes of files analysts add to War Rooms, kept until close (integrations read them by path).
  let filesDir: string | undefined;
  let fileCount = 0;
  const storeFile = async (file: { name: string; content: string | Uint8Array }) => {
    if (typeof file.name !== 'string' || file.name.trim() === '' || /[\\/]/.test(file.name))
      throw new HarnessError(
        'invalid-input',
        'entries: failed to add a file entry: the file needs a plain name such as report.txt (no folders).',
      );
    filesDir ??= await mkdtemp(join(tmpdir(), 'mirrorlab-files-'));
    const path = join(filesDir, `${++fileCount}_${file.name}`);
    await writeFile(path, file.content);
    return { name: file.name, path };
  };

  const incident = (id: string) => {
    // Own keys only: an id like "constructor" from a REST path must not reach Object.prototype.
    const incidents = engine.world().incidents;
    const found = Object.hasOwn(incidents, id) ? incidents[id] : undefined;
    if (!found)
      throw new HarnessError('not-found', `harness: failed to find incident "${id}": no such incident.`);
    return found;
  };
  const mutate = <T>(fn: (w: World, now: number) => { world: World; value: T }, incidentId?: string) =>
    engine.exclusive(async () => {
      const before = engine.world();
      const { world: next, value } = fn(before, clock.now());
      // Read-only commands (getMirrorStatistics) return the same world: nothing to persist or announce.
      if (next !== before) await engine.commit(next, incidentId ? { incidentId } : undefined);
      return value;
    });

  const harness: Harness = {
    now: () => clock.now(),
    remotes,
    world: () => engine.world(),
    journal: () => engine.journal(),
    async fetch(instance) {
      instanceOf(engine.world(), instance, 'harness');
      return engine.fetch(instance);
    },
    mirror: () => engine.mirrorCycle(),
    advance: (duration) => schedule.advance(parseDuration(duration)),
    async runCommand(instance, command, args = {}, opts = {}) {
      instanceOf(engine.world(), instance, 'harness');
      return engine.warRoomCommand(instance, command, args as Record<string, Json>, opts.debug === true);
    },
    serverCommand: (command, args = {}) =>
      mutate((w, now) => {
        const { world: next, entries } = runServerCommand(w, command, args, now);
        return { world: next, value: entries };
      }),
    incidents: {
      list(filter) {
        const all = Object.values(engine.world().incidents);
        if (!filter) return all;
        return all.filter((i) =>
          Object.entries(filter).every(([k, v]) => (i as unknown as Record<string, unknown>)[k] === v),
        );
      },
      get: (id) => (Object.hasOwn(engine.world().incidents, id) ? engine.world().incidents[id] : undefined),
      entries: (id) => engine.world().entries[id] ?? [],
      create: (fields) =>
        mutate((w, now) => {
          const { world: next, incident: created } = userCreateIncident(w, fields, now);
          return { world: next, value: created };
        }),
      update: (id, fields, user = 'admin') =>
        mutate((w, now) => {
          incident(id);
          const next = userUpdateIncident(w, id, fields, user, now);
          return { world: next, value: next.incidents[id]! };
        }, id),
      addEntry: async (id, input) => {
        const { file, ...rest } = input;
        const stored = file ? await storeFile(file) : undefined;
        return mutate((w, now) => {
          incident(id);
          const { world: next, entry } = userAddEntry(w, id, stored ? { ...rest, file: stored } : rest, now);
          return { world: next, value: entry };
        }, id);
      },
      close: (id, close = {}) =>
        mutate((w, now) => {
          incident(id);
          const next = userCloseIncident(w, id, close, now);
          return { world: next, value: next.incidents[id]! };
        }, id),
      reopen: (id, user = 'admin') =>
        mutate((w, now) => {
          incident(id);
          const next = userReopenIncident(w, id, user, now);
          return { world: next, value: next.incidents[id]! };
        }, id),
    },
    on: (listener) => engine.on(listener),
    storeHealth: () => engine.storeHealth(),
    exclusive: (fn) => engine.exclusive(fn),
    start: () => {
      if (clock.kind !== 'real')
        throw new HarnessError(
          'invalid-input',
          'harness: failed to start schedules: start() is for the real clock; use advance() on the virtual clock.',
        );
      schedule.startRealTime();
    },
    async close(closeOptions) {
      schedule.stop();
      // Aborting (Ctrl-C, SIGTERM): kill the workers first, so a hung command ends now, not at its timeout.
      if (closeOptions?.abort) await runner.close?.();
      await engine.flush();
      await runner.close?.();
      await Promise.all(Object.values(remotes).map((r) => r.close()));
      if (filesDir) await rm(filesDir, { recursive: true, force: true });
    },
  };
  return harness;
}
