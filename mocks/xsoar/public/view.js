// @ts-check
// Records described by data (a "view": fields, sorts, actions), so one set of list, detail and form
// code serves the XSOAR pane and any vendor's pane. The server's TicketView
// (mocks/shared/ticket-view.ts) has this shape; incident-view.js describes the XSOAR side.
import { asText, dateTime, el, pill } from './dom.js';

/**
 * @typedef {'good' | 'warn' | 'bad' | 'info' | 'muted'} Tone
 * @typedef {{ value: string | number, label: string, tone?: Tone, settable?: boolean }} ViewOption
 * @typedef {{ key: string, label: string, type: 'text' | 'longtext' | 'choice' | 'date' | 'tags' | 'number',
 *   options?: ViewOption[], editable?: boolean, hideEmpty?: boolean }} ViewField
 * @typedef {{ key: string, label: string, field: string, by: 'id' | 'text' | 'time' | 'option' | 'number',
 *   descending?: boolean }} ViewSort
 * @typedef {{ name: string, label: string, type: 'text' | 'choice' | 'checkbox', options?: ViewOption[],
 *   value?: string, required?: boolean }} ViewInput
 * @typedef {{ kind: 'comment' | 'close' | 'reopen', label: string, inputs: ViewInput[],
 *   when?: 'open' | 'closed' }} ViewAction
 * @typedef {{ noun: string, title: string, badges: string[], fields: ViewField[], sorts: ViewSort[],
 *   actions: ViewAction[], closedWhen: { field: string, values: (string | number)[] },
 *   comments: { body: string, author: string, at: string, internal?: string } }} TicketView
 * @typedef {Record<string, any> & { id: string }} Rec
 */

/**
 * @param {TicketView} view
 * @param {string} key
 */
export const fieldOf = (view, key) => view.fields.find((f) => f.key === key);

/**
 * @param {TicketView} view
 * @param {Rec} record
 */
export const isClosed = (view, record) => view.closedWhen.values.includes(record[view.closedWhen.field]);

/**
 * @param {ViewField | undefined} field
 * @param {unknown} value
 */
const optionOf = (field, value) => field?.options?.find((o) => o.value === value);

/**
 * A field's value as text: an option's label, a date in local time, a list comma-separated.
 * @param {ViewField | undefined} field
 * @param {unknown} value
 */
export function fieldText(field, value) {
  if (field?.type === 'date') return dateTime(value);
  return optionOf(field, value)?.label ?? asText(value);
}

/**
 * A choice field's value as a badge coloured by its option's tone.
 * @param {ViewField | undefined} field
 * @param {unknown} value
 */
export function badge(field, value) {
  const option = optionOf(field, value);
  return pill(option?.label ?? asText(value), `tone-${option?.tone ?? 'muted'}`);
}

/** Natural order of ids: T-2 before T-10, 2 before 10. */
const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/**
 * A comparator for one sort choice; ties go by id, so rows with equal values never swap.
 * @param {TicketView} view
 * @param {ViewSort} sort
 * @returns {(a: Rec, b: Rec) => number}
 */
export function comparatorFor(view, sort) {
  const options = fieldOf(view, sort.field)?.options ?? [];
  /** @param {Rec} r */
  const rank = (r) => options.findIndex((o) => o.value === r[sort.field]);
  /** @type {(a: Rec, b: Rec) => number} */
  const primary =
    sort.by === 'option'
      ? (a, b) => rank(a) - rank(b)
      : sort.by === 'time'
        ? (a, b) => Date.parse(a[sort.field] ?? 0) - Date.parse(b[sort.field] ?? 0)
        : sort.by === 'number'
          ? (a, b) => Number(a[sort.field] ?? 0) - Number(b[sort.field] ?? 0)
          : (a, b) => collator.compare(String(a[sort.field] ?? ''), String(b[sort.field] ?? ''));
  const sign = sort.descending ? -1 : 1;
  return (a, b) => sign * primary(a, b) || collator.compare(a.id, b.id);
}

/** @param {Date} d a time as the value of a datetime-local input (local time, minutes) */
const toLocalInput = (d) => new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);

/**
 * An input typed from the field: a select for choices, a date picker for dates, a text area for
 * long text, a number box for numbers, a text box otherwise; filled with the current value.
 * @param {ViewField} field
 * @param {unknown} value
 * @param {Record<string, unknown>} attrs
 * @returns {HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement}
 */
export function inputFor(field, value, attrs) {
  if (field.type === 'choice')
    return el(
      'select',
      attrs,
      (field.options ?? []).map((o, i) =>
        // A value the vendor never lets anyone set is shown (it may be the current one), not offered.
        el(
          'option',
          { value: String(i), selected: o.value === value, disabled: o.settable === false },
          o.label,
        ),
      ),
    );
  if (field.type === 'longtext')
    return el('textarea', { rows: 2, ...attrs }, asText(value) === '—' ? '' : String(value));
  if (field.type === 'date')
    return el('input', {
      type: 'datetime-local',
      value:
        typeof value === 'string' && value && !value.startsWith('0001') ? toLocalInput(new Date(value)) : '',
      ...attrs,
    });
  if (field.type === 'number') return el('input', { type: 'number', value: String(value ?? ''), ...attrs });
  const text = field.type === 'tags' && Array.isArray(value) ? value.join(', ') : (value ?? '');
  return el('input', {
    type: 'text',
    value: String(text),
    ...(field.type === 'tags' ? { placeholder: 'comma-separated' } : {}),
    ...attrs,
  });
}

/**
 * The value an input typed by `inputFor` holds, in the field's own type; throws a sentence when
 * the input cannot be one (shown inline on the form).
 * @param {ViewField} field
 * @param {HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement} input
 * @returns {unknown}
 */
export function valueOf(field, input) {
  if (field.type === 'choice') {
    const option = field.options?.[Number(input.value)];
    if (!option) throw new Error(`Pick a ${field.label.toLowerCase()} from the list.`);
    return option.value;
  }
  if (field.type === 'date') {
    if (!input.value) throw new Error(`Pick a date and time for ${field.label.toLowerCase()}.`);
    return new Date(input.value).toISOString();
  }
  if (field.type === 'number') {
    const n = Number(input.value);
    if (input.value === '' || !Number.isFinite(n)) throw new Error(`${field.label} must be a number.`);
    return n;
  }
  if (field.type === 'tags')
    return input.value
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean);
  return input.value;
}
