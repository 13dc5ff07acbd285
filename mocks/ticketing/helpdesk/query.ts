/**
 * Listing tickets: filters, sort and paging. Cursor paging is keyset paging on (sort value, id),
 * so it is stable when many tickets share a timestamp and when tickets change between pages;
 * offset paging is there for clients that want it and has the usual caveats.
 */
import { HttpError } from '../../shared/index.ts';
import { compareIds, type Ticket } from './model.ts';
import { isStatus, parseTime } from './validate.ts';

export const SORT_FIELDS = ['id', 'created_at', 'updated_at', 'title', 'severity', 'status'] as const;
type SortField = (typeof SORT_FIELDS)[number];
const SEVERITY_RANK = { low: 1, medium: 2, high: 3, critical: 4 } as const;

export interface TicketFilter {
  /** Inclusive lower bound (`updated_at >= updated_since`), ISO-8601; a time without zone is UTC. */
  updated_since?: string;
  created_since?: string;
  /** One status or several, comma-separated. */
  status?: string;
  /** Case-insensitive substring of title or description. */
  q?: string;
  /** A field from SORT_FIELDS, `-` prefix for descending; ties always break by id. Default `id`. */
  sort?: string;
  /** Page size, default 50, at most 500. */
  limit?: number | string;
  cursor?: string;
  offset?: number | string;
}

export interface TicketPage {
  /** The stored tickets themselves: serialise them at once or copy them before handing them out. */
  data: Ticket[];
  total: number;
  /** Query of the next page (cursor or offset), or null on the last page. */
  next: Record<string, string> | null;
}

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 500;

function bad(reason: string, hint: string): never {
  throw new HttpError(400, 'invalid_query', `helpdesk: failed to list tickets: ${reason}. ${hint}`);
}

function integer(
  value: number | string | undefined,
  name: string,
  min: number,
  max: number,
): number | undefined {
  if (value === undefined) return undefined;
  const n = typeof value === 'number' ? value : /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(n) || n < min || n > max)
    bad(
      `${name} must be an integer ${min}..${max} (got ${JSON.stringify(value)})`,
      `Example: ?${name}=${min === 0 ? 0 : 50}.`,
    );
  return n;
}

function sortValue(t: Ticket, field: SortField): string | number {
  if (field === 'severity') return SEVERITY_RANK[t.severity];
  if (field === 'created_at' || field === 'updated_at') return Date.parse(t[field]);
  return t[field];
}

function compareBy(
  field: SortField,
  a: string | number,
  b: string | number,
  aId: string,
  bId: string,
): number {
  if (field === 'id') return compareIds(aId, bId);
  const d = a < b ? -1 : a > b ? 1 : 0;
  return d !== 0 ? d : compareIds(aId, bId);
}

interface Cursor {
  s: string;
  v: string | number;
  id: string;
}

function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

function decodeCursor(text: string, sort: string): Cursor {
  try {
    const c = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Cursor;
    if (
      typeof c.id === 'string' &&
      (typeof c.v === 'string' || typeof c.v === 'number') &&
      typeof c.s === 'string'
    ) {
      if (c.s !== sort)
        bad(
          `the cursor belongs to sort=${c.s}, not sort=${sort}`,
          'Keep the other query parameters as they were, or start again without a cursor.',
        );
      return c;
    }
  } catch (e) {
    if (e instanceof HttpError) throw e;
  }
  bad('the cursor is not one this helpdesk issued', 'Use the "next" link of the previous page as is.');
}

/** `toISOString`'s shape, which the book stores: such times compare as text, in time order. */
const CANONICAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * A test "stored time ≥ bound". The book's times are canonical ISO text, compared as strings
 * (a get-modified query filters every ticket, and 10,000 Date.parse calls were most of it);
 * anything else is parsed.
 */
function atOrAfter(bound: number | undefined): (stored: string) => boolean {
  if (bound === undefined) return () => true;
  const boundText = new Date(bound).toISOString();
  return (stored) =>
    stored.length === boundText.length && CANONICAL.test(stored)
      ? stored >= boundText
      : Date.parse(stored) >= bound;
}

export function listTickets(all: Iterable<Readonly<Ticket>>, filter: TicketFilter): TicketPage {
  const limit = integer(filter.limit, 'limit', 1, MAX_LIMIT) ?? DEFAULT_LIMIT;
  const offset = integer(filter.offset, 'offset', 0, Number.MAX_SAFE_INTEGER);
  if (offset !== undefined && filter.cursor !== undefined)
    bad('cursor and offset cannot be combined', 'Page with one or the other.');

  const sortText = filter.sort ?? 'id';
  const descending = sortText.startsWith('-');
  const field = (descending ? sortText.slice(1) : sortText) as SortField;
  if (!SORT_FIELDS.includes(field))
    bad(`cannot sort by "${sortText}"`, `Sort by one of ${SORT_FIELDS.join(', ')}, with "-" for descending.`);

  const since = (name: 'updated_since' | 'created_since') => {
    const raw = filter[name];
    if (raw === undefined) return undefined;
    const ms = parseTime(raw);
    if (ms === undefined)
      bad(
        `${name} is not an ISO-8601 time (got ${JSON.stringify(raw)})`,
        'Example: 2026-01-01T10:00:00.000Z.',
      );
    return ms;
  };
  const updatedSince = since('updated_since');
  const createdSince = since('created_since');
  const statuses = filter.status
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const s of statuses ?? [])
    if (!isStatus(s))
      bad(
        `unknown status "${s}"`,
        'Use new, open, pending, resolved or closed (comma-separated for several).',
      );
  const q = filter.q?.toLowerCase();

  const updatedAfter = atOrAfter(updatedSince);
  const createdAfter = atOrAfter(createdSince);
  const matching: Readonly<Ticket>[] = [];
  for (const t of all)
    if (
      updatedAfter(t.updated_at) &&
      createdAfter(t.created_at) &&
      (statuses === undefined || statuses.length === 0 || statuses.includes(t.status)) &&
      (q === undefined || t.title.toLowerCase().includes(q) || t.description.toLowerCase().includes(q))
    )
      matching.push(t);
  const sign = descending ? -1 : 1;
  // Sort values once per ticket, not twice per comparison (Date.parse in a comparator is n log n).
  const keys = new Map(matching.map((t) => [t, sortValue(t, field)]));
  const order = (a: Ticket, b: Ticket) => sign * compareBy(field, keys.get(a)!, keys.get(b)!, a.id, b.id);
  matching.sort(order);

  let start = offset ?? 0;
  if (filter.cursor !== undefined) {
    const c = decodeCursor(filter.cursor, sortText);
    // First ticket strictly after the cursor position; works even if the cursor's ticket is gone.
    start = matching.findIndex((t) => sign * compareBy(field, sortValue(t, field), c.v, t.id, c.id) > 0);
    if (start === -1) start = matching.length;
  }
  const data = matching.slice(start, start + limit);
  const last = data[data.length - 1];
  let next: Record<string, string> | null = null;
  if (last && start + limit < matching.length) {
    next =
      offset !== undefined
        ? { offset: String(start + limit) }
        : { cursor: encodeCursor({ s: sortText, v: sortValue(last, field), id: last.id }) };
  }
  return { data, total: matching.length, next };
}
