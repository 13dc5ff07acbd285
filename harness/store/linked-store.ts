/**
 * Several systems' states (the demo's XSOAR and helpdesk) committed together in one file, so a
 * crash can never leave one side remembering a change the other forgot. Two separate files could:
 * XSOAR pushes a note as a helpdesk comment, the helpdesk file is saved, the crash comes before
 * the XSOAR file is, and after a restart XSOAR pushes the note again (a duplicate comment).
 *
 * Every commit writes a snapshot of all parts taken at one consistent moment:
 * - the driving part (XSOAR) commits from inside its own exclusive section, so the other parts'
 *   current values already hold every effect of the commands that state records;
 * - a driven part (the helpdesk) that changes on its own takes its snapshot through `gate` (the
 *   engine's exclusive section), so it never captures half a mirror cycle.
 * Snapshots go to disk in the order they were taken, one write at a time.
 */
import type { Store } from './store.ts';

export interface LinkedStore {
  /** The Store one system sees: read() its part, write() commits a snapshot of all parts. */
  part<T>(name: string, options?: { driven?: boolean }): Store<T>;
  /** Where a part's current value comes from when another part commits (default: its last write). */
  track(name: string, current: () => unknown): void;
  /** Run a driven part's snapshot at a consistent point (the engine's exclusive section). */
  gate(run: <R>(fn: () => Promise<R>) => Promise<R>): void;
}

type Parts = Record<string, unknown>;

export function createLinkedStore(file: Store<{ parts: Parts }>): LinkedStore {
  let loaded: Promise<Parts> | undefined;
  const latest: Parts = {};
  const trackers = new Map<string, () => unknown>();
  let gate: <R>(fn: () => Promise<R>) => Promise<R> = (fn) => fn();
  let chain: Promise<unknown> = Promise.resolve();

  const load = () =>
    (loaded ??= file.read().then((saved) => {
      const parts = saved?.parts ?? {};
      for (const [name, value] of Object.entries(parts)) if (!(name in latest)) latest[name] = value;
      return parts;
    }));

  function snapshot(): Parts {
    const parts: Parts = { ...latest };
    for (const [name, current] of trackers) parts[name] = current();
    return parts;
  }

  function enqueue(parts: Parts): Promise<void> {
    const written = chain.then(() => file.write({ parts }));
    chain = written.catch(() => undefined);
    return written;
  }

  return {
    part<T>(name: string, options: { driven?: boolean } = {}): Store<T> {
      return {
        async read() {
          const parts = await load();
          return (parts[name] as T | undefined) ?? null;
        },
        async write(value) {
          await load();
          latest[name] = value;
          if (!options.driven) return enqueue({ ...snapshot(), [name]: value });
          const parts = await gate(async () => ({ ...snapshot(), [name]: trackers.get(name)?.() ?? value }));
          return enqueue(parts);
        },
      };
    },
    track(name, current) {
      trackers.set(name, current);
    },
    gate(run) {
      gate = run;
    },
  };
}
