/**
 * War Room entries as the REST API shows them: the lower-case keys of the server's `Entry` model
 * (demisto/demisto-py `server_api_swagger.json`: id, investigationId, type, contents, format, tags,
 * note, user, created), plus mirrorlab's `source` (user, mirror-in, command, system).
 */
import type { Entry, Json, WireEntry } from '../../harness/index.ts';

export interface ApiEntry {
  id: string;
  investigationId: string;
  type: number;
  contents: Json;
  format: string;
  tags: string[];
  note: boolean;
  user: string;
  created: string;
  source: string;
  instance?: string;
  humanReadable?: Json;
  category?: string;
  file?: string;
}

export function toApiEntry(entry: Entry): ApiEntry {
  return {
    id: entry.id,
    investigationId: entry.incidentId,
    type: entry.Type,
    contents: entry.Contents,
    format: entry.ContentsFormat,
    tags: entry.Tags,
    note: entry.Note,
    user: entry.user,
    created: entry.created,
    source: entry.source,
    ...(entry.instance ? { instance: entry.instance } : {}),
    ...(entry.HumanReadable !== undefined ? { humanReadable: entry.HumanReadable } : {}),
    ...(entry.Category ? { category: entry.Category } : {}),
    ...(entry.File ? { file: entry.File } : {}),
  };
}

/** A command's result entry (not stored), as `POST /entry/execute/sync` returns it. */
export function fromWireEntry(wire: WireEntry, investigationId: string, at: string): Omit<ApiEntry, 'id'> {
  const w = wire as unknown as Record<string, Json | undefined>;
  return {
    investigationId,
    type: Number(w.Type ?? 1),
    contents: w.Contents ?? null,
    format: String(w.ContentsFormat ?? 'text'),
    tags: Array.isArray(w.Tags) ? w.Tags.map(String) : [],
    note: w.Note === true,
    user: '',
    created: at,
    source: 'command',
    ...(w.HumanReadable !== undefined && w.HumanReadable !== null ? { humanReadable: w.HumanReadable } : {}),
  };
}
