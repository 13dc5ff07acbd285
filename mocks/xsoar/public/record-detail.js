// @ts-check
// The read-only parts of a record's detail, for either pane: its head, a field list driven by the
// view, and a thread (War Room entries, ticket comments), newest first.
import { el, markdown, pill, time } from './dom.js';
import { badge, fieldText } from './view.js';

/**
 * @typedef {import('./view.js').ViewField} ViewField
 * @typedef {import('./view.js').Rec} Rec
 * @typedef {{ who: string, at: string, body: string, markdown?: boolean, tags?: string[],
 *   flags?: string[], cls?: string }} ThreadItem
 */

/**
 * @param {string} title
 * @param {string} id
 * @param {string} testid
 */
export const detailHead = (title, id, testid) =>
  el(
    'div',
    { class: 'detail-head' },
    el('h3', { 'data-testid': testid }, title),
    el('span', { class: 'id' }, id),
  );

/**
 * @param {string} heading
 * @param {[string, Node | string][]} rows
 */
export function definitionList(heading, rows) {
  return [
    el('h4', {}, heading),
    el(
      'dl',
      { class: 'fields' },
      rows.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]),
    ),
  ];
}

/**
 * The view's fields of a record (choices as badges), leaving out `skip` and empty hide-when-empty ones.
 * @param {ViewField[]} fields
 * @param {Rec} record
 * @param {string} testPrefix each value gets data-testid `<testPrefix>-<key>`
 * @param {string[]} skip
 * @returns {[string, Node | string][]}
 */
export function fieldRows(fields, record, testPrefix, skip = []) {
  return fields
    .filter((f) => !skip.includes(f.key))
    .filter((f) => !f.hideEmpty || fieldText(f, record[f.key]) !== '—')
    .map((f) => [
      f.label,
      el(
        'span',
        { 'data-testid': `${testPrefix}-${f.key}` },
        f.type === 'choice' ? badge(f, record[f.key]) : fieldText(f, record[f.key]),
      ),
    ]);
}

/**
 * @param {string} heading
 * @param {ThreadItem[]} items oldest first
 * @param {string} empty
 * @param {string} testid
 */
export function thread(heading, items, empty, testid) {
  const list = items
    .slice()
    .reverse()
    .map((item) =>
      el(
        'li',
        { class: item.cls ?? '', 'data-testid': testid },
        el(
          'div',
          { class: 'meta' },
          el('b', {}, item.who),
          time(item.at),
          (item.flags ?? []).map((f) => pill(f, 'tone-warn')),
          (item.tags ?? []).map((t) => pill(t, 'tag')),
        ),
        el('div', { class: 'body' }, item.markdown ? markdown(item.body) : item.body),
      ),
    );
  return [
    el('h4', {}, `${heading} (${items.length})`),
    items.length ? el('ol', { class: 'entries' }, list) : el('p', { class: 'empty' }, empty),
  ];
}
