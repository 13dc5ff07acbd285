// @ts-check
// DOM helpers of the dashboard: plain DOM, no build step. Every text from either system goes in
// through text nodes (never innerHTML): ticket titles and comments are untrusted remote data.

/**
 * The element with this id; the page's skeleton is fixed, so a missing one is a bug, not a state.
 * @param {string} id
 * @returns {HTMLElement}
 */
export function $(id) {
  const node = document.getElementById(id);
  if (!node) throw new Error(`dashboard: no element #${id}`);
  return node;
}

/** @typedef {Node | string | number | null | undefined | false} Child */

/**
 * An element with attributes (`on…` are listeners, `class` the class name, `true` an empty
 * attribute, null/undefined/false left out) and children (nested arrays are flattened).
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Record<string, unknown>} [attrs]
 * @param {...(Child | Child[])} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function')
      node.addEventListener(k.slice(2), /** @type {EventListener} */ (v));
    else if (k === 'class') node.className = String(v);
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat())
    if (c !== null && c !== undefined && c !== false) node.append(c instanceof Node ? c : String(c));
  return node;
}

/**
 * A small coloured label.
 * @param {string | number} text
 * @param {string} [cls]
 */
export const pill = (text, cls = '') => el('span', { class: `pill ${cls}` }, text);

const ZERO_TIME = '0001';

/** @param {unknown} iso an ISO time; XSOAR's zero time and empty values are "never" */
export const isSetTime = (iso) => typeof iso === 'string' && iso !== '' && !iso.startsWith(ZERO_TIME);

/** @param {unknown} iso */
export const time = (iso) => (isSetTime(iso) ? new Date(String(iso)).toLocaleTimeString() : '—');

/** @param {unknown} iso */
export const dateTime = (iso) => (isSetTime(iso) ? new Date(String(iso)).toLocaleString() : '—');

/**
 * Any field value as one line of text, the same way on both sides: empty values (null, '', [],
 * {}) are a dash, lists are comma-separated, other objects JSON.
 * @param {unknown} value
 * @returns {string}
 */
export function asText(value) {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.length ? value.map(asText).join(', ') : '—';
  if (typeof value === 'object') return Object.keys(value).length ? JSON.stringify(value) : '—';
  return String(value);
}

/** @param {string} text */
export const capitalized = (text) => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

/**
 * Just enough markdown for mirrored comments (**bold**), built from text nodes so nothing is injected.
 * @param {string} text
 */
export const markdown = (text) => text.split('**').map((part, i) => (i % 2 ? el('b', {}, part) : part));

/**
 * Scrolls `list` (not the page) so that `row` is visible.
 * @param {HTMLElement} list
 * @param {HTMLElement} row
 */
export function keepInView(list, row) {
  const top = row.offsetTop - list.offsetTop;
  if (top < list.scrollTop) list.scrollTop = top;
  else if (top + row.offsetHeight > list.scrollTop + list.clientHeight)
    list.scrollTop = top + row.offsetHeight - list.clientHeight;
}

/**
 * Arrow-key navigation over `items` with one tab stop (roving tabindex): Up/Down, Home/End move the
 * focus; returns the item focused, or null when the key is not a navigation key.
 * @param {KeyboardEvent} event
 * @param {HTMLElement[]} items
 */
export function moveFocus(event, items) {
  const at = items.indexOf(/** @type {HTMLElement} */ (document.activeElement));
  const to =
    event.key === 'ArrowDown'
      ? Math.min(at + 1, items.length - 1)
      : event.key === 'ArrowUp'
        ? Math.max(at - 1, 0)
        : event.key === 'Home'
          ? 0
          : event.key === 'End'
            ? items.length - 1
            : null;
  if (to === null || !items[to]) return null;
  event.preventDefault();
  for (const item of items) item.tabIndex = -1;
  items[to].tabIndex = 0;
  items[to].focus();
  return items[to];
}
