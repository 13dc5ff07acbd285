/**
 * The journal as a readable timeline (who called what, when, and how it went): printed under a
 * failed step so the reader sees the last moves of both systems without opening any file.
 */
import type { JournalRecord } from '../core/index.ts';

const DAY_MS = 86_400_000;

function shortArgs(args: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(args)) {
    if (value === null || typeof value === 'object') continue;
    const text = String(value);
    parts.push(`${key}=${text.length > 40 ? `${text.slice(0, 39)}…` : text}`);
    if (parts.length === 3) break;
  }
  return parts.join(' ');
}

/** `00:01:00.000  desk_1  get-remote-data id=T-1  ok  1 entry`; `d+1` marks later days. */
export function formatJournalRecord(record: JournalRecord, startMs: number): string {
  const at = Date.parse(record.at);
  const days = Math.floor((at - startMs) / DAY_MS);
  const clock = record.at.slice(11, 23);
  const when = days > 0 ? `d+${days} ${clock}` : clock;
  const what = [record.command, shortArgs(record.args)].filter(Boolean).join(' ');
  const detail =
    record.outcome === 'ok' ? (record.note ?? '') : (record.error ?? record.note ?? '').split('\n')[0]!;
  const line = `${when}  ${record.instance || '-'}  ${what}  ${record.outcome}${detail ? `  ${detail}` : ''}`;
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

export function formatTimeline(journal: readonly JournalRecord[], startMs: number, tail = 12): string[] {
  const shown = journal.slice(-tail);
  const lines = shown.map((r) => formatJournalRecord(r, startMs));
  if (journal.length > shown.length) lines.unshift(`… ${journal.length - shown.length} earlier calls`);
  return lines;
}
