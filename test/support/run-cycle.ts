/**
 * Drives one mirror cycle of the pure core the way harness/scheduler/engine.ts does — next step,
 * answer, apply, finish — with answers from a function instead of integrations, so unit tests can
 * see every command a cycle plans, in order, over a literal world.
 */
import { applyCycleStep, finishCycle, nextCycleStep, planCycle } from '../../harness/core/index.ts';
import type { MirrorCycleReport, RunPlan, RunResult, World } from '../../harness/core/index.ts';
import { jsonEntry, result, textEntry } from './core-fixtures.ts';

export interface CycleRun {
  world: World;
  report: MirrorCycleReport;
  plans: RunPlan[];
  /** `update-remote-system 1`, `get-modified-remote-data`, `get-remote-data 2`, … in run order. */
  calls: string[];
}

export function runCycle(
  world: World,
  answer: (plan: RunPlan, world: World) => RunResult,
  now: number,
): CycleRun {
  let w = world;
  let cycle = planCycle(w, now);
  const plans: RunPlan[] = [];
  for (;;) {
    const step = nextCycleStep(w, cycle, now);
    cycle = step.cycle;
    if (!step.plan) break;
    if (plans.length > 10_000) throw new Error('runCycle: the cycle never ends');
    plans.push(step.plan);
    const applied = applyCycleStep(w, cycle, step.plan, answer(step.plan, w), now);
    w = applied.world;
    cycle = applied.cycle;
  }
  const finished = finishCycle(w, cycle);
  return {
    world: finished.world,
    report: finished.report,
    plans,
    calls: plans.map((p) => `${p.command}${p.incidentId !== undefined ? ` ${p.incidentId}` : ''}`),
  };
}

/**
 * Answers like a well-behaved integration: a push returns the remote id, get-modified-remote-data
 * lists `modified`, a pull returns an object with the id and no entries.
 */
export function answerOk(modified: string[] = []) {
  return (plan: RunPlan): RunResult => {
    if (plan.command === 'update-remote-system') return result([textEntry(String(plan.args.remoteId))]);
    if (plan.command === 'get-modified-remote-data')
      return result([{ Type: 1, Contents: modified, ContentsFormat: 'json' }]);
    return result([jsonEntry({ id: plan.args.id })]);
  };
}
