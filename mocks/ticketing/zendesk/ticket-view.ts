/**
 * How the dashboard shows and edits Zendesk tickets (see TicketView in mocks/shared). The actions
 * are the ones the descriptor's `actions` accept and the fake carries out: a comment (private with
 * "internal"), and close, which in Zendesk is status `closed` with no reason or notes. No reopen:
 * Zendesk refuses any change to a closed ticket, and a solved one reopens by editing its status.
 */
import type { TicketView, Tone } from '../../shared/index.ts';
import { PRIORITIES, STATUSES, TICKET_TYPES, type TicketPriority, type TicketStatus } from './model.ts';

const STATUS_TONE: Record<TicketStatus, Tone> = {
  new: 'good',
  open: 'good',
  pending: 'warn',
  hold: 'warn',
  solved: 'muted',
  closed: 'muted',
};
const PRIORITY_TONE: Record<TicketPriority, Tone> = {
  low: 'info',
  normal: 'info',
  high: 'warn',
  urgent: 'bad',
};

export const ZENDESK_TICKET_VIEW: TicketView = {
  noun: 'ticket',
  title: 'subject',
  badges: ['priority', 'status'],
  fields: [
    { key: 'subject', label: 'Subject', type: 'text', editable: true },
    {
      key: 'status',
      label: 'Status',
      type: 'choice',
      editable: true,
      // Zendesk refuses `new` on a ticket that has left it, and a ticket leaves it on its first change.
      options: STATUSES.map((s) => ({
        value: s,
        label: s,
        tone: STATUS_TONE[s],
        ...(s === 'new' ? { settable: false } : {}),
      })),
    },
    {
      key: 'priority',
      label: 'Priority',
      type: 'choice',
      editable: true,
      options: PRIORITIES.map((p) => ({ value: p, label: p, tone: PRIORITY_TONE[p] })),
    },
    {
      key: 'type',
      label: 'Type',
      type: 'choice',
      editable: true,
      options: TICKET_TYPES.map((t) => ({ value: t, label: t })),
    },
    // Zendesk names people by user id; the fake's users are the seeded agents and requesters.
    { key: 'assignee_id', label: 'Assignee id', type: 'number', editable: true },
    { key: 'requester_id', label: 'Requester id', type: 'number' },
    { key: 'description', label: 'Description', type: 'longtext' },
    { key: 'tags', label: 'Tags', type: 'tags', editable: true },
    { key: 'created_at', label: 'Created', type: 'date' },
    { key: 'updated_at', label: 'Updated', type: 'date' },
  ],
  sorts: [
    { key: 'id', label: 'Id', field: 'id', by: 'id' },
    { key: 'updated', label: 'Last update', field: 'updated_at', by: 'time', descending: true },
    { key: 'priority', label: 'Priority', field: 'priority', by: 'option', descending: true },
    { key: 'status', label: 'Status', field: 'status', by: 'option' },
    { key: 'subject', label: 'Subject', field: 'subject', by: 'text' },
  ],
  actions: [
    {
      kind: 'comment',
      label: 'Comment',
      inputs: [
        { name: 'body', label: 'Comment', type: 'text', required: true },
        { name: 'internal', label: 'private', type: 'checkbox' },
      ],
    },
    { kind: 'close', label: 'Close ticket', when: 'open', inputs: [] },
  ],
  closedWhen: { field: 'status', values: ['solved', 'closed'] },
  // `internal` is set by the dashboard's adapter from the kind's record view (Zendesk says public: false).
  comments: { body: 'body', author: 'author_id', at: 'created_at', internal: 'internal' },
};
