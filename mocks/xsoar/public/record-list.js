// @ts-check
// The list of one pane: a listbox of records in a chosen, stable sort (ties by id, remembered across
// reloads), with keyboard navigation (Up/Down/Home/End move and select) and the selected row kept in
// view when the list is redrawn. It shows one page of records; the server sorted them in the same
// order (mocks/xsoar/view-page.ts), and a new sort asks the pane for a new first page.
import { el, keepInView, moveFocus } from './dom.js';
import { badge, comparatorFor, fieldOf } from './view.js';

/**
 * @typedef {import('./view.js').TicketView} TicketView
 * @typedef {import('./view.js').Rec} Rec
 */

/**
 * @param {{ list: HTMLElement, sortSelect: HTMLSelectElement, view: TicketView, name: string,
 *   rowId: (r: Rec) => string, onSelect: (id: string) => void, onSort: () => void }} options
 */
export function createRecordList({ list, sortSelect, view, name, rowId, onSelect, onSort }) {
  const storageKey = `mirrorlab.sort.${name}`;
  /** @type {Rec[]} */
  let records = [];
  /** @type {string | null} */
  let selected = null;
  let sortKey = localStorage.getItem(storageKey) ?? view.sorts[0]?.key ?? 'id';
  if (!view.sorts.some((s) => s.key === sortKey)) sortKey = view.sorts[0]?.key ?? 'id';

  sortSelect.replaceChildren(
    ...view.sorts.map((s) => el('option', { value: s.key, selected: s.key === sortKey }, s.label)),
  );
  sortSelect.addEventListener('change', () => {
    sortKey = sortSelect.value;
    localStorage.setItem(storageKey, sortKey);
    render(true);
    onSort();
  });

  list.setAttribute('role', 'listbox');
  list.addEventListener('keydown', (event) => {
    const row = moveFocus(event, /** @type {HTMLElement[]} */ ([...list.querySelectorAll('[role=option]')]));
    if (row?.dataset.id) onSelect(row.dataset.id);
    else if ((event.key === 'Enter' || event.key === ' ') && event.target instanceof HTMLElement) {
      const id = event.target.dataset.id;
      if (id) {
        event.preventDefault();
        onSelect(id);
      }
    }
  });

  /** @returns {HTMLElement | null} */
  const selectedRow = () => list.querySelector('[aria-selected=true]');

  /** @param {boolean} reveal bring the selected row into view even if it was scrolled away */
  function render(reveal) {
    const before = selectedRow();
    // Only follow the selection if the analyst had it in sight: a row they scrolled away from stays away.
    const wasVisible =
      before !== null &&
      before.offsetTop - list.offsetTop + before.offsetHeight > list.scrollTop &&
      before.offsetTop - list.offsetTop < list.scrollTop + list.clientHeight;
    const hadFocus = list.contains(document.activeElement);
    const sort = view.sorts.find((s) => s.key === sortKey) ?? view.sorts[0];
    const sorted = sort ? records.slice().sort(comparatorFor(view, sort)) : records;
    const tabStop = sorted.some((r) => r.id === selected) ? selected : (sorted[0]?.id ?? null);
    list.replaceChildren(
      ...sorted.map((r) =>
        el(
          'div',
          {
            role: 'option',
            class: 'row',
            'aria-selected': r.id === selected ? 'true' : 'false',
            tabindex: r.id === tabStop ? 0 : -1,
            'data-id': r.id,
            'data-testid': `${name}-row-${r.id}`,
            onclick: () => onSelect(r.id),
          },
          el('span', { class: 'id' }, rowId(r)),
          el('span', { class: 'title' }, r[view.title]),
          view.badges.map((key) => badge(fieldOf(view, key), r[key])),
        ),
      ),
    );
    const row = selectedRow();
    if (row && (reveal || wasVisible)) keepInView(list, row);
    if (row && hadFocus) row.focus({ preventScroll: true });
  }

  return {
    /** @param {Rec[]} next */
    setRecords(next) {
      records = next;
      render(false);
    },
    /** @param {string | null} id */
    select(id) {
      const changed = id !== selected;
      selected = id;
      render(changed);
    },
    get selected() {
      return selected;
    },
    /** @returns {import('./view.js').ViewSort} */
    get sort() {
      return (
        view.sorts.find((s) => s.key === sortKey) ??
        view.sorts[0] ?? { key: 'id', label: 'Id', field: 'id', by: 'id' }
      );
    },
    get records() {
      return records;
    },
  };
}
