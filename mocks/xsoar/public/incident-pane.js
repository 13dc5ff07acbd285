// @ts-check
// The XSOAR side: incidents, the selected one's fields, mirroring state and War Room, and its forms.
import { api } from './api.js';
import { asText, el, pill, time } from './dom.js';
import { INCIDENT_VIEW, incidentActions } from './incident-view.js';
import { definitionList, detailHead, fieldRows, thread } from './record-detail.js';
import { createRecordPane } from './record-pane.js';

/**
 * @typedef {import('./view.js').Rec} Rec
 * @typedef {{ incident: Rec, entries: Rec[], mirrorRecord: Rec | null }} IncidentPage
 */

/** @param {string[] | null | undefined} list @param {string} cls */
const chips = (list, cls) =>
  list?.length
    ? el(
        'span',
        {},
        list.map((f) => pill(f, cls)),
      )
    : '—';

/** @param {IncidentPage} page */
function renderData({ incident: i, entries, mirrorRecord: rec }) {
  // Custom fields are shown like the remote's own fields: an empty list is a dash, not "[]".
  const custom = Object.entries(i.CustomFields ?? {}).map(
    ([k, v]) =>
      /** @type {[string, Node]} */ ([k, el('span', { 'data-testid': `incident-field-${k}` }, asText(v))]),
  );
  const mirror = /** @type {[string, Node | string][]} */ ([
    ['Direction', i.dbotMirrorDirection || 'none'],
    ['Remote id', i.dbotMirrorId || '—'],
    ['Instance', i.dbotMirrorInstance || '—'],
    ['Last sync', time(i.dbotMirrorLastSync)],
    ['Mirror tags', chips(i.dbotMirrorTags, 'tag')],
    ['Dirty fields', el('span', { 'data-testid': 'dirty-fields' }, chips(i.dbotDirtyFields, 'tone-warn'))],
    ['Pending push', chips(i.dbotCurrentDirtyFields, 'tone-warn')],
  ]);
  if (rec)
    mirror.push([
      'Pulls / pushes',
      `${rec.pulls} / ${rec.pushes}${rec.lastError ? ` · last error: ${rec.lastError}` : ''}`,
    ]);
  return [
    detailHead(i.name, `#${i.id}`, 'incident-name'),
    ...definitionList('Fields', [
      ...fieldRows(INCIDENT_VIEW.fields, i, 'incident-field', ['name']),
      ...custom,
    ]),
    ...definitionList('Mirroring', mirror),
    ...thread(
      'War Room',
      entries.map((e) => ({
        who: e.source === 'mirror-in' ? `from ${e.instance ?? 'remote'}` : e.user || e.source,
        at: e.created,
        body: asText(e.contents),
        markdown: e.format === 'markdown' && typeof e.contents === 'string',
        tags: e.tags,
        flags: e.note ? ['note'] : [],
        cls: e.source,
      })),
      'No entries yet.',
      'entry',
    ),
  ];
}

/**
 * @param {import('./record-forms.js').ActionKind} kind
 * @param {string} id
 * @param {Record<string, unknown>} v
 * @returns {Promise<string>}
 */
async function send(kind, id, v) {
  if (kind === 'edit') {
    await api('POST', '/xsoar/incident', { id, [String(v.field)]: v.value });
    return `Incident #${id}: ${v.field} saved`;
  }
  if (kind === 'comment') {
    const tags = v.tag ? [v.tag] : [];
    await api('POST', '/xsoar/entry', {
      investigationId: id,
      data: v.text,
      note: true,
      markdown: true,
      tags,
    });
    return `Note added to #${id}`;
  }
  if (kind === 'close') {
    await api('POST', '/xsoar/incident/close', { id, closeReason: v.closeReason, closeNotes: v.closeNotes });
    return `Incident #${id} closed`;
  }
  await api('POST', '/xsoar/incident/reopen', { id });
  return `Incident #${id} reopened`;
}

/**
 * @param {{ onSelect: (incident: Rec) => void, refresh: () => void }} hooks
 *   onSelect: the analyst picked an incident (the app shows its ticket); refresh: something changed
 */
export function createIncidentPane({ onSelect, refresh }) {
  return createRecordPane({
    name: 'incident',
    view: INCIDENT_VIEW,
    rowId: (r) => `#${r.id}`,
    detailPath: (id) => `/incident/${encodeURIComponent(id)}`,
    recordOf: (/** @type {IncidentPage} */ page) => page.incident,
    renderData,
    actionsFor: (incident) => incidentActions(incident.dbotMirrorTags),
    send,
    // The fake XSOAR's own search pages and sorts (numbers as numbers), ties by id as the list does.
    loadPage: ({ sort, page, size }) =>
      api('POST', '/xsoar/incidents/search', {
        filter: { page, size, sort: [{ field: sort.field, asc: !sort.descending }] },
      }),
    onSelect,
    refresh,
  });
}

/**
 * The incident mirroring a remote record, wherever it is in the list (the page may not hold it).
 * @param {string} remoteId
 * @returns {Promise<string | undefined>}
 */
export async function incidentIdFor(remoteId) {
  const found = await api('POST', '/xsoar/incidents/search', {
    filter: { query: `dbotMirrorId:"${remoteId}"`, size: 1, sort: [{ field: 'id', asc: true }] },
  });
  return found.data[0]?.id;
}
