/**
 * Writing records the way the platform does: every write stamps sys_updated_on/by from the shared
 * clock and bumps sys_mod_count (only when something changed); journal fields become
 * sys_journal_field entries; the incident state machine sets resolved_at/closed_at/active, and a
 * reopen clears them (otherwise integrations that close on `closed_at` would close it again).
 */
import { HttpError } from '../../shared/index.ts';
import {
  ATTACHMENT_TABLE,
  CLOSED_STATE,
  JOURNAL_FIELDS,
  JOURNAL_TABLE,
  NUMBER_PREFIX,
  RESOLVED_STATE,
  snTime,
  USER_TABLE,
  type ServicenowState,
  type SnRecord,
} from './model.ts';

export interface RecordBook {
  list(table: string): SnRecord[];
  get(table: string, sysId: string): SnRecord | undefined;
  create(table: string, fields: Record<string, unknown>, user: string): SnRecord;
  update(table: string, sysId: string, fields: Record<string, unknown>, user: string): SnRecord;
  remove(table: string, sysId: string): void;
  attach(
    table: string,
    sysId: string,
    file: { name: string; contentType: string; bytes: Uint8Array },
    user: string,
  ): SnRecord;
  file(attachmentId: string): { meta: SnRecord; bytes: Uint8Array } | undefined;
  removeAttachment(attachmentId: string): void;
}

export const notFound = () =>
  new HttpError(404, 'No Record found', "Record doesn't exist or ACL restricts the record retrieval");

/** Values as the Table API stores them: strings; booleans and numbers in their text form. */
function asText(field: string, value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'object' && value !== null && 'value' in value)
    return String((value as { value: unknown }).value);
  throw new HttpError(400, 'Invalid value', `field "${field}": expected a string, number or boolean`);
}

export function createRecordBook(
  state: () => ServicenowState,
  clock: { now(): number },
  randomHex: () => string,
  changed: () => void,
): RecordBook {
  const table = (name: string) => (state().tables[name] ??= []);
  const find = (name: string, sysId: string) => state().tables[name]?.find((r) => r.sys_id === sysId);

  function nextNumber(tableName: string): string | undefined {
    const prefix = NUMBER_PREFIX[tableName];
    if (!prefix) return undefined;
    const counters = state().counters;
    const n = (counters[prefix] ?? 10000) + 1;
    counters[prefix] = n;
    return `${prefix}${String(n).padStart(7, '0')}`;
  }

  function journal(
    tableName: string,
    record: SnRecord,
    element: string,
    value: string,
    user: string,
    now: string,
  ) {
    table(JOURNAL_TABLE).push({
      sys_id: randomHex(),
      element,
      element_id: record.sys_id!,
      name: tableName,
      value,
      sys_created_on: now,
      sys_created_by: user,
    });
  }

  /** A user reference is the sys_user record's sys_id (the name when the user has no record). */
  const userRef = (user: string) =>
    state().tables[USER_TABLE]?.find((u) => u.user_name === user)?.sys_id ?? user;

  /** The state machine of ticket tables: resolve/close stamp their times, leaving them clears them. */
  function lifecycle(before: SnRecord | undefined, after: SnRecord, userName: string, now: string): void {
    const user = userRef(userName);
    const was = before?.state;
    const is = after.state;
    if (is === was || !((after.sys_class_name ?? '') in NUMBER_PREFIX)) return;
    if (is === RESOLVED_STATE || is === CLOSED_STATE) {
      after.resolved_at ||= now;
      after.resolved_by ||= user;
      if (is === CLOSED_STATE) {
        after.closed_at ||= now;
        after.closed_by ||= user;
        after.active = 'false';
      }
    } else if (was === RESOLVED_STATE || was === CLOSED_STATE) {
      for (const f of ['resolved_at', 'resolved_by', 'closed_at', 'closed_by']) after[f] = '';
      after.active = 'true';
      after.reopen_count = String(Number(after.reopen_count || '0') + 1);
    }
  }

  function applyFields(
    tableName: string,
    record: SnRecord,
    fields: Record<string, unknown>,
    user: string,
    now: string,
  ): boolean {
    let changed = false;
    for (const [field, value] of Object.entries(fields)) {
      if (field === '' || field.startsWith('sys_')) continue; // the platform owns sys_ fields
      const text = asText(field, value);
      if ((JOURNAL_FIELDS as readonly string[]).includes(field)) {
        if (text.trim() === '') continue;
        journal(tableName, record, field, text, user, now);
        changed = true;
      } else if (record[field] !== text) {
        record[field] = text;
        changed = true;
      }
    }
    return changed;
  }

  return {
    list: (name) => state().tables[name] ?? [],
    get: find,
    create(name, fields, user) {
      const now = snTime(clock.now());
      const record: SnRecord = {};
      const sysId =
        typeof fields.sys_id === 'string' && /^[0-9a-f]{32}$/.test(fields.sys_id)
          ? fields.sys_id
          : randomHex();
      if (find(name, sysId))
        throw new HttpError(409, 'Operation Failed', `a ${name} record with sys_id ${sysId} exists`);
      Object.assign(record, {
        sys_id: sysId,
        sys_class_name: name,
        sys_created_on: now,
        sys_created_by: user,
        sys_updated_on: now,
        sys_updated_by: user,
        sys_mod_count: '0',
      });
      const number = nextNumber(name);
      if (number)
        Object.assign(record, {
          number,
          state: '1',
          active: 'true',
          opened_at: now,
          comments: '',
          work_notes: '',
        });
      table(name).push(record);
      applyFields(name, record, fields, user, now);
      if (typeof fields.number === 'string' && fields.number) record.number = fields.number;
      lifecycle(undefined, record, user, now);
      changed();
      return record;
    },
    update(name, sysId, fields, user) {
      const record = find(name, sysId);
      if (!record) throw notFound();
      const now = snTime(clock.now());
      const before = { ...record };
      const didChange = applyFields(name, record, fields, user, now);
      lifecycle(before, record, user, now);
      if (didChange) {
        record.sys_updated_on = now;
        record.sys_updated_by = user;
        record.sys_mod_count = String(Number(record.sys_mod_count ?? '0') + 1);
        changed();
      }
      return record;
    },
    remove(name, sysId) {
      const records = state().tables[name] ?? [];
      const at = records.findIndex((r) => r.sys_id === sysId);
      if (at < 0) throw notFound();
      records.splice(at, 1);
      changed();
    },
    attach(name, sysId, file, user) {
      const record = find(name, sysId);
      if (!record) throw notFound();
      const now = snTime(clock.now());
      const meta: SnRecord = {
        sys_id: randomHex(),
        file_name: file.name,
        content_type: file.contentType,
        size_bytes: String(file.bytes.length),
        table_name: name,
        table_sys_id: sysId,
        sys_created_on: now,
        sys_created_by: user,
        sys_updated_on: now,
      };
      table(ATTACHMENT_TABLE).push(meta);
      state().files[meta.sys_id!] = Buffer.from(file.bytes).toString('base64');
      record.sys_updated_on = now;
      record.sys_updated_by = user;
      record.sys_mod_count = String(Number(record.sys_mod_count ?? '0') + 1);
      changed();
      return meta;
    },
    file(attachmentId) {
      const meta = find(ATTACHMENT_TABLE, attachmentId);
      const content = state().files[attachmentId];
      if (!meta || content === undefined) return undefined;
      return { meta, bytes: new Uint8Array(Buffer.from(content, 'base64')) };
    },
    removeAttachment(attachmentId) {
      const records = state().tables[ATTACHMENT_TABLE] ?? [];
      const at = records.findIndex((r) => r.sys_id === attachmentId);
      if (at < 0) throw notFound();
      records.splice(at, 1);
      delete state().files[attachmentId];
      changed();
    },
  };
}
