/**
 * Due times of the periodic jobs the core plans (harness/core/jobs.ts). Pure bookkeeping; the
 * engine runs them.
 */
export interface Job {
  id: string;
  kind: 'fetch' | 'mirror';
  instance?: string;
  intervalMs: number;
  dueAt: number;
  /** Insertion order: breaks ties between jobs due at the same instant (fetch before mirror). */
  order: number;
}

export interface JobQueue {
  jobs(): Job[];
  upsert(job: Omit<Job, 'order' | 'dueAt'> & { dueAt?: number }, now: number): void;
  remove(id: string): void;
  /** The earliest job due at or before `until`, or undefined. */
  nextDue(until: number): Job | undefined;
  /** Mark a job as run at `ranAt`: next due one interval after the time it was due (no drift). */
  reschedule(id: string, ranAt: number): void;
}

export function createJobQueue(): JobQueue {
  const byId = new Map<string, Job>();
  let order = 0;
  return {
    jobs: () => [...byId.values()],
    upsert(job, now) {
      const existing = byId.get(job.id);
      const dueAt =
        job.dueAt ??
        (existing && existing.intervalMs === job.intervalMs ? existing.dueAt : now + job.intervalMs);
      byId.set(job.id, { ...job, dueAt, order: existing?.order ?? order++ });
    },
    remove(id) {
      byId.delete(id);
    },
    nextDue(until) {
      let best: Job | undefined;
      for (const job of byId.values()) {
        if (job.dueAt > until) continue;
        if (!best || job.dueAt < best.dueAt || (job.dueAt === best.dueAt && job.order < best.order))
          best = job;
      }
      return best;
    },
    reschedule(id, ranAt) {
      const job = byId.get(id);
      if (!job) return;
      let next = job.dueAt + job.intervalMs;
      // A run that overran whole intervals skips them instead of firing a burst (one run at a time).
      if (next <= ranAt) next = ranAt + job.intervalMs - ((ranAt - job.dueAt) % job.intervalMs);
      byId.set(id, { ...job, dueAt: next });
    },
  };
}
