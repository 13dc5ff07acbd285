/**
 * Zendesk's search syntax for tickets, pure: `type:ticket status<solved created>2026-01-01T10:00:00Z
 * priority:high tags:vip -tags:spam "exact phrase" order_by:updated sort:asc`. Terms are ANDed;
 * `-` negates; bare words and phrases match subject, description and comments. Anything the fake
 * does not understand is a 400 naming it, never silently ignored (a real account may ignore it,
 * which hides the mistake in a test).
 */
import { badRequest } from './errors.ts';
import { PRIORITIES, STATUSES, TICKET_TYPES, type ZdTicket } from './model.ts';

export type Operator = ':' | '>' | '<' | '>=' | '<=';
export interface Term {
  field: string | null;
  op: Operator;
  value: string;
  negate: boolean;
}
export interface SearchQuery {
  terms: Term[];
  orderBy?: string;
  sort?: 'asc' | 'desc';
}

/** What a term is evaluated against: the ticket plus lookups it needs. */
export interface SearchView {
  ticket: ZdTicket;
  /** Subject, description and every comment body, lower case. */
  text: string;
  userEmail(id: number | null): string | undefined;
  groupName(id: number | null): string | undefined;
  orgName(id: number | null): string | undefined;
}

const FIELDS = [
  'type',
  'status',
  'priority',
  'ticket_type',
  'created',
  'updated',
  'due_date',
  'tags',
  'tag',
  'subject',
  'description',
  'assignee',
  'requester',
  'submitter',
  'group',
  'organization',
  'external_id',
  'order_by',
  'sort',
];
const ORDER_FIELDS = ['created', 'updated', 'priority', 'status', 'ticket_type'];

function tokens(query: string): string[] {
  const out: string[] = [];
  for (const m of query.matchAll(/-?(?:[a-z_]+(?:>=|<=|:|>|<))?"[^"]*"|\S+/gi)) out.push(m[0]);
  return out;
}

export function parseSearch(query: string): SearchQuery {
  const parsed: SearchQuery = { terms: [] };
  for (const raw of tokens(query)) {
    const negate = raw.startsWith('-') && raw.length > 1;
    const body = negate ? raw.slice(1) : raw;
    const m = /^([a-z_]+)(>=|<=|:|>|<)(.*)$/i.exec(body);
    if (!m) {
      parsed.terms.push({ field: null, op: ':', value: unquote(body).toLowerCase(), negate });
      continue;
    }
    const field = m[1]!.toLowerCase();
    const op = m[2] as Operator;
    const value = unquote(m[3]!);
    if (!FIELDS.includes(field))
      throw badRequest(
        'InvalidSearch',
        `Invalid search: unsupported field "${field}" in "${raw}". The fake searches tickets by ${FIELDS.join(', ')}.`,
      );
    if (value === '') throw badRequest('InvalidSearch', `Invalid search: "${raw}" has no value.`);
    if (field === 'type') {
      if (op !== ':' || value !== 'ticket' || negate)
        throw badRequest(
          'InvalidSearch',
          `Invalid search: "${raw}": the fake searches tickets only (type:ticket).`,
        );
      continue;
    }
    if (field === 'order_by' || field === 'sort') {
      const allowed = field === 'sort' ? ['asc', 'desc'] : ORDER_FIELDS;
      if (op !== ':' || !allowed.includes(value))
        throw badRequest('InvalidSearch', `Invalid search: "${raw}": ${field} takes ${allowed.join(', ')}.`);
      if (field === 'sort') parsed.sort = value as 'asc' | 'desc';
      else parsed.orderBy = value;
      continue;
    }
    checkTerm(raw, field, op, value);
    parsed.terms.push({ field, op, value, negate });
  }
  return parsed;
}

function unquote(value: string): string {
  return value.startsWith('"') && value.endsWith('"') && value.length >= 2 ? value.slice(1, -1) : value;
}

const ORDERED: Record<string, readonly string[]> = { status: STATUSES, priority: PRIORITIES };
const DATE_FIELDS = ['created', 'updated', 'due_date'];

function checkTerm(raw: string, field: string, op: Operator, value: string): void {
  const bad = (why: string) => badRequest('InvalidSearch', `Invalid search: "${raw}": ${why}.`);
  if (DATE_FIELDS.includes(field)) {
    if (timeRange(value) === undefined)
      throw bad(
        'expected a date (2026-01-31) or a UTC time (2026-01-31T10:00:00Z); relative times are not supported by the fake',
      );
    return;
  }
  if (field in ORDERED) {
    const values = field === 'priority' ? [...PRIORITIES, 'none'] : STATUSES;
    if (!values.includes(value as never)) throw bad(`${field} is one of ${values.join(', ')}`);
    return;
  }
  if (op !== ':') throw bad(`${field} takes ":" only`);
  if (field === 'ticket_type' && !TICKET_TYPES.includes(value as never))
    throw bad(`ticket_type is one of ${TICKET_TYPES.join(', ')}`);
}

/** [start, end) in epoch seconds of a date (the whole UTC day) or a time (that second). */
export function timeRange(value: string): [number, number] | undefined {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const start = Date.parse(`${value}T00:00:00Z`);
    return Number.isNaN(start) ? undefined : [start / 1000, start / 1000 + 86_400];
  }
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/.test(value)) return undefined;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : [Math.floor(at / 1000), Math.floor(at / 1000) + 1];
}

function compare(actual: number, op: Operator, [start, end]: [number, number]): boolean {
  switch (op) {
    case ':':
      return actual >= start && actual < end;
    case '>':
      return actual >= end;
    case '>=':
      return actual >= start;
    case '<':
      return actual < start;
    case '<=':
      return actual < end;
  }
}

function person(value: string, id: number | null, email: (id: number | null) => string | undefined) {
  if (value === 'none') return id === null;
  return String(id) === value || email(id)?.toLowerCase() === value.toLowerCase();
}

function named(value: string, id: number | null, name: (id: number | null) => string | undefined) {
  if (value === 'none') return id === null;
  return String(id) === value || name(id)?.toLowerCase() === value.toLowerCase();
}

function termMatches(term: Term, view: SearchView): boolean {
  const { ticket } = view;
  const seconds = (ms: number | null) => (ms === null ? Number.NaN : Math.floor(ms / 1000));
  switch (term.field) {
    case null:
      return view.text.includes(term.value);
    case 'created':
      return compare(seconds(ticket.created_at), term.op, timeRange(term.value)!);
    case 'updated':
      return compare(seconds(ticket.updated_at), term.op, timeRange(term.value)!);
    case 'due_date':
      return ticket.due_at !== null && compare(seconds(ticket.due_at), term.op, timeRange(term.value)!);
    case 'status':
    case 'priority': {
      const order = ORDERED[term.field]!;
      const actual = ticket[term.field];
      if (term.value === 'none') return actual === null;
      if (actual === null || actual === 'deleted') return false;
      const a = order.indexOf(actual);
      const v = order.indexOf(term.value);
      return { ':': a === v, '>': a > v, '<': a < v, '>=': a >= v, '<=': a <= v }[term.op];
    }
    case 'ticket_type':
      return ticket.type === term.value;
    case 'tags':
    case 'tag':
      return ticket.tags.includes(term.value);
    case 'subject':
      return ticket.subject.toLowerCase().includes(term.value.toLowerCase());
    case 'description':
      return view.text.includes(term.value.toLowerCase());
    case 'assignee':
      return person(term.value, ticket.assignee_id, view.userEmail);
    case 'requester':
      return person(term.value, ticket.requester_id, view.userEmail);
    case 'submitter':
      return person(term.value, ticket.submitter_id, view.userEmail);
    case 'group':
      return named(term.value, ticket.group_id, view.groupName);
    case 'organization':
      return named(term.value, ticket.organization_id, view.orgName);
    case 'external_id':
      return ticket.external_id === term.value;
    default:
      return false;
  }
}

export function matchesSearch(query: SearchQuery, view: SearchView): boolean {
  return query.terms.every((term) => termMatches(term, view) !== term.negate);
}

/** The sort key of `sort_by` / `order_by`; ties by id so pages are stable. */
export function sortTickets(
  tickets: ZdTicket[],
  sortBy: string | undefined,
  order: 'asc' | 'desc',
): ZdTicket[] {
  const key = (t: ZdTicket): number | string => {
    switch (sortBy) {
      case 'created':
      case 'created_at':
        return t.created_at;
      case 'priority':
        return t.priority === null ? -1 : PRIORITIES.indexOf(t.priority);
      case 'status':
        return t.status === 'deleted' ? -1 : STATUSES.indexOf(t.status);
      case 'ticket_type':
        return t.type ?? '';
      default:
        return t.updated_at;
    }
  };
  const sign = order === 'asc' ? 1 : -1;
  return [...tickets].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    const c = ka < kb ? -1 : ka > kb ? 1 : 0;
    return c !== 0 ? c * sign : (a.id - b.id) * sign;
  });
}

export const SORT_BY = ['updated_at', 'created_at', 'priority', 'status', 'ticket_type'];
