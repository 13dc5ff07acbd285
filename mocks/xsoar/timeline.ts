/**
 * The dashboard's timeline items: harness events made small and safe to stream. Entries returned
 * by commands can be large and may carry remote data, so only a short summary goes to the browser;
 * the command inspector (command-detail.ts) reads the whole record on demand.
 */
import type { HarnessEvent, JournalRecord } from '../../harness/index.ts';

export interface TimelineItem {
  kind: 'command' | 'job' | 'change' | 'remote-change' | 'reset';
  /** Stable identity of a row: `c<seq>` for a command, `j<n>` for a job. */
  key?: string;
  at: string;
  seq?: number;
  instance?: string;
  command?: string;
  args?: Record<string, unknown>;
  outcome?: string;
  durationMs?: number;
  trigger?: string;
  incidentId?: string;
  note?: string;
  error?: string;
  job?: string;
  phase?: string;
  /** Part of a mirror cycle that changed nothing (the dashboard folds these into one row). */
  quiet?: boolean;
}

const short = (text: string, max = 300) => (text.length > max ? `${text.slice(0, max)}…` : text);

/** What get-modified-remote-data's note says when the remote reported no change (harness/core mirror-in). */
export const NOTHING_MODIFIED = 'nothing modified';

/**
 * A command that, on its own, says "nothing happened": a get-modified-remote-data that ran fine and
 * found nothing to pull. A cycle made only of these is a quiet cycle.
 */
export function isQuietCommand(r: Pick<JournalRecord, 'command' | 'outcome' | 'note'>): boolean {
  return r.command === 'get-modified-remote-data' && r.outcome === 'ok' && r.note === NOTHING_MODIFIED;
}

export function fromJournalRecord(r: JournalRecord): TimelineItem {
  return {
    kind: 'command',
    key: `c${r.seq}`,
    at: r.at,
    seq: r.seq,
    instance: r.instance,
    command: r.command,
    args: Object.fromEntries(
      Object.entries(r.args).map(([k, v]) => [k, typeof v === 'string' ? short(v, 80) : v]),
    ),
    outcome: r.outcome,
    durationMs: r.durationMs,
    trigger: r.trigger,
    ...(r.incidentId ? { incidentId: r.incidentId } : {}),
    ...(r.note ? { note: short(r.note) } : {}),
    ...(r.error ? { error: short(r.error) } : {}),
  };
}

export function fromJobEvent(event: Extract<HarnessEvent, { type: 'job' }>, key: string): TimelineItem {
  return {
    kind: 'job',
    key,
    at: event.at,
    job: event.job,
    phase: event.phase,
    ...(event.instance ? { instance: event.instance } : {}),
    ...(event.note ? { note: short(event.note) } : {}),
  };
}
