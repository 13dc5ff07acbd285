/** How the dashboard shows and edits helpdesk tickets (see TicketView in mocks/shared). */
import type { TicketView, Tone } from '../../shared/index.ts';
import { DONE_STATUSES, SEVERITIES, STATUSES, type TicketSeverity, type TicketStatus } from './model.ts';

const STATUS_TONE: Record<TicketStatus, Tone> = {
  new: 'good',
  open: 'good',
  pending: 'warn',
  resolved: 'muted',
  closed: 'muted',
};
const SEVERITY_TONE: Record<TicketSeverity, Tone> = {
  low: 'info',
  medium: 'warn',
  high: 'bad',
  critical: 'bad',
};

export const HELPDESK_TICKET_VIEW: TicketView = {
  noun: 'ticket',
  title: 'title',
  badges: ['severity', 'status'],
  fields: [
    { key: 'title', label: 'Title', type: 'text', editable: true },
    {
      key: 'status',
      label: 'Status',
      type: 'choice',
      editable: true,
      options: STATUSES.map((s) => ({ value: s, label: s, tone: STATUS_TONE[s] })),
    },
    {
      key: 'severity',
      label: 'Severity',
      type: 'choice',
      editable: true,
      options: SEVERITIES.map((s) => ({ value: s, label: s, tone: SEVERITY_TONE[s] })),
    },
    { key: 'assignee', label: 'Assignee', type: 'text', editable: true },
    { key: 'description', label: 'Description', type: 'longtext', editable: true },
    { key: 'tags', label: 'Tags', type: 'tags', editable: true },
    { key: 'created_at', label: 'Created', type: 'date' },
    { key: 'updated_at', label: 'Updated', type: 'date' },
    { key: 'version', label: 'Version', type: 'number' },
    { key: 'closed_at', label: 'Closed', type: 'date', hideEmpty: true },
    { key: 'close_reason', label: 'Close reason', type: 'text', hideEmpty: true },
    { key: 'close_notes', label: 'Close notes', type: 'text', hideEmpty: true },
  ],
  sorts: [
    { key: 'id', label: 'Id', field: 'id', by: 'id' },
    { key: 'updated', label: 'Last update', field: 'updated_at', by: 'time', descending: true },
    { key: 'severity', label: 'Severity', field: 'severity', by: 'option', descending: true },
    { key: 'status', label: 'Status', field: 'status', by: 'option' },
    { key: 'title', label: 'Title', field: 'title', by: 'text' },
  ],
  actions: [
    {
      kind: 'comment',
      label: 'Comment',
      inputs: [
        { name: 'body', label: 'Comment', type: 'text', required: true },
        { name: 'internal', label: 'internal', type: 'checkbox' },
      ],
    },
    {
      kind: 'close',
      label: 'Close ticket',
      when: 'open',
      inputs: [
        { name: 'reason', label: 'Close reason', type: 'text', value: 'resolved' },
        { name: 'notes', label: 'Close notes', type: 'text' },
      ],
    },
    { kind: 'reopen', label: 'Reopen', when: 'closed', inputs: [] },
  ],
  closedWhen: { field: 'status', values: [...DONE_STATUSES] },
  comments: { body: 'body', author: 'author', at: 'created_at', internal: 'internal' },
};
