/** The journal record of one command run: the timeline of who called what. */
import type { RunResult } from './command.ts';
import type { Json } from './json.ts';
import type { RunPlan } from './run-plan.ts';
import { toIso } from './time.ts';
import type { JournalRecord } from './world.ts';

export function toJournalRecord(
  seq: number,
  plan: RunPlan,
  result: RunResult,
  at: number,
  note: string,
): JournalRecord {
  const record: JournalRecord = {
    seq,
    at: toIso(at),
    instance: plan.instance,
    command: plan.command,
    args: plan.args,
    outcome: result.outcome,
    // Wire entries are JSON by construction (they came over the wire or from JSON-only helpers).
    entries: result.entries as unknown as Json[],
    durationMs: result.durationMs,
    trigger: plan.trigger,
  };
  if (result.error !== undefined) record.error = result.error;
  if (plan.incidentId !== undefined) record.incidentId = plan.incidentId;
  if (note) record.note = note;
  if (result.logs.length > 0) record.logs = result.logs.map((l) => ({ level: l.level, message: l.message }));
  return record;
}
