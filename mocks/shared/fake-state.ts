/**
 * The state every stateful fake keeps, and the controls the admin API drives over it: the current
 * state (persisted write-behind), all-or-nothing changes, snapshot/restore, and reset back to where
 * the fake started — with its faults, request journal and rate limit.
 */
import type { Clock } from '../../harness/core/index.ts';
import { createFaultRegistry, type FaultRegistry } from './faults.ts';
import { createJournal, type Journal } from './journal.ts';
import { createWriteBehind, type Persistence } from './persistence.ts';
import { createRateLimiter, type RateLimit, type RateLimiter } from './rate-limiter.ts';
import type { AdminTarget } from './admin-handlers.ts';

/** What every stateful fake offers its owner and the admin API: faults, journal, snapshots, reset, flush. */
export interface FakeControls<S> extends AdminTarget<S> {
  /** Resolves when pending persistence writes are flushed. */
  flush(): Promise<void>;
}

export interface FakeStateOptions<S> {
  empty: () => S;
  /** Throws (an HttpError or TypeError) when a restored or persisted state is not one. */
  check: (value: unknown) => asserts value is S;
  persistence: Persistence<S> | undefined;
  /** The rate limiter's clock. */
  clock: Clock;
  /** The rate limit at start, and the one reset() goes back to. */
  rateLimit: RateLimit | null;
  /** Requests the journal keeps, newest first out (default 50,000 when absent or undefined). */
  journalCapacity?: number | undefined;
}

export interface FakeState<S> {
  get(): S;
  /** Note a change: a persistence write follows. */
  changed(): void;
  /** Runs a multi-step change all-or-nothing, so bad input changes nothing. */
  atomically<T>(fn: () => T): T;
  /** The persisted state, if any; call before seeding. */
  load(): Promise<boolean>;
  /** After seeding: the state reset() returns to (and, when it was not loaded, written out). */
  seal(loaded: boolean): void;
  controls: FakeControls<S>;
  /** The fake's injected faults, request journal and rate limiter, which reset() clears. */
  faults: FaultRegistry;
  journal: Journal;
  rateLimiter: RateLimiter;
}

export function createFakeState<S>(options: FakeStateOptions<S>): FakeState<S> {
  const faults = createFaultRegistry();
  const journal = createJournal(options.journalCapacity);
  const rateLimiter = createRateLimiter(options.clock, options.rateLimit);
  let state = options.empty();
  let initial = state;
  const writer = createWriteBehind(options.persistence, () => state);
  const box: FakeState<S> = {
    get: () => state,
    changed: () => writer.schedule(),
    atomically(fn) {
      const before = structuredClone(state);
      try {
        return fn();
      } catch (e) {
        state = before;
        throw e;
      }
    },
    async load() {
      const persisted = options.persistence ? await options.persistence.read() : null;
      if (!persisted) return false;
      options.check(persisted);
      state = structuredClone(persisted);
      return true;
    },
    seal(loaded) {
      initial = structuredClone(state);
      if (!loaded) writer.schedule();
    },
    controls: {
      faults: { add: (f) => faults.add(f), list: () => faults.list(), clear: () => faults.clear() },
      setRateLimit: (limit) => rateLimiter.set(limit),
      journal: () => journal.list(),
      snapshot: () => structuredClone(state),
      restore(next) {
        options.check(next);
        state = structuredClone(next);
        writer.schedule();
      },
      reset() {
        state = structuredClone(initial);
        faults.clear();
        journal.clear();
        rateLimiter.set(options.rateLimit);
        writer.schedule();
      },
      flush: () => writer.flush(),
    },
    faults,
    journal,
    rateLimiter,
  };
  return box;
}
