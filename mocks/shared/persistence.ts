/**
 * Persistence as fakes see it: lowdb's adapter shape, structurally typed so mocks never import
 * harness/store. Writes are coalesced: many mutations in one tick cost one write, and a write that
 * arrives while another is in flight runs after it with the newest state.
 */
export interface Persistence<T> {
  read(): Promise<T | null>;
  write(value: T): Promise<void>;
}

export interface WriteBehind {
  /** Note that the state changed; a write follows soon. */
  schedule(): void;
  /** Resolves when every scheduled write has finished (rejects with the last write error). */
  flush(): Promise<void>;
}

export function createWriteBehind<T>(persistence: Persistence<T> | undefined, current: () => T): WriteBehind {
  let dirty = false;
  let running: Promise<void> | null = null;
  let lastError: unknown = null;

  async function drain(): Promise<void> {
    while (dirty) {
      dirty = false;
      try {
        await persistence!.write(current());
        lastError = null;
      } catch (error) {
        lastError = error;
      }
    }
  }

  function start(): Promise<void> {
    if (!running) {
      running = new Promise<void>((resolve) => setImmediate(resolve)).then(drain).finally(() => {
        running = null;
        if (dirty) start();
      });
    }
    return running;
  }

  return {
    schedule() {
      if (!persistence) return;
      dirty = true;
      void start();
    },
    async flush() {
      while (running) await running;
      if (lastError) {
        const error = lastError;
        lastError = null;
        throw error;
      }
    },
  };
}
