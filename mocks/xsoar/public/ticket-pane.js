// @ts-check
// The third-party side, drawn from the vendor's ticket view (fields, sorts, actions as data): any
// vendor fake that describes its records this way gets the same list, detail and forms.
import { api } from './api.js';
import { $, capitalized } from './dom.js';
import { definitionList, detailHead, fieldRows, thread } from './record-detail.js';
import { createRecordPane } from './record-pane.js';

/**
 * @typedef {import('./view.js').Rec} Rec
 * @typedef {import('./view.js').TicketView} TicketView
 * @typedef {{ ticket: Rec, comments: Rec[] }} TicketPage
 */

/**
 * @param {TicketView} view
 * @param {TicketPage} page
 */
function renderData(view, { ticket, comments }) {
  const c = view.comments;
  return [
    detailHead(ticket[view.title], ticket.id, 'ticket-name'),
    ...definitionList('Fields', fieldRows(view.fields, ticket, 'ticket-field', [view.title])),
    ...thread(
      'Comments',
      comments.map((comment) => ({
        who: comment[c.author],
        at: comment[c.at],
        body: comment[c.body],
        flags: c.internal && comment[c.internal] ? ['internal'] : [],
        cls: c.internal && comment[c.internal] ? 'internal' : '',
      })),
      'No comments yet.',
      'comment',
    ),
  ];
}

/**
 * @param {TicketView} view
 * @param {import('./record-forms.js').ActionKind} kind
 * @param {string} id
 * @param {Record<string, unknown>} v
 * @returns {Promise<string>}
 */
async function send(view, kind, id, v) {
  const path = `/remote/tickets/${encodeURIComponent(id)}`;
  if (kind === 'edit') {
    await api('PATCH', path, { [String(v.field)]: v.value });
    return `${id}: ${v.field} saved`;
  }
  if (kind === 'comment') {
    await api('POST', `${path}/comments`, v);
    return `Comment added to ${id}`;
  }
  await api('POST', `${path}/${kind}`, kind === 'close' ? v : {});
  return `${capitalized(view.noun)} ${id} ${kind === 'close' ? 'closed' : 'reopened'}`;
}

/**
 * @param {{ name: string, view: TicketView }} remote
 * @param {{ onSelect: (ticket: Rec) => void, refresh: () => void }} hooks
 */
export function createTicketPane({ name, view }, { onSelect, refresh }) {
  $('remote-name').textContent = name;
  $('remote-noun').textContent = `${capitalized(view.noun)}s`;
  return createRecordPane({
    name: 'ticket',
    view,
    rowId: (r) => r.id,
    detailPath: (id) => `/remote/tickets/${encodeURIComponent(id)}`,
    recordOf: (/** @type {TicketPage} */ page) => page.ticket,
    renderData: (page) => renderData(view, page),
    actionsFor: () => view.actions,
    send: (kind, id, values) => send(view, kind, id, values),
    loadPage: ({ sort, page, size }) =>
      api('GET', `/remote/tickets?sort=${encodeURIComponent(sort.key)}&page=${page}&size=${size}`),
    onSelect,
    refresh,
  });
}
