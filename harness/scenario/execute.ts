/**
 * Runs one loaded scenario in isolation: its own fakes on their own ports, its own harness on a
 * virtual clock that the fakes read too, torn down afterwards whatever happens. The first failing
 * step stops the run; the result says where (file:line), why (a diff), and what led there (the
 * journal's tail).
 */
import { join, resolve } from 'node:path';
import type { Harness, HarnessOptions, InstanceOptions, RemoteOptions } from '../api.ts';
import { createHarness } from '../create-harness.ts';
import { HarnessError, parseDuration, toIso, type Json, type ServerPolicies } from '../core/index.ts';
import { checkExpectations, ExpectationFailure } from './expect.ts';
import type { LoadedScenario, LoadedStep } from './load.ts';
import type { RemoteHandle } from '../../mocks/registry/index.ts';
import { runActionStep } from './run-step.ts';
import { readSavedState, writeSavedState, type SavedScenarioState } from './saved-state.ts';
import { isModuleKind, type InstanceDefinition, type StepVerb } from './schema.ts';
import { formatTimeline } from './timeline.ts';

/**
 * Without `server.start`, virtual time starts at the current minute, like createHarness: integrations
 * compute windows such as `first_fetch: 3 days` from their own wall clock, so the fakes' stamps must
 * start there too. Give `start` for fixed absolute times.
 */
export function defaultStart(): number {
  return Math.floor(Date.now() / 60_000) * 60_000;
}

export interface RunScenarioOptions {
  python?: string;
  /** Python worker mode (the CLI reads MIRRORLAB_PYTHON_FORK / _PREEXEC / _ALTERNATE). */
  pythonWorkers?: { fork?: boolean; preExecute?: boolean; alternate?: boolean };
  contentRoot?: string;
  /**
   * A scenario that names `content:` paths needs a content checkout. Without one it is skipped,
   * saying so, unless this is set: then it is an error (CI that must run them).
   */
  requireContent?: boolean;
  /** Write the final state of both sides to `<dir>/<slug>/`. */
  saveStateDir?: string;
  /** Journal lines shown under a failure (default 12). */
  timelineTail?: number;
  /** Aborting ends the scenario at once: its workers are killed and the running step fails. */
  signal?: AbortSignal;
}

/**
 * passed / failed / error as usual; `xfail`: a scenario marked expectFailure failed an expectation
 * as it should (counts as success); `xpass`: it was expected to fail and did not (a failure);
 * `skipped`: it needs something this run does not have (a content checkout), named in `skipReason`.
 */
export type ScenarioStatus = 'passed' | 'failed' | 'error' | 'xfail' | 'xpass' | 'skipped';

export interface StepFailure {
  index: number;
  verb: StepVerb;
  /** `scenarios/x.yaml:12:5` */
  location: string;
  kind: 'expectation' | 'error';
  message: string;
  timeline: string[];
}

export interface ScenarioResult {
  file: string;
  name: string;
  slug: string;
  status: ScenarioStatus;
  ok: boolean;
  durationMs: number;
  stepsRun: number;
  stepCount: number;
  expectFailure?: string;
  failure?: StepFailure;
  savedState?: string;
  skipReason?: string;
}

/** The `content:` paths a scenario names (integration, classifier, mappers). */
export function contentPaths(loaded: LoadedScenario): string[] {
  const paths: string[] = [];
  for (const instance of Object.values(loaded.scenario.instances ?? {})) {
    const named = [
      instance.integration,
      instance.classifier,
      instance.mapper?.incoming,
      instance.mapper?.outgoing,
    ];
    for (const p of named) if (typeof p === 'string' && p.startsWith(CONTENT_PREFIX)) paths.push(p);
  }
  return paths;
}

function flattenConfig(config: Record<string, unknown>, prefix = ''): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const [key, value] of Object.entries(config)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'object' && value !== null && !Array.isArray(value))
      Object.assign(out, flattenConfig(value as Record<string, unknown>, name));
    else out[name] = value as Json;
  }
  return out;
}

const withoutUndefined = <T extends object>(value: T) =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };

const CONTENT_PREFIX = 'content:';
const BUILTIN_PREFIX = 'builtin:';

/**
 * A path a scenario names: relative to the scenario file, or `content:<path>` inside the content
 * checkout given by --content-root / MIRRORLAB_CONTENT_ROOT, so one scenario runs on any machine.
 */
function scenarioPath(path: string, dir: string, contentRoot: string | undefined, what: string): string {
  if (path.startsWith(BUILTIN_PREFIX)) return path;
  if (!path.startsWith(CONTENT_PREFIX)) return resolve(dir, path);
  if (!contentRoot)
    throw new HarnessError(
      'invalid-input',
      `scenario: failed to resolve ${what} "${path}": no content root is set. Pass --content-root <content checkout> or set MIRRORLAB_CONTENT_ROOT.`,
    );
  return resolve(contentRoot, path.slice(CONTENT_PREFIX.length).replace(/^\/+/, ''));
}

function toInstanceOptions(
  definition: InstanceDefinition,
  dir: string,
  contentRoot: string | undefined,
): InstanceOptions {
  const path = (p: string, what: string) => scenarioPath(p, dir, contentRoot, what);
  const mapper = definition.mapper
    ? withoutUndefined({
        incoming:
          typeof definition.mapper.incoming === 'string'
            ? path(definition.mapper.incoming, 'incoming mapper')
            : definition.mapper.incoming,
        outgoing:
          typeof definition.mapper.outgoing === 'string'
            ? path(definition.mapper.outgoing, 'outgoing mapper')
            : definition.mapper.outgoing,
      })
    : undefined;
  const params: Record<string, Json> = { ...((definition.params ?? {}) as Record<string, Json>) };
  const interval = definition.fetch?.interval;
  return {
    integration: path(definition.integration, 'integration'),
    params,
    ...(definition.remote !== undefined
      ? {
          remote: withoutUndefined(
            typeof definition.remote === 'string' ? { name: definition.remote } : definition.remote,
          ) as { name: string },
        }
      : {}),
    ...(definition.brand !== undefined ? { brand: definition.brand } : {}),
    ...(definition.flags !== undefined ? { flags: withoutUndefined(definition.flags) } : {}),
    ...(definition.enabled !== undefined ? { enabled: definition.enabled } : {}),
    ...(definition.incidentType !== undefined ? { incidentType: definition.incidentType } : {}),
    ...(definition.classifier !== undefined ? { classifier: path(definition.classifier, 'classifier') } : {}),
    ...(mapper ? { mapper } : {}),
    baseDir: dir,
    ...(definition.fetch
      ? {
          fetch: {
            ...(definition.fetch.enabled !== undefined ? { enabled: definition.fetch.enabled } : {}),
            ...(interval !== undefined
              ? { interval: typeof interval === 'number' ? interval : parseDuration(interval) / 60_000 }
              : {}),
          },
        }
      : {}),
  };
}

/**
 * What a scenario file says about the server, its remotes and instances, as createHarness options
 * (the clock is the caller's: virtual for `run`, real for `serve`).
 */
export function toHarnessOptions(
  loaded: LoadedScenario,
  options: RunScenarioOptions,
  saved?: SavedScenarioState,
): HarnessOptions {
  const { scenario } = loaded;
  const server = scenario.server;
  return {
    ...(server
      ? {
          server: {
            ...(server.version !== undefined ? { version: server.version } : {}),
            ...(server.buildNumber !== undefined ? { buildNumber: String(server.buildNumber) } : {}),
            ...(server.platform !== undefined ? { platform: server.platform } : {}),
            ...(server.config ? { config: flattenConfig(server.config) } : {}),
            ...(server.policies ? { policies: server.policies as Partial<ServerPolicies> } : {}),
            ...(server.tz !== undefined ? { tz: server.tz } : {}),
            ...(server.commandTimeout !== undefined
              ? { commandTimeoutMs: parseDuration(server.commandTimeout) }
              : {}),
          },
        }
      : {}),
    remotes: Object.fromEntries(
      Object.entries(scenario.remotes ?? {}).map(([name, d]) => [
        name,
        // A user's fake is a module path, relative to the scenario file.
        (isModuleKind(String(d.kind))
          ? { ...d, kind: resolve(loaded.dir, String(d.kind)) }
          : d) as RemoteOptions,
      ]),
    ),
    ...(saved ? { savedRemotes: saved.remotes } : {}),
    instances: Object.fromEntries(
      Object.entries(scenario.instances ?? {}).map(([name, d]) => [
        name,
        toInstanceOptions(d, loaded.dir, options.contentRoot),
      ]),
    ),
    ...(saved ? { saved: { world: saved.xsoar.world, journal: saved.xsoar.journal } } : {}),
    ...(options.python || options.contentRoot || options.pythonWorkers
      ? {
          python: {
            ...(options.python ? { interpreter: options.python } : {}),
            ...(options.contentRoot ? { contentRoot: options.contentRoot } : {}),
            ...options.pythonWorkers,
          },
        }
      : {}),
  };
}

export async function runScenario(
  loaded: LoadedScenario,
  options: RunScenarioOptions = {},
): Promise<ScenarioResult> {
  const began = performance.now();
  const { scenario } = loaded;
  const base = {
    file: loaded.displayPath,
    name: loaded.name,
    slug: loaded.slug,
    stepCount: loaded.steps.length,
    ...(scenario.expectFailure !== undefined ? { expectFailure: scenario.expectFailure } : {}),
  };
  const needsContent = contentPaths(loaded);
  if (needsContent.length > 0 && !options.contentRoot && !options.requireContent) {
    return {
      ...base,
      status: 'skipped',
      ok: true,
      durationMs: 0,
      stepsRun: 0,
      skipReason: `needs a content checkout for ${needsContent[0]}: pass --content-root <demisto/content checkout> or set MIRRORLAB_CONTENT_ROOT`,
    };
  }
  const remotes = new Map<string, RemoteHandle>();
  let harness: Harness | undefined;
  let stepsRun = 0;
  let failure: StepFailure | undefined;
  let savedState: string | undefined;
  let startMs = defaultStart();
  let stopOnAbort: (() => void) | undefined;
  try {
    const saved: SavedScenarioState | undefined =
      scenario.from !== undefined
        ? await readSavedState(resolve(loaded.dir, scenario.from), Object.keys(scenario.remotes ?? {}))
        : undefined;
    const start = scenario.server?.start ?? saved?.xsoar.now ?? startMs;
    startMs = typeof start === 'number' ? start : Date.parse(start);
    harness = await createHarness({
      ...toHarnessOptions(loaded, options, saved),
      clock: 'virtual',
      start: startMs,
    });
    for (const [name, remote] of Object.entries(harness.remotes)) remotes.set(name, remote);
    const live = harness;
    stopOnAbort = () => void live.close({ abort: true }).catch(() => undefined);
    if (options.signal?.aborted) stopOnAbort();
    else options.signal?.addEventListener('abort', stopOnAbort, { once: true });
    failure = await runSteps(loaded, harness, remotes, startMs, options);
    if (failure && options.signal?.aborted)
      failure.message = `interrupted: the run was stopped by a signal. ${failure.message}`;
    stepsRun = failure ? failure.index + 1 : loaded.steps.length;
  } catch (e) {
    // Setting up (fakes, harness, saved state) failed: no step ran.
    failure = {
      index: -1,
      verb: 'fetch',
      location: `${loaded.displayPath}:1:1`,
      kind: 'error',
      message: `could not set up the scenario: ${(e as Error).message}`,
      timeline: [],
    };
  } finally {
    if (stopOnAbort) options.signal?.removeEventListener('abort', stopOnAbort);
    try {
      if (options.saveStateDir && harness) {
        savedState = join(options.saveStateDir, loaded.slug);
        await writeSavedState(savedState, {
          xsoar: {
            world: harness.world(),
            journal: harness.journal(),
            now: harness.now(),
            savedAt: toIso(harness.now()),
          },
          remotes: Object.fromEntries([...remotes].map(([name, r]) => [name, r.snapshot()])),
        });
      }
    } finally {
      await harness?.close().catch(() => undefined);
    }
  }
  const status = statusOf(failure, scenario.expectFailure !== undefined);
  return {
    ...base,
    status,
    ok: status === 'passed' || status === 'xfail',
    durationMs: Math.round(performance.now() - began),
    stepsRun,
    ...(failure ? { failure } : {}),
    ...(savedState ? { savedState } : {}),
  };
}

function statusOf(failure: StepFailure | undefined, expectFailure: boolean): ScenarioStatus {
  if (!failure) return expectFailure ? 'xpass' : 'passed';
  if (failure.kind === 'expectation') return expectFailure ? 'xfail' : 'failed';
  return 'error';
}

async function runSteps(
  loaded: LoadedScenario,
  harness: Harness,
  remotes: ReadonlyMap<string, RemoteHandle>,
  startMs: number,
  options: RunScenarioOptions,
): Promise<StepFailure | undefined> {
  const journalAtStart = harness.journal().length;
  let journalAtLastExpect = journalAtStart;
  let lastExpect: { step: number; line: number } | undefined;
  for (const step of loaded.steps) {
    try {
      if (step.step.expect) {
        await checkExpectations(step.step.expect, {
          harness,
          remotes,
          journalAtStart,
          journalAtLastExpect,
          ...(lastExpect ? { lastExpect } : {}),
          startMs,
        });
        journalAtLastExpect = harness.journal().length;
        lastExpect = { step: step.index + 1, line: step.line };
      } else {
        await runActionStep(step.step, { harness, remotes });
      }
    } catch (e) {
      return toFailure(
        loaded,
        step,
        e,
        formatTimeline(harness.journal().slice(journalAtStart), startMs, options.timelineTail ?? 12),
      );
    }
  }
  return undefined;
}

function toFailure(
  loaded: LoadedScenario,
  step: LoadedStep,
  error: unknown,
  timeline: string[],
): StepFailure {
  const expectation = error instanceof ExpectationFailure;
  return {
    index: step.index,
    verb: step.verb,
    location: `${loaded.displayPath}:${step.line}:${step.col}`,
    kind: expectation ? 'expectation' : 'error',
    message: expectation ? error.sections.join('\n') : (error as Error).message,
    timeline,
  };
}
