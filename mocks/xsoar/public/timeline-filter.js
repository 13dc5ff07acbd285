// @ts-check
// The timeline's filters: instance, command, outcome and incident (its id or its remote id). Job
// rows carry no command or incident, so any of those filters hides them.
import { $, el } from './dom.js';

/**
 * @typedef {{ kind: string, key?: string, at: string, seq?: number, instance?: string,
 *   command?: string, args?: Record<string, unknown>, outcome?: string, durationMs?: number,
 *   trigger?: string, incidentId?: string, note?: string, error?: string, job?: string,
 *   phase?: string, quiet?: boolean }} TimelineItem
 */

const COMMANDS = [
  'fetch-incidents',
  'get-modified-remote-data',
  'get-remote-data',
  'update-remote-system',
  'get-mapping-fields',
  'test-module',
];
const OUTCOMES = [
  ['', 'any outcome'],
  ['problem', 'anything but ok'],
  ['ok', 'ok'],
  ['rate-limit', 'rate limit'],
  ['error-entry', 'error entry'],
  ['exception', 'exception'],
  ['timeout', 'timeout'],
  ['crash', 'crash'],
];

/** @param {TimelineItem} item */
export const isRateLimited = (item) => /API rate limit/.test(`${item.note ?? ''} ${item.error ?? ''}`);

/** @param {() => void} onChange */
export function createTimelineFilter(onChange) {
  const form = /** @type {HTMLFormElement} */ ($('timeline-filter'));
  const instance = /** @type {HTMLSelectElement} */ ($('filter-instance'));
  const command = /** @type {HTMLSelectElement} */ ($('filter-command'));
  const outcome = /** @type {HTMLSelectElement} */ ($('filter-outcome'));
  const incident = /** @type {HTMLInputElement} */ ($('filter-incident'));
  const commands = new Set(COMMANDS);

  const fillCommands = () => {
    const chosen = command.value;
    command.replaceChildren(
      el('option', { value: '' }, 'any command'),
      ...[...commands].map((c) => el('option', { value: c, selected: c === chosen }, c)),
    );
  };
  fillCommands();
  outcome.replaceChildren(...OUTCOMES.map(([value, label]) => el('option', { value }, label)));
  form.addEventListener('submit', (e) => e.preventDefault());
  form.addEventListener('input', onChange);
  form.addEventListener('reset', () => setTimeout(onChange));

  return {
    /** @param {string[]} names */
    setInstances(names) {
      const chosen = instance.value;
      instance.replaceChildren(
        el('option', { value: '' }, 'any instance'),
        ...names.map((n) => el('option', { value: n, selected: n === chosen }, n)),
      );
    },
    /** A command seen on the timeline becomes a choice. @param {string} name */
    noteCommand(name) {
      if (commands.has(name)) return;
      commands.add(name);
      fillCommands();
    },
    /** @param {TimelineItem} item */
    matches(item) {
      const wanted = incident.value.trim();
      if (item.kind === 'job')
        return (
          !command.value &&
          !outcome.value &&
          !wanted &&
          (!instance.value || !item.instance || item.instance === instance.value)
        );
      if (instance.value && item.instance !== instance.value) return false;
      if (command.value && item.command !== command.value) return false;
      if (outcome.value === 'rate-limit' && !isRateLimited(item)) return false;
      if (outcome.value === 'problem' && item.outcome === 'ok' && !isRateLimited(item)) return false;
      if (
        outcome.value &&
        !['rate-limit', 'problem'].includes(outcome.value) &&
        item.outcome !== outcome.value
      )
        return false;
      if (wanted) {
        const ids = [item.incidentId, item.args?.id, item.args?.remoteId].map((v) =>
          v == null ? '' : String(v),
        );
        if (!ids.includes(wanted.replace(/^#/, ''))) return false;
      }
      return true;
    },
  };
}
