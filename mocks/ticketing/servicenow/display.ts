/**
 * A record as the Table API answers it, by `sysparm_display_value`: `false` (default) raw values
 * with references as `{link, value}`; `true` display values (choice labels, the referenced record's
 * name); `all` both as `{display_value, value}` (references also carry `link`).
 * `sysparm_exclude_reference_link=true` drops the links; `sysparm_fields` limits the keys.
 * Journal fields read as "" raw; their display value is the activity text the platform renders,
 * newest first: `2026-01-01 10:00:00 - System Administrator (Additional comments)\nText\n\n` —
 * what ServiceNowv2 parses when it reads notes through display values. The instance runs in UTC
 * with the `yyyy-MM-dd HH:mm:ss` format, so dates display as they are stored.
 */
import {
  choiceLabel,
  choiceValue,
  JOURNAL_LABELS,
  JOURNAL_TABLE,
  REFERENCE_FIELDS,
  USER_TABLE,
  type SnRecord,
} from './model.ts';
import type { RecordBook } from './book.ts';
import { own, type Json } from '../../shared/index.ts';

export type DisplayMode = 'false' | 'true' | 'all';

export function displayMode(raw: string | null): DisplayMode {
  const v = (raw ?? 'false').toLowerCase();
  return v === 'true' || v === 'all' ? v : 'false';
}

export interface RenderOptions {
  mode: DisplayMode;
  /** Only these keys (sysparm_fields); every key of the record when absent. */
  fields?: readonly string[] | undefined;
  /** sysparm_exclude_reference_link=true: references without their `link`. */
  excludeReferenceLink?: boolean;
  /** `<origin>/api/now` (or the versioned prefix the client used), for reference links. */
  apiBase: string;
}

function referenceName(book: RecordBook, table: string, sysId: string): string {
  const ref = book.get(table, sysId);
  return ref?.name ?? ref?.user_name ?? sysId;
}

function userDisplayName(book: RecordBook, userName: string): string {
  return book.list(USER_TABLE).find((u) => u.user_name === userName)?.name ?? userName;
}

/** The activity text of a record's journal field(s), newest entry first. */
export function journalText(book: RecordBook, record: SnRecord, field: string): string {
  const elements = field === 'comments_and_work_notes' ? ['comments', 'work_notes'] : [field];
  const table = record.sys_class_name ?? '';
  const entries = book
    .list(JOURNAL_TABLE)
    .filter((j) => j.element_id === record.sys_id && j.name === table && elements.includes(j.element ?? ''));
  return entries
    .map((entry, index) => ({ entry, index }))
    .sort(
      (a, b) =>
        (b.entry.sys_created_on ?? '').localeCompare(a.entry.sys_created_on ?? '') || b.index - a.index,
    )
    .map(
      ({ entry }) =>
        `${entry.sys_created_on} - ${userDisplayName(book, entry.sys_created_by ?? '')} (${JOURNAL_LABELS[entry.element ?? '']})\n${entry.value}\n\n`,
    )
    .join('');
}

const isJournal = (field: string) => field in JOURNAL_LABELS || field === 'comments_and_work_notes';

export function renderRecord(
  record: SnRecord,
  book: RecordBook,
  options: RenderOptions,
): Record<string, Json> {
  const { mode } = options;
  const table = record.sys_class_name ?? '';
  const out: Record<string, Json> = Object.create(null) as Record<string, Json>;
  for (const key of options.fields ?? Object.keys(record)) {
    if (isJournal(key)) {
      const shown = mode === 'false' ? '' : journalText(book, record, key);
      out[key] = mode === 'all' ? { display_value: shown, value: '' } : shown;
      continue;
    }
    const raw = own(record, key) ?? '';
    const refTable = own(REFERENCE_FIELDS, key);
    if (refTable && raw !== '') {
      const link = `${options.apiBase}/table/${refTable}/${raw}`;
      const name = referenceName(book, refTable, raw);
      const linked = options.excludeReferenceLink ? {} : { link };
      out[key] =
        mode === 'true'
          ? name
          : mode === 'all'
            ? { display_value: name, ...linked, value: raw }
            : options.excludeReferenceLink
              ? raw
              : { link, value: raw };
      continue;
    }
    const label = choiceLabel(table, key, raw);
    out[key] = mode === 'false' ? raw : mode === 'true' ? label : { display_value: label, value: raw };
  }
  return out;
}

/**
 * Input values given as display values (`sysparm_input_display_value=true`) turned into stored
 * ones: choice labels into their values, a reference given by name (user name, full name or email
 * for users) into the referenced sys_id. Anything else is kept as given.
 */
export function fromDisplayValues(
  table: string,
  fields: Record<string, unknown>,
  book: RecordBook,
): Record<string, unknown> {
  const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const [field, value] of Object.entries(fields)) {
    out[field] = value;
    if (typeof value !== 'string' || value === '') continue;
    const refTable = own(REFERENCE_FIELDS, field);
    if (refTable) {
      if (book.get(refTable, value)) continue;
      const wanted = value.toLowerCase();
      const match = book
        .list(refTable)
        .find((r) => [r.name, r.user_name, r.email].some((v) => v?.toLowerCase() === wanted));
      if (match?.sys_id) out[field] = match.sys_id;
      continue;
    }
    const choice = choiceValue(table, field, value);
    if (choice !== undefined) out[field] = choice;
  }
  return out;
}
