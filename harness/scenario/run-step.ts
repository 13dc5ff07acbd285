/** The action verbs of a scenario step: fetch, mirror, advance, xsoar, remote, fault. */
import type { Harness } from '../api.ts';
import { parseDuration, type Json } from '../core/index.ts';
import type { FaultSpec, RemoteAction, RemoteHandle } from '../../mocks/registry/index.ts';
import type { FaultInput, RemoteAction as RemoteActionInput, ScenarioStep, XsoarStep } from './schema.ts';
import { ExpectationFailure } from './expect-lists.ts';
import { checkCommandResult, toCommandResult } from './expect-result.ts';
import { describeSelector, selectIncident, type Selector } from './select-incident.ts';

/** A step that could not be carried out (as opposed to an expectation that failed). */
export class StepError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StepError';
  }
}

export interface StepContext {
  harness: Harness;
  remotes: ReadonlyMap<string, RemoteHandle>;
}

function incidentId(harness: Harness, selector: Selector): string {
  const selected = selectIncident(harness, selector);
  if ('problem' in selected) throw new StepError(`${describeSelector(selector)}: ${selected.problem}`);
  return selected.incident.id;
}

function remote(ctx: StepContext, name: string): RemoteHandle {
  const handle = ctx.remotes.get(name);
  if (!handle) throw new StepError(`remote "${name}" is not running`);
  return handle;
}

async function runXsoar(action: XsoarStep, ctx: StepContext): Promise<void> {
  const { harness } = ctx;
  if (action.update) {
    await harness.incidents.update(
      incidentId(harness, action.update),
      action.update.fields as Record<string, Json>,
      action.update.user,
    );
  } else if (action.note || action.entry) {
    const input = (action.note ?? action.entry)!;
    await harness.incidents.addEntry(incidentId(harness, input), {
      contents: input.contents ?? '',
      ...(input.file ? { file: { name: input.file.name, content: input.file.content ?? '' } } : {}),
      note: input.note ?? action.note !== undefined,
      ...(input.tags ? { tags: input.tags } : {}),
      ...(input.format ? { format: input.format } : {}),
      ...(input.user ? { user: input.user } : {}),
    });
  } else if (action.close) {
    const { closeReason, closeNotes, user } = action.close;
    await harness.incidents.close(incidentId(harness, action.close), {
      ...(closeReason !== undefined ? { closeReason } : {}),
      ...(closeNotes !== undefined ? { closeNotes } : {}),
      ...(user !== undefined ? { user } : {}),
    });
  } else if (action.reopen) {
    await harness.incidents.reopen(incidentId(harness, action.reopen), action.reopen.user);
  } else if (action.command) {
    const { name, args = {}, instance, result: expected } = action.command;
    const result =
      instance !== undefined
        ? await harness.runCommand(instance, name, args as Record<string, Json>)
        : toCommandResult(await harness.serverCommand(name, args as Record<string, Json>));
    if (expected)
      checkCommandResult(expected, result, `result of !${name}${instance ? ` on ${instance}` : ''}`);
  }
}

/** A scenario `fault` step as the fakes' fault registry takes it (durations in ms, any route by default). */
function toFaultSpec(fault: FaultInput): FaultSpec {
  const { clear: _clear, delay, ...spec } = fault as FaultInput & { remote?: string };
  delete (spec as { remote?: string }).remote;
  return {
    ...spec,
    path: spec.path ?? '*',
    ...(delay !== undefined ? { delayMs: parseDuration(delay) } : {}),
  } as FaultSpec;
}

/** A scenario `remote` action as the fakes take it (a rate limit's window in ms). */
function toRemoteAction(action: RemoteActionInput): RemoteAction {
  const { rateLimit, ...rest } = action;
  if (rateLimit === undefined) return rest as RemoteAction;
  return {
    ...(rest as RemoteAction),
    rateLimit: rateLimit && { requests: rateLimit.requests, windowMs: parseDuration(rateLimit.window) },
  };
}

/** Runs one non-expect step. Vendor and harness errors become StepErrors with the vendor's message. */
export async function runActionStep(step: ScenarioStep, ctx: StepContext): Promise<void> {
  try {
    if (step.fetch !== undefined) await ctx.harness.fetch(step.fetch);
    else if ('mirror' in step) {
      const cycles = typeof step.mirror === 'number' ? step.mirror : 1;
      for (let i = 0; i < cycles; i++) await ctx.harness.mirror();
    } else if (step.advance !== undefined) await ctx.harness.advance(step.advance);
    else if (step.xsoar) await runXsoar(step.xsoar, ctx);
    else if (step.remote) {
      for (const [name, actions] of Object.entries(step.remote)) {
        for (const action of Array.isArray(actions) ? actions : [actions])
          await remote(ctx, name).act(toRemoteAction(action));
      }
    } else if (step.fault) {
      const fault = step.fault;
      const entries: [string, FaultInput][] =
        'remote' in fault && typeof fault.remote === 'string'
          ? [[fault.remote, fault as FaultInput]]
          : Object.entries(fault as Record<string, FaultInput>);
      for (const [name, fault] of entries) {
        const handle = remote(ctx, name);
        if (fault.clear) handle.clearFaults();
        // `clear: true` alone only clears; anything else describes a fault to add (any route by default).
        if (Object.keys(fault).some((k) => k !== 'clear' && k !== 'remote'))
          handle.addFault(toFaultSpec(fault));
      }
    }
  } catch (e) {
    if (e instanceof StepError || e instanceof ExpectationFailure) throw e;
    throw new StepError((e as Error).message);
  }
}
