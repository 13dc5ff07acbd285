/**
 * Every write to the helpdesk, for the API and the direct actions alike, so both stamp the same
 * way: times from the shared clock, `version` bumped, the parent ticket touched by comments and
 * attachments (modified-since polling must see them). Invalid input throws HttpError and changes
 * nothing.
 */
import { HttpError, isPrototypeKey, own } from '../../shared/index.ts';
import {
  DONE_STATUSES,
  type Attachment,
  type AttachmentInput,
  type Comment,
  type CommentInput,
  type HelpdeskState,
  type StoredAttachment,
  type Ticket,
  type TicketInput,
  type TicketPatch,
} from './model.ts';
import {
  parseTime,
  toAttachmentInput,
  toCloseInput,
  toCommentInput,
  toTicketInput,
  toTicketPatch,
} from './validate.ts';

export interface TicketBook {
  get(id: string): Ticket | undefined;
  /** Like get, but a missing ticket is a 404. */
  require(id: string): Ticket;
  /** Like require, without the copy: the stored ticket, for an answer serialised at once (jsonReply). */
  read(id: string): Readonly<Ticket>;
  /** Every stored ticket, not copied, for a list query to filter (not to change). */
  all(): readonly Readonly<Ticket>[];
  create(input: TicketInput, options?: { allowSeedFields?: boolean }): Ticket;
  update(id: string, patch: TicketPatch): Ticket;
  close(id: string, reason?: string, notes?: string): Ticket;
  reopen(id: string): Ticket;
  remove(id: string): void;
  comment(id: string, input: CommentInput): Comment;
  comments(id: string): Comment[];
  attach(id: string, input: AttachmentInput): Attachment;
  attachments(id: string): Attachment[];
  attachment(id: string, attachmentId: string): StoredAttachment;
}

export function createTicketBook(
  state: () => HelpdeskState,
  clock: { now(): number },
  changed: () => void,
): TicketBook {
  const stamp = () => new Date(clock.now()).toISOString();

  function require(id: string): Ticket {
    const ticket = own(state().tickets, id);
    if (!ticket)
      throw new HttpError(
        404,
        'not_found',
        `helpdesk: failed to find ticket ${id}: no such ticket. List tickets with GET /api/v1/tickets.`,
      );
    return ticket;
  }

  /**
   * The stored tickets as a list, kept beside the record (the persisted shape): Object.values of a
   * record of 10,000 tickets costs milliseconds (V8 sorts a big object's keys to list them), and a
   * mirror cycle lists once per get-modified-remote-data. Valid for one record object: a restore, a
   * reset or a rolled-back change replaces it, and the list is made again.
   */
  let listed: { of: Record<string, Ticket>; all: Ticket[] } | undefined;

  function all(): Ticket[] {
    const tickets = state().tickets;
    if (listed?.of !== tickets) listed = { of: tickets, all: Object.values(tickets) };
    return listed.all;
  }

  function touch(ticket: Ticket, at: string): void {
    ticket.updated_at = at;
    ticket.version += 1;
  }

  return {
    get: (id) => {
      const t = own(state().tickets, id);
      return t ? structuredClone(t) : undefined;
    },
    require: (id) => structuredClone(require(id)),
    read: require,
    all,

    create(raw, { allowSeedFields = true } = {}) {
      const input = toTicketInput(raw, { allowSeedFields });
      const s = state();
      let id = input.id;
      if (id !== undefined && isPrototypeKey(id))
        throw new HttpError(
          400,
          'invalid_request',
          `helpdesk: failed to create ticket: id ${JSON.stringify(id)} is reserved. Use an id like T-100.`,
        );
      if (id !== undefined && own(s.tickets, id))
        throw new HttpError(
          409,
          'duplicate_id',
          `helpdesk: failed to create ticket: id ${id} already exists. Leave "id" out to get the next free one.`,
        );
      if (id === undefined) {
        do id = `T-${s.nextTicket++}`;
        while (own(s.tickets, id));
      }
      const now = stamp();
      const created =
        input.created_at !== undefined ? new Date(parseTime(input.created_at)!).toISOString() : now;
      const status = input.status ?? 'new';
      const done = DONE_STATUSES.includes(status);
      const ticket: Ticket = {
        id,
        title: input.title,
        description: input.description ?? '',
        status,
        severity: input.severity ?? 'medium',
        assignee: input.assignee ?? null,
        tags: [...(input.tags ?? [])],
        created_at: created,
        updated_at: created,
        closed_at: done ? created : null,
        close_reason: null,
        close_notes: null,
        version: 1,
      };
      s.tickets[id] = ticket;
      if (listed?.of === s.tickets) listed.all.push(ticket);
      changed();
      return structuredClone(ticket);
    },

    update(id, raw) {
      const patch = toTicketPatch(raw);
      const ticket = require(id);
      if (patch.version !== undefined && patch.version !== ticket.version) {
        throw new HttpError(
          409,
          'version_conflict',
          `helpdesk: failed to update ticket ${id}: version ${patch.version} is stale, the ticket is at version ${ticket.version}. Read the ticket again and retry.`,
        );
      }
      const now = stamp();
      const { version: _expected, ...fields } = patch;
      const wasDone = DONE_STATUSES.includes(ticket.status);
      Object.assign(ticket, fields, fields.tags ? { tags: [...fields.tags] } : {});
      const isDone = DONE_STATUSES.includes(ticket.status);
      if (isDone && !wasDone) ticket.closed_at = now;
      if (!isDone && wasDone)
        Object.assign(ticket, { closed_at: null, close_reason: null, close_notes: null });
      touch(ticket, now);
      changed();
      return structuredClone(ticket);
    },

    close(id, reason, notes) {
      const input = toCloseInput({
        ...(reason !== undefined ? { reason } : {}),
        ...(notes !== undefined ? { notes } : {}),
      });
      const ticket = require(id);
      if (ticket.status === 'closed') {
        throw new HttpError(
          409,
          'invalid_transition',
          `helpdesk: failed to close ticket ${id}: it is already closed. Reopen it first, or PATCH close fields.`,
        );
      }
      const now = stamp();
      // resolved → closed keeps the first closed_at: the ticket was done since then.
      Object.assign(ticket, {
        status: 'closed',
        closed_at: ticket.closed_at ?? now,
        close_reason: input.reason ?? null,
        close_notes: input.notes ?? null,
      });
      touch(ticket, now);
      changed();
      return structuredClone(ticket);
    },

    reopen(id) {
      const ticket = require(id);
      if (!DONE_STATUSES.includes(ticket.status)) {
        throw new HttpError(
          409,
          'invalid_transition',
          `helpdesk: failed to reopen ticket ${id}: it is ${ticket.status}, not resolved or closed. Only done tickets can be reopened.`,
        );
      }
      Object.assign(ticket, { status: 'open', closed_at: null, close_reason: null, close_notes: null });
      touch(ticket, stamp());
      changed();
      return structuredClone(ticket);
    },

    remove(id) {
      require(id);
      const s = state();
      delete s.tickets[id];
      listed = undefined;
      delete s.comments[id];
      delete s.attachments[id];
      changed();
    },

    comment(id, raw) {
      const input = toCommentInput(raw);
      const ticket = require(id);
      const s = state();
      const now = stamp();
      const comment: Comment = {
        id: `C-${s.nextComment++}`,
        ticket_id: id,
        author: input.author ?? 'api',
        body: input.body,
        internal: input.internal ?? false,
        created_at: now,
      };
      (s.comments[id] ??= []).push(comment);
      touch(ticket, now);
      changed();
      return { ...comment };
    },

    comments: (id) => {
      require(id);
      return (state().comments[id] ?? []).map((c) => ({ ...c }));
    },

    attach(id, raw) {
      const input = toAttachmentInput(raw);
      const ticket = require(id);
      const s = state();
      const now = stamp();
      const content = input.content_base64.replace(/\s+/g, '');
      const stored: StoredAttachment = {
        id: `A-${s.nextAttachment++}`,
        ticket_id: id,
        name: input.name,
        content_type: input.content_type ?? 'application/octet-stream',
        size: Buffer.from(content, 'base64').length,
        created_at: now,
        content_base64: content,
      };
      (s.attachments[id] ??= []).push(stored);
      touch(ticket, now);
      changed();
      return withoutContent(stored);
    },

    attachments: (id) => {
      require(id);
      return (state().attachments[id] ?? []).map(withoutContent);
    },

    attachment(id, attachmentId) {
      require(id);
      const found = (state().attachments[id] ?? []).find((a) => a.id === attachmentId);
      if (!found)
        throw new HttpError(
          404,
          'not_found',
          `helpdesk: failed to find attachment ${attachmentId} of ticket ${id}: no such attachment. List them with GET /api/v1/tickets/${id}/attachments.`,
        );
      return { ...found };
    },
  };
}

function withoutContent(a: StoredAttachment): Attachment {
  const { content_base64: _bytes, ...meta } = a;
  return meta;
}
