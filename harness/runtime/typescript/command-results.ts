/**
 * CSP's CommandResults (basic subset: no indicators, relationships, polling or metrics) and the
 * default `tableToMarkdown` it uses for HumanReadable when no readable output is given, so the entry
 * keys and the markdown bytes match what a Python integration sends (contract.md §A.4).
 */
import { EntryFormat, EntryType } from '../../core/index.ts';
import { ValueError } from './python-errors.ts';
import { isPlainObject, pyJsonDumps, pyStr } from './python-values.ts';

export interface CommandResultsOptions {
  outputsPrefix?: string;
  outputsKeyField?: string | string[];
  outputs?: unknown;
  readableOutput?: string;
  /** Contents; defaults to outputs. */
  rawResponse?: unknown;
  ignoreAutoExtract?: boolean;
  markAsNote?: boolean;
  tags?: string[];
  entryType?: number;
  contentFormat?: string;
  /** Overwrite the context value at a nested outputsPrefix (`Path.To.NextToken`). */
  replaceExisting?: boolean;
}

const VALID_FORMATS = new Set<string>(Object.values(EntryFormat));

export class CommandResults {
  readonly options: CommandResultsOptions;
  private readonly keyFields: string[] | undefined;

  constructor(options: CommandResultsOptions = {}) {
    const { outputs, outputsPrefix, outputsKeyField, contentFormat } = options;
    if (outputs !== undefined && outputs !== null) {
      if (!isPlainObject(outputs) && !outputsPrefix) throw new ValueError('outputs_prefix is missing');
      if (outputsPrefix === '.') throw new ValueError('outputs_prefix cannot be a period.');
    }
    if (!outputsKeyField || outputsKeyField.length === 0) this.keyFields = undefined;
    else if (typeof outputsKeyField === 'string') this.keyFields = [outputsKeyField];
    else if (Array.isArray(outputsKeyField)) this.keyFields = outputsKeyField;
    else throw new TypeError('outputs_key_field must be of type str or list');
    if (contentFormat !== undefined && !VALID_FORMATS.has(contentFormat)) {
      throw new TypeError(`content_format ${contentFormat} is invalid, see CommonServerPython.EntryFormat`);
    }
    this.options = options;
  }

  /** The entry dict, with CSP's keys in CSP's order. */
  toContext(): Record<string, unknown> {
    const { outputs, outputsPrefix, readableOutput, tags, replaceExisting } = this.options;
    const rawResponse = this.options.rawResponse === undefined ? (outputs ?? null) : this.options.rawResponse;
    const context: Record<string, unknown> = {};
    let humanReadable: unknown = readableOutput ? readableOutput : null;

    const hasOutputs =
      outputs !== undefined && outputs !== null && !(Array.isArray(outputs) && outputs.length === 0);
    if (hasOutputs) {
      if (!readableOutput) {
        humanReadable =
          Array.isArray(outputs) || isPlainObject(outputs) ? tableToMarkdown('Results', outputs) : outputs;
      }
      if (outputsPrefix && replaceExisting) {
        const dot = outputsPrefix.lastIndexOf('.');
        if (dot < 0) throw new Error('outputs_prefix must be a nested path to replace an existing key.');
        context[`${outputsPrefix.slice(0, dot)}(true)`] = { [outputsPrefix.slice(dot + 1)]: outputs };
      } else if (outputsPrefix && this.keyFields) {
        const condition = this.keyFields.map((k) => `val.${k} && val.${k} == obj.${k}`).join(' && ');
        context[`${outputsPrefix}(${condition})`] = outputs;
      } else if (outputsPrefix) {
        context[outputsPrefix] = outputs;
      } else {
        Object.assign(context, outputs);
      }
    }

    // bool is an int in Python, so a boolean raw response is text too.
    const isTextual =
      typeof rawResponse === 'string' ||
      typeof rawResponse === 'boolean' ||
      (typeof rawResponse === 'number' && Number.isInteger(rawResponse));
    const entry: Record<string, unknown> = {
      Type: this.options.entryType ?? EntryType.NOTE,
      ContentsFormat: this.options.contentFormat ?? (isTextual ? EntryFormat.TEXT : EntryFormat.JSON),
      Contents: rawResponse,
      HumanReadable: humanReadable,
      EntryContext: context,
      IndicatorTimeline: [],
      IgnoreAutoExtract: Boolean(this.options.ignoreAutoExtract),
      Note: Boolean(this.options.markAsNote),
      Relationships: [],
    };
    if (tags && tags.length > 0) entry.Tags = tags;
    return entry;
  }
}

/** stringEscapeMD(s, minimal_escaping=True, escape_multiline=True). */
function escapeCell(s: string): string {
  return s.replace(/\r\n|\r|\n/g, '<br>').replace(/[|`]/g, (c) => `\\${c}`);
}

/** flattenCell(data, is_pretty=False). */
function flattenCell(data: unknown): string {
  if (typeof data === 'string') return data;
  if (Array.isArray(data)) return data.map((d) => pyStr(d)).join(',\n');
  return pyJsonDumps(data, { ensureAscii: false });
}

/** formatCell with the default JsonTransformer(flatten=True). */
function formatCell(data: unknown): string {
  if (typeof data === 'string') return data;
  if (isPlainObject(data)) {
    return Object.entries(data)
      .map(([k, v]) => `${k}: ${flattenCell(v)}`)
      .join('\n');
  }
  return flattenCell(data);
}

/** CSP's tableToMarkdown(name, t) with default options (sorted headers from the first row). */
export function tableToMarkdown(name: string, table: unknown): string {
  let md = name ? `### ${name}\n` : '';
  const isEmpty =
    table === null ||
    table === undefined ||
    table === '' ||
    (Array.isArray(table) && table.length === 0) ||
    (isPlainObject(table) && Object.keys(table).length === 0);
  if (isEmpty) return `${md}**No entries.**\n`;

  let headers: string[] | undefined;
  let rows: unknown = table;
  if (isPlainObject(rows) && Object.keys(rows).length === 1) {
    // A single key becomes a one-column table of its value.
    headers = Object.keys(rows);
    rows = Object.values(rows)[0];
  }
  const list: unknown[] = Array.isArray(rows) ? rows : [rows];
  if (list.length === 0) throw new RangeError('list index out of range');
  let records: Record<string, unknown>[];
  if (!isPlainObject(list[0])) {
    const header = headers?.[0];
    if (header === undefined)
      throw new Error("Missing headers param for tableToMarkdown. Example: headers=['Some Header']");
    records = list.map((item) => ({ [header]: item }));
  } else {
    records = list as Record<string, unknown>[];
  }
  headers ??= Object.keys(records[0] as Record<string, unknown>).sort();
  if (headers.length === 0) return `${md}**No entries.**\n`;

  md += `|${headers.map(escapeCell).join('|')}|\n`;
  md += `|${headers.map(() => '---').join('|')}|\n`;
  for (const record of records) {
    const cells = headers.map((h) => {
      const value = record[h];
      return escapeCell(value === null || value === undefined ? '' : formatCell(value));
    });
    md += `| ${cells.join(' | ')} |\n`;
  }
  return md;
}
