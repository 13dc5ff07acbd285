/**
 * Ticket writes as Zendesk does them: create (the first comment is the description), update with
 * an optional new `comment` (public or private, with upload tokens), the status lifecycle
 * new → open/pending/hold → solved → closed (a closed ticket cannot be updated; nothing goes back to
 * new), deletion (gone from every route but the incremental export). Every change stamps
 * `updated_at` from the shared clock; bad values are 422 RecordInvalid and change nothing (the
 * caller runs these inside ctx.change, all or nothing).
 */
import { notFound, recordInvalid } from './errors.ts';
import {
  PRIORITIES,
  STATUSES,
  TICKET_TYPES,
  type TicketStatus,
  type ZdComment,
  type ZdTicket,
  type ZdUser,
  type ZendeskState,
} from './model.ts';

export interface CommentInput {
  body?: unknown;
  html_body?: unknown;
  public?: unknown;
  uploads?: unknown;
  author_id?: unknown;
}

/** Who writes and when: the authenticated user (or the fake's admin), the client, the clock. */
export interface WriteContext {
  now: number;
  authorId: number;
  client: string;
}

/** Seed-only fields: scenarios reproduce old tickets with their own ids and times. */
const SEED_FIELDS = ['id', 'created_at', 'updated_at', 'description'];

export function findTicket(state: ZendeskState, id: string | number): ZdTicket {
  const ticket = state.tickets[String(id).replace(/\.json$/, '')];
  if (!ticket || ticket.status === 'deleted') throw notFound();
  return ticket;
}

function userByEmail(state: ZendeskState, email: string): ZdUser | undefined {
  return Object.values(state.users).find((u) => u.email.toLowerCase() === email.toLowerCase());
}

function ensureUser(state: ZendeskState, who: unknown, now: number, field: string): number {
  const spec = typeof who === 'string' ? { email: who } : (who as { email?: unknown; name?: unknown });
  if (
    typeof spec !== 'object' ||
    spec === null ||
    typeof spec.email !== 'string' ||
    !spec.email.includes('@')
  )
    throw recordInvalid(field, `${field}: expected an email address or { name, email }`);
  const found = userByEmail(state, spec.email);
  if (found) return found.id;
  const id = state.next.user++;
  const name = typeof spec.name === 'string' ? spec.name : spec.email.split('@')[0]!;
  state.users[id] = {
    id,
    name,
    email: spec.email,
    role: 'end-user',
    organization_id: null,
    active: true,
    created_at: now,
    updated_at: now,
  };
  return id;
}

function idOf(
  state: ZendeskState,
  table: 'users' | 'groups' | 'organizations',
  value: unknown,
  field: string,
) {
  if (value === null) return null;
  const id = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof id !== 'number' || !state[table][id])
    throw recordInvalid(field, `${field}: ${JSON.stringify(value)} is not a valid ${table.slice(0, -1)}`);
  return id;
}

function oneOf<T extends string>(values: readonly T[], value: unknown, field: string, nullable = true) {
  if (value === null && nullable) return null;
  if (typeof value !== 'string' || !values.includes(value as T))
    throw recordInvalid(field, `${field}: ${JSON.stringify(value)} is not one of ${values.join(', ')}`);
  return value as T;
}

/** Applies the writable fields of a ticket body; unknown keys are ignored, as Zendesk does. */
function applyFields(
  state: ZendeskState,
  ticket: ZdTicket,
  input: Record<string, unknown>,
  now: number,
): void {
  const has = (k: string) => Object.hasOwn(input, k) && input[k] !== undefined;
  if (has('subject')) {
    if (typeof input.subject !== 'string') throw recordInvalid('subject', 'subject: expected a string');
    ticket.subject = input.subject;
  }
  if (has('priority')) ticket.priority = oneOf(PRIORITIES, input.priority, 'priority');
  if (has('type')) ticket.type = oneOf(TICKET_TYPES, input.type, 'type');
  if (has('tags')) {
    if (!Array.isArray(input.tags) || input.tags.some((t) => typeof t !== 'string'))
      throw recordInvalid('tags', 'tags: expected a list of strings');
    ticket.tags = [...new Set((input.tags as string[]).map((t) => t.toLowerCase().replace(/\s+/g, '_')))];
  }
  if (has('requester_id')) ticket.requester_id = idOf(state, 'users', input.requester_id, 'requester_id')!;
  if (has('requester')) ticket.requester_id = ensureUser(state, input.requester, now, 'requester');
  if (has('assignee_id')) ticket.assignee_id = idOf(state, 'users', input.assignee_id, 'assignee_id');
  if (has('assignee_email')) {
    const user = userByEmail(state, String(input.assignee_email));
    if (!user || user.role === 'end-user')
      throw recordInvalid('assignee', `assignee: ${String(input.assignee_email)} is not an agent`);
    ticket.assignee_id = user.id;
  }
  if (has('group_id')) ticket.group_id = idOf(state, 'groups', input.group_id, 'group_id');
  if (has('organization_id'))
    ticket.organization_id = idOf(state, 'organizations', input.organization_id, 'organization_id');
  for (const key of ['external_id', 'recipient'] as const)
    if (has(key)) ticket[key] = input[key] === null ? null : String(input[key]);
  for (const key of ['problem_id', 'forum_topic_id'] as const)
    if (has(key)) ticket[key] = input[key] === null ? null : Number(input[key]);
  if (has('due_at')) {
    const at = input.due_at === null ? null : Date.parse(String(input.due_at));
    if (at !== null && Number.isNaN(at)) throw recordInvalid('due_at', 'due_at: expected an ISO 8601 time');
    ticket.due_at = at;
  }
  if (has('custom_fields')) {
    if (!Array.isArray(input.custom_fields))
      throw recordInvalid('custom_fields', 'custom_fields: expected a list of { id, value }');
    for (const field of input.custom_fields as { id?: unknown; value?: unknown }[]) {
      const id = Number(field?.id);
      if (!Number.isInteger(id))
        throw recordInvalid('custom_fields', 'custom_fields: every entry needs an id');
      ticket.custom_fields = [...ticket.custom_fields.filter((f) => f.id !== id), { id, value: field.value }];
    }
  }
  if (has('collaborator_ids')) ticket.collaborator_ids = (input.collaborator_ids as unknown[]).map(Number);
}

function setStatus(ticket: ZdTicket, next: unknown, ctx: WriteContext): void {
  const status = oneOf(STATUSES, next, 'status', false) as TicketStatus;
  if (status === 'new' && ticket.status !== 'new')
    throw recordInvalid('status', 'Status: new is not valid for a ticket that is no longer new');
  // Solving needs an assignee; Zendesk assigns the agent who solves it.
  if ((status === 'solved' || status === 'closed') && ticket.assignee_id === null)
    ticket.assignee_id = ctx.authorId;
  ticket.status = status;
}

export function addComment(
  state: ZendeskState,
  ticket: ZdTicket,
  input: CommentInput,
  ctx: WriteContext,
): ZdComment {
  const body =
    typeof input.body === 'string' ? input.body : typeof input.html_body === 'string' ? input.html_body : '';
  const uploads = input.uploads === undefined ? [] : input.uploads;
  if (!Array.isArray(uploads))
    throw recordInvalid('comment', 'comment.uploads: expected a list of upload tokens');
  if (!body.trim() && uploads.length === 0) throw recordInvalid('comment', 'comment: body cannot be blank');
  const attachmentIds = uploads.flatMap((token) => {
    const upload = state.uploads[String(token)];
    if (!upload)
      throw recordInvalid('comment', `comment.uploads: unknown or used upload token ${String(token)}`);
    delete state.uploads[String(token)];
    return upload.attachment_ids;
  });
  const comment: ZdComment = {
    id: state.next.comment++,
    ticket_id: ticket.id,
    author_id: typeof input.author_id === 'number' ? input.author_id : ctx.authorId,
    body,
    html_body: `<div class="zd-comment"><p>${body.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p></div>`,
    public: input.public === undefined ? true : input.public === true || input.public === 'true',
    attachment_ids: attachmentIds,
    client: ctx.client,
    created_at: ctx.now,
  };
  (state.comments[ticket.id] ??= []).push(comment);
  return comment;
}

export function createTicket(
  state: ZendeskState,
  input: Record<string, unknown>,
  ctx: WriteContext,
  options: { allowSeedFields?: boolean } = {},
): ZdTicket {
  const seeded = options.allowSeedFields === true;
  const time = (key: string) =>
    seeded && input[key] !== undefined ? Date.parse(String(input[key])) : ctx.now;
  const requested = seeded && input.id !== undefined ? Number(input.id) : state.next.ticket;
  if (!Number.isInteger(requested) || state.tickets[requested])
    throw recordInvalid('id', `id: ${String(input.id)} is taken or not an integer`);
  const comment = (input.comment ?? (seeded ? { body: input.description } : undefined)) as
    CommentInput | undefined;
  if (typeof input.subject !== 'string' || !input.subject.trim())
    throw recordInvalid('subject', 'Subject: cannot be blank');
  if (!comment || (typeof comment.body !== 'string' && typeof comment.html_body !== 'string'))
    throw recordInvalid('description', 'Description: cannot be blank');
  const ticket: ZdTicket = {
    id: requested,
    subject: '',
    priority: null,
    type: null,
    status: 'new',
    requester_id: ctx.authorId,
    submitter_id: ctx.authorId,
    assignee_id: null,
    organization_id: null,
    group_id: null,
    collaborator_ids: [],
    follower_ids: [],
    email_cc_ids: [],
    tags: [],
    custom_fields: [],
    external_id: null,
    recipient: null,
    problem_id: null,
    forum_topic_id: null,
    due_at: null,
    created_at: time('created_at'),
    updated_at: time('updated_at'),
  };
  if (Number.isNaN(ticket.created_at) || Number.isNaN(ticket.updated_at))
    throw recordInvalid('created_at', 'created_at / updated_at: expected ISO 8601 times');
  const fields = Object.fromEntries(Object.entries(input).filter(([k]) => !SEED_FIELDS.includes(k)));
  applyFields(state, ticket, fields, ctx.now);
  if (input.status !== undefined)
    ticket.status = oneOf(STATUSES, input.status, 'status', false) as TicketStatus;
  else if (ticket.assignee_id !== null) ticket.status = 'open';
  state.tickets[ticket.id] = ticket;
  state.next.ticket = Math.max(state.next.ticket, ticket.id + 1);
  addComment(state, ticket, comment, { ...ctx, now: ticket.created_at, authorId: ticket.requester_id });
  return ticket;
}

export function updateTicket(
  state: ZendeskState,
  id: string | number,
  input: Record<string, unknown>,
  ctx: WriteContext,
): ZdTicket {
  const ticket = findTicket(state, id);
  if (ticket.status === 'closed') throw recordInvalid('status', 'Status: closed prevents ticket update');
  const before = JSON.stringify(ticket);
  const wasNew = ticket.status === 'new';
  applyFields(state, ticket, input, ctx.now);
  if (input.status !== undefined) setStatus(ticket, input.status, ctx);
  else if (wasNew && ticket.assignee_id !== null) ticket.status = 'open';
  const commented = input.comment !== undefined && input.comment !== null;
  if (commented) {
    const comment =
      typeof input.comment === 'string' ? { body: input.comment } : (input.comment as CommentInput);
    addComment(state, ticket, comment, ctx);
  }
  if (commented || JSON.stringify(ticket) !== before) ticket.updated_at = ctx.now;
  return ticket;
}

/** Deleted tickets leave a tombstone: the incremental export still lists them, as `deleted`. */
export function deleteTicket(state: ZendeskState, id: string | number, now: number): void {
  const ticket = findTicket(state, id);
  ticket.status = 'deleted';
  ticket.updated_at = now;
}
