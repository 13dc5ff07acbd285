import { $, act, api, el, pill, state, time, toast } from './dom.js';

// ---------- remote side ----------
export function renderTickets() {
  $('ticket-count').textContent = `(${state.tickets.length})`;
  $('tickets').replaceChildren(
    ...state.tickets.map((t) =>
      el(
        'div',
        {
          class: `row ${t.id === state.ticketId ? 'selected' : ''}`,
          'data-testid': `ticket-row-${t.id}`,
          onclick: () => selectTicket(t.id),
        },
        el('span', { class: 'id' }, t.id),
        el('span', { class: 'title' }, t.title),
        pill(t.severity, `sev-${t.severity}`),
        pill(t.status, t.status),
      ),
    ),
  );
}
function renderTicketData(d) {
  const t = d.ticket;
  const fields = [
    ['Status', el('span', { 'data-testid': 'ticket-status' }, pill(t.status, t.status))],
    ['Severity', el('span', { 'data-testid': 'ticket-severity' }, pill(t.severity, `sev-${t.severity}`))],
    ['Assignee', t.assignee ?? '—'],
    ['Description', t.description || '—'],
    ['Tags', t.tags?.length ? t.tags.join(', ') : '—'],
    ['Updated', time(t.updated_at)],
    ['Version', t.version],
    ...(t.closed_at
      ? [
          ['Closed', time(t.closed_at)],
          ['Close reason', t.close_reason ?? '—'],
          ['Close notes', t.close_notes ?? '—'],
        ]
      : []),
  ];
  const comments = d.comments
    .slice()
    .reverse()
    .map((c) =>
      el(
        'li',
        { class: c.internal ? 'internal' : '', 'data-testid': 'comment' },
        el(
          'div',
          { class: 'meta' },
          el('b', {}, c.author),
          time(c.created_at),
          c.internal ? pill('internal', 'warn') : null,
        ),
        el('div', { class: 'body' }, c.body),
      ),
    );
  return [
    el('div', { class: 'detail-head' }, el('h4', {}, t.title), el('span', { class: 'id' }, t.id)),
    el('h3', {}, 'Fields'),
    el(
      'dl',
      { class: 'fields' },
      fields.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]),
    ),
    el('h3', {}, `Comments (${d.comments.length})`),
    d.comments.length
      ? el('ol', { class: 'entries' }, comments)
      : el('p', { class: 'empty' }, 'No comments yet.'),
  ];
}
function ticketActions(t) {
  const field = el(
    'select',
    { 'data-testid': 'ticket-edit-field' },
    ['severity', 'assignee', 'title', 'description', 'status'].map((f) => el('option', { value: f }, f)),
  );
  const value = el('input', {
    type: 'text',
    placeholder: 'new value (severity: low … critical)',
    'data-testid': 'ticket-edit-value',
  });
  const body = el('input', { type: 'text', placeholder: 'comment', 'data-testid': 'comment-text' });
  const internal = el('input', { type: 'checkbox', 'data-testid': 'comment-internal' });
  const reason = el('input', { type: 'text', value: 'resolved', 'data-testid': 'ticket-close-reason' });
  const notes = el('input', {
    type: 'text',
    placeholder: 'close notes',
    'data-testid': 'ticket-close-notes',
  });
  const id = t.id;
  return el(
    'div',
    { class: 'actions' },
    el(
      'form',
      {
        class: 'action',
        onsubmit: (ev) => {
          ev.preventDefault();
          act(`Ticket ${id}: ${field.value} updated`, () =>
            api('PATCH', `/remote/tickets/${id}`, { [field.value]: value.value }),
          );
          value.value = '';
        },
      },
      el('label', {}, 'Edit'),
      field,
      value,
      el('button', { class: 'primary', 'data-testid': 'ticket-edit-submit' }, 'Save'),
    ),
    el(
      'form',
      {
        class: 'action',
        onsubmit: (ev) => {
          ev.preventDefault();
          act(`Comment added to ${id}`, () =>
            api('POST', `/remote/tickets/${id}/comments`, { body: body.value, internal: internal.checked }),
          );
          body.value = '';
        },
      },
      el('label', {}, 'Comment'),
      body,
      el('label', {}, internal, ' internal'),
      el('button', { class: 'primary', 'data-testid': 'comment-submit' }, 'Add comment'),
    ),
    el(
      'form',
      {
        class: 'action',
        onsubmit: (ev) => {
          ev.preventDefault();
          act(`Ticket ${id} closed`, () =>
            api('POST', `/remote/tickets/${id}/close`, { reason: reason.value, notes: notes.value }),
          );
        },
      },
      el('label', {}, 'Close'),
      reason,
      notes,
      el('button', { class: 'danger', 'data-testid': 'ticket-close-submit' }, 'Close ticket'),
      el(
        'button',
        {
          type: 'button',
          'data-testid': 'ticket-reopen-submit',
          onclick: () => act(`Ticket ${id} reopened`, () => api('POST', `/remote/tickets/${id}/reopen`)),
        },
        'Reopen',
      ),
    ),
  );
}
export async function loadTicket(rebuildActions) {
  if (!state.ticketId) return;
  const d = await api('GET', `/remote/tickets/${encodeURIComponent(state.ticketId)}`);
  const box = $('ticket-detail');
  let data = box.querySelector('.data');
  if (!data || rebuildActions) {
    data = el('div', { class: 'data' });
    box.replaceChildren(data, ticketActions(d.ticket));
  }
  data.replaceChildren(...renderTicketData(d));
}
export function selectTicket(id, follow = true) {
  state.ticketId = id;
  renderTickets();
  loadTicket(true).catch((e) => toast(e.message, true));
  const incident = state.incidents.find((i) => i.dbotMirrorId === id);
  if (follow && incident) state.selectIncident(incident.id, false);
}
