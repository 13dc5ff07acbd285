/**
 * How the dashboard shows and edits Jira issues (see TicketView in mocks/shared), over the issue
 * records of issue-record.ts. Status moves through the workflow's transitions (an edit to Done
 * resolves the issue as "Done"); close is the transition to Done with a chosen resolution, reopen
 * the transition back to To Do, as Jira's own buttons do.
 */
import type { TicketView, Tone } from '../../shared/index.ts';
import { ISSUE_TYPES, PRIORITIES, RESOLUTIONS, STATUSES, type StatusName } from './model.ts';

const STATUS_TONE: Record<StatusName, Tone> = { 'To Do': 'info', 'In Progress': 'good', Done: 'muted' };
const PRIORITY_TONE: Record<(typeof PRIORITIES)[number], Tone> = {
  Highest: 'bad',
  High: 'warn',
  Medium: 'info',
  Low: 'muted',
  Lowest: 'muted',
};

export const JIRA_TICKET_VIEW: TicketView = {
  noun: 'issue',
  title: 'summary',
  badges: ['priority', 'status'],
  fields: [
    { key: 'key', label: 'Key', type: 'text' },
    { key: 'summary', label: 'Summary', type: 'text', editable: true },
    {
      key: 'status',
      label: 'Status',
      type: 'choice',
      editable: true,
      options: (Object.keys(STATUSES) as StatusName[]).map((s) => ({
        value: s,
        label: s,
        tone: STATUS_TONE[s],
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
      key: 'issueType',
      label: 'Issue type',
      type: 'choice',
      editable: true,
      options: ISSUE_TYPES.map((t) => ({ value: t, label: t })),
    },
    // Jira names people by account id; the name beside it is read-only.
    { key: 'assignee', label: 'Assignee (account id)', type: 'text', editable: true },
    { key: 'assigneeName', label: 'Assignee', type: 'text', hideEmpty: true },
    { key: 'labels', label: 'Labels', type: 'tags', editable: true },
    { key: 'description', label: 'Description', type: 'longtext', editable: true },
    { key: 'resolution', label: 'Resolution', type: 'text', hideEmpty: true },
    { key: 'created', label: 'Created', type: 'date' },
    { key: 'updated', label: 'Updated', type: 'date' },
  ],
  sorts: [
    { key: 'key', label: 'Key', field: 'key', by: 'id' },
    { key: 'updated', label: 'Last update', field: 'updated', by: 'time', descending: true },
    { key: 'priority', label: 'Priority', field: 'priority', by: 'option' },
    { key: 'status', label: 'Status', field: 'status', by: 'option' },
    { key: 'summary', label: 'Summary', field: 'summary', by: 'text' },
  ],
  actions: [
    // Jira Cloud comments have no internal flag of their own (that is Service Management's).
    {
      kind: 'comment',
      label: 'Comment',
      inputs: [{ name: 'body', label: 'Comment', type: 'text', required: true }],
    },
    {
      kind: 'close',
      label: 'Resolve (Done)',
      when: 'open',
      inputs: [
        {
          name: 'reason',
          label: 'Resolution',
          type: 'choice',
          value: 'Done',
          options: RESOLUTIONS.map((r) => ({ value: r, label: r })),
        },
      ],
    },
    { kind: 'reopen', label: 'Reopen (To Do)', when: 'closed', inputs: [] },
  ],
  closedWhen: { field: 'status', values: ['Done'] },
  comments: { body: 'body', author: 'authorName', at: 'created' },
};
