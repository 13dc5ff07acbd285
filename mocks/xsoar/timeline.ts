/**
 * The dashboard's timeline items: harness events made small and safe to stream. Entries returned
 * by commands can be large and may carry remote data, so only a short summary goes to the browser.
 */
import type { HarnessEvent, JournalRecord } from '../../harness/index.ts';

export interface TimelineItem {
  kind: 'command' | 'job' | 'change' | 'reset';
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
}

const short = (text: string, max = 300) => (text.length > max ? `${text.slice(0, max)}…` : text);

export function fromJournalRecord(r: JournalRecord): TimelineItem {
  return {
    kind: 'command',
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

export function fromHarnessEvent(event: HarnessEvent): TimelineItem {
  if (event.type === 'journal') return fromJournalRecord(event.record);
  if (event.type === 'job') {
    return {
      kind: 'job',
      at: event.at,
      job: event.job,
      phase: event.phase,
      ...(event.instance ? { instance: event.instance } : {}),
      ...(event.note ? { note: short(event.note) } : {}),
    };
  }
  // A store failure is logged and shown by GET /health; the timeline only refreshes.
  if (event.type === 'store') return { kind: 'change', at: event.at };
  return { kind: 'change', at: event.at, ...(event.incidentId ? { incidentId: event.incidentId } : {}) };
}
