/**
 * Saving a changing state through a Store without falling behind or dying on a bad write:
 * - coalesced: at most one write in flight and one pending, and the pending one is always the
 *   newest state (a burst of changes costs two writes, memory stays flat);
 * - `save()` resolves when that state (or a newer one) is on disk, so an API can answer after it;
 * - a failed write never rejects into the caller: it is reported (onReport, health()) and retried
 *   with backoff, and later saves still go out.
 */
import type { Store } from './store.ts';

export interface StoreHealth {
  ok: boolean;
  /** Failed attempts since the last successful write. */
  failures: number;
  lastError?: string;
  lastErrorAt?: string;
  lastWriteAt?: string;
}

export interface StateWriter<T> {
  /** Queue `value` as the newest state; resolves once it is written, or once an attempt failed. */
  save(value: T): Promise<void>;
  /** Write what is pending now; rejects when the store still fails (the state is not saved). */
  flush(): Promise<void>;
  health(): StoreHealth;
  /** Stops retrying (after flush, on close). */
  stop(): void;
}

export interface StateWriterOptions {
  /** One line per failure streak and one on recovery, for logs and events. */
  onReport?: (report: { ok: boolean; message: string }) => void;
  now?: () => number;
  retryMs?: { first: number; max: number };
  /**
   * Runs a timer-driven retry; the engine passes its exclusive section, so a retry snapshots the
   * world (and, in the demo, the helpdesk beside it) at the same consistent moment a commit does.
   */
  retryThrough?: (attempt: () => Promise<void>) => Promise<void>;
}

interface Pending<T> {
  value: T;
  waiters: (() => void)[];
}

export function createStateWriter<T>(
  store: Pick<Store<T>, 'write'>,
  options: StateWriterOptions = {},
): StateWriter<T> {
  const now = options.now ?? (() => Date.now());
  const retry = options.retryMs ?? { first: 1000, max: 30_000 };
  const health: StoreHealth = { ok: true, failures: 0 };
  let pending: Pending<T> | undefined;
  let inFlight: Promise<void> | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  let stopped = false;

  async function attempt(batch: Pending<T>): Promise<boolean> {
    try {
      await store.write(batch.value);
      if (!health.ok)
        options.onReport?.({
          ok: true,
          message: `store: saved again after ${health.failures} failed attempt(s).`,
        });
      health.ok = true;
      health.failures = 0;
      health.lastWriteAt = new Date(now()).toISOString();
      return true;
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      if (health.ok)
        options.onReport?.({
          ok: false,
          message: `store: failed to save the state: ${reason}. The server keeps running and retries; changes since the last save are not on disk yet.`,
        });
      health.ok = false;
      health.failures++;
      health.lastError = reason;
      health.lastErrorAt = new Date(now()).toISOString();
      // Keep the failed state for the retry unless a newer one is already queued. Its callers are
      // answered now (below): health() says their change is not on disk yet.
      pending ??= { value: batch.value, waiters: [] };
      return false;
    } finally {
      for (const done of batch.waiters) done();
    }
  }

  function scheduleRetry(): void {
    if (retryTimer || stopped) return;
    const delay = Math.min(retry.max, retry.first * 2 ** Math.max(0, health.failures - 1));
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      const retryNow = async () => {
        pump();
        await inFlight;
      };
      void (options.retryThrough ? options.retryThrough(retryNow) : retryNow()).catch(() => undefined);
    }, delay);
    retryTimer.unref();
  }

  function pump(): void {
    if (inFlight || !pending) return;
    const batch = pending;
    pending = undefined;
    inFlight = attempt(batch).then((ok) => {
      inFlight = undefined;
      if (!ok) scheduleRetry();
      else pump();
    });
  }

  return {
    save(value) {
      return new Promise<void>((resolve) => {
        if (pending) {
          pending.value = value;
          pending.waiters.push(resolve);
        } else pending = { value, waiters: [resolve] };
        // While failing, answers do not wait for the backoff: health() tells they are not durable.
        if (!health.ok) {
          pending.waiters.splice(0).forEach((w) => w());
          if (!retryTimer) pump();
          return;
        }
        pump();
      });
    },
    async flush() {
      for (;;) {
        if (inFlight) {
          await inFlight;
          continue;
        }
        if (retryTimer) clearTimeout(retryTimer);
        retryTimer = undefined;
        if (!pending) return;
        const batch = pending;
        pending = undefined;
        const written = attempt(batch);
        inFlight = written.then(() => {
          inFlight = undefined;
        });
        if (!(await written))
          throw new Error(`store: failed to save the state: ${health.lastError ?? 'unknown error'}.`);
      }
    },
    health: () => ({ ...health }),
    stop() {
      stopped = true;
      if (retryTimer) clearTimeout(retryTimer);
      retryTimer = undefined;
    },
  };
}
