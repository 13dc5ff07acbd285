/**
 * The incident filter of `POST /incidents/search` (the `IncidentFilter` of the server's public
 * swagger, demisto/demisto-py `server_api_swagger.json`), on a list of incidents. `query` takes the
 * simple form of XSOAR's query language: `field:value` terms (quoted values allowed) joined by
 * AND, bare words matched against the name.
 */
import type { Incident, Json } from '../../harness/index.ts';

export interface IncidentFilter {
  id?: string[] | undefined;
  name?: string[] | undefined;
  status?: number[] | undefined;
  type?: string[] | undefined;
  query?: string | undefined;
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

function queryTerms(query: string): { field?: string; value: string }[] {
  const terms: { field?: string; value: string }[] = [];
  for (const m of query.matchAll(/(?:([A-Za-z0-9_.]+):)?(?:"([^"]*)"|(\S+))/g)) {
    const value = m[2] ?? m[3] ?? '';
    if (!m[1] && value.toLowerCase() === 'and') continue;
    terms.push(m[1] ? { field: m[1], value } : { value });
  }
  return terms;
}

const byNumericId = (a: Incident, b: Incident) => Number(a.id) - Number(b.id) || a.id.localeCompare(b.id);

export function searchIncidents(
  all: Incident[],
  filter: IncidentFilter,
): { data: Incident[]; total: number } {
  const terms = filter.query ? queryTerms(filter.query) : [];
  const hits = all.filter(
    (i) =>
      (!filter.id?.length || filter.id.includes(i.id)) &&
      (!filter.name?.length || filter.name.includes(i.name)) &&
      (!filter.status?.length || filter.status.includes(i.status)) &&
      (!filter.type?.length || filter.type.includes(i.type)) &&
      terms.every((t) =>
        t.field ? matchesTerm(i, t.field, t.value) : i.name.toLowerCase().includes(t.value.toLowerCase()),
      ),
  );
  const sort = filter.sort?.length ? filter.sort : [{ field: 'id', asc: false }];
  hits.sort((a, b) => {
    for (const { field, asc } of sort) {
      const d =
        field === 'id'
          ? byNumericId(a, b)
          : String(valueOf(a, field)).localeCompare(String(valueOf(b, field)));
      if (d !== 0) return asc ? d : -d;
    }
    return byNumericId(a, b);
  });
  const size = filter.size ?? 50;
  const page = filter.page ?? 0;
  return { data: hits.slice(page * size, page * size + size), total: hits.length };
}
