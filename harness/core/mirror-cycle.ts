/**
 * One run of the mirroring job as pure steps (contract.md §B.4, §B.5, design.md §4 rule 7): which
 * instances take part, whether each pushes before it pulls (policy mirrorOutOrder), which incidents
 * get-modified-remote-data's answer selects, and when a phase stops early (API rate limit). The
 * scheduler only loops `nextCycleStep` → run the plan → `applyCycleStep`, then `finishCycle`; it
 * decides nothing, so every branch here is covered by unit tests over literal worlds.
 */
import type { RunResult } from './command.ts';
import { applyGetModified, planAllRemoteData, planGetModified } from './mirror-in.ts';
import type { ModifiedDecision } from './mirror-in.ts';
import { applyUpdateRemote, outgoingIncidentIds, planUpdateRemote } from './mirror-out.ts';
import { applyGetRemoteData, planGetRemoteData } from './remote-data.ts';
import type { RunPlan } from './run-plan.ts';
import { toIso } from './time.ts';
import { API_RATE_LIMIT } from './wire.ts';
import type { World } from './world.ts';
import { mirrorState, type Owned } from './world-edit.ts';

/** What one cycle did per instance (the API's `mirror()` answer and the dashboard's timeline note). */
export interface MirrorCycleReport {
  at: string;
  instances: InstanceCycleReport[];
}

export interface InstanceCycleReport {
  instance: string;
  out: { incidentId: string; ok: boolean; error?: string }[];
  modified: 'ids' | 'none' | 'skip' | 'rate-limited' | 'not-implemented' | 'not-run' | 'error';
  pulled: string[];
  stoppedBy?: string;
}

export interface CyclePhase {
  instance: string;
  direction: 'out' | 'in';
}

/**
 * Progress through one cycle (plain data). A phase opens lazily, when the previous one is done, so
 * it sees every change the earlier phases made (a close pulled in by mirror-in is pushed by an
 * `after-in` mirror-out of the same cycle).
 */
export interface MirrorCycle {
  startedAt: number;
  phases: CyclePhase[];
  /** Index of the current phase (phases.length when the cycle is over). */
  phase: number;
  /** Incidents the current phase has to handle, in order; null until the phase opened. */
  queue: string[] | null;
  /**
   * Where in `queue` the phase is: the incidents from here on are still to handle. An index, not a
   * shorter copy per step: a phase that polls 10,000 incidents would copy the rest 10,000 times.
   */
  head: number;
  /** Mirror-in phase: get-modified-remote-data still to run before the pulls. */
  askModified: boolean;
  rateLimited: boolean;
  report: MirrorCycleReport;
}

/** Instances that take part: enabled, and able to mirror in or out (§B.4 preconditions). */
function cycleInstances(world: World): string[] {
  return Object.values(world.instances)
    .filter((i) => i.enabled && (i.flags.isremotesyncin || i.flags.isremotesyncout))
    .map((i) => i.name);
}

export function planCycle(world: World, now: number): MirrorCycle {
  const instances = cycleInstances(world);
  // mirrorOutOrder (profiles.ts): push queued local changes before or after pulling remote ones.
  const order: CyclePhase['direction'][] =
    world.server.policies.mirrorOutOrder === 'after-in' ? ['in', 'out'] : ['out', 'in'];
  return {
    startedAt: now,
    phases: instances.flatMap((instance) => order.map((direction) => ({ instance, direction }))),
    phase: 0,
    queue: null,
    head: 0,
    askModified: false,
    rateLimited: false,
    report: {
      at: toIso(now),
      instances: instances.map((instance) => ({ instance, out: [], modified: 'not-run', pulled: [] })),
    },
  };
}

/** A copy of the cycle whose report entry for `instance` is changed by `edit` (cycles are values). */
function withReport(
  cycle: MirrorCycle,
  instance: string,
  edit: (entry: InstanceCycleReport) => InstanceCycleReport,
): MirrorCycle {
  return {
    ...cycle,
    report: {
      ...cycle.report,
      instances: cycle.report.instances.map((e) => (e.instance === instance ? edit(e) : e)),
    },
  };
}

const nextPhase = (cycle: MirrorCycle): MirrorCycle => ({
  ...cycle,
  phase: cycle.phase + 1,
  queue: null,
  head: 0,
  askModified: false,
});

/** Opens the current phase: what it has to do given the world as it is now. */
function openPhase(world: World, cycle: MirrorCycle, now: number): MirrorCycle {
  const { instance, direction } = cycle.phases[cycle.phase]!;
  const flags = world.instances[instance]?.flags;
  // A phase not yet open is at the head of its queue already (planCycle, nextPhase).
  if (direction === 'out') {
    return { ...cycle, queue: flags?.isremotesyncout ? outgoingIncidentIds(world, instance) : [] };
  }
  if (!flags?.isremotesyncin) return { ...cycle, queue: [] };
  if (planGetModified(world, instance, now)) return { ...cycle, queue: [], askModified: true };
  // Before 6.1 there is no get-modified step: every mirrored incident is pulled (§B.4 step 2).
  if (!world.server.policies.getModifiedStep) return { ...cycle, queue: planAllRemoteData(world, instance) };
  return { ...cycle, queue: [] };
}

/**
 * The next command of the cycle, or `plan: null` when the cycle is over. Queued incidents that
 * need nothing any more (no longer queued, deleted) are passed over here, not run.
 */
export function nextCycleStep(
  world: World,
  cycle: MirrorCycle,
  now: number,
): { cycle: MirrorCycle; plan: RunPlan | null } {
  let current = cycle;
  while (current.phase < current.phases.length) {
    if (current.queue === null) current = openPhase(world, current, now);
    const { instance, direction } = current.phases[current.phase]!;
    if (current.askModified) return { cycle: current, plan: planGetModified(world, instance, now) };
    const head = current.queue![current.head];
    if (head === undefined) {
      current = nextPhase(current);
      continue;
    }
    const plan =
      direction === 'out'
        ? planUpdateRemote(world, head, now)
        : world.incidents[head]
          ? planGetRemoteData(world, head, now)
          : null;
    if (plan) return { cycle: current, plan };
    current = { ...current, head: current.head + 1 };
  }
  return { cycle: current, plan: null };
}

/** Incidents a get-modified decision asks to pull, or the reason the phase stops (§B.4 step 2). */
function pullsOf(world: World, instance: string, decision: ModifiedDecision): string[] | null {
  if (decision.kind === 'ids' || decision.kind === 'not-implemented') return decision.incidentIds;
  // Nothing modified: only the pulls a rate-limit stop still owes.
  if (decision.kind === 'none') return mirrorState(world, instance).pendingPull;
  return null;
}

export interface AppliedCycleStep {
  world: World;
  cycle: MirrorCycle;
  /** The journal note: what the engine did with the result. */
  note: string;
}

/**
 * Applies the result of the plan `nextCycleStep` gave (state writes included) and moves the cycle
 * on. `at` is when the command started: a remote change made while it ran is then still "after
 * lastUpdate" next cycle (on the virtual clock both times are equal). `owned`: maps a pull may
 * change in place, from the engine (world-edit.ts); without it every edit copies.
 */
export function applyCycleStep(
  world: World,
  cycle: MirrorCycle,
  plan: RunPlan,
  result: RunResult,
  at: number,
  owned?: Owned,
): AppliedCycleStep {
  const instance = plan.instance;
  const nextHead = cycle.head + 1;
  if (plan.command === 'update-remote-system') {
    const applied = applyUpdateRemote(world, plan, result, at);
    const incidentId = plan.incidentId ?? '';
    let next = withReport(cycle, instance, (e) => ({
      ...e,
      out: [...e.out, { incidentId, ok: applied.ok, ...(applied.error ? { error: applied.error } : {}) }],
    }));
    // Hammering a vendor that just said "slow down" only makes it worse: the rest waits a cycle.
    if (applied.rateLimited) {
      next = withReport(next, instance, (e) => ({ ...e, stoppedBy: API_RATE_LIMIT }));
      return { world: applied.world, cycle: { ...nextPhase(next), rateLimited: true }, note: applied.note };
    }
    return { world: applied.world, cycle: { ...next, head: nextHead }, note: applied.note };
  }
  if (plan.command === 'get-modified-remote-data') {
    const applied = applyGetModified(world, plan, result, at);
    const decision = applied.decision;
    const modified = decision.kind === 'failed' ? 'error' : decision.kind;
    const pulls = pullsOf(applied.world, instance, decision);
    let next = withReport(cycle, instance, (e) => ({
      ...e,
      modified,
      ...('reason' in decision ? { stoppedBy: decision.reason } : {}),
    }));
    next = pulls === null ? nextPhase(next) : { ...next, askModified: false, queue: pulls, head: 0 };
    if (decision.kind === 'rate-limited') next = { ...next, rateLimited: true };
    return { world: applied.world, cycle: next, note: applied.note };
  }
  const incidentId = plan.incidentId ?? '';
  // The rest of the queue only matters when the pull stops the cycle (owed next cycle).
  const applied = applyGetRemoteData(
    world,
    plan,
    result,
    () => (cycle.queue ?? []).slice(nextHead),
    at,
    owned,
  );
  let next = withReport(cycle, instance, (e) => ({ ...e, pulled: appended(e.pulled, incidentId, owned) }));
  if (applied.stop) {
    next = withReport(next, instance, (e) => ({ ...e, stoppedBy: API_RATE_LIMIT }));
    return { world: applied.world, cycle: { ...nextPhase(next), rateLimited: true }, note: applied.note };
  }
  return { world: applied.world, cycle: { ...next, head: nextHead }, note: applied.note };
}

/** `list` and then `item`: in place when the cycle owns the list (a cycle of 10,000 pulls). */
function appended(list: string[], item: string, owned: Owned | undefined): string[] {
  if (owned?.has(list)) {
    list.push(item);
    return list;
  }
  const copy = [...list, item];
  owned?.add(copy);
  return copy;
}

/** Counts the cycle (globally and per taking-part instance) and gives its report. */
export function finishCycle(
  world: World,
  cycle: MirrorCycle,
): { world: World; report: MirrorCycleReport; note: string } {
  const instances = { ...world.mirror.instances };
  for (const { instance } of cycle.report.instances)
    instances[instance] = {
      ...mirrorState(world, instance),
      cycles: mirrorState(world, instance).cycles + 1,
    };
  const stats = world.mirror.stats;
  const next: World = {
    ...world,
    mirror: {
      ...world.mirror,
      instances,
      stats: {
        lastRunAt: toIso(cycle.startedAt),
        cycles: stats.cycles + 1,
        rateLimitedCycles: stats.rateLimitedCycles + (cycle.rateLimited ? 1 : 0),
      },
    },
  };
  const note = cycle.report.instances
    .map(
      (i) =>
        `${i.instance}: out ${i.out.length}, modified ${i.modified}, pulled ${i.pulled.length}${i.stoppedBy ? `, stopped: ${i.stoppedBy}` : ''}`,
    )
    .join('; ');
  return { world: next, report: cycle.report, note };
}
