/**
 * A record as the Table API answers it, by `sysparm_display_value`: `false` (default) raw values
 * with references as `{link, value}`; `true` display values (choice labels, the referenced record's
 * name); `all` both as `{display_value, value}` (references also carry `link`). `sysparm_fields`
 * limits the keys. Journal fields always read as "" (their entries are in sys_journal_field).
 */
import { CHOICES, JOURNAL_FIELDS, REFERENCE_FIELDS, type SnRecord } from './model.ts';
import type { RecordBook } from './book.ts';
import type { Json } from '../../shared/index.ts';

export type DisplayMode = 'false' | 'true' | 'all';

export function displayMode(raw: string | null): DisplayMode {
  const v = (raw ?? 'false').toLowerCase();
  return v === 'true' || v === 'all' ? v : 'false';
}

function referenceName(book: RecordBook, table: string, sysId: string): string {
  const ref = book.get(table, sysId);
  return ref?.name ?? ref?.user_name ?? sysId;
}

export function renderRecord(
  record: SnRecord,
  mode: DisplayMode,
  fields: string[] | undefined,
  book: RecordBook,
  apiBase: string,
): Record<string, Json> {
  const out: Record<string, Json> = {};
  const keys = fields ?? Object.keys(record);
  for (const key of keys) {
    const raw = (JOURNAL_FIELDS as readonly string[]).includes(key) ? '' : (record[key] ?? '');
    const refTable = REFERENCE_FIELDS[key];
    if (refTable && raw !== '') {
      const link = `${apiBase}/table/${refTable}/${raw}`;
      const name = referenceName(book, refTable, raw);
      out[key] =
        mode === 'false'
          ? { link, value: raw }
          : mode === 'true'
            ? name
            : { display_value: name, link, value: raw };
      continue;
    }
    const label = CHOICES[key]?.[raw] ?? raw;
    out[key] = mode === 'false' ? raw : mode === 'true' ? label : { display_value: label, value: raw };
  }
  return out;
}
