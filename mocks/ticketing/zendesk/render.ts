/**
 * Records as the Zendesk API shows them: the JSON objects of the Tickets, Ticket Comments,
 * Attachments, Users, Organizations and Groups APIs, with absolute URLs on the origin the client
 * used and times in Zendesk's format.
 */
import type { Json } from '../../shared/index.ts';
import {
  zdTime,
  type ZdAttachment,
  type ZdComment,
  type ZdGroup,
  type ZdOrganization,
  type ZdTicket,
  type ZdUser,
  type ZendeskState,
} from './model.ts';

const api = (origin: string, path: string) => `${origin}/api/v2/${path}.json`;

export function renderTicket(state: ZendeskState, ticket: ZdTicket, origin: string): Record<string, Json> {
  const first = state.comments[ticket.id]?.[0];
  return {
    url: api(origin, `tickets/${ticket.id}`),
    id: ticket.id,
    external_id: ticket.external_id,
    via: { channel: 'api', source: { from: {}, to: {}, rel: null } },
    created_at: zdTime(ticket.created_at),
    updated_at: zdTime(ticket.updated_at),
    type: ticket.type,
    subject: ticket.subject,
    raw_subject: ticket.subject,
    description: first?.body ?? '',
    priority: ticket.priority,
    status: ticket.status,
    recipient: ticket.recipient,
    requester_id: ticket.requester_id,
    submitter_id: ticket.submitter_id,
    assignee_id: ticket.assignee_id,
    organization_id: ticket.organization_id,
    group_id: ticket.group_id,
    collaborator_ids: ticket.collaborator_ids,
    follower_ids: ticket.follower_ids,
    email_cc_ids: ticket.email_cc_ids,
    forum_topic_id: ticket.forum_topic_id,
    problem_id: ticket.problem_id,
    has_incidents: false,
    is_public: (state.comments[ticket.id] ?? []).some((c) => c.public),
    due_at: ticket.due_at === null ? null : zdTime(ticket.due_at),
    tags: ticket.tags,
    custom_fields: ticket.custom_fields as Json,
    satisfaction_rating: null,
    sharing_agreement_ids: [],
    followup_ids: [],
    brand_id: 1,
    allow_channelback: false,
    allow_attachments: true,
    from_messaging_channel: false,
  };
}

export function renderAttachment(attachment: ZdAttachment, origin: string): Record<string, Json> {
  return {
    url: api(origin, `attachments/${attachment.id}`),
    id: attachment.id,
    file_name: attachment.file_name,
    content_url: `${origin}/attachments/token/${attachment.token}/?name=${encodeURIComponent(attachment.file_name)}`,
    mapped_content_url: `${origin}/attachments/token/${attachment.token}/?name=${encodeURIComponent(attachment.file_name)}`,
    content_type: attachment.content_type,
    size: attachment.size,
    width: null,
    height: null,
    inline: false,
    deleted: false,
    malware_access_override: false,
    malware_scan_result: 'malware_not_found',
    thumbnails: [],
  };
}

export function renderComment(state: ZendeskState, comment: ZdComment, origin: string): Record<string, Json> {
  return {
    id: comment.id,
    type: 'Comment',
    author_id: comment.author_id,
    body: comment.body,
    html_body: comment.html_body,
    plain_body: comment.body,
    public: comment.public,
    attachments: comment.attachment_ids
      .map((id) => state.attachments[id])
      .filter((a): a is ZdAttachment => a !== undefined)
      .map((a) => renderAttachment(a, origin)),
    audit_id: comment.id + 1_000_000,
    via: { channel: 'api', source: { from: {}, to: {}, rel: null } },
    created_at: zdTime(comment.created_at),
    metadata: {
      system: { client: comment.client, ip_address: '127.0.0.1', location: '', latitude: 0, longitude: 0 },
      custom: {},
    },
  };
}

export function renderUser(user: ZdUser, origin: string): Record<string, Json> {
  return {
    id: user.id,
    url: api(origin, `users/${user.id}`),
    name: user.name,
    email: user.email,
    role: user.role,
    role_type: user.role === 'end-user' ? null : 4,
    active: user.active,
    verified: true,
    organization_id: user.organization_id,
    time_zone: 'UTC',
    iana_time_zone: 'Etc/UTC',
    locale: 'en-US',
    tags: [],
    suspended: false,
    created_at: zdTime(user.created_at),
    updated_at: zdTime(user.updated_at),
  };
}

export function renderOrganization(org: ZdOrganization, origin: string): Record<string, Json> {
  return {
    id: org.id,
    url: api(origin, `organizations/${org.id}`),
    name: org.name,
    domain_names: org.domain_names,
    tags: org.tags,
    external_id: null,
    details: '',
    notes: '',
    shared_tickets: false,
    shared_comments: false,
    created_at: zdTime(org.created_at),
    updated_at: zdTime(org.updated_at),
  };
}

export function renderGroup(group: ZdGroup, origin: string): Record<string, Json> {
  return {
    id: group.id,
    url: api(origin, `groups/${group.id}`),
    name: group.name,
    description: '',
    default: false,
    deleted: false,
    is_public: group.is_public,
    created_at: zdTime(group.created_at),
    updated_at: zdTime(group.updated_at),
  };
}
