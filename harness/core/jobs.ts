/**
 * The periodic jobs of a server (contract.md §B.2, §B.4, §D): a fetch job per instance that has
 * fetching on, every `incidentFetchInterval` minutes, and the mirroring job every
 * `sync.mirror.job.delay` minutes or `sync.mirror.job.delayAdvanced` seconds. The scheduler only
 * keeps their due times.
 */
import type { Json } from './json.ts';
import type { Instance, World } from './world.ts';

export interface JobPlan {
  id: string;
  kind: 'fetch' | 'mirror';
  instance?: string;
  intervalMs: number;
}

/**
 * `incidentFetchInterval` as the backend keeps it (§B.1): whole minutes, at least one; anything that
 * is not a positive number collapses to 1. One value for both the schedule and what the
 * integration is told, so `0.5` is a fetch every minute and the integration hears "1".
 */
export function toFetchIntervalMinutes(value: Json | undefined): number {
  const minutes = typeof value === 'number' ? value : typeof value === 'string' ? Number(value.trim()) : NaN;
  return Number.isFinite(minutes) && minutes > 0 ? Math.max(1, Math.round(minutes)) : 1;
}

/** Whether the instance has a fetch job: XSOAR runs none unless the instance turns fetching on (§B.2). */
export function fetchesOnSchedule(instance: Instance): boolean {
  return instance.enabled && instance.flags.isfetch && instance.fetch.enabled;
}

/** The mirror job interval from server config (§D); undefined when the job is disabled. */
export function mirrorIntervalMs(config: Record<string, Json>): number | undefined {
  const enabled = config['sync.mirror.job.enable'];
  if (enabled === false || enabled === 'false') return undefined;
  const advanced = config['sync.mirror.job.delayAdvanced'];
  if (advanced !== undefined && advanced !== null && advanced !== '' && Number(advanced) > 0)
    return Number(advanced) * 1000;
  const delay = Number(config['sync.mirror.job.delay'] ?? 1);
  return (Number.isFinite(delay) && delay > 0 ? delay : 1) * 60_000;
}

export function planJobs(world: World): JobPlan[] {
  const jobs: JobPlan[] = Object.values(world.instances)
    .filter(fetchesOnSchedule)
    .map((instance) => ({
      id: `fetch:${instance.name}`,
      kind: 'fetch' as const,
      instance: instance.name,
      intervalMs: toFetchIntervalMinutes(instance.fetch.intervalMinutes) * 60_000,
    }));
  const mirrorMs = mirrorIntervalMs(world.server.config);
  if (mirrorMs !== undefined) jobs.push({ id: 'mirror', kind: 'mirror', intervalMs: mirrorMs });
  return jobs;
}
