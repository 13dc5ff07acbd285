/** Reading what an integration returned: error texts, JSON contents, metrics entries. */
import type { RunResult } from './command.ts';
import type { Json } from './json.ts';
import { EntryType } from './wire.ts';
import type { WireEntry } from './wire.ts';

export function contentsText(contents: unknown): string {
  if (typeof contents === 'string') return contents;
  try {
    return JSON.stringify(contents) ?? String(contents);
  } catch {
    return String(contents);
  }
}

/** Every error text of a run: the exception message and the Contents of Type-4 entries. */
export function errorTexts(result: RunResult): string[] {
  const texts = result.entries.filter((e) => e.Type === EntryType.ERROR).map((e) => contentsText(e.Contents));
  if (result.error) texts.unshift(result.error);
  return texts;
}

export function hasErrorEntry(result: RunResult): boolean {
  return result.entries.some((e) => e.Type === EntryType.ERROR);
}

/** Contents as JSON: a JSON string is parsed (dicts arrive as strings, §A.1); undefined when it is not JSON. */
export function contentsJson(contents: unknown): Json | undefined {
  if (typeof contents === 'string') {
    const t = contents.trim();
    if (!t.startsWith('{') && !t.startsWith('[')) return undefined;
    try {
      return JSON.parse(t) as Json;
    } catch {
      return undefined;
    }
  }
  if (contents === undefined) return undefined;
  return contents as Json;
}

/** Entries without execution-metrics entries (Type 19), which BaseClient may add at exit (§A.4). */
export function withoutMetrics(entries: WireEntry[]): WireEntry[] {
  return entries.filter((e) => e.Type !== EntryType.EXECUTION_METRICS);
}

export function shorten(text: string, max = 200): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
}
