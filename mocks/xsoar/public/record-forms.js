// @ts-check
// The action forms under a record, for either pane: edit one field (with an input typed from the
// field), then the view's actions (comment or note, close, reopen). A failure shows on the form that
// caused it and keeps what was typed; a success shows one toast and refreshes the page.
import { el } from './dom.js';
import { toast } from './toast.js';
import { inputFor, valueOf } from './view.js';

/**
 * @typedef {import('./view.js').TicketView} TicketView
 * @typedef {import('./view.js').ViewAction} ViewAction
 * @typedef {import('./view.js').ViewInput} ViewInput
 * @typedef {import('./view.js').Rec} Rec
 * @typedef {'edit' | ViewAction['kind']} ActionKind
 * @typedef {(kind: ActionKind, values: Record<string, unknown>) => Promise<string>} Send
 *   does the action and returns the sentence to show when it worked
 */

/**
 * A form that runs `submit` and shows its error inline.
 * @param {string} id
 * @param {string} label accessible name of the form
 * @param {() => Promise<void>} submit
 * @param {(import('./dom.js').Child | import('./dom.js').Child[])[]} controls
 */
function actionForm(id, label, submit, controls) {
  const error = el('p', { class: 'form-error', role: 'alert', 'data-testid': `${id}-error`, hidden: true });
  const form = el('form', { class: 'action', 'aria-label': label }, ...controls, error);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const button = form.querySelector('button[type=submit]');
    if (button instanceof HTMLButtonElement) button.disabled = true;
    try {
      await submit();
      error.hidden = true;
      form.removeAttribute('aria-invalid');
    } catch (e) {
      error.textContent = e instanceof Error ? e.message : String(e);
      error.hidden = false;
      form.setAttribute('aria-invalid', 'true');
    } finally {
      if (button instanceof HTMLButtonElement) button.disabled = false;
    }
  });
  return form;
}

/**
 * @param {ViewInput} input
 * @param {string} id
 */
function actionInput(input, id) {
  if (input.type === 'checkbox')
    return el('input', { type: 'checkbox', id, 'data-testid': id, 'aria-label': input.label });
  if (input.type === 'choice')
    return el(
      'select',
      { id, 'data-testid': id, 'aria-label': input.label },
      (input.options ?? []).map((o) => el('option', { value: String(o.value) }, o.label)),
    );
  return el('input', {
    type: 'text',
    id,
    'data-testid': id,
    'aria-label': input.label,
    placeholder: input.label.toLowerCase(),
    value: input.value ?? '',
  });
}

/**
 * The forms are built once per record and state (open/closed), so what the analyst types survives
 * the refreshes in between; `latest` gives the record as it is now (to fill a newly chosen field).
 * @param {{ view: TicketView, record: Rec, latest: () => Rec, prefix: string, actions: ViewAction[],
 *   send: Send, done: () => void }} options
 */
export function renderActionForms({ view, record, latest, prefix, actions, send, done }) {
  /** @param {ActionKind} kind @param {Record<string, unknown>} values */
  const run = async (kind, values) => {
    toast(await send(kind, values));
    done();
  };
  const forms = [];
  const editable = view.fields.filter((f) => f.editable);
  const [first] = editable;
  if (first) {
    const id = `${prefix}-edit`;
    const field = el(
      'select',
      { id: `${id}-field`, 'data-testid': `${id}-field`, 'aria-label': 'Field to edit' },
      editable.map((f) => el('option', { value: f.key }, f.label)),
    );
    const current = () => editable.find((f) => f.key === field.value) ?? first;
    const valueAttrs = { id: `${id}-value`, 'data-testid': `${id}-value`, 'aria-label': 'New value' };
    let value = inputFor(first, record[first.key], valueAttrs);
    // The value input follows the field: a select for a choice, a date picker for a date, …
    field.addEventListener('change', () => {
      const f = current();
      const next = inputFor(f, latest()[f.key], valueAttrs);
      value.replaceWith(next);
      value = next;
    });
    forms.push(
      actionForm(
        id,
        `Edit a field of ${view.noun} ${record.id}`,
        () => run('edit', { field: current().key, value: valueOf(current(), value) }),
        [
          el('span', { class: 'form-label' }, 'Edit'),
          field,
          value,
          el('button', { type: 'submit', class: 'primary', 'data-testid': `${id}-submit` }, 'Save'),
        ],
      ),
    );
  }
  const closed = view.closedWhen.values.includes(record[view.closedWhen.field]);
  for (const action of actions) {
    if ((action.when === 'open' && closed) || (action.when === 'closed' && !closed)) continue;
    const id = `${prefix}-${action.kind}`;
    const inputs = action.inputs.map((input) => ({ input, node: actionInput(input, `${id}-${input.name}`) }));
    const submit = async () => {
      /** @type {Record<string, unknown>} */
      const values = {};
      for (const { input, node } of inputs) {
        values[input.name] =
          node instanceof HTMLInputElement && node.type === 'checkbox' ? node.checked : node.value;
        if (input.required && !String(values[input.name]).trim())
          throw new Error(`Write the ${input.label.toLowerCase()} first.`);
      }
      await run(action.kind, values);
      // Sent: clear the text for the next one (a choice or checkbox stays as the analyst set it).
      for (const { input, node } of inputs) if (input.type === 'text') node.value = input.value ?? '';
    };
    const danger = action.kind === 'close';
    forms.push(
      actionForm(id, `${action.label}: ${view.noun} ${record.id}`, submit, [
        action.inputs[0] ? el('span', { class: 'form-label' }, action.inputs[0].label) : null,
        inputs.map(({ input, node }) =>
          input.type === 'checkbox' ? el('label', { class: 'check' }, node, ` ${input.label}`) : node,
        ),
        el(
          'button',
          { type: 'submit', class: danger ? 'danger' : 'primary', 'data-testid': `${id}-submit` },
          action.label,
        ),
      ]),
    );
  }
  return el('div', { class: 'actions' }, forms);
}
