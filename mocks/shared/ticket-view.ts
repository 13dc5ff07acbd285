/**
 * How the dashboard shows and edits one vendor's records, described as data rather than markup: a
 * vendor fake supplies one, and the dashboard's right-hand pane renders any of them the same way
 * (list rows, sort choices, a field list, typed edit inputs, comment/close/reopen forms). The XSOAR
 * pane is described in the same terms (mocks/xsoar/public/incident-view.js).
 */

/** The colour of a badge. */
export type Tone = 'good' | 'warn' | 'bad' | 'info' | 'muted';

/** A value of a choice field; `tone` colours its badge. */
export interface ViewOption {
  value: string | number;
  label: string;
  tone?: Tone;
  /**
   * false: a value records can have but nobody can set (Zendesk's `new`: a ticket starts there and
   * never returns), shown but greyed out in the edit form's select.
   */
  settable?: boolean;
}

export interface ViewField {
  key: string;
  label: string;
  /** Decides the input: text box, text area, select, date picker, comma-separated list, number. */
  type: 'text' | 'longtext' | 'choice' | 'date' | 'tags' | 'number';
  options?: ViewOption[];
  /** Offered in the edit form. */
  editable?: boolean;
  /** Left out of the field list while empty (a close reason of an open ticket says nothing). */
  hideEmpty?: boolean;
}

/** One way to sort the list; ties always go by id, so equal rows never swap places. */
export interface ViewSort {
  key: string;
  label: string;
  field: string;
  /** `id`: natural order (T-2 before T-10); `option`: the order of the field's options. */
  by: 'id' | 'text' | 'time' | 'option' | 'number';
  descending?: boolean;
}

export interface ViewInput {
  name: string;
  label: string;
  type: 'text' | 'choice' | 'checkbox';
  options?: ViewOption[];
  /** Initial value (text and choice). */
  value?: string;
  required?: boolean;
}

/** What an analyst may do to one record besides editing its fields. */
export interface ViewAction {
  /** What the server does: add a comment, close, reopen. */
  kind: 'comment' | 'close' | 'reopen';
  label: string;
  inputs: ViewInput[];
  /** Offered only while the record is open (close) or closed (reopen). */
  when?: 'open' | 'closed';
}

export interface TicketView {
  /** What one record is called ("ticket", "incident", "issue"). */
  noun: string;
  /** The field shown as a record's title. */
  title: string;
  /** Fields shown as badges in a list row. */
  badges: string[];
  fields: ViewField[];
  /** Sort choices; the first is the default. */
  sorts: ViewSort[];
  actions: ViewAction[];
  /** A record is closed while this field has one of these values. */
  closedWhen: { field: string; values: (string | number)[] };
  /** The field that holds a comment's text, its author, time and "internal" flag. */
  comments: { body: string; author: string; at: string; internal?: string };
}
