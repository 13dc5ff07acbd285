// @ts-check
// The XSOAR side described in the same terms as a vendor's ticket view (view.js), so both panes share
// the list, detail and form code. Status changes only through close and reopen, as on the server.

/** @type {import('./view.js').ViewOption[]} */
const SEVERITIES = [
  { value: 0, label: 'unknown', tone: 'muted' },
  { value: 0.5, label: 'info', tone: 'info' },
  { value: 1, label: 'low', tone: 'info' },
  { value: 2, label: 'medium', tone: 'warn' },
  { value: 3, label: 'high', tone: 'bad' },
  { value: 4, label: 'critical', tone: 'bad' },
];

/** @type {import('./view.js').ViewOption[]} */
const STATUSES = [
  { value: 0, label: 'pending', tone: 'warn' },
  { value: 1, label: 'active', tone: 'good' },
  { value: 2, label: 'closed', tone: 'muted' },
  { value: 3, label: 'archive', tone: 'muted' },
];

/** The close reasons XSOAR offers out of the box. */
const CLOSE_REASONS = ['Resolved', 'False Positive', 'Duplicate', 'Other'].map((r) => ({
  value: r,
  label: r,
}));

/** @type {import('./view.js').TicketView} */
export const INCIDENT_VIEW = {
  noun: 'incident',
  title: 'name',
  badges: ['severity', 'status'],
  fields: [
    { key: 'name', label: 'Name', type: 'text', editable: true },
    { key: 'status', label: 'Status', type: 'choice', options: STATUSES },
    { key: 'severity', label: 'Severity', type: 'choice', options: SEVERITIES, editable: true },
    { key: 'owner', label: 'Owner', type: 'text', editable: true },
    { key: 'details', label: 'Details', type: 'longtext', editable: true },
    { key: 'occurred', label: 'Occurred', type: 'date', editable: true },
    { key: 'type', label: 'Type', type: 'text', hideEmpty: true },
    { key: 'closeReason', label: 'Close reason', type: 'text', hideEmpty: true },
    { key: 'closeNotes', label: 'Close notes', type: 'text', hideEmpty: true },
  ],
  sorts: [
    { key: 'id', label: 'Id', field: 'id', by: 'id' },
    { key: 'modified', label: 'Last update', field: 'modified', by: 'time', descending: true },
    { key: 'severity', label: 'Severity', field: 'severity', by: 'option', descending: true },
    { key: 'status', label: 'Status', field: 'status', by: 'option' },
    { key: 'name', label: 'Name', field: 'name', by: 'text' },
  ],
  actions: [],
  closedWhen: { field: 'status', values: [2] },
  comments: { body: 'contents', author: 'user', at: 'created' },
};

/**
 * The actions on one incident: a note whose tag choices include the incident's mirror tags (a
 * tagged note is what mirror-out sends), close with a reason, reopen.
 * @param {string[] | null} mirrorTags
 * @returns {import('./view.js').ViewAction[]}
 */
export function incidentActions(mirrorTags) {
  const tags = [...new Set([...(mirrorTags ?? []), 'comment', 'work_note'])];
  return [
    {
      kind: 'comment',
      label: 'Add note',
      inputs: [
        { name: 'text', label: 'Note', type: 'text', required: true },
        {
          name: 'tag',
          label: 'Mirror tag',
          type: 'choice',
          options: [{ value: '', label: 'no tag' }, ...tags.map((t) => ({ value: t, label: t }))],
        },
      ],
    },
    {
      kind: 'close',
      label: 'Close incident',
      when: 'open',
      inputs: [
        { name: 'closeReason', label: 'Close reason', type: 'choice', options: CLOSE_REASONS },
        { name: 'closeNotes', label: 'Close notes', type: 'text' },
      ],
    },
    { kind: 'reopen', label: 'Reopen', when: 'closed', inputs: [] },
  ];
}
