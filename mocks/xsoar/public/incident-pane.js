import { $, act, api, asText, el, markdown, pill, SEVERITY, state, STATUS, time, toast } from './dom.js';

// ---------- XSOAR side ----------
export function renderIncidents() {
  $('incident-count').textContent = `(${state.incidents.length})`;
  $('incidents').replaceChildren(
    ...state.incidents.map((i) =>
      el(
        'div',
        {
          class: `row ${i.id === state.incidentId ? 'selected' : ''}`,
          'data-testid': `incident-row-${i.id}`,
          onclick: () => selectIncident(i.id),
        },
        el('span', { class: 'id' }, `#${i.id}`),
        el('span', { class: 'title' }, i.name),
        pill(SEVERITY[i.severity] ?? i.severity, `sev-${i.severity}`),
        pill(STATUS[i.status], STATUS[i.status]),
      ),
    ),
  );
}
function renderIncidentData(d) {
  const i = d.incident;
  const rec = d.mirrorRecord;
  const chips = (list, cls) => (list?.length ? list.map((f) => pill(f, cls)) : '—');
  const custom = Object.entries(i.CustomFields ?? {}).map(([k, v]) => [k, asText(v)]);
  const fields = [
    ['Status', pill(STATUS[i.status], STATUS[i.status])],
    ['Severity', pill(SEVERITY[i.severity] ?? i.severity, `sev-${i.severity}`)],
    ['Owner', i.owner || '—'],
    ['Details', i.details || '—'],
    ...custom,
    ...(i.status === 2
      ? [
          ['Close reason', i.closeReason || '—'],
          ['Close notes', i.closeNotes || '—'],
        ]
      : []),
  ];
  const mirror = [
    ['Direction', i.dbotMirrorDirection || 'none'],
    ['Remote id', i.dbotMirrorId || '—'],
    ['Instance', i.dbotMirrorInstance || '—'],
    ['Last sync', time(i.dbotMirrorLastSync)],
    ['Mirror tags', chips(i.dbotMirrorTags, 'tag')],
    ['Dirty fields', el('span', { 'data-testid': 'dirty-fields' }, chips(i.dbotDirtyFields, 'dirty'))],
    ['Pending push', chips(i.dbotCurrentDirtyFields, 'dirty')],
    ...(rec
      ? [
          [
            'Pulls / pushes',
            `${rec.pulls} / ${rec.pushes}${rec.lastError ? ` · last error: ${rec.lastError}` : ''}`,
          ],
        ]
      : []),
  ];
  const dl = (rows) =>
    el(
      'dl',
      { class: 'fields' },
      rows.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]),
    );
  const entries = d.entries
    .slice()
    .reverse()
    .map((e) =>
      el(
        'li',
        { class: e.source, 'data-testid': 'entry' },
        el(
          'div',
          { class: 'meta' },
          el('b', {}, e.source === 'mirror-in' ? `from ${e.instance ?? 'remote'}` : e.user || e.source),
          time(e.created),
          e.note ? pill('note') : null,
          ...e.tags.map((t) => pill(t, 'tag')),
        ),
        el(
          'div',
          { class: 'body' },
          e.format === 'markdown' && typeof e.contents === 'string'
            ? markdown(e.contents)
            : asText(e.contents),
        ),
      ),
    );
  return [
    el(
      'div',
      { class: 'detail-head' },
      el('h4', { 'data-testid': 'incident-name' }, i.name),
      el('span', { class: 'id' }, `#${i.id}`),
    ),
    el('h3', {}, 'Fields'),
    dl(fields),
    el('h3', {}, 'Mirroring'),
    dl(mirror),
    el('h3', {}, `War Room (${d.entries.length})`),
    d.entries.length
      ? el('ol', { class: 'entries' }, entries)
      : el('p', { class: 'empty' }, 'No entries yet.'),
  ];
}
function incidentActions(i) {
  const field = el(
    'select',
    { 'data-testid': 'edit-field' },
    ['severity', 'owner', 'details', 'name'].map((f) => el('option', { value: f }, f)),
  );
  const value = el('input', {
    type: 'text',
    placeholder: 'new value (severity: 1-4)',
    'data-testid': 'edit-value',
  });
  const note = el('input', { type: 'text', placeholder: 'note text', 'data-testid': 'note-text' });
  const tags = [...new Set([...(i.dbotMirrorTags ?? []), 'comment', 'work_note'])];
  const tag = el(
    'select',
    { 'data-testid': 'note-tag' },
    el('option', { value: '' }, 'no tag'),
    tags.map((t) => el('option', { value: t }, t)),
  );
  const reason = el(
    'select',
    { 'data-testid': 'close-reason' },
    ['Resolved', 'False Positive', 'Duplicate', 'Other'].map((r) => el('option', { value: r }, r)),
  );
  const notes = el('input', { type: 'text', placeholder: 'close notes', 'data-testid': 'close-notes' });
  const id = i.id;
  return el(
    'div',
    { class: 'actions' },
    el(
      'form',
      {
        class: 'action',
        onsubmit: (ev) => {
          ev.preventDefault();
          const f = field.value;
          const v = f === 'severity' ? Number(value.value) : value.value;
          act(`Incident #${id}: ${f} updated`, () => api('POST', '/xsoar/incident', { id, [f]: v }));
          value.value = '';
        },
      },
      el('label', {}, 'Edit'),
      field,
      value,
      el('button', { class: 'primary', 'data-testid': 'edit-submit' }, 'Save'),
    ),
    el(
      'form',
      {
        class: 'action',
        onsubmit: (ev) => {
          ev.preventDefault();
          const body = {
            investigationId: id,
            data: note.value,
            note: true,
            markdown: true,
            tags: tag.value ? [tag.value] : [],
          };
          act(`Note added to #${id}`, () => api('POST', '/xsoar/entry', body));
          note.value = '';
        },
      },
      el('label', {}, 'Note'),
      note,
      tag,
      el('button', { class: 'primary', 'data-testid': 'note-submit' }, 'Add note'),
    ),
    el(
      'form',
      {
        class: 'action',
        onsubmit: (ev) => {
          ev.preventDefault();
          act(`Incident #${id} closed`, () =>
            api('POST', '/xsoar/incident/close', { id, closeReason: reason.value, closeNotes: notes.value }),
          );
        },
      },
      el('label', {}, 'Close'),
      reason,
      notes,
      el('button', { class: 'danger', 'data-testid': 'close-submit' }, 'Close incident'),
      el(
        'button',
        {
          type: 'button',
          'data-testid': 'reopen-submit',
          onclick: () => act(`Incident #${id} reopened`, () => api('POST', '/xsoar/incident/reopen', { id })),
        },
        'Reopen',
      ),
    ),
  );
}
export async function loadIncident(rebuildActions) {
  if (!state.incidentId) return;
  const d = await api('GET', `/incident/${state.incidentId}`);
  const box = $('incident-detail');
  let data = box.querySelector('.data');
  if (!data || rebuildActions) {
    data = el('div', { class: 'data' });
    box.replaceChildren(data, incidentActions(d.incident));
  }
  data.replaceChildren(...renderIncidentData(d));
}
export function selectIncident(id, follow = true) {
  state.incidentId = id;
  renderIncidents();
  loadIncident(true).catch((e) => toast(e.message, true));
  const remoteId = state.incidents.find((i) => i.id === id)?.dbotMirrorId;
  if (follow && remoteId && state.tickets.some((t) => t.id === remoteId)) state.selectTicket(remoteId, false);
}
