// @ts-check
// One pane of the dashboard, either side: one page of the record list with a pager, the selected
// record's detail (read from the server on every change) and its action forms. The panes differ only
// in what they configure. A page holds PAGE_SIZE rows, so a world of 10,000 incidents draws as fast
// as one of 100 and a change reloads 100 records, not all of them.
import { api } from './api.js';
import { $, el } from './dom.js';
import { renderActionForms } from './record-forms.js';
import { createRecordList } from './record-list.js';
import { toast } from './toast.js';
import { isClosed } from './view.js';

/**
 * @typedef {import('./view.js').Rec} Rec
 * @typedef {import('./view.js').TicketView} TicketView
 * @typedef {import('./view.js').ViewAction} ViewAction
 * @typedef {import('./record-forms.js').ActionKind} ActionKind
 * @typedef {{ sort: import('./view.js').ViewSort, page: number, size: number }} PageQuery
 */

export const PAGE_SIZE = 100;

/**
 * @template {{ [k: string]: any }} Page what the detail route answers
 * @param {{
 *   name: 'incident' | 'ticket',
 *   view: TicketView,
 *   rowId: (r: Rec) => string,
 *   detailPath: (id: string) => string,
 *   recordOf: (page: Page) => Rec,
 *   renderData: (page: Page) => Node[],
 *   actionsFor: (record: Rec) => ViewAction[],
 *   send: (kind: ActionKind, id: string, values: Record<string, unknown>) => Promise<string>,
 *   loadPage: (query: PageQuery) => Promise<{ total: number, data: Rec[] }>,
 *   onSelect: (record: Rec) => void,
 *   refresh: () => void,
 * }} options
 */
export function createRecordPane(options) {
  const { name, view } = options;
  const box = $(`${name}-detail`);
  /** @type {Page | null} */
  let page = null;
  let formsFor = '';
  let pageNo = 0;
  let total = 0;

  const list = createRecordList({
    list: $(`${name}s`),
    sortSelect: /** @type {HTMLSelectElement} */ ($(`${name}-sort`)),
    view,
    name,
    rowId: options.rowId,
    onSelect: (id) => {
      select(id);
      const record = list.records.find((r) => r.id === id);
      if (record) options.onSelect(record);
    },
    onSort: () => {
      pageNo = 0;
      refreshList().catch((e) => toast(e.message, 'error'));
    },
  });

  const pager = $(`${name}-pager`);
  const prev = /** @type {HTMLButtonElement} */ ($(`${name}-prev`));
  const next = /** @type {HTMLButtonElement} */ ($(`${name}-next`));
  /** @param {number} to */
  const turn = (to) => {
    pageNo = to;
    refreshList().catch((e) => toast(e.message, 'error'));
  };
  prev.addEventListener('click', () => turn(Math.max(0, pageNo - 1)));
  next.addEventListener('click', () => turn(pageNo + 1));

  function renderPager() {
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    pager.hidden = pages === 1;
    const first = total === 0 ? 0 : pageNo * PAGE_SIZE + 1;
    $(`${name}-range`).textContent =
      `${first.toLocaleString('en')}–${Math.min(total, (pageNo + 1) * PAGE_SIZE).toLocaleString('en')} of ${total.toLocaleString('en')}`;
    prev.disabled = pageNo === 0;
    next.disabled = pageNo >= pages - 1;
  }

  /** Reads the current page again (after a change, a new sort, a turn of the page). */
  async function refreshList() {
    const query = () => ({ sort: list.sort, page: pageNo, size: PAGE_SIZE });
    let result = await options.loadPage(query());
    // Records went away and the page with them: show the last page there still is.
    if (result.data.length === 0 && result.total > 0 && pageNo > 0) {
      pageNo = Math.floor((result.total - 1) / PAGE_SIZE);
      result = await options.loadPage(query());
    }
    total = result.total;
    $(`${name}-count`).textContent = `(${total.toLocaleString('en')})`;
    list.setRecords(result.data);
    renderPager();
  }

  async function load() {
    const id = list.selected;
    if (!id) return;
    const next = /** @type {Page} */ (await api('GET', options.detailPath(id)));
    if (list.selected !== id) return;
    page = next;
    const record = options.recordOf(next);
    const actions = options.actionsFor(record);
    // Forms are rebuilt only when what they offer changes, so typed text survives refreshes.
    const key = JSON.stringify([record.id, isClosed(view, record), actions]);
    let data = box.querySelector('.data');
    if (!data || key !== formsFor) {
      formsFor = key;
      data = el('div', { class: 'data' });
      const forms = renderActionForms({
        view,
        record,
        latest: () => (page ? options.recordOf(page) : record),
        prefix: name,
        actions,
        send: (kind, values) => options.send(kind, record.id, values),
        done: options.refresh,
      });
      box.replaceChildren(data, forms);
    }
    data.replaceChildren(...options.renderData(next));
  }

  /** @param {string} id */
  function select(id) {
    list.select(id);
    load().catch((e) => toast(e.message, 'error'));
  }

  /**
   * Selects a record that may be on another page, or nowhere (an incident whose ticket is gone):
   * only when the server has it.
   * @param {string} id
   */
  async function reveal(id) {
    if (!list.records.some((r) => r.id === id)) {
      try {
        await api('GET', options.detailPath(id));
      } catch {
        return;
      }
    }
    select(id);
  }

  return {
    refreshList,
    select,
    reveal,
    load,
    get records() {
      return list.records;
    },
  };
}
