/**
 * Checks untrusted input (HTTP bodies, scenario steps) before anything changes. Every problem is
 * reported at once, in one 400 `invalid_request`.
 */
import { HttpError, isMediaType } from '../../shared/index.ts';
import {
  SEVERITIES,
  STATUSES,
  type AttachmentInput,
  type CommentInput,
  type TicketInput,
  type TicketPatch,
  type TicketSeverity,
  type TicketStatus,
} from './model.ts';

type Fields = Record<string, unknown>;

function fail(action: string, problems: string[], hint: string): never {
  throw new HttpError(
    400,
    'invalid_request',
    `helpdesk: failed to ${action}: ${problems.join('; ')}. ${hint}`,
  );
}

function asObject(value: unknown, action: string, hint: string): Fields {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    fail(action, ['the body must be a JSON object'], hint);
  return value as Fields;
}

function checkKeys(body: Fields, allowed: readonly string[], problems: string[]): void {
  for (const key of Object.keys(body))
    if (!allowed.includes(key)) problems.push(`unknown field "${key}" (allowed: ${allowed.join(', ')})`);
}

function checkString(
  body: Fields,
  key: string,
  problems: string[],
  { required = false, nullable = false, nonEmpty = false } = {},
): void {
  const v = body[key];
  if (v === undefined) {
    if (required) problems.push(`"${key}" is required`);
    return;
  }
  if (v === null && nullable) return;
  if (typeof v !== 'string') problems.push(`"${key}" must be a string${nullable ? ' or null' : ''}`);
  else if (nonEmpty && v.trim() === '') problems.push(`"${key}" must not be empty`);
}

function checkEnum(body: Fields, key: string, values: readonly string[], problems: string[]): void {
  const v = body[key];
  if (v !== undefined && !(typeof v === 'string' && values.includes(v)))
    problems.push(`"${key}" must be one of ${values.join(', ')} (got ${JSON.stringify(v)})`);
}

function checkTags(body: Fields, problems: string[]): void {
  const v = body.tags;
  if (v !== undefined && !(Array.isArray(v) && v.every((t) => typeof t === 'string')))
    problems.push('"tags" must be an array of strings');
}

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export function toTicketInput(
  value: unknown,
  { allowSeedFields }: { allowSeedFields: boolean },
): TicketInput {
  const hint = 'Example: { "title": "Phishing mail", "severity": "high" }.';
  const body = asObject(value, 'create ticket', hint);
  const problems: string[] = [];
  const allowed = [
    'id',
    'title',
    'description',
    'status',
    'severity',
    'assignee',
    'tags',
    ...(allowSeedFields ? ['created_at'] : []),
  ];
  checkKeys(body, allowed, problems);
  if (body.id !== undefined && !(typeof body.id === 'string' && ID_PATTERN.test(body.id)))
    problems.push('"id" must be 1-64 letters, digits, ".", "_" or "-"');
  checkString(body, 'title', problems, { required: true, nonEmpty: true });
  checkString(body, 'description', problems);
  checkEnum(body, 'status', STATUSES, problems);
  checkEnum(body, 'severity', SEVERITIES, problems);
  checkString(body, 'assignee', problems, { nullable: true });
  checkTags(body, problems);
  if (body.created_at !== undefined && parseTime(body.created_at) === undefined)
    problems.push('"created_at" must be an ISO-8601 time');
  if (problems.length) fail('create ticket', problems, hint);
  return body as unknown as TicketInput;
}

export function toTicketPatch(value: unknown): TicketPatch {
  const hint =
    'Send any of title, description, status, severity, assignee, tags, and optionally the version you read.';
  const body = asObject(value, 'update ticket', hint);
  const problems: string[] = [];
  checkKeys(body, ['title', 'description', 'status', 'severity', 'assignee', 'tags', 'version'], problems);
  checkString(body, 'title', problems, { nonEmpty: true });
  checkString(body, 'description', problems);
  checkEnum(body, 'status', STATUSES, problems);
  checkEnum(body, 'severity', SEVERITIES, problems);
  checkString(body, 'assignee', problems, { nullable: true });
  checkTags(body, problems);
  if (body.version !== undefined && !(Number.isInteger(body.version) && (body.version as number) >= 1))
    problems.push('"version" must be an integer >= 1');
  if (problems.length) fail('update ticket', problems, hint);
  return body as TicketPatch;
}

export function toCommentInput(value: unknown): CommentInput {
  const hint = 'Example: { "body": "Escalated to tier 2", "internal": false }.';
  const body = asObject(value, 'add comment', hint);
  const problems: string[] = [];
  checkKeys(body, ['body', 'author', 'internal'], problems);
  checkString(body, 'body', problems, { required: true, nonEmpty: true });
  checkString(body, 'author', problems);
  if (body.internal !== undefined && typeof body.internal !== 'boolean')
    problems.push('"internal" must be a boolean');
  if (problems.length) fail('add comment', problems, hint);
  return body as unknown as CommentInput;
}

export function toAttachmentInput(value: unknown): AttachmentInput {
  const hint =
    'Example: { "name": "mail.eml", "content_type": "message/rfc822", "content_base64": "SGVsbG8=" }.';
  const body = asObject(value, 'upload attachment', hint);
  const problems: string[] = [];
  checkKeys(body, ['name', 'content_type', 'content_base64'], problems);
  checkString(body, 'name', problems, { required: true, nonEmpty: true });
  checkString(body, 'content_type', problems);
  if (typeof body.content_type === 'string' && !isMediaType(body.content_type))
    problems.push('"content_type" is not a media type such as text/plain (printable ASCII, no line breaks)');
  checkString(body, 'content_base64', problems, { required: true });
  if (
    typeof body.content_base64 === 'string' &&
    !/^[A-Za-z0-9+/]*={0,2}$/.test(body.content_base64.replace(/\s+/g, ''))
  )
    problems.push('"content_base64" is not valid base64');
  if (problems.length) fail('upload attachment', problems, hint);
  return body as unknown as AttachmentInput;
}

export function toCloseInput(value: unknown): { reason?: string; notes?: string } {
  const hint = 'Example: { "reason": "resolved", "notes": "false positive" }.';
  const body = value === undefined ? {} : asObject(value, 'close ticket', hint);
  const problems: string[] = [];
  checkKeys(body, ['reason', 'notes'], problems);
  checkString(body, 'reason', problems);
  checkString(body, 'notes', problems);
  if (problems.length) fail('close ticket', problems, hint);
  return body as { reason?: string; notes?: string };
}

/** Epoch ms of an ISO-8601 time with a zone (or a date); undefined when it is not one. */
export function parseTime(value: unknown): number | undefined {
  if (
    typeof value !== 'string' ||
    !/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(value)
  )
    return undefined;
  // A time without a zone is UTC (Date.parse would take it as the process's local time).
  let text = value.replace(' ', 'T');
  if (text.includes('T') && !/(Z|[+-]\d{2}:?\d{2})$/.test(text)) text += 'Z';
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

export function isStatus(v: string): v is TicketStatus {
  return (STATUSES as readonly string[]).includes(v);
}

export function isSeverity(v: string): v is TicketSeverity {
  return (SEVERITIES as readonly string[]).includes(v);
}
