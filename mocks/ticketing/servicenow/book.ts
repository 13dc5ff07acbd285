/**
 * Writing records the way the platform does: every write stamps sys_updated_on/by from the shared
 * clock and bumps sys_mod_count (only when something changed); journal fields become
 * sys_journal_field entries; a ticket table's state machine sets resolved_at/closed_at/active, and a
 * reopen clears them (otherwise integrations that close on `closed_at` would close it again); the
 * incident priority follows impact and urgency.
 */
import { HttpError, isPrototypeKey, own } from '../../shared/index.ts';
import {
  ATTACHMENT_TABLE,
  JOURNAL_FIELDS,
  JOURNAL_TABLE,
  snTime,
  USER_TABLE,
  type ServicenowState,
  type SnRecord,
} from './model.ts';
import { incidentPriority, TICKET_TABLES, ticketDefaults } from './tables.ts';

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
  if (typeof value === 'object' && 'value' in value) return String((value as { value: unknown }).value);
  throw new HttpError(
    400,
    'Invalid value',
    `field "${field}": expected a string, number or boolean (or {"value": …}), got ${JSON.stringify(value)}`,
  );
}

const isJournalField = (field: string) => (JOURNAL_FIELDS as readonly string[]).includes(field);

/** Integer choice columns of the task tables. */
const INTEGER_FIELDS = new Set([
  'state',
  'incident_state',
  'impact',
  'urgency',
  'priority',
  'severity',
  'notify',
  'escalation',
  'reopen_count',
  'reassignment_count',
  'child_incidents',
]);

/**
 * An integer column given "1 - Do Not Notify" keeps the leading number, as the database does with a
 * numeric prefix. ServiceNowv2's own mappers send such values back (the incoming mapper turns notify
 * "1" into "1 - Do Not Notify" and the outgoing one returns it unchanged); storing the text would
 * count as a change on every push and make the ticket look updated when it is not.
 */
function stored(field: string, text: string): string {
  if (!INTEGER_FIELDS.has(field)) return text;
  return /^(-?\d+)\s+-\s/.exec(text)?.[1] ?? text;
}

export function createRecordBook(
  state: () => ServicenowState,
  clock: { now(): number },
  randomHex: () => string,
  changed: () => void,
): RecordBook {
  const table = (name: string) => {
    const tables = state().tables;
    return own(tables, name) ?? (tables[name] = []);
  };
  const find = (name: string, sysId: string) => own(state().tables, name)?.find((r) => r.sys_id === sysId);

  function nextNumber(prefix: string): string {
    const counters = state().counters;
    const n = (counters[prefix] ?? 10000) + 1;
    counters[prefix] = n;
    return `${prefix}${String(n).padStart(7, '0')}`;
  }

  function journal(tableName: string, record: SnRecord, element: string, value: string, user: string) {
    table(JOURNAL_TABLE).push({
      sys_id: randomHex(),
      element,
      element_id: record.sys_id!,
      name: tableName,
      value,
      sys_created_on: snTime(clock.now()),
      sys_created_by: user,
    });
  }

  /** A user reference is the sys_user record's sys_id (the name when the user has no record). */
  const userRef = (user: string) =>
    state().tables[USER_TABLE]?.find((u) => u.user_name === user)?.sys_id ?? user;

  /** The state machine of ticket tables: resolve/close stamp their times, leaving them clears them. */
  function lifecycle(
    tableName: string,
    before: SnRecord | undefined,
    after: SnRecord,
    userName: string,
    now: string,
  ): void {
    const config = own(TICKET_TABLES, tableName);
    const was = before?.state;
    const is = after.state ?? '';
    if (!config || is === was) return;
    if (tableName === 'incident') after.incident_state = is;
    const user = userRef(userName);
    if (config.resolvedStates.includes(is)) {
      after.resolved_at ||= now;
      after.resolved_by ||= user;
    }
    if (config.closedStates.includes(is)) {
      after.closed_at ||= now;
      after.closed_by ||= user;
    }
    if (config.inactiveStates.includes(is)) after.active = 'false';
    const wasDone = was !== undefined && [...config.resolvedStates, ...config.closedStates].includes(was);
    const isDone = [...config.resolvedStates, ...config.closedStates].includes(is);
    if (wasDone && !isDone) {
      for (const f of ['resolved_at', 'resolved_by', 'closed_at', 'closed_by']) if (f in after) after[f] = '';
      if ('reopen_count' in after) {
        after.reopen_count = String(Number(after.reopen_count || '0') + 1);
        after.reopened_by = user;
        after.reopened_time = now;
      }
    }
    if (was !== undefined && config.inactiveStates.includes(was) && !config.inactiveStates.includes(is))
      after.active = 'true';
  }

  /**
   * Every value of a write as stored text, or the 400 of the first bad one: checked before anything
   * changes, so a refused write leaves no partial record, journal entry or counter behind.
   */
  function prepare(fields: Record<string, unknown>): [field: string, text: string][] {
    const prepared: [string, string][] = [];
    for (const [field, value] of Object.entries(fields)) {
      // The platform owns sys_ fields; prototype keys are no field of any table.
      if (field === '' || field.startsWith('sys_') || isPrototypeKey(field)) continue;
      prepared.push([field, stored(field, asText(field, value))]);
    }
    return prepared;
  }

  /** Sets prepared fields on a record; journal fields add entries instead. True when anything changed. */
  function applyFields(
    tableName: string,
    record: SnRecord,
    fields: Record<string, unknown>,
    prepared: [string, string][],
    user: string,
  ): boolean {
    let changed = false;
    for (const [field, text] of prepared) {
      if (isJournalField(field)) {
        if (text.trim() === '') continue;
        journal(tableName, record, field, text, user);
        changed = true;
      } else if (own(record, field) !== text) {
        record[field] = text;
        changed = true;
      }
    }
    const prioritySet = 'priority' in fields;
    if (tableName === 'incident' && !prioritySet && ('impact' in fields || 'urgency' in fields)) {
      const priority = incidentPriority(record.impact ?? '3', record.urgency ?? '3');
      if (priority && record.priority !== priority) {
        record.priority = priority;
        changed = true;
      }
    }
    return changed;
  }

  function bump(record: SnRecord, user: string, now: string): void {
    record.sys_updated_on = now;
    record.sys_updated_by = user;
    record.sys_mod_count = String(Number(record.sys_mod_count ?? '0') + 1);
  }

  return {
    list: (name) => own(state().tables, name) ?? [],
    get: find,
    create(name, fields, user) {
      const prepared = prepare(fields);
      const now = snTime(clock.now());
      const sysId =
        typeof fields.sys_id === 'string' && /^[0-9a-f]{32}$/.test(fields.sys_id)
          ? fields.sys_id
          : randomHex();
      if (find(name, sysId))
        throw new HttpError(
          403,
          'Operation Failed',
          `Error during insert of ${name}: a record with sys_id ${sysId} already exists`,
        );
      const config = own(TICKET_TABLES, name);
      const record: SnRecord = {
        ...(config ? ticketDefaults(config) : {}),
        sys_id: sysId,
        sys_class_name: name,
        sys_created_on: now,
        sys_created_by: user,
        sys_updated_on: now,
        sys_updated_by: user,
        sys_mod_count: '0',
      };
      if (config) {
        record.number = nextNumber(config.prefix);
        record.opened_at = now;
        const opener = state().tables[USER_TABLE]?.find((u) => u.user_name === user);
        if (opener && 'opened_by' in record) record.opened_by = opener.sys_id!;
      }
      table(name).push(record);
      applyFields(name, record, fields, prepared, user);
      if (typeof fields.number === 'string' && fields.number) record.number = fields.number;
      lifecycle(name, undefined, record, user, now);
      changed();
      return record;
    },
    update(name, sysId, fields, user) {
      const record = find(name, sysId);
      if (!record) throw notFound();
      const prepared = prepare(fields);
      const now = snTime(clock.now());
      const before = { ...record };
      const didChange = applyFields(name, record, fields, prepared, user);
      lifecycle(name, before, record, user, now);
      if (didChange) {
        bump(record, user, now);
        changed();
      }
      return record;
    },
    remove(name, sysId) {
      const records = own(state().tables, name) ?? [];
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
        size_compressed: String(file.bytes.length),
        compressed: 'false',
        table_name: name,
        table_sys_id: sysId,
        sys_created_on: now,
        sys_created_by: user,
        sys_updated_on: now,
        sys_updated_by: user,
        sys_mod_count: '0',
      };
      table(ATTACHMENT_TABLE).push(meta);
      state().files[meta.sys_id!] = Buffer.from(file.bytes).toString('base64');
      bump(record, user, now);
      changed();
      return meta;
    },
    file(attachmentId) {
      const meta = find(ATTACHMENT_TABLE, attachmentId);
      const content = own(state().files, attachmentId);
      if (!meta || content === undefined) return undefined;
      return { meta, bytes: new Uint8Array(Buffer.from(content, 'base64')) };
    },
    removeAttachment(attachmentId) {
      const records = own(state().tables, ATTACHMENT_TABLE) ?? [];
      const at = records.findIndex((r) => r.sys_id === attachmentId);
      if (at < 0) throw notFound();
      records.splice(at, 1);
      delete state().files[attachmentId];
      changed();
    },
  };
}
