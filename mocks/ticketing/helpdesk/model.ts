/** The helpdesk's data model: what the API returns and what the state file holds. */
export const STATUSES = ['new', 'open', 'pending', 'resolved', 'closed'] as const;
export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type TicketStatus = (typeof STATUSES)[number];
export type TicketSeverity = (typeof SEVERITIES)[number];
/** Statuses that count as done: they carry `closed_at`, and reopen leaves them. */
export const DONE_STATUSES: readonly TicketStatus[] = ['resolved', 'closed'];

export interface Ticket {
  id: string;
  title: string;
  description: string;
  status: TicketStatus;
  severity: TicketSeverity;
  assignee: string | null;
  tags: string[];
  /** ISO-8601 UTC with milliseconds, stamped from the shared clock. */
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  close_reason: string | null;
  close_notes: string | null;
  /** Bumped on every write; PATCH may send it for optimistic concurrency (stale → 409). */
  version: number;
}

export interface Comment {
  id: string;
  ticket_id: string;
  author: string;
  body: string;
  internal: boolean;
  created_at: string;
}

export interface Attachment {
  id: string;
  ticket_id: string;
  name: string;
  content_type: string;
  size: number;
  created_at: string;
}

export interface StoredAttachment extends Attachment {
  content_base64: string;
}

/** What a creator gives: everything but the title is optional. `id` and `created_at` are for seeding. */
export interface TicketInput {
  id?: string;
  title: string;
  description?: string;
  status?: TicketStatus;
  severity?: TicketSeverity;
  assignee?: string | null;
  tags?: string[];
  /** Backdate a seeded ticket (history for look-back scenarios); the API refuses it. */
  created_at?: string;
}

export interface TicketPatch {
  title?: string;
  description?: string;
  status?: TicketStatus;
  severity?: TicketSeverity;
  assignee?: string | null;
  tags?: string[];
  /** Expected current version; a mismatch is a conflict. */
  version?: number;
}

export interface CommentInput {
  body: string;
  author?: string;
  internal?: boolean;
}

export interface AttachmentInput {
  name: string;
  content_type?: string;
  content_base64: string;
}

/** The whole helpdesk, JSON-serialisable: what snapshot/restore and persistence carry. */
export interface HelpdeskState {
  schema: 1;
  tickets: Record<string, Ticket>;
  comments: Record<string, Comment[]>;
  attachments: Record<string, StoredAttachment[]>;
  nextTicket: number;
  nextComment: number;
  nextAttachment: number;
}

export function emptyState(): HelpdeskState {
  return {
    schema: 1,
    tickets: {},
    comments: {},
    attachments: {},
    nextTicket: 1,
    nextComment: 1,
    nextAttachment: 1,
  };
}

/** Natural id order (T-2 before T-10) so paging by id reads the way people count. */
export function compareIds(a: string, b: string): number {
  const ma = /^(.*?)(\d+)$/.exec(a);
  const mb = /^(.*?)(\d+)$/.exec(b);
  if (ma && mb && ma[1] === mb[1]) {
    const d = Number(ma[2]) - Number(mb[2]);
    if (d !== 0) return d;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}
