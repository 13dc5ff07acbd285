// @ts-check
// The live timeline, newest first. Quiet mirror cycles (marked by the server's timeline feed) fold
// into one running row that can be opened; every other item is a row of its own, and a command row
// opens the inspector. Filters and pause redraw from the items kept in memory.
import { $, el, moveFocus, pill, time } from './dom.js';
import { createTimelineFilter, isRateLimited } from './timeline-filter.js';

/**
 * @typedef {import('./timeline-filter.js').TimelineItem} TimelineItem
 * @typedef {{ items: TimelineItem[], node: HTMLLIElement, label: HTMLElement, members: HTMLOListElement }} QuietGroup
 */

const KEPT_ITEMS = 3000;
const SHOWN_ROWS = 300;

/** @param {TimelineItem} item */
function jobLabel(item) {
  const what =
    item.job === 'mirror' ? 'Mirror job' : `Fetch job${item.instance ? ` (${item.instance})` : ''}`;
  return `${what} finished${item.note ? ` — ${item.note}` : ''}`;
}

/**
 * @param {TimelineItem} item
 * @param {boolean} flash
 */
function commandRow(item, flash) {
  const outcome = isRateLimited(item)
    ? pill('rate limit', 'tone-warn')
    : pill(item.outcome ?? '', `outcome-${item.outcome}`);
  const args = Object.entries(item.args ?? {})
    .filter(([k]) => ['id', 'remoteId', 'lastUpdate'].includes(k))
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
  return el(
    'li',
    { class: flash ? 'flash' : '', 'data-testid': 'timeline-command', 'data-seq': item.seq },
    el(
      'button',
      {
        type: 'button',
        class: 'tl-row',
        tabindex: -1,
        'data-seq': item.seq,
        title: item.error ?? item.note ?? '',
      },
      el('span', { class: 'when' }, time(item.at)),
      el('span', { class: `trigger ${item.trigger}` }, item.trigger),
      el(
        'span',
        { class: 'what' },
        el('b', {}, item.command),
        ` ${item.instance}`,
        args ? ` · ${args}` : '',
        item.note ? ` — ${item.note}` : '',
      ),
      outcome,
      el('span', { class: 'ms' }, `${Math.round(item.durationMs ?? 0)} ms`),
    ),
  );
}

/** @param {TimelineItem} item @param {boolean} flash */
function jobRow(item, flash) {
  const skipped = /skip|rate|stopped/i.test(item.note ?? '');
  return el(
    'li',
    { class: `job ${flash ? 'flash' : ''}`, 'data-testid': 'timeline-job' },
    el(
      'div',
      { class: 'tl-row' },
      el('span', { class: 'when' }, time(item.at)),
      el('span', { class: 'trigger' }, item.job),
      el('span', { class: 'what' }, jobLabel(item)),
      skipped ? pill('skipped', 'tone-warn') : el('span'),
      el('span', { class: 'ms' }),
    ),
  );
}

/** @param {QuietGroup} group */
function describeQuiet(group) {
  const jobs = group.items.filter((i) => i.kind === 'job').length;
  const cycles = jobs || group.items.filter((i) => i.command === 'get-modified-remote-data').length;
  const first = group.items[0];
  const last = group.items.at(-1);
  const span =
    first && last && time(first.at) !== time(last.at) ? `${time(first.at)}–${time(last.at)}` : time(last?.at);
  return `${cycles} quiet cycle${cycles === 1 ? '' : 's'}, ${span} · nothing modified`;
}

/** @param {{ onInspect: (seq: number) => void }} hooks */
export function createTimeline({ onInspect }) {
  const list = $('timeline');
  const pause = $('timeline-pause');
  /** @type {TimelineItem[]} oldest first */
  let items = [];
  /** The quiet group at the top, while it is still running. @type {QuietGroup | null} */
  let running = null;
  let paused = false;
  let missed = 0;
  /** @type {number | null} */
  let inspected = null;
  const filter = createTimelineFilter(() => redraw());

  /** @param {QuietGroup} group */
  function drawMembers(group) {
    if (group.members.hidden) return;
    group.members.replaceChildren(
      ...group.items
        .filter((i) => i.kind === 'command')
        .slice(-50)
        .reverse()
        .map((i) => commandRow(i, false)),
    );
    markInspected();
  }

  /** @param {TimelineItem} item */
  function newQuietGroup(item) {
    const label = el('span', { class: 'what' });
    const members = el('ol', { class: 'members', hidden: true });
    const toggle = el(
      'button',
      {
        type: 'button',
        class: 'tl-row',
        tabindex: -1,
        'aria-expanded': 'false',
        'data-testid': 'quiet-toggle',
      },
      el('span', { class: 'when' }, time(item.at)),
      el('span', { class: 'trigger' }, 'quiet'),
      label,
      el('span'),
      el('span', { class: 'ms' }),
    );
    const node = el('li', { class: 'quiet', 'data-testid': 'timeline-quiet' }, toggle, members);
    /** @type {QuietGroup} */
    const group = { items: [item], node, label, members };
    toggle.addEventListener('click', () => {
      members.hidden = !members.hidden;
      toggle.setAttribute('aria-expanded', String(!members.hidden));
      drawMembers(group);
    });
    return group;
  }

  /** @param {TimelineItem} item @param {boolean} flash */
  function place(item, flash) {
    if (item.quiet && running) {
      running.items.push(item);
      running.label.textContent = describeQuiet(running);
      const when = running.node.querySelector('.when');
      if (when) when.textContent = time(item.at);
      drawMembers(running);
      return;
    }
    /** @type {HTMLElement} */
    let node;
    if (item.quiet) {
      running = newQuietGroup(item);
      running.label.textContent = describeQuiet(running);
      node = running.node;
    } else {
      running = null;
      node = item.kind === 'job' ? jobRow(item, flash) : commandRow(item, flash);
    }
    list.prepend(node);
    while (list.children.length > SHOWN_ROWS) list.lastElementChild?.remove();
    if (!list.querySelector('.tl-row[tabindex="0"]'))
      list.querySelector('button.tl-row')?.setAttribute('tabindex', '0');
  }

  function redraw() {
    list.replaceChildren();
    running = null;
    for (const item of items) if (filter.matches(item)) place(item, false);
    markInspected();
  }

  function markInspected() {
    for (const row of list.querySelectorAll('button.tl-row[data-seq]')) {
      const on = row instanceof HTMLElement && Number(row.dataset.seq) === inspected;
      row.classList.toggle('inspected', on);
      if (on) row.setAttribute('aria-current', 'true');
      else row.removeAttribute('aria-current');
    }
  }

  list.addEventListener('click', (event) => {
    const row = event.target instanceof Element ? event.target.closest('button.tl-row[data-seq]') : null;
    if (row instanceof HTMLElement) onInspect(Number(row.dataset.seq));
  });
  list.addEventListener('keydown', (event) => {
    const rows = /** @type {HTMLElement[]} */ ([...list.querySelectorAll('button.tl-row')]).filter(
      (b) => !b.closest('[hidden]'),
    );
    moveFocus(event, rows);
  });
  // One tab stop in the list: the row that last had the focus.
  list.addEventListener('focusin', (event) => {
    if (!(event.target instanceof HTMLElement) || !event.target.matches('button.tl-row')) return;
    for (const b of list.querySelectorAll('button.tl-row[tabindex="0"]')) b.setAttribute('tabindex', '-1');
    event.target.tabIndex = 0;
  });
  pause.addEventListener('click', () => {
    paused = !paused;
    missed = 0;
    pause.setAttribute('aria-pressed', String(paused));
    pause.textContent = paused ? 'Resume' : 'Pause';
    if (!paused) redraw();
  });

  return {
    filter,
    /** @param {TimelineItem[]} history oldest first */
    load(history) {
      items = history.slice(-KEPT_ITEMS);
      for (const i of items) if (i.command) filter.noteCommand(i.command);
      redraw();
    },
    /** @param {TimelineItem} item */
    add(item) {
      if (item.kind !== 'command' && item.kind !== 'job') return;
      items.push(item);
      if (items.length > KEPT_ITEMS + 100) items = items.slice(-KEPT_ITEMS);
      if (item.command) filter.noteCommand(item.command);
      if (paused) {
        missed++;
        pause.textContent = `Resume (${missed} new)`;
      } else if (filter.matches(item)) place(item, true);
    },
    /** @param {number | null} seq */
    markInspected(seq) {
      inspected = seq;
      markInspected();
    },
    /** @param {number} seq */
    focusRow(seq) {
      const row =
        list.querySelector(`button.tl-row[data-seq="${seq}"]`) ?? list.querySelector('button.tl-row');
      if (row instanceof HTMLElement) row.focus();
    },
  };
}
