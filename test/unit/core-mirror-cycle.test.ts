/**
 * The mirror cycle's policy, step by step over literal worlds (harness/core/mirror-cycle.ts): the
 * order of phases, when a phase stops, which incidents a get-modified answer selects, and that
 * state writes are committed by the apply itself. test/support/run-cycle.ts drives the steps the
 * way the scheduler does.
 */
import { describe, expect, it } from 'vitest';
import {
  applyCycleStep,
  finishCycle,
  nextCycleStep,
  planCycle,
  toIso,
  userAddEntry,
  userCreateIncident,
  userUpdateIncident,
} from '../../harness/core/index.ts';
import type { RunPlan, World } from '../../harness/core/index.ts';
import {
  MIN,
  T0,
  baseWorld,
  errorEntry,
  failure,
  instance,
  jsonEntry,
  mirroredWorld,
  result,
  server,
  textEntry,
} from '../support/core-fixtures.ts';
import { answerOk, runCycle } from '../support/run-cycle.ts';

const NOW = T0 + MIN;
const RATE_LIMITED = () => result([errorEntry('Failed to execute command. Error: API rate limit')]);

/** Every incident of `w` queued for mirror-out by a local field edit. */
function queueAll(w: World, ids: string[]): World {
  return ids.reduce((acc, id) => userUpdateIncident(acc, id, { owner: `analyst ${id}` }, 'admin', T0), w);
}

describe('planCycle: who takes part', () => {
  it('takes every enabled instance that mirrors in or out, once each, in declaration order', () => {
    const noMirroring = instance('fetch_only', {
      flags: { isfetch: true, ismappable: false, isremotesyncin: false, isremotesyncout: false },
    });
    const disabled = instance('off', { enabled: false });
    const outOnly = instance('out_only', {
      flags: { isfetch: false, ismappable: false, isremotesyncin: false, isremotesyncout: true },
    });
    const w = baseWorld(server(), instance(), noMirroring, disabled, outOnly);
    const cycle = planCycle(w, NOW);
    expect(cycle.report.instances.map((i) => i.instance)).toEqual(['desk_1', 'out_only']);
    expect(cycle.report.at).toBe(toIso(NOW));
  });

  it('plans nothing at all for a world without mirrored incidents', () => {
    const run = runCycle(baseWorld(), answerOk(), NOW);
    expect(run.calls).toEqual([]);
    expect(run.report.instances).toEqual([{ instance: 'desk_1', out: [], modified: 'not-run', pulled: [] }]);
  });
});

describe('mirrorOutOrder', () => {
  const world = () => queueAll(mirroredWorld(2), ['1']);

  it('pushes queued changes before pulling under "before-in" (the default)', () => {
    const run = runCycle(world(), answerOk(['T-2']), NOW);
    expect(run.calls).toEqual(['update-remote-system 1', 'get-modified-remote-data', 'get-remote-data 2']);
  });

  it('pulls before pushing under "after-in"', () => {
    const w = { ...world(), server: server('6.10.0', { mirrorOutOrder: 'after-in' }) };
    const run = runCycle(w, answerOk(['T-2']), NOW);
    expect(run.calls).toEqual(['get-modified-remote-data', 'get-remote-data 2', 'update-remote-system 1']);
  });

  it('pushes a close that mirror-in applied in the same cycle only under "after-in"', () => {
    const close = (plan: RunPlan) =>
      plan.command === 'get-remote-data'
        ? result([jsonEntry({ id: 'T-1' }), jsonEntry({ dbotIncidentClose: true, closeReason: 'done' })])
        : answerOk(['T-1'])(plan);
    const before = runCycle(mirroredWorld(1), close, NOW);
    expect(before.calls).toEqual(['get-modified-remote-data', 'get-remote-data 1']);
    expect(Object.keys(before.world.mirror.outgoing)).toEqual(['1']);
    const after = runCycle(mirroredWorld(1, server('6.10.0', { mirrorOutOrder: 'after-in' })), close, NOW);
    expect(after.calls).toEqual(['get-modified-remote-data', 'get-remote-data 1', 'update-remote-system 1']);
    expect(after.world.mirror.outgoing).toEqual({});
  });
});

describe('mirror-out phase', () => {
  it('stops pushing on "API rate limit" and keeps the rest queued for the next cycle', () => {
    const w = queueAll(mirroredWorld(3), ['1', '2', '3']);
    const answer = (plan: RunPlan) =>
      plan.command === 'update-remote-system' && plan.incidentId === '1' ? RATE_LIMITED() : answerOk()(plan);
    const run = runCycle(w, answer, NOW);
    expect(run.calls).toEqual(['update-remote-system 1', 'get-modified-remote-data']);
    expect(run.report.instances[0]).toMatchObject({
      out: [{ incidentId: '1', ok: false, error: expect.stringContaining('API rate limit') }],
      stoppedBy: 'API rate limit',
    });
    expect(Object.keys(run.world.mirror.outgoing)).toEqual(['1', '2', '3']);
    expect(run.world.mirror.stats.rateLimitedCycles).toBe(1);
    const next = runCycle(run.world, answerOk(), NOW + MIN);
    expect(next.calls.slice(0, 3)).toEqual([
      'update-remote-system 1',
      'update-remote-system 2',
      'update-remote-system 3',
    ]);
  });

  it('goes on pushing after a failure that is not a rate limit', () => {
    const w = queueAll(mirroredWorld(3), ['1', '2', '3']);
    const answer = (plan: RunPlan) =>
      plan.incidentId === '2' ? result([errorEntry('Error in API call [500]')]) : answerOk()(plan);
    const run = runCycle(w, answer, NOW);
    expect(run.calls.filter((c) => c.startsWith('update'))).toEqual([
      'update-remote-system 1',
      'update-remote-system 2',
      'update-remote-system 3',
    ]);
    expect(Object.keys(run.world.mirror.outgoing)).toEqual(['2']);
    expect(run.report.instances[0]?.stoppedBy).toBeUndefined();
    expect(run.world.mirror.stats.rateLimitedCycles).toBe(0);
  });

  it("stops only the rate-limited instance's pushes, not another instance's", () => {
    let w = baseWorld(server(), instance('a'), instance('b'));
    for (const inst of ['a', 'a', 'b', 'b'])
      w = userCreateIncident(
        w,
        {
          name: 'x',
          dbotMirrorId: `T-${w.nextIncidentId}`,
          dbotMirrorDirection: 'Both',
          dbotMirrorInstance: inst,
        },
        T0,
      ).world;
    const answer = (plan: RunPlan) =>
      plan.command === 'update-remote-system' && plan.instance === 'a' ? RATE_LIMITED() : answerOk()(plan);
    const run = runCycle(queueAll(w, ['1', '2', '3', '4']), answer, NOW);
    expect(run.calls.filter((c) => c.startsWith('update'))).toEqual([
      'update-remote-system 1',
      'update-remote-system 3',
      'update-remote-system 4',
    ]);
  });

  it('passes over queued incidents that no longer go out and instances without isremotesyncout', () => {
    let w = queueAll(mirroredWorld(2), ['1', '2']);
    w = { ...w, incidents: { ...w.incidents, '2': { ...w.incidents['2']!, dbotMirrorDirection: 'In' } } };
    expect(runCycle(w, answerOk(), NOW).calls.filter((c) => c.startsWith('update'))).toEqual([
      'update-remote-system 1',
    ]);
    const noOut = {
      ...w,
      instances: {
        desk_1: { ...w.instances.desk_1!, flags: { ...w.instances.desk_1!.flags, isremotesyncout: false } },
      },
    };
    expect(runCycle(noOut, answerOk(), NOW).calls.filter((c) => c.startsWith('update'))).toEqual([]);
  });
});

describe('mirror-in phase: what get-modified-remote-data selects (§B.4 step 2)', () => {
  const w = mirroredWorld(3);

  it('pulls only the listed incidents', () => {
    const run = runCycle(w, answerOk(['T-3', 'T-1']), NOW);
    expect(run.calls).toEqual(['get-modified-remote-data', 'get-remote-data 1', 'get-remote-data 3']);
    expect(run.report.instances[0]).toMatchObject({ modified: 'ids', pulled: ['1', '3'] });
  });

  it('pulls nothing when nothing was modified', () => {
    const run = runCycle(w, answerOk([]), NOW);
    expect(run.calls).toEqual(['get-modified-remote-data']);
    expect(run.report.instances[0]?.modified).toBe('none');
  });

  it.each([
    ['skip update', () => result([errorEntry('skip update. error: boom')]), 'skip'],
    ['API rate limit', () => result([errorEntry('skip update. error: API rate limit')]), 'rate-limited'],
    ['a timeout', () => failure('timeout', 'timed out'), 'error'],
  ] as const)('pulls nothing after %s and names the reason', (_name, answer, modified) => {
    const run = runCycle(
      w,
      (plan) => (plan.command === 'get-modified-remote-data' ? answer() : answerOk()(plan)),
      NOW,
    );
    expect(run.calls).toEqual(['get-modified-remote-data']);
    expect(run.report.instances[0]).toMatchObject({ modified, stoppedBy: expect.any(String) });
    expect(run.world.mirror.stats.rateLimitedCycles).toBe(modified === 'rate-limited' ? 1 : 0);
  });

  it('pulls every mirrored incident when the command is not implemented', () => {
    const run = runCycle(
      w,
      (plan) =>
        plan.command === 'get-modified-remote-data'
          ? failure('exception', 'NotImplementedError: get-modified-remote-data')
          : answerOk()(plan),
      NOW,
    );
    expect(run.calls).toEqual([
      'get-modified-remote-data',
      'get-remote-data 1',
      'get-remote-data 2',
      'get-remote-data 3',
    ]);
    expect(run.report.instances[0]?.modified).toBe('not-implemented');
  });

  it('polls every mirrored incident without asking before 6.1', () => {
    const run = runCycle(mirroredWorld(2, server('6.0.0')), answerOk(), NOW);
    expect(run.calls).toEqual(['get-remote-data 1', 'get-remote-data 2']);
    expect(run.report.instances[0]?.modified).toBe('not-run');
  });

  it('runs no mirror-in without isremotesyncin', () => {
    const noIn = mirroredWorld(
      2,
      server(),
      'Both',
      instance('desk_1', {
        flags: { isfetch: true, ismappable: false, isremotesyncin: false, isremotesyncout: true },
      }),
    );
    expect(runCycle(noIn, answerOk(['T-1']), NOW).calls).toEqual([]);
  });

  it('stops pulling on "API rate limit" and starts the next cycle with the incidents it owes', () => {
    const answer = (plan: RunPlan) =>
      plan.command === 'get-remote-data' && plan.incidentId === '2'
        ? RATE_LIMITED()
        : answerOk(['T-1', 'T-2', 'T-3'])(plan);
    const run = runCycle(w, answer, NOW);
    expect(run.calls).toEqual(['get-modified-remote-data', 'get-remote-data 1', 'get-remote-data 2']);
    expect(run.report.instances[0]).toMatchObject({ pulled: ['1', '2'], stoppedBy: 'API rate limit' });
    expect(run.world.mirror.instances.desk_1?.pendingPull).toEqual(['2', '3']);
    const next = runCycle(run.world, answerOk([]), NOW + MIN);
    expect(next.calls).toEqual(['get-modified-remote-data', 'get-remote-data 2', 'get-remote-data 3']);
    expect(next.world.mirror.instances.desk_1?.pendingPull).toEqual([]);
  });

  it('passes over an incident that was deleted while the cycle ran', () => {
    let cycle = planCycle(w, NOW);
    let world = w;
    let step = nextCycleStep(world, cycle, NOW);
    const applied = applyCycleStep(world, step.cycle, step.plan!, answerOk(['T-1', 'T-2'])(step.plan!), NOW);
    const { '1': _gone, ...incidents } = applied.world.incidents;
    world = { ...applied.world, incidents };
    cycle = applied.cycle;
    step = nextCycleStep(world, cycle, NOW);
    expect(step.plan?.incidentId).toBe('2');
  });
});

describe('applyCycleStep commits what the command wrote', () => {
  it('keeps lastMirrorRun and the integration context of every step, never lastRun', () => {
    const writes = {
      lastRun: { not: 'kept' },
      lastMirrorRun: { cursor: 7 },
      integrationContext: { context: { marks: 1 }, version: 1 },
    };
    const run = runCycle(
      queueAll(mirroredWorld(1), ['1']),
      (plan) => ({ ...answerOk(['T-1'])(plan), writes }),
      NOW,
    );
    expect(run.world.instances.desk_1?.state).toEqual({
      lastRun: {},
      lastMirrorRun: { cursor: 7 },
      integrationContext: { context: { marks: 1 }, version: 1 },
    });
  });
});

describe('owned maps (world-edit.ts): pulls of one cycle change in place only what nobody saw', () => {
  /** A cycle pulling all three incidents, each answer adding a comment entry. */
  function pullAll(owned: WeakSet<object> | undefined) {
    const start = mirroredWorld(3);
    const seen: World[] = [];
    let w = start;
    let cycle = planCycle(w, NOW);
    for (;;) {
      const step = nextCycleStep(w, cycle, NOW);
      cycle = step.cycle;
      if (!step.plan) break;
      const answer =
        step.plan.command === 'get-remote-data'
          ? result([
              jsonEntry({ id: step.plan.args.id, severity: 3 }),
              textEntry(`note on ${step.plan.incidentId}`),
            ])
          : answerOk(['T-1', 'T-2', 'T-3'])(step.plan);
      const applied = applyCycleStep(w, cycle, step.plan, answer, NOW, owned);
      seen.push(applied.world);
      w = applied.world;
      cycle = applied.cycle;
    }
    return { start, seen, end: w };
  }

  it('copies the incident, record and entry maps once per cycle, not once per pull', () => {
    const { start, seen, end } = pullAll(new WeakSet());
    const pulls = seen.slice(1); // after get-modified-remote-data
    expect(pulls).toHaveLength(3);
    expect(new Set(pulls.map((w) => w.incidents)).size).toBe(1);
    expect(new Set(pulls.map((w) => w.mirror.records)).size).toBe(1);
    expect(new Set(pulls.map((w) => w.entries)).size).toBe(1);
    // The world the cycle started from is untouched: its maps were copied before the first change.
    expect(start.incidents['1']!.dbotMirrorLastSync).toBe(
      mirroredWorld(3).incidents['1']!.dbotMirrorLastSync,
    );
    expect(start.entries).toEqual(mirroredWorld(3).entries);
    expect(Object.values(end.entries).map((e) => e.length)).toEqual([1, 1, 1]);
  });

  it('ends in the same world as copying on every edit', () => {
    const { end: inPlace } = pullAll(new WeakSet());
    const { seen, end: copied } = pullAll(undefined);
    expect(inPlace).toEqual(copied);
    expect(new Set(seen.slice(1).map((w) => w.incidents)).size).toBe(3);
  });
});

describe('finishCycle', () => {
  it('counts the cycle globally and per taking-part instance, stamped with its start', () => {
    const w = userAddEntry(mirroredWorld(1), '1', { contents: 'x' }, T0).world;
    const first = runCycle(w, answerOk(), NOW);
    const second = runCycle(
      first.world,
      (plan) => (plan.command === 'get-modified-remote-data' ? RATE_LIMITED() : answerOk()(plan)),
      NOW + MIN,
    );
    expect(second.world.mirror.stats).toEqual({
      lastRunAt: toIso(NOW + MIN),
      cycles: 2,
      rateLimitedCycles: 1,
    });
    expect(second.world.mirror.instances.desk_1?.cycles).toBe(2);
    expect(finishCycle(w, planCycle(w, NOW)).note).toBe('desk_1: out 0, modified not-run, pulled 0');
  });
});
