/**
 * Drives the periodic jobs: on the virtual clock `advance(ms)` runs every job that falls due inside
 * the window, in time order, setting the clock to each job's due time first; on the real clock,
 * timers fire them. Jobs never overlap: they go through the engine's mutex.
 */
import { planJobs } from '../core/index.ts';
import type { Engine, JobOptions } from './engine.ts';
import type { RealClock, VirtualClock } from './clocks.ts';
import { createJobQueue } from './job-queue.ts';
import type { Job, JobQueue } from './job-queue.ts';

export interface Schedule {
  /** Re-read instances and server config into the job list (after instances change). */
  sync(): void;
  jobs(): Job[];
  advance(ms: number): Promise<void>;
  startRealTime(): void;
  stop(): void;
}

export function createSchedule(
  engine: Engine,
  clock: VirtualClock | RealClock,
  onError: (e: unknown, job: Job) => void,
): Schedule {
  const queue: JobQueue = createJobQueue();
  const timers = new Map<string, NodeJS.Timeout>();
  let running = false;

  async function runJob(job: Job, options?: JobOptions): Promise<void> {
    try {
      if (job.kind === 'fetch' && job.instance) await engine.fetch(job.instance, options);
      else if (job.kind === 'mirror') await engine.mirrorCycle(options);
    } catch (e) {
      onError(e, job);
    }
  }

  function armTimer(job: Job): void {
    clearTimeout(timers.get(job.id));
    const delay = Math.max(0, job.dueAt - clock.now());
    const timer = setTimeout(async () => {
      await runJob(job);
      queue.reschedule(job.id, clock.now());
      const next = queue.jobs().find((j) => j.id === job.id);
      if (running && next) armTimer(next);
    }, delay);
    timer.unref?.();
    timers.set(job.id, timer);
  }

  const schedule: Schedule = {
    sync() {
      const wanted = planJobs(engine.world());
      const now = clock.now();
      for (const job of queue.jobs())
        if (!wanted.some((w) => w.id === job.id)) {
          queue.remove(job.id);
          clearTimeout(timers.get(job.id));
          timers.delete(job.id);
        }
      for (const w of wanted) queue.upsert(w, now);
      if (running) for (const job of queue.jobs()) if (!timers.has(job.id)) armTimer(job);
    },
    jobs: () => queue.jobs(),
    async advance(ms) {
      if (clock.kind !== 'virtual')
        throw new Error(
          'schedule: failed to advance: the real clock cannot be advanced. Use a virtual clock.',
        );
      const target = clock.now() + ms;
      // Persistence coalesced on the virtual clock: the jobs of one window run back to back and
      // nobody is answered in between, so the store is written once, after the last of them (a
      // REST call that lands between two jobs still writes its own commit, with theirs in it).
      try {
        for (;;) {
          const job = queue.nextDue(target);
          if (!job) break;
          clock.set(job.dueAt);
          await runJob(job, { persist: false });
          queue.reschedule(job.id, clock.now());
        }
      } finally {
        await engine.saveNow();
      }
      clock.set(target);
    },
    startRealTime() {
      if (running) return;
      running = true;
      for (const job of queue.jobs()) armTimer(job);
    },
    stop() {
      running = false;
      for (const t of timers.values()) clearTimeout(t);
      timers.clear();
    },
  };
  schedule.sync();
  return schedule;
}
