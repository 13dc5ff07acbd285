// @ts-check
// One pane of the dashboard, either side: the record list, the selected record's detail (read from
// the server on every change) and its action forms. The panes differ only in what they configure.
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
 */

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
  });

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

  return {
    /** @param {Rec[]} records */
    setRecords(records) {
      $(`${name}-count`).textContent = `(${records.length})`;
      list.setRecords(records);
    },
    select,
    load,
    get records() {
      return list.records;
    },
  };
}
