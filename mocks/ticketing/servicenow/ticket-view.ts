/**
 * How the dashboard shows and edits ServiceNow incidents (see TicketView in mocks/shared): the
 * incident table's raw values with the platform's choice labels. Times are ServiceNow's stored
 * `YYYY-MM-DD HH:MM:SS` (UTC), shown as text: that format sorts as text in time order.
 */
import type { TicketView, Tone, ViewOption } from '../../shared/index.ts';
import { CHOICES } from './model.ts';
import { TICKET_TABLES } from './tables.ts';

const incident = TICKET_TABLES.incident!;

const STATE_TONE: Record<string, Tone> = { '1': 'good', '2': 'good', '3': 'warn' };
const LEVEL_TONE: Record<string, Tone> = { '1': 'bad', '2': 'warn', '3': 'info', '4': 'info', '5': 'muted' };

/** A choice field's options in the platform's order, toned by `tones` (muted when not listed). */
const choices = (labels: Readonly<Record<string, string>>, tones: Record<string, Tone>): ViewOption[] =>
  Object.entries(labels).map(([value, label]) => ({ value, label, tone: tones[value] ?? 'muted' }));

export const SERVICENOW_TICKET_VIEW: TicketView = {
  noun: 'incident',
  title: 'short_description',
  badges: ['priority', 'state'],
  fields: [
    { key: 'number', label: 'Number', type: 'text' },
    { key: 'short_description', label: 'Short description', type: 'text', editable: true },
    {
      key: 'state',
      label: 'State',
      type: 'choice',
      editable: true,
      options: choices(incident.states, STATE_TONE),
    },
    {
      key: 'urgency',
      label: 'Urgency',
      type: 'choice',
      editable: true,
      options: choices(CHOICES.urgency!, LEVEL_TONE),
    },
    {
      key: 'impact',
      label: 'Impact',
      type: 'choice',
      editable: true,
      options: choices(CHOICES.impact!, LEVEL_TONE),
    },
    // Derived by the platform from impact and urgency, so not edited directly.
    { key: 'priority', label: 'Priority', type: 'choice', options: choices(CHOICES.priority!, LEVEL_TONE) },
    { key: 'assigned_to', label: 'Assigned to (sys_id)', type: 'text', editable: true },
    { key: 'description', label: 'Description', type: 'longtext', editable: true },
    { key: 'sys_created_on', label: 'Created (UTC)', type: 'text' },
    { key: 'sys_updated_on', label: 'Updated (UTC)', type: 'text' },
    { key: 'close_code', label: 'Close code', type: 'text', hideEmpty: true },
    { key: 'close_notes', label: 'Close notes', type: 'text', hideEmpty: true },
  ],
  sorts: [
    { key: 'number', label: 'Number', field: 'number', by: 'id' },
    { key: 'updated', label: 'Last update', field: 'sys_updated_on', by: 'text', descending: true },
    { key: 'priority', label: 'Priority', field: 'priority', by: 'option' },
    { key: 'state', label: 'State', field: 'state', by: 'option' },
    { key: 'title', label: 'Short description', field: 'short_description', by: 'text' },
  ],
  actions: [
    {
      kind: 'comment',
      label: 'Comment',
      inputs: [
        { name: 'body', label: 'Comment', type: 'text', required: true },
        { name: 'internal', label: 'work note', type: 'checkbox' },
      ],
    },
    {
      kind: 'close',
      label: 'Close incident',
      when: 'open',
      inputs: [
        { name: 'reason', label: 'Close code', type: 'text', value: 'Solved (Permanently)' },
        { name: 'notes', label: 'Close notes', type: 'text' },
      ],
    },
    { kind: 'reopen', label: 'Reopen', when: 'closed', inputs: [] },
  ],
  closedWhen: { field: 'state', values: ['6', '7', '8'] },
  // `internal` is set by the dashboard's adapter from the kind's record view (element work_notes).
  comments: { body: 'value', author: 'sys_created_by', at: 'sys_created_on', internal: 'internal' },
};
