/**
 * The incident filter of `POST /incidents/search` (the `IncidentFilter` of the server's public
 * swagger, demisto/demisto-py `server_api_swagger.json`), on a list of incidents. `query` is the
 * subset of XSOAR's query language in incident-query.ts; `fromDate` / `toDate` bound the creation
 * time (XSOAR Mirroring's `Client.search_incidents` sends `fromDate` with its `created:>=` term).
 */
import { HarnessError } from '../../harness/core/index.ts';
import type { Incident, Json } from '../../harness/index.ts';
import {
  checkRangeValues,
  compareForRange,
  parseIncidentQuery,
  rangeHolds,
  toInstant,
  type QueryTerm,
} from './incident-query.ts';

export interface IncidentFilter {
  id?: string[] | undefined;
  name?: string[] | undefined;
  status?: number[] | undefined;
  type?: string[] | undefined;
  query?: string | undefined;
  /** Created at or after (ISO time). */
  fromDate?: string | undefined;
  /** Created at or before (ISO time). */
  toDate?: string | undefined;
  page?: number | undefined;
  size?: number | undefined;
  sort?: { field: string; asc: boolean }[] | undefined;
}

const STATUS_WORDS: Record<string, number> = { pending: 0, active: 1, closed: 2, done: 2, archive: 3 };

function valueOf(incident: Incident, field: string): Json {
  if (field in incident && field !== 'CustomFields')
    return (incident as unknown as Record<string, Json>)[field] ?? null;
  return incident.CustomFields[field] ?? null;
}

function matchesTerm(incident: Incident, field: string, wanted: string): boolean {
  const value = valueOf(incident, field);
  if (field === 'status') return String(value) === wanted || STATUS_WORDS[wanted.toLowerCase()] === value;
  if (Array.isArray(value)) return value.some((v) => String(v).toLowerCase() === wanted.toLowerCase());
  return value !== null && String(value).toLowerCase() === wanted.toLowerCase();
}

function holds(incident: Incident, t: QueryTerm): boolean {
  if (t.field === undefined) return incident.name.toLowerCase().includes(t.value.toLowerCase());
  let hit: boolean;
  if (t.comparison === ':') hit = matchesTerm(incident, t.field, t.value);
  else {
    const d = compareForRange(valueOf(incident, t.field), t.value);
    hit = d !== undefined && rangeHolds(t.comparison, d);
  }
  return t.negated ? !hit : hit;
}

function instantOf(label: string, text: string | undefined): number | undefined {
  if (text === undefined || text === '') return undefined;
  const ms = toInstant(text);
  if (ms === undefined)
    throw new HarnessError(
      'invalid-input',
      `xsoar api: failed to read the search: filter.${label} "${text}" is not an ISO time. Send e.g. "2024-05-01T10:00:00.000000Z".`,
    );
  return ms;
}

/**
 * Sort order of one field, by the field's type as the server's index sorts it: numbers as numbers
 * (severity 4 after 10 would be text order), everything else as text; ISO times in one format sort
 * as text. An empty value sorts first.
 */
function compareValues(a: Json, b: Json): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (a === null || a === undefined) return b === null || b === undefined ? 0 : -1;
  if (b === null || b === undefined) return 1;
  return String(a).localeCompare(String(b));
}

const byNumericId = (a: Incident, b: Incident) => Number(a.id) - Number(b.id) || a.id.localeCompare(b.id);

export function searchIncidents(
  all: Incident[],
  filter: IncidentFilter,
): { data: Incident[]; total: number } {
  const terms = filter.query ? parseIncidentQuery(filter.query) : [];
  if (filter.query) checkRangeValues(filter.query, terms);
  const from = instantOf('fromDate', filter.fromDate);
  const to = instantOf('toDate', filter.toDate);
  const createdAt = (i: Incident) => Date.parse(i.created);
  // Sets, not array scans: a search for 1,000 ids over 10,000 incidents stays one pass.
  const ids = filter.id?.length ? new Set(filter.id) : undefined;
  const names = filter.name?.length ? new Set(filter.name) : undefined;
  const hits = all.filter(
    (i) =>
      (!ids || ids.has(i.id)) &&
      (!names || names.has(i.name)) &&
      (!filter.status?.length || filter.status.includes(i.status)) &&
      (!filter.type?.length || filter.type.includes(i.type)) &&
      (from === undefined || createdAt(i) >= from) &&
      (to === undefined || createdAt(i) <= to) &&
      terms.every((t) => holds(i, t)),
  );
  const sort = filter.sort?.length ? filter.sort : [{ field: 'id', asc: false }];
  hits.sort((a, b) => {
    for (const { field, asc } of sort) {
      const d = field === 'id' ? byNumericId(a, b) : compareValues(valueOf(a, field), valueOf(b, field));
      if (d !== 0) return asc ? d : -d;
    }
    return byNumericId(a, b);
  });
  const size = filter.size ?? 50;
  const page = filter.page ?? 0;
  return { data: hits.slice(page * size, page * size + size), total: hits.length };
}
