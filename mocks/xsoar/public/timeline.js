import { $, el, pill, time } from './dom.js';

// ---------- timeline ----------
function timelineItem(item) {
  if (item.kind === 'job') {
    // A job's start says nothing its end does not; showing only ends halves the noise.
    if (item.phase === 'start') return null;
    const label = `${item.job === 'mirror' ? 'Mirror job' : `Fetch job${item.instance ? ` (${item.instance})` : ''}`} ${item.phase === 'start' ? 'started' : 'finished'}`;
    const skipped = /skip|rate/i.test(item.note ?? '');
    return el(
      'li',
      { class: 'job' },
      el('span', { class: 'when' }, time(item.at)),
      el('span', { class: 'trigger' }, item.job),
      el('span', { class: 'what' }, label, item.note ? ` — ${item.note}` : ''),
      skipped ? pill('skipped', 'warn') : el('span'),
      el('span', { class: 'ms' }),
    );
  }
  if (item.kind !== 'command') return null;
  const limited = /API rate limit/.test(`${item.note ?? ''} ${item.error ?? ''}`);
  const outcome = limited ? pill('rate limit', 'rate') : pill(item.outcome, item.outcome);
  const args = Object.entries(item.args ?? {})
    .filter(([k]) => ['id', 'remoteId', 'lastUpdate'].includes(k))
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
  return el(
    'li',
    { 'data-testid': 'timeline-command' },
    el('span', { class: 'when' }, time(item.at)),
    el('span', { class: `trigger ${item.trigger}` }, item.trigger),
    el(
      'span',
      { class: 'what', title: item.error ?? item.note ?? '' },
      el('b', {}, item.command),
      ` ${item.instance}`,
      args ? ` · ${args}` : '',
      item.note ? ` — ${item.note}` : '',
    ),
    outcome,
    el('span', { class: 'ms' }, `${Math.round(item.durationMs)} ms`),
  );
}
export function addTimeline(item, flash = true) {
  const li = timelineItem(item);
  if (!li) return;
  if (flash) li.classList.add('flash');
  const list = $('timeline');
  list.prepend(li);
  while (list.children.length > 300) list.lastChild.remove();
}
