/**
 * The impure loop around the pure core: ask the core for the next command, run it (CommandRunner),
 * hand the result back to the core, persist. Every decision — which instances, in which order,
 * when to stop, what to commit — is the core's (harness/core/mirror-cycle.ts); this file only
 * runs what the plan says. Every public operation goes through one mutex, so a real-clock job, a
 * user action from the dashboard and a REST call never interleave inside a mirror cycle.
 */
import {
  applyCycleStep,
  applyFetch,
  applyWarRoomCommand,
  finishCycle,
  nextCycleStep,
  planCycle,
  planFetch,
  planWarRoomCommand,
  toIso,
  toJournalRecord,
  toRunRequest,
} from '../core/index.ts';
import type {
  Clock,
  CommandRunner,
  FetchRecord,
  Json,
  JournalRecord,
  MirrorCycleReport,
  RunPlan,
  RunResult,
  World,
} from '../core/index.ts';
import type { HarnessEvent, SavedState } from '../api.ts';
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
  /**
   * `persist: false` (the virtual clock's back-to-back jobs inside one `advance`): the job's world
   * is not written; `saveNow` writes the newest world once when the whole window has run.
   */
  fetch(instance: string, options?: JobOptions): Promise<FetchRecord>;
  mirrorCycle(options?: JobOptions): Promise<MirrorCycleReport>;
  /** Writes the world if a job left it unsaved (inside exclusive); resolves once it is on disk. */
  saveNow(): Promise<void>;
  /** One War Room command (`!command`), journaled; lastRun is {} and not kept. */
  warRoomCommand(
    instance: string,
    command: string,
    args: Record<string, Json>,
    debug: boolean,
  ): Promise<RunResult>;
  emit(event: HarnessEvent): void;
  on(listener: (event: HarnessEvent) => void): () => void;
  flush(): Promise<void>;
  /** Whether the last store write succeeded (a failed one is retried; see state-writer.ts). */
  storeHealth(): StoreHealth;
}

export interface JobOptions {
  persist?: boolean;
}

export function createEngine(options: EngineOptions): Engine {
  let world = options.world;
  /**
   * Maps a mirror cycle's pulls made and may change in place (core/world-edit.ts): a cycle of 100
   * pulls over 10,000 incidents copies the incident and record maps once, not 100 times. Reset
   * whenever the world leaves the loop (world(), persisting), so no World handed out ever changes.
   */
  let owned = new WeakSet<object>();
  const handOut = () => {
    owned = new WeakSet<object>();
    return world;
  };
  const journal: JournalRecord[] = [...(options.journal ?? [])];
  const limit = options.journalLimit ?? 100_000;
  let seq = journal.at(-1)?.seq ?? 0;
  const listeners = new Set<(event: HarnessEvent) => void>();
  let queue: Promise<unknown> = Promise.resolve();
  const { runner, clock } = options;
  const nowIso = () => toIso(clock.now());

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
        onReport: ({ ok, message }) => emit({ type: 'store', ok, message, at: nowIso() }),
        retryThrough: (attempt) => engine.exclusive(attempt),
      })
    : undefined;
  /** A job committed without writing: the world on disk is behind until the next write. */
  let unsaved = false;
  const persist = () => {
    unsaved = false;
    return writer?.save({ world: handOut(), journal: journal.slice() });
  };
  /** Commits a job's world: written now, or left for `saveNow` (see Engine.fetch). */
  const commitJob = async (next: World, options: JobOptions | undefined) => {
    if (options?.persist !== false || !writer) return engine.commit(next);
    world = next;
    unsaved = true;
    emit({ type: 'change', at: nowIso() });
  };

  /** Runs one planned command on the world as it is now; `at` is when it started. */
  const run = async (plan: RunPlan): Promise<{ result: RunResult; at: number }> => {
    const at = clock.now();
    const result = await runner.run(toRunRequest(world, plan));
    return { result, at };
  };

  const journalize = (plan: RunPlan, result: RunResult, at: number, note: string) => {
    const record = toJournalRecord(++seq, plan, result, at, note);
    journal.push(record);
    // Trim in batches: splicing the head off a 100k array on every push would be quadratic.
    if (journal.length > limit + Math.ceil(limit / 10)) journal.splice(0, journal.length - limit);
    emit({ type: 'journal', record });
  };

  const engine: Engine = {
    world: handOut,
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
        at: nowIso(),
        ...(change?.incidentId ? { incidentId: change.incidentId } : {}),
      });
    },
    fetch(instance, options) {
      return engine.exclusive(async () => {
        const plan = planFetch(world, instance);
        emit({ type: 'job', job: 'fetch', instance, phase: 'start', at: nowIso() });
        const { result, at } = await run(plan);
        const applied = applyFetch(world, plan, result, clock.now());
        journalize(plan, result, at, applied.note);
        await commitJob(applied.world, options);
        emit({ type: 'job', job: 'fetch', instance, phase: 'end', at: nowIso(), note: applied.note });
        return applied.record;
      });
    },
    mirrorCycle(options) {
      return engine.exclusive(async () => {
        let cycle = planCycle(world, clock.now());
        emit({ type: 'job', job: 'mirror', phase: 'start', at: cycle.report.at });
        for (;;) {
          const step = nextCycleStep(world, cycle, clock.now());
          cycle = step.cycle;
          if (!step.plan) break;
          const { result, at } = await run(step.plan);
          const applied = applyCycleStep(world, cycle, step.plan, result, at, owned);
          world = applied.world;
          cycle = applied.cycle;
          journalize(step.plan, result, at, applied.note);
          if (step.plan.incidentId) emit({ type: 'change', incidentId: step.plan.incidentId, at: nowIso() });
        }
        const finished = finishCycle(world, cycle);
        await commitJob(finished.world, options);
        emit({ type: 'job', job: 'mirror', phase: 'end', at: nowIso(), note: finished.note });
        return finished.report;
      });
    },
    warRoomCommand(instance, command, args, debug) {
      return engine.exclusive(async () => {
        const plan = planWarRoomCommand(world, instance, command, args, debug);
        const { result, at } = await run(plan);
        journalize(plan, result, at, `War Room !${command}`);
        await engine.commit(applyWarRoomCommand(world, plan, result));
        return result;
      });
    },
    saveNow() {
      return engine.exclusive(async () => {
        if (unsaved) await persist();
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
  return engine;
}
