/**
 * One command run as the dashboard's inspector shows it: what the integration got (args, the
 * instance's params) and what it gave back (entries, logs, outcome, duration) — the view a developer
 * needs when a mirror does not arrive. Params are masked, secrets blotted out everywhere else, and
 * very long texts cut, since entries may carry whole remote records.
 */
import type { Instance, Json, JournalRecord } from '../../harness/index.ts';
import { maskParams, redactSecrets } from './secrets.ts';

export interface CommandDetail {
  seq: number;
  at: string;
  instance: string;
  /** The instance's integration brand; null when the instance is gone. */
  brand: string | null;
  command: string;
  trigger: string;
  outcome: string;
  durationMs: number;
  incidentId: string | null;
  note: string | null;
  error: string | null;
  args: Record<string, Json>;
  /** The instance's params as they are now (secrets masked); null when the instance is gone. */
  params: Record<string, Json> | null;
  entries: Json[];
  logs: { level: string; message: string }[];
}

const MAX_TEXT = 20_000;
const MAX_ENTRIES = 200;

function capTexts(value: Json): Json {
  if (typeof value === 'string')
    return value.length > MAX_TEXT
      ? `${value.slice(0, MAX_TEXT)}… (${value.length - MAX_TEXT} more characters)`
      : value;
  if (Array.isArray(value)) return value.map(capTexts);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, capTexts(v)]));
  return value;
}

export function toCommandDetail(record: JournalRecord, instance: Instance | undefined): CommandDetail {
  const params = instance?.params ?? {};
  const shown = <T extends Json>(value: T) => capTexts(redactSecrets(value, params)) as T;
  const entries = record.entries.slice(0, MAX_ENTRIES);
  if (record.entries.length > MAX_ENTRIES)
    entries.push(`… ${record.entries.length - MAX_ENTRIES} more entries not shown`);
  return {
    seq: record.seq,
    at: record.at,
    instance: record.instance,
    brand: instance?.brand ?? null,
    command: record.command,
    trigger: record.trigger,
    outcome: record.outcome,
    durationMs: record.durationMs,
    incidentId: record.incidentId ?? null,
    note: record.note === undefined ? null : shown(record.note),
    error: record.error === undefined ? null : shown(record.error),
    args: shown(record.args),
    params: instance ? maskParams(instance.params) : null,
    entries: shown(entries),
    logs: (record.logs ?? []).map((l) => ({ level: l.level, message: shown(l.message) })),
  };
}

/** The record with this seq; the journal is in seq order, so a binary search finds it. */
export function findJournalRecord(journal: readonly JournalRecord[], seq: number): JournalRecord | undefined {
  let lo = 0;
  let hi = journal.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const at = journal[mid]!.seq;
    if (at === seq) return journal[mid];
    if (at < seq) lo = mid + 1;
    else hi = mid - 1;
  }
  return undefined;
}
