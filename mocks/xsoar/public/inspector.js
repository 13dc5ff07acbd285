// @ts-check
// The command inspector: one run of an integration command as the journal holds it — args (such as
// lastUpdate, delta, entries), the instance's params (secrets masked by the server), the entries it
// returned, its logs, duration and outcome. Its address is `#command=<journal seq>`, so a run can be
// linked, and a page opened on such a link shows it at once.
import { api } from './api.js';
import { $, dateTime, el, pill } from './dom.js';

/**
 * @typedef {{ seq: number, at: string, instance: string, brand: string | null, command: string,
 *   trigger: string, outcome: string, durationMs: number, incidentId: string | null,
 *   note: string | null, error: string | null, args: Record<string, unknown>,
 *   params: Record<string, unknown> | null, entries: unknown[],
 *   logs: { level: string, message: string }[] }} CommandDetail
 */

/** EntryType names of contract.md §A.3 that integrations return. */
const ENTRY_TYPES = /** @type {Record<number, string>} */ ({
  1: 'note',
  3: 'file',
  4: 'error',
  11: 'warning',
  16: 'debug',
  19: 'execution metrics',
});

const HASH = /^#command=(\d+)$/;

/** @param {unknown} value a value as readable text: strings as they are, the rest as indented JSON */
function pretty(value) {
  if (typeof value !== 'string') return JSON.stringify(value, null, 2);
  // Entries often carry JSON as a string (ContentsFormat json); unfold it so it can be read.
  if (/^\s*[[{]/.test(value)) {
    try {
      return JSON.stringify(JSON.parse(value), null, 2);
    } catch {
      return value;
    }
  }
  return value;
}

/**
 * @param {string} heading
 * @param {string} testid
 * @param {Node[]} body
 * @param {string} empty
 */
const section = (heading, testid, body, empty) =>
  el(
    'section',
    { 'data-testid': testid },
    el('h4', {}, heading),
    body.length ? body : el('p', { class: 'empty' }, empty),
  );

/** @param {Record<string, unknown>} values */
const valueList = (values) =>
  Object.keys(values).length
    ? [
        el(
          'dl',
          { class: 'fields' },
          Object.entries(values).flatMap(([k, v]) => [
            el('dt', {}, k),
            el('dd', {}, typeof v === 'object' && v !== null ? el('pre', {}, pretty(v)) : String(v)),
          ]),
        ),
      ]
    : [];

/** @param {unknown} entry @param {number} n */
function entryBlock(entry, n) {
  if (entry && typeof entry === 'object' && 'Contents' in entry) {
    const e = /** @type {Record<string, unknown>} */ (entry);
    const type =
      typeof e.Type === 'number'
        ? `Type ${e.Type}${ENTRY_TYPES[e.Type] ? ` (${ENTRY_TYPES[e.Type]})` : ''}`
        : '';
    const extra = Object.fromEntries(
      Object.entries(e).filter(([k]) => !['Type', 'Contents', 'ContentsFormat'].includes(k)),
    );
    return el(
      'div',
      { class: 'entry-block' },
      el(
        'div',
        { class: 'meta' },
        `Entry ${n}`,
        type ? ` · ${type}` : '',
        e.ContentsFormat ? ` · ${e.ContentsFormat}` : '',
      ),
      el('pre', {}, pretty(e.Contents)),
      Object.keys(extra).length ? el('pre', { class: 'extra' }, pretty(extra)) : null,
    );
  }
  return el(
    'div',
    { class: 'entry-block' },
    el('div', { class: 'meta' }, `Entry ${n}`),
    el('pre', {}, pretty(entry)),
  );
}

/** @param {CommandDetail} d */
function render(d) {
  return [
    el(
      'dl',
      { class: 'fields summary' },
      el('dt', {}, 'Outcome'),
      el('dd', { 'data-testid': 'inspector-outcome' }, pill(d.outcome, `outcome-${d.outcome}`)),
      el('dt', {}, 'Duration'),
      el('dd', { 'data-testid': 'inspector-duration' }, `${Math.round(d.durationMs)} ms`),
      el('dt', {}, 'Ran'),
      el('dd', {}, `${dateTime(d.at)} · ${d.trigger}`),
      el('dt', {}, 'Instance'),
      el('dd', {}, `${d.instance}${d.brand ? ` (${d.brand})` : ''}`),
      d.incidentId ? [el('dt', {}, 'Incident'), el('dd', {}, `#${d.incidentId}`)] : null,
      d.note ? [el('dt', {}, 'Result'), el('dd', {}, d.note)] : null,
      d.error ? [el('dt', {}, 'Error'), el('dd', { class: 'error-text' }, d.error)] : null,
    ),
    section('Arguments', 'inspector-args', valueList(d.args), 'No arguments.'),
    section(
      `Returned entries (${d.entries.length})`,
      'inspector-entries',
      d.entries.map((e, i) => entryBlock(e, i + 1)),
      'No entries.',
    ),
    section(
      `Logs (${d.logs.length})`,
      'inspector-logs',
      d.logs.length
        ? [el('pre', { class: 'logs' }, d.logs.map((l) => `${l.level.padEnd(7)} ${l.message}`).join('\n'))]
        : [],
      'Nothing logged.',
    ),
    section(
      'Params (now; secrets masked)',
      'inspector-params',
      d.params ? valueList(d.params) : [],
      'The instance no longer exists.',
    ),
  ];
}

/** @param {{ onShow: (seq: number | null) => void, onClosed: (seq: number) => void }} hooks */
export function createInspector({ onShow, onClosed }) {
  const box = $('inspector');
  const body = $('inspector-body');
  const title = $('inspector-title');
  const link = /** @type {HTMLAnchorElement} */ ($('inspector-link'));
  /** @type {number | null} */
  let shown = null;

  /**
   * @param {number} seq
   * @param {{ focus?: boolean }} [options]
   */
  async function open(seq, { focus = true } = {}) {
    shown = seq;
    if (location.hash !== `#command=${seq}`) history.replaceState(null, '', `#command=${seq}`);
    box.hidden = false;
    box.closest('.timeline-body')?.classList.add('inspecting');
    title.textContent = `Command #${seq}`;
    link.href = `#command=${seq}`;
    body.replaceChildren(el('p', { class: 'empty' }, 'Loading…'));
    // At once, not after the run's details arrive: Enter moves the reader to what they opened, and a
    // slow answer must not pull focus back from wherever they went meanwhile.
    if (focus) title.focus();
    onShow(seq);
    try {
      const detail = /** @type {CommandDetail} */ (await api('GET', `/commands/${seq}`));
      if (shown !== seq) return;
      title.textContent = `${detail.command} #${seq}`;
      body.replaceChildren(...render(detail));
    } catch (e) {
      if (shown === seq)
        body.replaceChildren(
          el('p', { class: 'form-error', role: 'alert' }, e instanceof Error ? e.message : String(e)),
        );
    }
  }

  function close() {
    if (shown === null) return;
    const seq = shown;
    shown = null;
    box.hidden = true;
    box.closest('.timeline-body')?.classList.remove('inspecting');
    history.replaceState(null, '', `${location.pathname}${location.search}`);
    onShow(null);
    onClosed(seq);
  }

  $('inspector-close').addEventListener('click', close);
  box.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') close();
  });
  const followHash = () => {
    const m = HASH.exec(location.hash);
    if (m) open(Number(m[1]), { focus: false });
    else close();
  };
  window.addEventListener('hashchange', followHash);

  return {
    open,
    close,
    /** Opens the run the address names, if it names one (a deep link). */
    openFromAddress() {
      const m = HASH.exec(location.hash);
      if (m) open(Number(m[1]), { focus: false });
    },
  };
}
