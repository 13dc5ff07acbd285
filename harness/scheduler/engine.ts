/**
 * The impure loop around the pure core: plan → run (CommandRunner) → apply → persist, one
 * operation at a time. Every public operation goes through one mutex, so a real-clock job, a user
 * action from the dashboard and a REST call never interleave inside a mirror cycle.
 */
import {
  applyFetch,
  applyGetModified,
  applyGetRemoteData,
  applyStateWrites,
  applyUpdateRemote,
  outgoingIncidentIds,
  planAllRemoteData,
  planFetch,
  planGetModified,
  planGetRemoteData,
  planUpdateRemote,
  recordCycle,
  toJournalRecord,
  toRunRequest,
  API_RATE_LIMIT,
  HarnessError,
} from '../core/index.ts';
import type {
  Clock,
  CommandRunner,
  FetchRecord,
  JournalRecord,
  RunPlan,
  RunResult,
  World,
} from '../core/index.ts';
import type { HarnessEvent, MirrorCycleReport, SavedState } from '../api.ts';
import { createStateWriter, type StoreHealth } from '../store/index.ts';

export interface EngineOptions {
  world: World;
  journal?: JournalRecord[];
  runner: CommandRunner;
  clock: Clock;
  store?: { write(state: SavedState): Promise<void> };
  /** Records kept in memory and in the saved state (oldest dropped first). */
  journalLimit?: number;
  /** Retry backoff of failed store writes (tests shorten it). */
  storeRetryMs?: { first: number; max: number };
}

export interface Engine {
  world(): World;
  journal(): JournalRecord[];
  /** Run `fn` exclusively: the world it sees is not changed by anyone else meanwhile. */
  exclusive<T>(fn: () => Promise<T>): Promise<T>;
  /** Replace the world (inside exclusive) and persist it: resolves once it is on disk (see state-writer.ts). */
  commit(world: World, change?: { incidentId?: string }): Promise<void>;
  run(
    plan: RunPlan,
    options?: { stateOverride?: Partial<World['instances'][string]['state']>; isDebug?: boolean },
  ): Promise<{ result: RunResult; at: number }>;
  journalize(plan: RunPlan, result: RunResult, at: number, note: string): JournalRecord;
  fetch(instance: string): Promise<FetchRecord>;
  mirrorCycle(): Promise<MirrorCycleReport>;
  emit(event: HarnessEvent): void;
  on(listener: (event: HarnessEvent) => void): () => void;
  flush(): Promise<void>;
  /** Whether the last store write succeeded (a failed one is retried; see state-writer.ts). */
  storeHealth(): StoreHealth;
}

const iso = (ms: number) => new Date(ms).toISOString();

function errorText(result: RunResult): string {
  const fromEntries = result.entries
    .filter((e) => e.Type === 4)
    .map((e) => (typeof e.Contents === 'string' ? e.Contents : JSON.stringify(e.Contents)))
    .join('\n');
  return [result.error ?? '', fromEntries].filter(Boolean).join('\n');
}

export function createEngine(options: EngineOptions): Engine {
  let world = options.world;
  const journal: JournalRecord[] = [...(options.journal ?? [])];
  const limit = options.journalLimit ?? 100_000;
  let seq = journal.at(-1)?.seq ?? 0;
  const listeners = new Set<(event: HarnessEvent) => void>();
  let queue: Promise<unknown> = Promise.resolve();
  const { runner, clock } = options;

  const emit = (event: HarnessEvent) => {
    for (const l of listeners) {
      try {
        l(event);
      } catch {
        // A broken listener (a closed SSE stream) must not break the engine.
      }
    }
  };

  const writer = options.store
    ? createStateWriter(options.store, {
        now: () => clock.now(),
        ...(options.storeRetryMs ? { retryMs: options.storeRetryMs } : {}),
        onReport: ({ ok, message }) => emit({ type: 'store', ok, message, at: iso(clock.now()) }),
        retryThrough: (attempt) => engine.exclusive(attempt),
      })
    : undefined;
  const persist = () => writer?.save({ world, journal: journal.slice() });

  const engine: Engine = {
    world: () => world,
    journal: () => journal,
    exclusive<T>(fn: () => Promise<T>): Promise<T> {
      const next = queue.then(fn, fn);
      queue = next.catch(() => undefined);
      return next;
    },
    async commit(next, change) {
      world = next;
      await persist();
      emit({
        type: 'change',
        at: iso(clock.now()),
        ...(change?.incidentId ? { incidentId: change.incidentId } : {}),
      });
    },
    async run(plan, opts) {
      const at = clock.now();
      const request = toRunRequest(world, plan);
      if (opts?.stateOverride) request.state = { ...request.state, ...opts.stateOverride };
      // `debug-mode=true` sets context.IsDebug (contract.md §E).
      if (opts?.isDebug) request.isDebug = true;
      const result = await runner.run(request);
      return { result, at };
    },
    journalize(plan, result, at, note) {
      const record = toJournalRecord(++seq, plan, result, at, note);
      journal.push(record);
      // Trim in batches: splicing the head off a 100k array on every push would be quadratic.
      if (journal.length > limit + Math.ceil(limit / 10)) journal.splice(0, journal.length - limit);
      emit({ type: 'journal', record });
      return record;
    },
    fetch(instance) {
      return engine.exclusive(async () => {
        emit({ type: 'job', job: 'fetch', instance, phase: 'start', at: iso(clock.now()) });
        const plan = planFetch(world, instance);
        const { result, at } = await engine.run(plan);
        const applied = applyFetch(world, plan, result, clock.now());
        engine.journalize(plan, result, at, applied.note);
        await engine.commit(applied.world);
        emit({ type: 'job', job: 'fetch', instance, phase: 'end', at: iso(clock.now()), note: applied.note });
        return applied.record;
      });
    },
    mirrorCycle() {
      return engine.exclusive(async () => {
        const started = clock.now();
        emit({ type: 'job', job: 'mirror', phase: 'start', at: iso(started) });
        const report: MirrorCycleReport = { at: iso(started), instances: [] };
        let rateLimited = false;
        for (const instance of Object.values(world.instances)) {
          if (!instance.enabled || (!instance.flags.isremotesyncin && !instance.flags.isremotesyncout))
            continue;
          const entry: MirrorCycleReport['instances'][number] = {
            instance: instance.name,
            out: [],
            modified: 'not-run',
            pulled: [],
          };
          const order = world.server.policies.mirrorOutOrder;
          if (order === 'before-in') rateLimited = (await mirrorOut(instance.name, entry)) || rateLimited;
          rateLimited = (await mirrorIn(instance.name, entry)) || rateLimited;
          if (order === 'after-in') rateLimited = (await mirrorOut(instance.name, entry)) || rateLimited;
          report.instances.push(entry);
        }
        await engine.commit(recordCycle(world, started, rateLimited));
        const note = report.instances
          .map(
            (i) =>
              `${i.instance}: out ${i.out.length}, modified ${i.modified}, pulled ${i.pulled.length}${i.stoppedBy ? `, stopped: ${i.stoppedBy}` : ''}`,
          )
          .join('; ');
        emit({ type: 'job', job: 'mirror', phase: 'end', at: iso(clock.now()), note });
        return report;
      });
    },
    emit,
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async flush() {
      await queue.catch(() => undefined);
      await writer?.flush();
    },
    storeHealth: () => writer?.health() ?? { ok: true, failures: 0 },
  };

  /** update-remote-system for every queued incident of the instance. Returns true when rate-limited. */
  async function mirrorOut(
    instance: string,
    entry: MirrorCycleReport['instances'][number],
  ): Promise<boolean> {
    if (!world.instances[instance]?.flags.isremotesyncout) return false;
    for (const incidentId of outgoingIncidentIds(world, instance)) {
      const plan = planUpdateRemote(world, incidentId, clock.now());
      if (!plan) continue;
      const { result, at } = await engine.run(plan);
      const applied = applyUpdateRemote(world, plan, result, clock.now());
      world = applyStateWrites(applied.world, instance, result, { lastRun: false });
      engine.journalize(plan, result, at, applied.note);
      const error = applied.ok ? undefined : errorText(result) || applied.note;
      entry.out.push({ incidentId, ok: applied.ok, ...(error ? { error } : {}) });
      emit({ type: 'change', incidentId, at: iso(clock.now()) });
      // Hammering a vendor that just said "slow down" only makes it worse: the rest waits a cycle.
      if (!applied.ok && error?.includes(API_RATE_LIMIT)) {
        entry.stoppedBy = API_RATE_LIMIT;
        return true;
      }
    }
    return false;
  }

  /** get-modified-remote-data, then get-remote-data per selected incident (contract.md §B.4). */
  async function mirrorIn(instance: string, entry: MirrorCycleReport['instances'][number]): Promise<boolean> {
    if (!world.instances[instance]?.flags.isremotesyncin) return false;
    let ids: string[];
    const modifiedPlan = planGetModified(world, instance, clock.now());
    if (modifiedPlan) {
      const { result, at } = await engine.run(modifiedPlan);
      // Stamp with the time the command started: a remote change made while it ran is then still
      // "after lastUpdate" next cycle (on the virtual clock both times are equal).
      const applied = applyGetModified(world, modifiedPlan, result, at);
      world = applyStateWrites(applied.world, instance, result, { lastRun: false });
      engine.journalize(modifiedPlan, result, at, applied.note);
      const d = applied.decision;
      entry.modified = d.kind === 'failed' ? 'error' : d.kind;
      if (d.kind === 'ids' || d.kind === 'not-implemented') ids = d.incidentIds;
      else if (d.kind === 'none') ids = world.mirror.instances[instance]?.pendingPull ?? [];
      else {
        entry.stoppedBy = d.reason;
        return d.kind === 'rate-limited';
      }
    } else if (!world.server.policies.getModifiedStep) {
      ids = planAllRemoteData(world, instance);
      entry.modified = 'not-run';
    } else {
      return false;
    }
    for (let i = 0; i < ids.length; i++) {
      const incidentId = ids[i]!;
      if (!world.incidents[incidentId]) continue;
      const plan = planGetRemoteData(world, incidentId, clock.now());
      const { result, at } = await engine.run(plan);
      const applied = applyGetRemoteData(world, plan, result, ids.slice(i + 1), at);
      world = applyStateWrites(applied.world, instance, result, { lastRun: false });
      engine.journalize(plan, result, at, applied.note);
      entry.pulled.push(incidentId);
      emit({ type: 'change', incidentId, at: iso(clock.now()) });
      if (applied.stop) {
        entry.stoppedBy = API_RATE_LIMIT;
        return true;
      }
    }
    return false;
  }

  return engine;
}

export function assertInstance(world: World, instance: string): void {
  if (!world.instances[instance]) {
    const known = Object.keys(world.instances).join(', ') || 'none';
    throw new HarnessError(
      'not-found',
      `engine: failed to find instance "${instance}": no such instance. Known: ${known}.`,
    );
  }
}
