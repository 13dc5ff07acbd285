/**
 * The Zendesk Support data model as the fake stores it: tickets, their comments (the first one is
 * the description), attachments and pending uploads, users, organizations and groups. Stored
 * close to the API's own JSON so rendering is a small step (see render.ts). Times are epoch ms
 * from the shared clock; the API shows them as Zendesk does, `2026-01-01T10:00:00Z`.
 */
import { HttpError } from '../../shared/index.ts';

export const STATUSES = ['new', 'open', 'pending', 'hold', 'solved', 'closed'] as const;
export type TicketStatus = (typeof STATUSES)[number];
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type TicketPriority = (typeof PRIORITIES)[number];
export const TICKET_TYPES = ['problem', 'incident', 'question', 'task'] as const;
export type TicketType = (typeof TICKET_TYPES)[number];

export interface ZdTicket {
  id: number;
  subject: string;
  /** null until set: Zendesk tickets need not have a priority or a type. */
  priority: TicketPriority | null;
  type: TicketType | null;
  /** 'deleted' only in the incremental export: a deleted ticket is gone from every other route. */
  status: TicketStatus | 'deleted';
  requester_id: number;
  submitter_id: number;
  assignee_id: number | null;
  organization_id: number | null;
  group_id: number | null;
  collaborator_ids: number[];
  follower_ids: number[];
  email_cc_ids: number[];
  tags: string[];
  custom_fields: { id: number; value: unknown }[];
  external_id: string | null;
  recipient: string | null;
  problem_id: number | null;
  forum_topic_id: number | null;
  due_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface ZdComment {
  id: number;
  ticket_id: number;
  author_id: number;
  body: string;
  html_body: string;
  public: boolean;
  attachment_ids: number[];
  /** The client (User-Agent) that wrote it: Zendesk v2 skips its own comments by this. */
  client: string;
  created_at: number;
}

export interface ZdAttachment {
  id: number;
  token: string;
  file_name: string;
  content_type: string;
  content_base64: string;
  size: number;
}

export interface ZdUpload {
  token: string;
  attachment_ids: number[];
  expires_at: number;
}

export interface ZdUser {
  id: number;
  name: string;
  email: string;
  role: 'end-user' | 'agent' | 'admin';
  organization_id: number | null;
  active: boolean;
  created_at: number;
  updated_at: number;
}

export interface ZdOrganization {
  id: number;
  name: string;
  domain_names: string[];
  tags: string[];
  created_at: number;
  updated_at: number;
}

export interface ZdGroup {
  id: number;
  name: string;
  is_public: boolean;
  created_at: number;
  updated_at: number;
}

export interface ZendeskState {
  tickets: Record<string, ZdTicket>;
  comments: Record<string, ZdComment[]>;
  attachments: Record<string, ZdAttachment>;
  uploads: Record<string, ZdUpload>;
  users: Record<string, ZdUser>;
  organizations: Record<string, ZdOrganization>;
  groups: Record<string, ZdGroup>;
  /** Next id per record type; Zendesk ids are integers, never reused. */
  next: { ticket: number; comment: number; attachment: number; user: number; org: number; group: number };
}

export function emptyState(): ZendeskState {
  return {
    tickets: {},
    comments: {},
    attachments: {},
    uploads: {},
    users: {},
    organizations: {},
    groups: {},
    next: { ticket: 1, comment: 10_001, attachment: 50_001, user: 360_001, org: 370_001, group: 380_001 },
  };
}

/** Zendesk's time format: ISO 8601 UTC to the second. */
export function zdTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

export function checkState(value: unknown): asserts value is ZendeskState {
  const s = value as Partial<ZendeskState> | null;
  const tables = ['tickets', 'comments', 'attachments', 'uploads', 'users', 'organizations', 'groups'];
  if (
    typeof s !== 'object' ||
    s === null ||
    tables.some((t) => typeof (s as Record<string, unknown>)[t] !== 'object') ||
    typeof s.next !== 'object'
  )
    throw new HttpError(
      400,
      'InvalidState',
      `zendesk: a state is { ${tables.join(', ')}, next } as /admin/snapshot returns it`,
    );
}
