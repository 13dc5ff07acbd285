/* global document, Node, fetch, setTimeout */
// The mirrorlab dashboard: plain DOM, no build step. Every text from either system goes in through
// textContent (never innerHTML): ticket titles and comments are untrusted remote data.
export const $ = (id) => document.getElementById(id);
export const state = {
  incidentId: null,
  ticketId: null,
  incidents: [],
  tickets: [],
  overview: null,
  refresh: async () => {},
  // Each pane follows the other's selection; app.js wires these so the panes do not import each other.
  selectIncident: (_id, _follow) => {},
  selectTicket: (_id, _follow) => {},
};
export const STATUS = { 0: 'pending', 1: 'active', 2: 'closed', 3: 'archive' };
export const SEVERITY = { 0: 'unknown', 0.5: 'info', 1: 'low', 2: 'medium', 3: 'high', 4: 'critical' };

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else if (k === 'class') node.className = v;
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat())
    if (c !== null && c !== undefined && c !== false) node.append(c instanceof Node ? c : String(c));
  return node;
}
export const pill = (text, cls = '') => el('span', { class: `pill ${cls}` }, text);
export const time = (iso) => (iso && !iso.startsWith('0001') ? new Date(iso).toLocaleTimeString() : '—');
export const asText = (v) => (typeof v === 'string' ? v : JSON.stringify(v));
// Just enough markdown for mirrored comments (**bold**), built from text nodes so nothing is injected.
export const markdown = (text) => text.split('**').map((part, i) => (i % 2 ? el('b', {}, part) : part));

export async function api(method, path, body) {
  const res = await fetch(`/ui-api${path}`, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  if (res.status === 401) {
    $('login-needed').hidden = false;
    throw new Error('no session');
  }
  const data = res.headers.get('content-type')?.includes('json') ? await res.json() : await res.text();
  if (!res.ok) throw new Error(data.detail ?? data.error?.message ?? data.error ?? res.statusText);
  return data;
}
export function toast(text, isError = false) {
  let box = $('toasts');
  if (!box) {
    box = el('div', { id: 'toasts', class: 'toasts' });
    document.body.append(box);
  }
  const t = el('div', { class: `toast ${isError ? 'err' : ''}`, role: 'status' }, text);
  box.append(t);
  setTimeout(() => t.remove(), isError ? 6000 : 2500);
}
export async function act(label, fn) {
  try {
    await fn();
    toast(label);
    await state.refresh();
  } catch (e) {
    toast(`${label} failed: ${e.message}`, true);
  }
}
